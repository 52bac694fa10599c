// OrderReports: the reports module's published view of the reports issued for an order.
//
// Purpose: the platform link delivers the signed PDF of an SME's booked order to that SME's
// account (issue 15), and tells it when an amendment replaces the report or the lab withdraws it.
// Published by ReportsModule. Thread-safety: reads in the caller's transaction; stateless.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "assay/Db.hpp"

namespace assay::reports {

struct OrderReport {
    std::int64_t id = 0;
    std::string number;
    std::string status;  // issued | superseded | withdrawn
    std::optional<std::string> issueDate, verifyCode, amendsNumber;
    std::string pdfSha256;
};

class OrderReports {
public:
    virtual ~OrderReports() = default;
    // Every report of the order that was issued (issued, superseded or withdrawn), oldest first.
    // Without the PDFs (the platform link asks each second whether anything changed).
    virtual std::vector<OrderReport> reportsOfOrder(Tx& tx, std::int64_t labId, const std::string& orderCode) = 0;
    // base64 of a report's PDF as issued (signed); none for an unknown or unissued report.
    virtual std::optional<std::string> pdfOf(Tx& tx, std::int64_t labId, std::int64_t reportId) = 0;
};

}  // namespace assay::reports
