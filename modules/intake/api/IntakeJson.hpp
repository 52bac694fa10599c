// IntakeJson: the one JSON rendering of each intake entity (samples, orders, their items, custody
// events, retention periods); every route that shows one renders through it.
// Thread-safety: pure functions.
#pragma once

#include <vector>

#include <Poco/JSON/Object.h>

#include "domain/Order.hpp"
#include "domain/Sample.hpp"
#include "domain/SampleService.hpp"

namespace assay::intake {

Poco::JSON::Object::Ptr toJson(const Sample& s);
// {count, items}: the samples a batch or an import registered.
Poco::JSON::Object::Ptr toJson(const std::vector<Sample>& samples);
Poco::JSON::Object::Ptr toJson(const CustodyEvent& e);
Poco::JSON::Object::Ptr toJson(const RetentionPeriod& p);
Poco::JSON::Object::Ptr toJson(const OrderItem& i);
// An order; with samples (the full view) also its items, acceptance blockers and samples; a
// listing passes none and gets the items only when the order carries them.
Poco::JSON::Object::Ptr toJson(const Order& x, const std::vector<Sample>* samples = nullptr);

}  // namespace assay::intake
