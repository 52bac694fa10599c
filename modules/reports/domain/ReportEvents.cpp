// ReportEvents: the report.issued payload.
#include "domain/ReportEvents.hpp"

#include <Poco/JSON/Array.h>

#include "assay/Clock.hpp"
#include "assay/Json.hpp"

namespace assay::reports {

std::string reportIssuedPayload(const Report& r) {
    auto o = makeObject();
    o->set("report_id", std::to_string(r.id));
    o->set("lab_id", std::to_string(r.labId));
    o->set("number", r.number.value_or(""));
    o->set("status", toString(r.status));
    o->set("order_code", r.orderCode);
    Poco::JSON::Array::Ptr samples = new Poco::JSON::Array;
    for (const auto& s : r.sampleCodes) samples->add(s);
    o->set("sample_codes", samples);
    if (r.issueDate) o->set("issue_date", *r.issueDate);
    if (r.issuedAtMs) o->set("issued_at", formatRfc3339(fromEpochMillis(*r.issuedAtMs)));
    if (r.verifyCode) o->set("verification_code", *r.verifyCode);
    if (r.pdfSha256) o->set("pdf_sha256", *r.pdfSha256);
    if (r.canonicalSha256) o->set("canonical_sha256", *r.canonicalSha256);
    if (r.amendsNumber) o->set("amends_number", *r.amendsNumber);
    return toJson(o);
}

void publishReportIssued(Outbox* outbox, Tx& tx, const Report& r) {
    if (outbox) outbox->enqueue(tx, kReportIssuedTopic, r.labId, reportIssuedPayload(r));
}

void publishReportWithdrawn(Outbox* outbox, Tx& tx, const Report& r) {
    if (outbox) outbox->enqueue(tx, kReportWithdrawnTopic, r.labId, reportIssuedPayload(r));
}

}  // namespace assay::reports
