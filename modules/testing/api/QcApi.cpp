// QcApi: request parsing and JSON rendering for QC.
#include "api/QcApi.hpp"

#include "assay/Api.hpp"
#include "assay/Json.hpp"

namespace assay::testing {

namespace {
Poco::JSON::Object::Ptr renderBatch(const Batch& b) {
    auto o = makeObject();
    o->set("id", std::to_string(b.id));
    o->set("name", b.name);
    o->set("parameter_id", std::to_string(b.parameterId));
    o->set("method_id", std::to_string(b.methodId));
    o->set("status", b.status);
    o->set("disposition_reason", optStr(b.dispositionReason));
    o->set("disposed_by", optStr(b.disposedName));
    o->set("disposed_at", b.disposedAtMs ? Poco::Dynamic::Var(formatRfc3339(fromEpochMillis(*b.disposedAtMs))) : Poco::Dynamic::Var());
    o->set("created_at", formatRfc3339(fromEpochMillis(b.createdAtMs)));
    return o;
}

Poco::JSON::Object::Ptr renderQc(const QcResult& q) {
    auto o = makeObject();
    o->set("id", std::to_string(q.id));
    o->set("batch_id", std::to_string(q.batchId));
    o->set("kind", q.kind);
    o->set("material", q.material);
    o->set("value", q.value.toString());
    o->set("criteria", q.criteria);
    o->set("figure", optDec(q.figure));
    o->set("target", optDec(q.target));
    o->set("sd", optDec(q.sd));
    o->set("outcome", q.pass ? "pass" : "fail");
    o->set("detail", q.detail);
    o->set("by", q.measuredName);
    o->set("at", formatRfc3339(fromEpochMillis(q.measuredAtMs)));
    return o;
}

Response batchResponse(const BatchView& v, int status = 200) {
    auto o = renderBatch(v.batch);
    Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
    for (auto id : v.itemIds) items->add(std::to_string(id));
    o->set("item_ids", items);
    Poco::JSON::Array::Ptr qc = new Poco::JSON::Array;
    for (const auto& q : v.qc) qc->add(renderQc(q));
    o->set("qc", qc);
    return Response::json(o, status).withHeader("ETag", etag(v.batch.version));
}
}  // namespace

void registerQcRoutes(Router& router, QcService& svc) {
    router.add({"GET", "/api/testing/batches", "results:read", "QC batches, newest first", [&svc](Request& req) {
        const Page pg = page(req);
        auto items = svc.list(req.principal(), pg.cursor, pg.limit);
        Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
        for (const auto& b : items) arr->add(renderBatch(b));
        return Response::json(pageObject(arr, items.size(), pg, items.empty() ? 0 : items.back().id));
    }});
    router.add({"POST", "/api/testing/batches", "results:write", "Group test items of one parameter and method into a QC batch",
                [&svc](Request& req) {
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
                }});
    router.add({"GET", "/api/testing/batches/{id}", "results:read", "A QC batch with its items and QC results", [&svc](Request& req) {
        return batchResponse(svc.get(req.principal(), req.idParam("id")));
    }});
    router.add({"POST", "/api/testing/batches/{id}/qc", "results:write", "Record a QC sample; a failure holds the batch (R24)",
                [&svc](Request& req) {
                    auto body = req.jsonObject();
                    JsonReader r(body);
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
                    finishWith(r, qcProblems(in));
                    return Response::json(renderQc(svc.addQc(req.principal(), req.idParam("id"), in, req.requestId())), 201);
                }});
    router.add({"POST", "/api/testing/batches/{id}/disposition", "results:qc",
                "Accept, retest or reject a held batch, with the reason (R24)", [&svc](Request& req) {
                    JsonReader r(req.jsonObject());
                    const std::string decision = r.optionalString("decision", 16).value_or("");
                    const std::string reason = r.optionalString("reason", 500, Lines::many).value_or("");
                    r.finish();
                    Batch b = svc.dispose(req.principal(), req.idParam("id"), ifMatch(req), decision, reason, req.requestId());
                    return Response::json(renderBatch(b)).withHeader("ETag", etag(b.version));
                }});
    router.add({"GET", "/api/testing/qc/series", "results:read", "A reference material's QC values with z-scores and Westgard rules",
                [&svc](Request& req) {
                    const std::int64_t parameter = parseId(req.query("parameter_id").value_or(""));
                    const std::int64_t method = parseId(req.query("method_id").value_or(""));
                    const std::string material = req.query("material").value_or("");
                    std::vector<FieldError> errors;
                    if (!parameter) errors.push_back({"parameter_id", "required: an id"});
                    if (!method) errors.push_back({"method_id", "required: an id"});
                    if (material.empty()) errors.push_back({"material", "required"});
                    if (!errors.empty()) throw Error::invalid(errors);
                    Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
                    for (const auto& pt : svc.series(req.principal(), parameter, method, material)) {
                        auto o = renderQc(pt.qc);
                        o->set("z", optDec(pt.z ? std::optional<Decimal>(pt.z->roundToDecimals(2)) : std::nullopt));
                        Poco::JSON::Array::Ptr rules = new Poco::JSON::Array;
                        for (const auto& rule : pt.rules) rules->add(rule);
                        o->set("rules", rules);
                        arr->add(o);
                    }
                    auto o = makeObject();
                    o->set("items", arr);
                    return Response::json(o);
                }});
}

}  // namespace assay::testing
