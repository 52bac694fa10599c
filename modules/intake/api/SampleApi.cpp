// SampleApi: request parsing and JSON rendering for samples and custody.
#include "api/SampleApi.hpp"

#include "assay/Api.hpp"
#include "assay/Json.hpp"

namespace assay::intake {

namespace {
Poco::JSON::Object::Ptr render(const Sample& s) {
    auto o = makeObject();
    o->set("id", std::to_string(s.id));
    o->set("code", s.code);
    o->set("parent_code", optStr(s.parentCode));
    o->set("customer_org_id", s.customerOrgId ? Poco::Dynamic::Var(std::to_string(*s.customerOrgId)) : Poco::Dynamic::Var());
    o->set("name", s.name);
    o->set("product_category", s.productCategory);
    o->set("brand", optStr(s.brand));
    o->set("model", optStr(s.model));
    o->set("batch_no", optStr(s.batchNo));
    o->set("manufacturer", optStr(s.manufacturer));
    o->set("manufacturer_uscc", optStr(s.manufacturerUscc));
    o->set("production_date", optStr(s.productionDate));
    o->set("quantity", optDec(s.quantity));
    o->set("unit", optStr(s.unit));
    o->set("gtin", optStr(s.gtin));
    o->set("status", s.status);
    o->set("allowed_transitions", [&] {
        Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
        for (const auto& t : allowedTransitions(s.status)) a->add(t);
        return a;
    }());
    o->set("condition", optStr(s.condition));
    o->set("deviation", optStr(s.deviation));
    o->set("customer_decision", optStr(s.customerDecision));
    o->set("received_at", s.receivedAtMs ? Poco::Dynamic::Var(formatRfc3339(fromEpochMillis(*s.receivedAtMs))) : Poco::Dynamic::Var());
    o->set("holder", s.holder);
    o->set("created_at", formatRfc3339(fromEpochMillis(s.createdAtMs)));
    o->set("updated_at", formatRfc3339(fromEpochMillis(s.updatedAtMs)));
    return o;
}

std::string etag(const Sample& s) { return assay::etag(s.version); }

// Reads the sample fields of a body into in; `required` false for a sub-sample (all optional).
void readSample(JsonReader& r, const Poco::JSON::Object::Ptr& body, SampleInput& in, bool required) {
    in.name = required ? r.requiredString("name", 200) : r.optionalString("name", 200).value_or("");
    if (required) {
        in.productCategory = r.requiredString("product_category", 100);
        in.brand = r.optionalString("brand", 100);
        in.model = r.optionalString("model", 100);
        in.batchNo = r.optionalString("batch_no", 100);
        in.manufacturer = r.optionalString("manufacturer", 200);
        in.manufacturerUscc = r.optionalString("manufacturer_uscc", 18);
        in.productionDate = r.optionalString("production_date", 10);
        in.gtin = r.optionalString("gtin", 14);
        if (auto id = idField(r, "customer_org_id"); id && *id > 0) in.customerOrgId = id;
    }
    in.quantity = decimalField(r, body, "quantity", "quantity");
    in.unit = r.optionalString("unit", 32);
    in.holder = r.optionalString("holder", 100);
}

}  // namespace

void registerSampleRoutes(Router& router, SampleService& svc) {
    router.add({"GET", "/api/samples", "samples:read", "The lab's samples, newest first", [&svc](Request& req) {
        const Page pg = page(req);  // the cursor is the last id seen; the list runs newest first
        auto items = svc.list(req.principal(), pg.cursor, pg.limit, req.query("status").value_or(""));
        Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
        for (const auto& s : items) arr->add(render(s));
        return Response::json(pageObject(arr, items.size(), pg, items.empty() ? 0 : items.back().id));
    }});
    router.add({"POST", "/api/samples", "samples:write", "Register a sample (its code comes from the lab's sequence, R18)",
                [&svc](Request& req) {
                    auto body = req.jsonObject();
                    JsonReader r(body);
                    SampleInput in;
                    readSample(r, body, in, true);
                    finishWith(r, SampleService::sampleProblems(in));
                    Sample s = svc.registerSample(req.principal(), in, req.requestId());
                    return Response::created(render(s), "/api/samples/" + s.code).withHeader("ETag", etag(s));
                }});
    router.add({"GET", "/api/samples/{code}", "samples:read", "One sample by its code", [&svc](Request& req) {
        Sample s = svc.get(req.principal(), req.param("code"));
        return Response::json(render(s)).withHeader("ETag", etag(s));
    }});
    router.add({"POST", "/api/samples/{code}/receive", "samples:write",
                "Receive a sample with its condition; a deviation needs the customer's decision (R19)", [&svc](Request& req) {
                    JsonReader r(req.jsonObject());
                    ReceiptInput in;
                    in.condition = r.optionalString("condition", 500).value_or("");
                    in.deviation = r.optionalString("deviation", 500);
                    in.customerDecision = r.optionalString("customer_decision", 16);
                    finishWith(r, SampleService::receiptProblems(in));
                    Sample s = svc.receive(req.principal(), req.param("code"), ifMatch(req), in, req.requestId());
                    return Response::json(render(s)).withHeader("ETag", etag(s));
                }});
    router.add({"POST", "/api/samples/{code}/status", "samples:write", "Move a sample along its status workflow",
                [&svc](Request& req) {
                    JsonReader r(req.jsonObject());
                    const std::string to = r.requiredString("to", 16);
                    const std::string reason = r.optionalString("reason", 500).value_or("");
                    r.finish();
                    Sample s = svc.transition(req.principal(), req.param("code"), ifMatch(req), to, reason, req.requestId());
                    return Response::json(render(s)).withHeader("ETag", etag(s));
                }});
    router.add({"POST", "/api/samples/{code}/transfer", "samples:write", "Hand a sample over (a custody event)",
                [&svc](Request& req) {
                    JsonReader r(req.jsonObject());
                    const std::string to = r.optionalString("to", 100).value_or("");
                    const std::string reason = r.optionalString("reason", 500).value_or("");
                    r.finish();
                    Sample s = svc.transfer(req.principal(), req.param("code"), ifMatch(req), to, reason, req.requestId());
                    return Response::json(render(s)).withHeader("ETag", etag(s));
                }});
    router.add({"GET", "/api/samples/{code}/custody", "samples:read", "A sample's custody timeline", [&svc](Request& req) {
        Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
        for (const auto& e : svc.custody(req.principal(), req.param("code"))) {
            auto o = makeObject();
            o->set("at", formatRfc3339(fromEpochMillis(e.atMs)));
            o->set("by", e.byName);
            o->set("by_user_id", std::to_string(e.byUser));
            o->set("from", e.fromHolder);
            o->set("to", e.toHolder);
            o->set("reason", e.reason);
            arr->add(o);
        }
        auto o = makeObject();
        o->set("items", arr);
        o->set("next_cursor", Poco::Dynamic::Var());
        return Response::json(o);
    }});
    router.add({"POST", "/api/samples/{code}/sub-samples", "samples:write",
                "Split a sub-sample or aliquot, coded <parent>-<n> (R18)", [&svc](Request& req) {
                    auto body = req.jsonObject();
                    JsonReader r(body);
                    SampleInput in;
                    readSample(r, body, in, false);
                    r.finish();
                    Sample s = svc.registerSubSample(req.principal(), req.param("code"), in, req.requestId());
                    return Response::created(render(s), "/api/samples/" + s.code).withHeader("ETag", etag(s));
                }});
}

}  // namespace assay::intake
