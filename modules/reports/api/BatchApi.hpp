// BatchApi: HTTP handlers of batch issue.
//
// Routes (permission):
//   POST  /api/report-batches        reports:sign   {report_ids, password} -> 202 a job
//   GET   /api/report-batches/{id}   reports:read   its progress
// Thread-safety: handlers are safe from any request thread.
#pragma once

#include "assay/Http.hpp"
#include "jobs/BatchIssue.hpp"

namespace assay::reports {

void registerBatchRoutes(Router& router, BatchIssue& batches);

}  // namespace assay::reports
