// QcApi: request parsing for QC; rendering is TestingJson.
#include "api/QcApi.hpp"

#include "api/TestingJson.hpp"
#include "assay/Messages.hpp"
#include "assay/ApiEdge.hpp"

namespace assay::testing {

namespace {
using Svc = QcService;

Response batchResponse(const BatchView& v, int status = 200) {
    return Response::json(toJson(v), status).withHeader("ETag", etag(v.batch.version));
}

QcInput readQc(JsonReader& r, const Poco::JSON::Object::Ptr& body) {
    QcInput in;
    in.kind = r.optionalString("kind", 16).value_or("");
    in.material = r.optionalString("material", 100).value_or("");
    in.value = decimalField(r, body, "value", "value");
    in.limitMax = decimalField(r, body, "limit_max", "limit_max");
    in.value2 = decimalField(r, body, "value2", "value2");
    in.maxRpd = decimalField(r, body, "max_rpd", "max_rpd");
    in.base = decimalField(r, body, "base", "base");
    in.added = decimalField(r, body, "added", "added");
    in.recoveryLow = decimalField(r, body, "recovery_low", "recovery_low");
    in.recoveryHigh = decimalField(r, body, "recovery_high", "recovery_high");
    in.certified = decimalField(r, body, "certified", "certified");
    in.tolerance = decimalField(r, body, "tolerance", "tolerance");
    in.sd = decimalField(r, body, "sd", "sd");
    in.expiresOn = r.optionalString("expires_on", 10);
    return in;
}

Response listBatches(Request& req, Svc& svc) { return listPage(req, svc, &Svc::list); }

Response createBatch(Request& req, Svc& svc) {
    JsonReader r(req.jsonObject());
    const std::string name = r.optionalString("name", 100).value_or("");
    std::vector<std::int64_t> ids;
    for (const auto& s : r.stringArray("item_ids", true, 500)) {
        const std::int64_t id = parseId(s);
        if (!id) r.addError("item_ids", "each is an id (a decimal string)");
        ids.push_back(id);
    }
    r.finish();
    return batchResponse(svc.createBatch(req.principal(), name, ids, req.requestId()), 201);
}

Response getBatch(Request& req, Svc& svc) { return batchResponse(svc.get(req.principal(), req.idParam("id"))); }

Response addQc(Request& req, Svc& svc) {
    auto body = req.jsonObject();
    JsonReader r(body);
    const QcInput in = readQc(r, body);
    finishWith(r, qcProblems(in));
    return Response::json(toJson(svc.addQc(req.principal(), req.idParam("id"), in, req.requestId())), 201);
}

Response dispose(Request& req, Svc& svc) {
    JsonReader r(req.jsonObject());
    const std::string decision = r.optionalString("decision", 16).value_or("");
    const std::string reason = r.optionalString("reason", 500, Lines::many).value_or("");
    r.finish();
    return jsonWithEtag(svc.dispose(req.principal(), req.idParam("id"), ifMatch(req), decision, reason, req.requestId()));
}

Response series(Request& req, Svc& svc) {
    const std::int64_t parameter = parseId(req.query("parameter_id").value_or(""));
    const std::int64_t method = parseId(req.query("method_id").value_or(""));
    const std::string material = req.query("material").value_or("");
    std::vector<FieldError> errors;
    if (!parameter) errors.push_back({"parameter_id", assay::msg::kRequiredId});
    if (!method) errors.push_back({"method_id", assay::msg::kRequiredId});
    if (material.empty()) errors.push_back({"material", assay::msg::kRequired});
    if (!errors.empty()) throw Error::invalid(errors);
    return Response::json(itemsObject(jsonArray(svc.series(req.principal(), parameter, method, material))));
}

const RouteEntry<Svc> kRoutes[] = {
    {"GET", "/api/testing/batches", "results:read", "QC batches, newest first", listBatches},
    {"POST", "/api/testing/batches", "results:write", "Group test items of one parameter and method into a QC batch", createBatch},
    {"GET", "/api/testing/batches/{id}", "results:read", "A QC batch with its items and QC results", getBatch},
    {"POST", "/api/testing/batches/{id}/qc", "results:write", "Record a QC sample; a failure holds the batch (R24)", addQc},
    {"POST", "/api/testing/batches/{id}/disposition", "results:qc", "Accept, retest or reject a held batch, with the reason (R24)", dispose},
    {"GET", "/api/testing/qc/series", "results:read", "A reference material's QC values with z-scores and Westgard rules", series},
};
}  // namespace

void registerQcRoutes(Router& router, QcService& svc) { addRoutes(router, svc, kRoutes); }

}  // namespace assay::testing
