// ReportApi: HTTP handlers of reports (parse, call one service, render through ReportsJson).
//
// Routes (permission):
//   GET   /api/reports               reports:read   the lab's reports, newest first (keyset); ?waiting_for=me: the
//                                                   drafts waiting for my signature, with their checks' state
//   GET   /api/reports/export.xlsx   reports:read   ?status=: the report register (ReportRegisterExport)
//   POST  /api/reports               reports:write  {order_code, sample_codes?} -> a draft (all the order's samples by default)
//   GET   /api/reports/{id}          reports:read   the report
//   PATCH /api/reports/{id}          reports:write  {signatory_user_id | null}, If-Match
//   GET   /api/reports/{id}/checks   reports:read   ?date=YYYY-MM-DD: every applicable rule, the marks, issuable
//   GET   /api/reports/{id}/draft.pdf reports:read  a draft's preview, watermarked 草稿 / 未签发, never stored (409 issued)
//   ... issue, PDF, amendments, withdrawal, notifications, verification: see the module README.
// Batch issue (POST /api/report-batches) is BatchApi.
// Thread-safety: handlers are safe from any request thread.
#pragma once

#include "assay/Http.hpp"
#include "domain/ReportAmendments.hpp"
#include "domain/ReportIssuing.hpp"
#include "domain/ReportRegisterExport.hpp"
#include "domain/ReportService.hpp"
#include "domain/ReportVerification.hpp"

namespace assay::reports {

// What the report routes use: the reports services by role; the module owns it for the server's life.
struct ReportDeps {
    ReportService& drafts;
    ReportIssuing& issuing;
    ReportAmendments& amendments;
    ReportVerification& verification;
    ReportRegisterExport& registerExport;
};

void registerReportRoutes(Router& router, ReportDeps& deps);

}  // namespace assay::reports
