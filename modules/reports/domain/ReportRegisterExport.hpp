// ReportRegisterExport: the report register (报告登记) as an Excel workbook.
//
// Purpose: the use case behind GET /api/reports/export.xlsx, out of the handler: the first page is
// read before the workbook starts (a bad status is a 400 with nothing written), then every page in
// a constant-memory workbook with Chinese headers, real dates and times, a frozen header and an
// autofilter; signatories are named once each; beyond kMaxRows it stops and says so.
// Thread-safety: safe from any request thread (each call owns its workbook).
#pragma once

#include <string>

#include "assay/Principal.hpp"
#include "domain/ReportService.hpp"

namespace assay::reports {

class ReportRegisterExport {
public:
    static constexpr int kMaxRows = 200000;
    static constexpr const char* kFileName = "报告登记.xlsx";

    explicit ReportRegisterExport(ReportService& reports) : reports_(reports) {}
    // The .xlsx bytes of the reports with this status (none: all). Errors: those of ReportService::list.
    std::string workbook(const Principal& p, std::optional<ReportStatus> status);

private:
    ReportService& reports_;
};

}  // namespace assay::reports
