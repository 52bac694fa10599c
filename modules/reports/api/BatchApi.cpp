// BatchApi: request parsing for batch issue; rendering is ReportsJson.
#include "api/BatchApi.hpp"

#include "api/ReportsJson.hpp"
#include "assay/ApiEdge.hpp"
#include "domain/ReportsMessages.hpp"

namespace assay::reports {

namespace {
Response submit(Request& req, BatchIssue& batches) {
    JsonReader r(req.jsonObject());
    const auto ids = r.stringArray("report_ids", true, BatchIssue::kMaxReports + 1);
    const std::string password = r.requiredString("password", 200);
    std::vector<std::int64_t> reportIds;
    for (std::size_t k = 0; k < ids.size(); ++k) {
        const std::int64_t id = parseId(ids[k]);
        if (id <= 0) r.addError("report_ids[" + std::to_string(k) + "]", msg::kBatchNotId);
        else reportIds.push_back(id);
    }
    r.finish();
    const BatchJob job = batches.submit(req.principal(), reportIds, password, req.requestId());
    return Response::json(toJson(job), 202).withHeader("Location", "/api/report-batches/" + job.id);
}

Response progress(Request& req, BatchIssue& batches) { return Response::json(toJson(batches.job(req.principal(), req.param("id")))); }

const RouteEntry<BatchIssue> kRoutes[] = {
    {"POST", "/api/report-batches", "reports:sign", "Issue many drafts you are the signatory of, as a job with progress (re-authenticated once)", submit},
    {"GET", "/api/report-batches/{id}", "reports:read", "A batch issue job's progress", progress},
};
}  // namespace

void registerBatchRoutes(Router& router, BatchIssue& batches) { addRoutes(router, batches, kRoutes); }

}  // namespace assay::reports
