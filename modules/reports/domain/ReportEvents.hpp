// ReportEvents: what the reports module tells other systems through the host outbox.
//
// Purpose: `report.issued` is written in the issue transaction (ReportService::signDraft), so
// the message exists exactly when the issued report does. The payload names the report (id,
// number, order, samples, dates, hashes, verification code, what it amends); never the customer's
// name or results (the receiver fetches what it may see through the API).
// Thread-safety: pure functions; publishReportIssued writes through the caller's Tx.
#pragma once

#include <string>

#include "assay/Outbox.hpp"
#include "assay/reports/OrderReports.hpp"
#include "domain/Report.hpp"

namespace assay::reports {

inline constexpr const char* kReportIssuedTopic = "report.issued";
inline constexpr const char* kReportWithdrawnTopic = "report.withdrawn";

// The JSON object of a report.issued message for an issued report r.
std::string reportIssuedPayload(const Report& r);
// Enqueues report.issued for r in tx; nothing when outbox is null (a service built without one).
void publishReportIssued(Outbox* outbox, Tx& tx, const Report& r);
// Enqueues report.withdrawn (the same payload, status withdrawn) for r in tx; nothing when null.
void publishReportWithdrawn(Outbox* outbox, Tx& tx, const Report& r);

// OrderReports over the report repository (the platform link reads an order's issued reports).
class OrderReportsView final : public OrderReports {
public:
    std::vector<OrderReport> reportsOfOrder(Tx& tx, std::int64_t labId, const std::string& orderCode) override;
    std::optional<std::string> pdfOf(Tx& tx, std::int64_t labId, std::int64_t reportId) override;
};

}  // namespace assay::reports
