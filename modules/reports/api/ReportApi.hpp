// ReportApi: HTTP handlers of reports.
//
// Routes (permission):
//   GET   /api/reports               reports:read   the lab's reports, newest first (keyset)
//   POST  /api/reports               reports:write  {order_code, sample_codes?} -> a draft (all the order's samples by default)
//   GET   /api/reports/{id}          reports:read   the report
//   PATCH /api/reports/{id}          reports:write  {signatory_user_id | null}, If-Match
//   GET   /api/reports/{id}/checks   reports:read   ?date=YYYY-MM-DD: every applicable rule, the marks, issuable
//   ... issue, PDF, amendments, withdrawal, notifications, verification: see the module README.
//   POST  /api/report-batches        reports:sign   {report_ids, password} -> 202 a job; GET /api/report-batches/{id} its progress
// Thread-safety: handlers are safe from any request thread.
#pragma once

#include "assay/Http.hpp"
#include "domain/ReportAmendments.hpp"
#include "domain/ReportIssuing.hpp"
#include "domain/ReportService.hpp"
#include "domain/ReportVerification.hpp"
#include "jobs/BatchIssue.hpp"

namespace assay::reports {

// The reports module's services by role, as the routes use them.
struct ReportDesk {
    ReportService& drafts;
    ReportIssuing& issuing;
    ReportAmendments& amendments;
    ReportVerification& verification;
};

void registerReportRoutes(Router& router, ReportDesk& desk);
void registerBatchRoutes(Router& router, BatchIssue& batches);

}  // namespace assay::reports
