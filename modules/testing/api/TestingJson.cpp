// TestingJson: test items, results, formulas, entry records and QC as JSON (field tables:
// assay/JsonFields.hpp).
#include "api/TestingJson.hpp"

#include "assay/JsonFields.hpp"
#include "assay/RequestLang.hpp"

namespace assay::testing {

namespace {
constexpr auto kVersion = fields<ResultVersion>(
    field::integer("version", &ResultVersion::version),
    field::text("status", &ResultVersion::status),
    field::text("value_text", &ResultVersion::valueText),
    field::text("reported", &ResultVersion::reported),
    field::optText("conformity", &ResultVersion::conformity),
    field::id("raw_ref", &ResultVersion::rawRef),
    field::text("by", &ResultVersion::changedName),
    field::time("at", &ResultVersion::changedAtMs),
    field::optText("reason", &ResultVersion::reason));

Poco::Dynamic::Var formulaRef(const Result& r) {
    if (!r.formulaId) return Poco::Dynamic::Var();
    auto f = makeObject();
    f->set("id", std::to_string(*r.formulaId));
    f->set("version", r.formulaVersion.value_or(0));
    return f;
}

constexpr auto kRawRef = fields<Result>(
    field::text("kind", &Result::rawKind),
    field::id("ref", &Result::rawRef));

// What a value reads as on the report: in a result and in its preview.
constexpr auto kReading = fields<Result>(
    field::text("reported", &Result::reported),
    field::text("unit", &Result::unit),
    field::optText("limit", &Result::limitText),
    field::optText("conformity", &Result::conformity),
    field::optDecimal("uncertainty", &Result::uncertainty),
    field::flag("mu_straddles", &Result::muStraddles));

constexpr auto kTestItem = fields<TestItem>(
    field::id("id", &TestItem::id),
    field::text("order_code", &TestItem::orderCode),
    field::text("sample_code", &TestItem::sampleCode),
    field::text("product", &TestItem::product),
    field::text("product_category", &TestItem::productCategory),
    field::id("parameter_id", &TestItem::parameterId),
    field::id("method_id", &TestItem::methodId),
    field::optId("specification_id", &TestItem::specificationId),
    field::optText("decision_rule", &TestItem::decisionRule),
    field::optId("assignee_user_id", &TestItem::assigneeUserId),
    field::optText("assignee", &TestItem::assigneeName),
    field::optDate("test_date", &TestItem::testDate),
    field::optId("batch_id", &TestItem::batchId),
    field::time("created_at", &TestItem::createdAtMs));

constexpr auto kResult = fields<Result>(
    field::id("id", &Result::id),
    field::id("test_item_id", &Result::testItemId),
    field::integer("attempt", &Result::attempt),
    field::text("status", &Result::status),
    field::text("value_text", &Result::valueText),
    field::optDecimal("value", &Result::value),
    field::flag("below_lod", &Result::belowLod),
    field::optDecimal("lod", &Result::lod),
    kReading,
    field::optText("equipment_flag", &Result::equipmentFlag),  // R15 flag policy: no CMA/CNAS mark
    field::optId("nc_id", &Result::ncId),
    field::group("raw", kRawRef),
    field::text("performer", &Result::performerName),
    field::id("performer_user_id", &Result::performerUserId),
    field::optText("checker", &Result::checkerName),
    field::optText("approver", &Result::approverName),
    field::optText("invalid_reason", &Result::invalidReason),
    field::optText("retest_reason", &Result::retestReason),
    field::time("updated_at", &Result::updatedAtMs),
    field::etag("etag", &Result::version),  // for If-Match when the result comes inside its item
    field::json("formula", formulaRef),
    field::optText("interim", &Result::interim),
    // R20: the row (or its entry record) no longer matches the state the audit trail recorded.
    field::flag("tampered", [](const Result& r) { return r.tamperReason.has_value(); }),
    field::optText("tamper_reason", &Result::tamperReason),
    field::array("history", &Result::history, kVersion));

// A result computed but not stored (the entry preview).
constexpr auto kPreview = fields<Result>(
    field::optDecimal("value", &Result::value),
    field::flag("below_lod", &Result::belowLod),
    kReading,
    field::optText("interim", &Result::interim));

constexpr auto kFormula = fields<Formula>(
    field::id("id", &Formula::id),
    field::id("parameter_id", &Formula::parameterId),
    field::id("method_id", &Formula::methodId),
    field::integer("version", &Formula::version),
    field::text("expression", &Formula::expression),
    field::strings("inputs", &Formula::inputs),
    field::text("status", &Formula::status),
    field::optText("note", &Formula::note),
    field::text("created_by", &Formula::createdName),
    field::time("created_at", &Formula::createdAtMs));

constexpr auto kEntryRecord = fields<EntryRecord>(
    field::id("id", &EntryRecord::id),
    field::id("test_item_id", &EntryRecord::testItemId),
    field::text("typed", &EntryRecord::typed),
    field::text("by", &EntryRecord::enteredName),
    field::time("at", &EntryRecord::atMs),
    field::text("sha256", &EntryRecord::sha256));

constexpr auto kBatch = fields<Batch>(
    field::id("id", &Batch::id),
    field::text("name", &Batch::name),
    field::id("parameter_id", &Batch::parameterId),
    field::id("method_id", &Batch::methodId),
    field::text("status", &Batch::status),
    field::optText("disposition_reason", &Batch::dispositionReason),
    field::optText("disposed_by", &Batch::disposedName),
    field::optTime("disposed_at", &Batch::disposedAtMs),
    field::time("created_at", &Batch::createdAtMs));

constexpr auto kQcResult = fields<QcResult>(
    field::id("id", &QcResult::id),
    field::id("batch_id", &QcResult::batchId),
    field::text("kind", &QcResult::kind),
    field::text("material", &QcResult::material),
    field::decimal("value", &QcResult::value),
    field::text("criteria", [](const QcResult& q) { return qcText(q.criteria, requestLang()); }),
    field::optDecimal("figure", &QcResult::figure),
    field::optDecimal("target", &QcResult::target),
    field::optDecimal("sd", &QcResult::sd),
    field::text("outcome", [](const QcResult& q) { return std::string(q.pass ? "pass" : "fail"); }),
    field::text("detail", [](const QcResult& q) { return qcText(q.detail, requestLang()); }),
    field::text("by", &QcResult::measuredName),
    field::time("at", &QcResult::measuredAtMs));
}  // namespace

constexpr auto kPerformer = fields<accreditation::Performer>(field::id("user_id", &accreditation::Performer::userId),
                                                            field::text("name", &accreditation::Performer::name));
constexpr auto kAssignees = fields<TestItemService::Assignees>(
    field::date("test_date", &TestItemService::Assignees::testDate),
    field::flag("method_usable", [](const TestItemService::Assignees& a) { return a.method.ok; }),
    field::nonEmpty("method_rule", [](const TestItemService::Assignees& a) { return a.method.ok ? std::string() : a.method.rule; }),
    field::nonEmpty("method_reason", [](const TestItemService::Assignees& a) { return a.method.ok ? std::string() : a.method.why.empty() ? a.method.reason : a.method.why.render(requestLang()); }),
    field::array("items", &TestItemService::Assignees::people, kPerformer));

Poco::JSON::Object::Ptr toJson(const TestItemService::Assignees& a) { return kAssignees(a); }

Poco::JSON::Object::Ptr toJson(const TestItem& i) { return kTestItem(i); }
Poco::JSON::Object::Ptr toJson(const Result& r) { return kResult(r); }

Poco::JSON::Object::Ptr previewJson(const Result& x) { return kPreview(x); }

Poco::JSON::Object::Ptr toJson(const ItemView& v) {
    auto o = toJson(v.item);
    o->set("results", jsonArray(v.results));
    return o;
}

Poco::JSON::Object::Ptr toJson(const ResultQueries::SampleConformity& c, const std::string& sampleCode) {
    Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
    for (const auto& [item, result] : c.items) {
        auto o = toJson(item);
        o->set("result", result ? Poco::Dynamic::Var(toJson(*result)) : Poco::Dynamic::Var());
        arr->add(o);
    }
    auto o = makeObject();
    o->set("sample_code", sampleCode);
    o->set("verdict", c.verdict);
    o->set("provisional", c.provisional);
    o->set("items", arr);
    return o;
}

Poco::JSON::Object::Ptr toJson(const Formula& f) { return kFormula(f); }

Poco::JSON::Object::Ptr toJson(const EntryRecord& e) { return kEntryRecord(e); }

Poco::JSON::Object::Ptr toJson(const Batch& b) { return kBatch(b); }

Poco::JSON::Object::Ptr toJson(const QcResult& q) { return kQcResult(q); }

Poco::JSON::Object::Ptr toJson(const BatchView& v) {
    auto o = toJson(v.batch);
    o->set("item_ids", jsonArray(v.itemIds, [](std::int64_t id) { return std::to_string(id); }));
    o->set("qc", jsonArray(v.qc));
    return o;
}

Poco::JSON::Object::Ptr toJson(const SeriesPoint& pt) {
    auto o = toJson(pt.qc);
    o->set("z", optDec(pt.z ? std::optional<Decimal>(pt.z->roundToDecimals(2)) : std::nullopt));
    o->set("rules", jsonArray(pt.rules, [](const std::string& rule) { return rule; }));
    return o;
}

}  // namespace assay::testing
