// TestingJson: the one JSON rendering of each testing entity (test items, results and their
// versions, formulas, entry records, QC batches, QC results and series points); every route that
// shows one renders through it.
// Thread-safety: pure functions.
#pragma once

#include <Poco/JSON/Object.h>

#include "domain/QcService.hpp"
#include "domain/FormulaService.hpp"
#include "domain/ResultQueries.hpp"
#include "domain/ResultService.hpp"
#include "domain/TestItemService.hpp"

namespace assay::testing {

Poco::JSON::Object::Ptr toJson(const TestItem& i);
Poco::JSON::Object::Ptr toJson(const TestItemService::Assignees& a);
Poco::JSON::Object::Ptr toJson(const Result& r);
// What a reading would give (POST .../preview): the evaluated fields of a result, nothing stored.
Poco::JSON::Object::Ptr previewJson(const Result& x);
// A test item with every result attempt and its versions.
Poco::JSON::Object::Ptr toJson(const ItemView& v);
Poco::JSON::Object::Ptr toJson(const ResultQueries::SampleConformity& c, const std::string& sampleCode);
Poco::JSON::Object::Ptr toJson(const Formula& f);
Poco::JSON::Object::Ptr toJson(const EntryRecord& e);
Poco::JSON::Object::Ptr toJson(const Batch& b);
Poco::JSON::Object::Ptr toJson(const QcResult& q);
// A batch with its item ids and QC results.
Poco::JSON::Object::Ptr toJson(const BatchView& v);
// A QC value of a series with its z-score (2 decimals) and the Westgard rules it broke.
Poco::JSON::Object::Ptr toJson(const SeriesPoint& pt);

}  // namespace assay::testing
