// ReportsJson: reports, keys, checks, notifications, batch jobs and verifications as JSON.
#include "api/ReportsJson.hpp"

#include "assay/ApiEdge.hpp"

namespace assay::reports {

namespace {
Poco::JSON::Array::Ptr strings(const std::vector<std::string>& v) {
    return jsonArray(v, [](const std::string& s) { return s; });
}

void setAmendment(Poco::JSON::Object::Ptr& o, const Report& r) {
    if (!r.amendment) {
        o->set("amends", Poco::Dynamic::Var());
        return;
    }
    auto a = makeObject();
    a->set("id", std::to_string(r.amendment->amendsId));
    a->set("number", optStr(r.amendsNumber));
    o->set("amends", a);
    o->set("amendment_no", r.amendment->amendmentNo);
    o->set("amendment_reason", r.amendment->reason);
    o->set("amendment_cause", r.amendment->cause);
    o->set("original_recovered", r.amendment->originalRecovered);
    o->set("public_notice", r.amendment->publicNotice);
}
}  // namespace

Poco::JSON::Object::Ptr toJson(const Report& r) {
    auto o = makeObject();
    o->set("id", std::to_string(r.id));
    o->set("order_code", r.orderCode);
    o->set("sample_codes", strings(r.sampleCodes));
    o->set("status", r.status);
    o->set("number", optStr(r.number));
    o->set("signatory_user_id", optId(r.signatoryUserId));
    o->set("created_at", rfc3339(r.createdAtMs));
    o->set("issue_date", optStr(r.issueDate));
    o->set("issued_at", optTime(r.issuedAtMs));
    o->set("canonical_sha256", optStr(r.canonicalSha256));
    o->set("pdf_sha256", optStr(r.pdfSha256));
    o->set("signature", optStr(r.signature));
    o->set("certificate_sha256", optStr(r.keyFingerprint));
    o->set("verify_code", optStr(r.verifyCode));
    o->set("verify_url", r.verifyCode ? Poco::Dynamic::Var("/verify/" + *r.verifyCode) : Poco::Dynamic::Var());
    o->set("superseded_by", optStr(r.supersededByNumber));
    o->set("withdrawn_reason", optStr(r.withdrawnReason));
    o->set("disposed_at", optTime(r.disposedAtMs));
    setAmendment(o, r);
    o->set("etag", etag(r.version));
    return o;
}

Poco::JSON::Object::Ptr toJson(const SigningKey& k) {
    auto o = makeObject();
    o->set("certificate_sha256", k.fingerprint);
    o->set("user_id", std::to_string(k.userId));
    o->set("status", k.status);
    o->set("certificate_pem", k.certificatePem);
    o->set("certificate_url", "/api/verify/certificates/" + k.fingerprint);
    o->set("created_at", rfc3339(k.createdAtMs));
    return o;
}

namespace {
Poco::JSON::Object::Ptr checkJson(const Check& c) {
    auto x = makeObject();
    x->set("rule", c.rule);
    x->set("status", c.status);
    x->set("blocking", c.blocking);
    x->set("reason", c.reason);
    return x;
}

Poco::JSON::Object::Ptr contentJson(const ContentItem& c) {
    auto x = makeObject();
    x->set("item", c.item);
    x->set("status", c.status);
    x->set("text", c.text);
    return x;
}

Poco::JSON::Object::Ptr lineJson(const LineFacts& l, const MarkDecision& marks) {
    auto x = makeObject();
    x->set("test_item_id", std::to_string(l.itemId));
    x->set("sample_code", l.sampleCode);
    x->set("parameter", l.parameter);
    x->set("method", l.method);
    x->set("result_status", l.resultStatus);
    x->set("cma_in_scope", l.cma.inScope);
    x->set("cnas_in_scope", l.cnas.inScope);
    x->set("cma_starred", marks.cmaStarred.count(l.itemId) > 0);    // 不在资质认定范围内
    x->set("cnas_starred", marks.cnasStarred.count(l.itemId) > 0);  // not in CNAS scope
    x->set("equipment_flag", optStr(l.equipmentFlag));
    x->set("subcontracted_to", optStr(l.subcontractedTo));
    return x;
}

Poco::JSON::Object::Ptr changeJson(const Change& c) {
    auto x = makeObject();
    x->set("sample_code", c.sampleCode);
    x->set("parameter", c.parameter);
    x->set("field", c.field);
    x->set("before", c.before);
    x->set("after", c.after);
    return x;
}

Poco::JSON::Object::Ptr approvalJson(const AmendmentFacts& a, const ReportChecksView& v) {
    auto approval = makeObject();
    approval->set("required", a.removesResults || a.changesConclusion);
    approval->set("removes_results", a.removesResults);
    approval->set("changes_conclusion", a.changesConclusion);
    approval->set("approved", a.approved);
    approval->set("approved_by", nonEmpty(a.approvedBy));
    const auto& stored = v.report.amendment;
    approval->set("approved_at", stored ? optTime(stored->approvedAtMs) : Poco::Dynamic::Var());
    approval->set("stale", a.approvalStale);
    approval->set("changes_sha256", v.changesSha256);  // what an approval must name
    return approval;
}
}  // namespace

Poco::JSON::Object::Ptr toJson(const ReportChecksView& v) {
    auto o = makeObject();
    o->set("report_id", std::to_string(v.report.id));
    o->set("date", v.date);
    o->set("issuable", v.outcome.issuable);
    auto marks = makeObject();
    marks->set("cma", v.outcome.marks.cma);
    marks->set("cnas", v.outcome.marks.cnas);
    marks->set("ilac_mra", v.outcome.marks.ilacMra);
    o->set("marks", marks);
    o->set("checks", jsonArray(v.outcome.checks, checkJson));
    o->set("contents", jsonArray(v.outcome.contents, contentJson));  // R27: 7.8.2.1 a–p
    o->set("lines", jsonArray(v.facts.lines, [&](const LineFacts& l) { return lineJson(l, v.outcome.marks); }));
    o->set("exclusions", strings(v.facts.exclusions));
    if (const auto& a = v.facts.amendment) {
        o->set("changes", jsonArray(a->changes, changeJson));
        o->set("approval", approvalJson(*a, v));
    }
    return o;
}

Poco::JSON::Object::Ptr toJson(const Notification& n) {
    auto o = makeObject();
    o->set("kind", n.kind);
    o->set("channel", n.channel);
    o->set("recipient", n.recipient);
    o->set("message", n.message);
    o->set("created_at", rfc3339(n.createdAtMs));
    return o;
}

Poco::JSON::Object::Ptr toJson(const BatchJob& j) {
    auto o = makeObject();
    o->set("id", j.id);
    o->set("status", j.status);
    o->set("total", static_cast<int>(j.items.size()));
    o->set("done", j.done());
    o->set("failed", j.failed());
    o->set("percent", j.percent());
    o->set("created_at", rfc3339(j.createdAtMs));
    o->set("finished_at", optTime(j.finishedAtMs));
    o->set("items", jsonArray(j.items, [](const auto& i) {
               auto x = makeObject();
               x->set("report_id", std::to_string(i.reportId));
               x->set("status", i.status);
               x->set("number", optStr(i.number));
               x->set("problem", optStr(i.problem));
               return x;
           }));
    return o;
}

namespace {
Poco::JSON::Object::Ptr printedJson(const PrintedLine& l) {
    auto x = makeObject();
    x->set("sample_code", l.sampleCode);
    x->set("parameter", l.parameter);
    x->set("reported", l.reported);
    x->set("unit", l.unit);
    x->set("limit", l.limit);
    x->set("conformity", l.conformity);
    return x;
}
}  // namespace

Poco::JSON::Object::Ptr toJson(const Verification& v) {
    auto o = makeObject();
    o->set("number", v.number);
    o->set("lab", v.lab);
    o->set("issue_date", v.issueDate);
    o->set("status", v.status);
    o->set("superseded_by", optStr(v.supersededBy));
    o->set("pdf_sha256", optStr(v.pdfSha256));
    o->set("public_notices", strings(v.publicNotices));
    o->set("customer", optStr(v.customer));  // R38: only with the customer's consent
    o->set("results", v.customer ? Poco::Dynamic::Var(jsonArray(v.results, printedJson)) : Poco::Dynamic::Var());
    o->set("signatory", v.signatory);
    o->set("canonical_sha256", v.canonicalSha256);
    o->set("signature", v.signature);
    o->set("certificate_sha256", v.keyFingerprint);
    o->set("certificate_url", "/api/verify/certificates/" + v.keyFingerprint);
    auto marks = makeObject();
    marks->set("cma", v.cma);
    marks->set("cnas", v.cnas);
    o->set("marks", marks);
    return o;
}

}  // namespace assay::reports
