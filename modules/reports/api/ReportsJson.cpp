// ReportsJson: reports, keys, checks, notifications, batch jobs and verifications as JSON (field
// tables: assay/JsonFields.hpp).
#include "api/ReportsJson.hpp"

#include "assay/RequestLang.hpp"
#include "assay/JsonFields.hpp"

namespace assay::reports {

namespace {
using field::at;

void setAmendment(Poco::JSON::Object& o, const Report& r) {
    if (!r.amendment) {
        o.set("amends", Poco::Dynamic::Var());
        return;
    }
    auto a = makeObject();
    a->set("id", std::to_string(r.amendment->amendsId));
    a->set("number", optStr(r.amendsNumber));
    o.set("amends", a);
    o.set("amendment_no", r.amendment->amendmentNo);
    o.set("amendment_reason", r.amendment->reason);
    o.set("amendment_cause", r.amendment->cause);
    o.set("original_recovered", r.amendment->originalRecovered);
    o.set("public_notice", r.amendment->publicNotice);
}

Poco::Dynamic::Var verifyUrl(const Report& r) {
    return r.verifyCode ? Poco::Dynamic::Var("/verify/" + *r.verifyCode) : Poco::Dynamic::Var();
}

// Then its amendment (setAmendment) and its ETag.
constexpr auto kReport = fields<Report>(
    field::id("id", &Report::id),
    field::text("order_code", &Report::orderCode),
    field::strings("sample_codes", &Report::sampleCodes),
    field::text("status", &Report::status),
    field::optText("number", &Report::number),
    field::optId("signatory_user_id", &Report::signatoryUserId),
    field::time("created_at", &Report::createdAtMs),
    field::optDate("issue_date", &Report::issueDate),
    field::optTime("issued_at", &Report::issuedAtMs),
    field::optText("canonical_sha256", &Report::canonicalSha256),
    field::optText("pdf_sha256", &Report::pdfSha256),
    field::optText("signature", &Report::signature),
    field::optText("certificate_sha256", &Report::keyFingerprint),
    field::optText("verify_code", &Report::verifyCode),
    field::json("verify_url", verifyUrl),
    field::optText("superseded_by", &Report::supersededByNumber),
    field::optText("withdrawn_reason", &Report::withdrawnReason),
    field::optTime("disposed_at", &Report::disposedAtMs));

std::string certificateUrl(const std::string& fingerprint) { return "/api/verify/certificates/" + fingerprint; }

constexpr auto kSigningKey = fields<SigningKey>(
    field::text("certificate_sha256", &SigningKey::fingerprint),
    field::id("user_id", &SigningKey::userId),
    field::text("status", &SigningKey::status),
    field::text("certificate_pem", &SigningKey::certificatePem),
    field::text("certificate_url", [](const SigningKey& k) { return certificateUrl(k.fingerprint); }),
    field::time("created_at", &SigningKey::createdAtMs));

constexpr auto kCheck = fields<Check>(
    field::text("rule", &Check::rule),
    field::text("status", &Check::status),
    field::flag("blocking", &Check::blocking),
    field::text("reason", [](const Check& c) { return c.message.render(requestLang()); }),
    field::text("code", [](const Check& c) { return c.message.code(); }));

constexpr auto kContent = fields<ContentItem>(
    field::text("item", &ContentItem::item),
    field::text("status", &ContentItem::status),
    field::text("text", [](const ContentItem& i) { return i.message.render(requestLang()); }),
    field::text("code", [](const ContentItem& i) { return i.message.code(); }));

constexpr auto kChange = fields<Change>(
    field::text("sample_code", &Change::sampleCode),
    field::text("parameter", &Change::parameter),
    field::text("field", &Change::field),
    field::text("before", &Change::before),
    field::text("after", &Change::after));

// An amendment's approval: its facts, with when it was stored and what it must name.
Poco::JSON::Object::Ptr approvalJson(const AmendmentFacts& a, const ReportChecksView& v) {
    const auto table = fields<AmendmentFacts>(
        field::flag("required", [](const AmendmentFacts& x) { return x.removesResults || x.changesConclusion; }),
        field::flag("removes_results", &AmendmentFacts::removesResults),
        field::flag("changes_conclusion", &AmendmentFacts::changesConclusion),
        field::flag("approved", &AmendmentFacts::approved),
        field::nonEmpty("approved_by", &AmendmentFacts::approvedBy),
        field::json("approved_at", [&](const AmendmentFacts&) {
            const auto& stored = v.report.amendment;
            return stored ? optTime(stored->approvedAtMs) : Poco::Dynamic::Var();
        }),
        field::flag("stale", &AmendmentFacts::approvalStale),
        // what an approval must name
        field::text("changes_sha256", [&](const AmendmentFacts&) { return v.changesSha256; }));
    return table(a);
}

constexpr auto kMarks = fields<MarkDecision>(
    field::flag("cma", &MarkDecision::cma),
    field::flag("cnas", &MarkDecision::cnas),
    field::flag("ilac_mra", &MarkDecision::ilacMra));

// The report's lines with their scope verdicts and the marks' footnotes.
Poco::JSON::Array::Ptr linesJson(const ReportChecksView& v) {
    const auto& marks = v.outcome.marks;
    const auto line = fields<LineFacts>(
        field::id("test_item_id", &LineFacts::itemId),
        field::text("sample_code", &LineFacts::sampleCode),
        field::text("parameter", &LineFacts::parameter),
        field::text("method", &LineFacts::method),
        field::optText("result_status", &LineFacts::resultStatus),
        field::flag("cma_in_scope", [](const LineFacts& l) { return l.cma.inScope; }),
        field::flag("cnas_in_scope", [](const LineFacts& l) { return l.cnas.inScope; }),
        // footnoted 不在资质认定范围内 / not in CNAS scope
        field::flag("cma_starred", [&](const LineFacts& l) { return marks.cmaStarred.count(l.itemId) > 0; }),
        field::flag("cnas_starred", [&](const LineFacts& l) { return marks.cnasStarred.count(l.itemId) > 0; }),
        field::optText("equipment_flag", &LineFacts::equipmentFlag),
        field::optText("subcontracted_to", &LineFacts::subcontractedTo));
    return jsonArray(v.facts.lines, line);
}

// Then, for an amendment, its changes and their approval.
constexpr auto kChecksView = fields<ReportChecksView>(
    field::id("report_id", at(&ReportChecksView::report, &Report::id)),
    field::date("date", &ReportChecksView::date),
    field::flag("issuable", at(&ReportChecksView::outcome, &CheckOutcome::issuable)),
    field::object("marks", at(&ReportChecksView::outcome, &CheckOutcome::marks), kMarks),
    field::array("checks", at(&ReportChecksView::outcome, &CheckOutcome::checks), kCheck),
    field::array("contents", at(&ReportChecksView::outcome, &CheckOutcome::contents), kContent),  // R27: 7.8.2.1 a–p
    field::json("lines", linesJson),
    field::strings("exclusions", at(&ReportChecksView::facts, &CheckInput::exclusions)));

// What waits on the signatory: the checks that fail or warn, in the reader's language.
constexpr auto kWaiting = fields<QueuedReport>(
    field::date("date", &QueuedReport::date),
    field::flag("issuable", &QueuedReport::issuable),
    field::array("open_checks", &QueuedReport::open, kCheck),
    field::json("problem", [](const QueuedReport& q) {
        return q.problem ? Poco::Dynamic::Var(q.problem->render(requestLang())) : Poco::Dynamic::Var();
    }));

constexpr auto kNotification = fields<Notification>(
    field::text("kind", &Notification::kind),
    field::text("channel", &Notification::channel),
    field::text("recipient", &Notification::recipient),
    field::text("message", &Notification::message),
    field::time("created_at", &Notification::createdAtMs));

constexpr auto kBatchItem = fields<BatchItem>(
    field::id("report_id", &BatchItem::reportId),
    field::text("status", &BatchItem::status),
    field::optText("number", &BatchItem::number),
    field::json("problem", [](const BatchItem& i) {
        return i.problem ? Poco::Dynamic::Var(i.problem->render(requestLang())) : Poco::Dynamic::Var();
    }),
    field::json("problem_code", [](const BatchItem& i) { return i.problem ? Poco::Dynamic::Var(i.problem->code()) : Poco::Dynamic::Var(); }));

constexpr auto kBatchJob = fields<BatchJob>(
    field::text("id", &BatchJob::id),
    field::text("status", &BatchJob::status),
    field::integer("total", [](const BatchJob& j) { return static_cast<int>(j.items.size()); }),
    field::integer("done", &BatchJob::done),
    field::integer("failed", &BatchJob::failed),
    field::integer("percent", &BatchJob::percent),
    field::time("created_at", &BatchJob::createdAtMs),
    field::optTime("finished_at", &BatchJob::finishedAtMs),
    field::array("items", &BatchJob::items, kBatchItem));

constexpr auto kPrinted = fields<PrintedLine>(
    field::text("sample_code", &PrintedLine::sampleCode),
    field::text("parameter", &PrintedLine::parameter),
    field::text("reported", &PrintedLine::reported),
    field::text("unit", &PrintedLine::unit),
    field::text("limit", &PrintedLine::limit),
    field::text("conformity", &PrintedLine::conformity));

// R38: the results only with the customer's consent (when the customer is shown).
Poco::Dynamic::Var printedResults(const Verification& v) {
    return v.customer ? Poco::Dynamic::Var(jsonArray(v.results, kPrinted)) : Poco::Dynamic::Var();
}

constexpr auto kVerificationMarks = fields<Verification>(
    field::flag("cma", &Verification::cma),
    field::flag("cnas", &Verification::cnas));

constexpr auto kVerification = fields<Verification>(
    field::text("number", &Verification::number),
    field::text("lab", &Verification::lab),
    field::date("issue_date", &Verification::issueDate),
    field::text("status", &Verification::status),
    field::optText("superseded_by", &Verification::supersededBy),
    field::optText("pdf_sha256", &Verification::pdfSha256),
    field::strings("public_notices", &Verification::publicNotices),
    field::optText("customer", &Verification::customer),  // R38: only with the customer's consent
    field::json("results", printedResults),
    field::text("signatory", &Verification::signatory),
    field::text("canonical_sha256", &Verification::canonicalSha256),
    field::text("signature", &Verification::signature),
    field::text("certificate_sha256", &Verification::keyFingerprint),
    field::text("certificate_url", [](const Verification& v) { return certificateUrl(v.keyFingerprint); }),
    field::group("marks", kVerificationMarks));
}  // namespace

Poco::JSON::Object::Ptr toJson(const Report& r) {
    auto o = kReport(r);
    setAmendment(*o, r);
    o->set("etag", etag(r.version));
    return o;
}

Poco::JSON::Object::Ptr toJson(const SigningKey& k) { return kSigningKey(k); }

Poco::JSON::Object::Ptr toJson(const ReportChecksView& v) {
    auto o = kChecksView(v);
    if (const auto& a = v.facts.amendment) {
        o->set("changes", jsonArray(a->changes, kChange));
        o->set("approval", approvalJson(*a, v));
    }
    return o;
}

Poco::JSON::Object::Ptr toJson(const QueuedReport& q) {
    auto o = toJson(q.report);
    o->set("waiting", kWaiting(q));
    return o;
}

Poco::JSON::Object::Ptr toJson(const Notification& n) { return kNotification(n); }
Poco::JSON::Object::Ptr toJson(const BatchJob& j) { return kBatchJob(j); }
Poco::JSON::Object::Ptr toJson(const Verification& v) { return kVerification(v); }

}  // namespace assay::reports
