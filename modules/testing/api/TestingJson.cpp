// TestingJson: test items, results, formulas, entry records and QC as JSON.
#include "api/TestingJson.hpp"

#include "assay/ApiEdge.hpp"

namespace assay::testing {

namespace {
Poco::JSON::Object::Ptr versionJson(const ResultVersion& v) {
    auto h = makeObject();
    h->set("version", v.version);
    h->set("status", v.status);
    h->set("value_text", v.valueText);
    h->set("reported", v.reported);
    h->set("conformity", optStr(v.conformity));
    h->set("raw_ref", std::to_string(v.rawRef));
    h->set("by", v.changedName);
    h->set("at", rfc3339(v.changedAtMs));
    h->set("reason", optStr(v.reason));
    return h;
}

Poco::Dynamic::Var formulaRef(const Result& r) {
    if (!r.formulaId) return Poco::Dynamic::Var();
    auto f = makeObject();
    f->set("id", std::to_string(*r.formulaId));
    f->set("version", r.formulaVersion.value_or(0));
    return f;
}

Poco::JSON::Object::Ptr rawRef(const Result& r) {
    auto raw = makeObject();
    raw->set("kind", r.rawKind);
    raw->set("ref", std::to_string(r.rawRef));
    return raw;
}
}  // namespace

Poco::JSON::Object::Ptr toJson(const TestItem& i) {
    auto o = makeObject();
    o->set("id", std::to_string(i.id));
    o->set("order_code", i.orderCode);
    o->set("sample_code", i.sampleCode);
    o->set("product", i.product);
    o->set("product_category", i.productCategory);
    o->set("parameter_id", std::to_string(i.parameterId));
    o->set("method_id", std::to_string(i.methodId));
    o->set("specification_id", optId(i.specificationId));
    o->set("decision_rule", optStr(i.decisionRule));
    o->set("assignee_user_id", optId(i.assigneeUserId));
    o->set("assignee", optStr(i.assigneeName));
    o->set("test_date", optStr(i.testDate));
    o->set("batch_id", optId(i.batchId));
    o->set("created_at", rfc3339(i.createdAtMs));
    return o;
}

Poco::JSON::Object::Ptr toJson(const Result& r) {
    auto o = makeObject();
    o->set("id", std::to_string(r.id));
    o->set("test_item_id", std::to_string(r.testItemId));
    o->set("attempt", r.attempt);
    o->set("status", r.status);
    o->set("value_text", r.valueText);
    o->set("value", optDec(r.value));
    o->set("below_lod", r.belowLod);
    o->set("lod", optDec(r.lod));
    o->set("reported", r.reported);
    o->set("unit", r.unit);
    o->set("limit", optStr(r.limitText));
    o->set("conformity", optStr(r.conformity));
    o->set("uncertainty", optDec(r.uncertainty));
    o->set("mu_straddles", r.muStraddles);
    o->set("equipment_flag", optStr(r.equipmentFlag));  // R15 flag policy: no CMA/CNAS mark
    o->set("nc_id", optId(r.ncId));
    o->set("raw", rawRef(r));
    o->set("performer", r.performerName);
    o->set("performer_user_id", std::to_string(r.performerUserId));
    o->set("checker", optStr(r.checkerName));
    o->set("approver", optStr(r.approverName));
    o->set("invalid_reason", optStr(r.invalidReason));
    o->set("retest_reason", optStr(r.retestReason));
    o->set("updated_at", rfc3339(r.updatedAtMs));
    o->set("etag", etag(r.version));
    o->set("formula", formulaRef(r));
    o->set("interim", optStr(r.interim));  // for If-Match when the result comes inside its item
    // R20: the row (or its entry record) no longer matches the state the audit trail recorded.
    o->set("tampered", r.tamperReason.has_value());
    o->set("tamper_reason", optStr(r.tamperReason));
    o->set("history", jsonArray(r.history, versionJson));
    return o;
}

Poco::JSON::Object::Ptr previewJson(const Result& x) {
    auto o = makeObject();
    o->set("value", optDec(x.value));
    o->set("below_lod", x.belowLod);
    o->set("reported", x.reported);
    o->set("unit", x.unit);
    o->set("limit", optStr(x.limitText));
    o->set("conformity", optStr(x.conformity));
    o->set("uncertainty", optDec(x.uncertainty));
    o->set("mu_straddles", x.muStraddles);
    o->set("interim", optStr(x.interim));
    return o;
}

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

Poco::JSON::Object::Ptr toJson(const Formula& f) {
    auto o = makeObject();
    o->set("id", std::to_string(f.id));
    o->set("parameter_id", std::to_string(f.parameterId));
    o->set("method_id", std::to_string(f.methodId));
    o->set("version", f.version);
    o->set("expression", f.expression);
    o->set("inputs", jsonArray(f.inputs, [](const std::string& i) { return i; }));
    o->set("status", f.status);
    o->set("note", optStr(f.note));
    o->set("created_by", f.createdName);
    o->set("created_at", rfc3339(f.createdAtMs));
    return o;
}

Poco::JSON::Object::Ptr toJson(const EntryRecord& e) {
    auto o = makeObject();
    o->set("id", std::to_string(e.id));
    o->set("test_item_id", std::to_string(e.testItemId));
    o->set("typed", e.typed);
    o->set("by", e.enteredName);
    o->set("at", rfc3339(e.atMs));
    o->set("sha256", e.sha256);
    return o;
}

Poco::JSON::Object::Ptr toJson(const Batch& b) {
    auto o = makeObject();
    o->set("id", std::to_string(b.id));
    o->set("name", b.name);
    o->set("parameter_id", std::to_string(b.parameterId));
    o->set("method_id", std::to_string(b.methodId));
    o->set("status", b.status);
    o->set("disposition_reason", optStr(b.dispositionReason));
    o->set("disposed_by", optStr(b.disposedName));
    o->set("disposed_at", optTime(b.disposedAtMs));
    o->set("created_at", rfc3339(b.createdAtMs));
    return o;
}

Poco::JSON::Object::Ptr toJson(const QcResult& q) {
    auto o = makeObject();
    o->set("id", std::to_string(q.id));
    o->set("batch_id", std::to_string(q.batchId));
    o->set("kind", q.kind);
    o->set("material", q.material);
    o->set("value", q.value.toString());
    o->set("criteria", q.criteria);
    o->set("figure", optDec(q.figure));
    o->set("target", optDec(q.target));
    o->set("sd", optDec(q.sd));
    o->set("outcome", q.pass ? "pass" : "fail");
    o->set("detail", q.detail);
    o->set("by", q.measuredName);
    o->set("at", rfc3339(q.measuredAtMs));
    return o;
}

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
