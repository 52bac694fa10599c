// IdentityJson: the one JSON rendering of each identity entity (every route renders through it).
// Thread-safety: pure functions.
#pragma once

#include <Poco/JSON/Object.h>

#include "assay/Principal.hpp"
#include "domain/Identity.hpp"

namespace assay::identity {

Poco::JSON::Object::Ptr toJson(const User& u);
Poco::JSON::Object::Ptr toJson(const Organization& g);
Poco::JSON::Object::Ptr toJson(const ApiKey& k);
// A principal that is not a stored user (an API key's partner): the user fields it has.
Poco::JSON::Object::Ptr toJson(const Principal& p);

}  // namespace assay::identity
