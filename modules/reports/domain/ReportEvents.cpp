// ReportEvents: the report.issued payload.
#include "domain/ReportEvents.hpp"

#include <Poco/JSON/Array.h>

#include "assay/Clock.hpp"
#include "assay/Json.hpp"
#include "storage/ReportRepository.hpp"

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

std::vector<OrderReport> OrderReportsView::reportsOfOrder(Tx& tx, std::int64_t labId, const std::string& orderCode) {
    ReportRepository repo;
    std::vector<OrderReport> out;
    for (const auto& r : repo.issuedOfOrder(tx, labId, orderCode)) {
        if (!r.number || !r.pdfSha256) continue;
        std::optional<std::string> amends;
        if (const auto a = repo.amendment(tx, labId, r.id)) amends = repo.numberOf(tx, labId, a->amendsId);
        out.push_back({r.id, *r.number, toString(r.status), r.issueDate, r.verifyCode, amends, *r.pdfSha256});
    }
    return out;
}

std::optional<std::string> OrderReportsView::pdfOf(Tx& tx, std::int64_t labId, std::int64_t reportId) {
    const auto r = ReportRepository().find(tx, labId, reportId);
    return r && r->number ? r->pdf : std::nullopt;
}

}  // namespace assay::reports
