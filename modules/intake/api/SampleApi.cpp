// SampleApi: request parsing and JSON rendering for samples and custody.
#include "api/SampleApi.hpp"

#include <charconv>

#include "assay/Api.hpp"
#include "assay/Json.hpp"

namespace assay::intake {

namespace {
Poco::Dynamic::Var opt(const std::optional<std::string>& s) { return s ? Poco::Dynamic::Var(*s) : Poco::Dynamic::Var(); }

Poco::JSON::Object::Ptr render(const Sample& s) {
    auto o = makeObject();
    o->set("id", std::to_string(s.id));
    o->set("code", s.code);
    o->set("parent_code", opt(s.parentCode));
    o->set("customer_org_id", s.customerOrgId ? Poco::Dynamic::Var(std::to_string(*s.customerOrgId)) : Poco::Dynamic::Var());
    o->set("name", s.name);
    o->set("product_category", s.productCategory);
    o->set("brand", opt(s.brand));
    o->set("model", opt(s.model));
    o->set("batch_no", opt(s.batchNo));
    o->set("manufacturer", opt(s.manufacturer));
    o->set("manufacturer_uscc", opt(s.manufacturerUscc));
    o->set("production_date", opt(s.productionDate));
    o->set("quantity", s.quantity ? Poco::Dynamic::Var(s.quantity->toString()) : Poco::Dynamic::Var());
    o->set("unit", opt(s.unit));
    o->set("gtin", opt(s.gtin));
    o->set("status", s.status);
    o->set("allowed_transitions", [&] {
        Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
        for (const auto& t : allowedTransitions(s.status)) a->add(t);
        return a;
    }());
    o->set("condition", opt(s.condition));
    o->set("deviation", opt(s.deviation));
    o->set("customer_decision", opt(s.customerDecision));
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
        if (auto c = r.optionalString("customer_org_id", 20)) {
            std::int64_t id = 0;
            auto [p, ec] = std::from_chars(c->data(), c->data() + c->size(), id);
            if (ec != std::errc() || p != c->data() + c->size() || id <= 0) r.addError("customer_org_id", "must be an id");
            else in.customerOrgId = id;
        }
    }
    if (body->has("quantity") && !body->isNull("quantity") && !body->get("quantity").isString()) {
        r.allow("quantity");
        r.addError("quantity", "must be a decimal string such as \"2.5\", not a JSON number");
    } else if (auto q = r.optionalString("quantity", 40)) {
        in.quantity = Decimal::parse(*q);
        if (!in.quantity) r.addError("quantity", "must be a decimal number");
    }
    in.unit = r.optionalString("unit", 32);
    in.holder = r.optionalString("holder", 100);
}

}  // namespace

void registerSampleRoutes(Router& router, SampleService& svc) {
    router.add({"GET", "/api/samples", "samples:read", "The lab's samples, newest first", [&svc](Request& req) {
        std::int64_t before = 0;
        int limit = 50;
        std::vector<FieldError> errors;
        if (auto c = req.query("cursor"); c && !c->empty()) {
            auto [p, ec] = std::from_chars(c->data(), c->data() + c->size(), before);
            if (ec != std::errc() || p != c->data() + c->size() || before <= 0) errors.push_back({"cursor", "malformed cursor"});
        }
        if (auto l = req.query("limit")) {
            auto [p, ec] = std::from_chars(l->data(), l->data() + l->size(), limit);
            if (ec != std::errc() || p != l->data() + l->size() || limit < 1 || limit > 500)
                errors.push_back({"limit", "must be an integer from 1 to 500"});
        }
        if (!errors.empty()) throw Error::invalid(errors);
        auto items = svc.list(req.principal(), before, limit, req.query("status").value_or(""));
        Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
        for (const auto& s : items) arr->add(render(s));
        auto o = makeObject();
        o->set("items", arr);
        o->set("next_cursor", static_cast<int>(items.size()) == limit ? Poco::Dynamic::Var(std::to_string(items.back().id))
                                                                       : Poco::Dynamic::Var());
        return Response::json(o);
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
