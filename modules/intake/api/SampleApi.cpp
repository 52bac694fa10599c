// SampleApi: request parsing and JSON rendering for samples and custody.
#include "api/SampleApi.hpp"

#include "assay/Api.hpp"
#include "assay/Json.hpp"

namespace assay::intake {

Poco::JSON::Object::Ptr renderSample(const Sample& s) {
    auto o = makeObject();
    o->set("id", std::to_string(s.id));
    o->set("code", s.code);
    o->set("parent_code", optStr(s.parentCode));
    o->set("order_code", optStr(s.orderCode));
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
    o->set("retain_until", optStr(s.retainUntil));
    o->set("disposal_method", optStr(s.disposalMethod));
    o->set("created_at", formatRfc3339(fromEpochMillis(s.createdAtMs)));
    o->set("updated_at", formatRfc3339(fromEpochMillis(s.updatedAtMs)));
    return o;
}

namespace {
Poco::JSON::Object::Ptr render(const Sample& s) { return renderSample(s); }

std::string etag(const Sample& s) { return assay::etag(s.version); }

Poco::JSON::Object::Ptr renderList(const std::vector<Sample>& samples) {
    Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
    for (const auto& s : samples) arr->add(renderSample(s));
    auto o = makeObject();
    o->set("count", static_cast<int>(samples.size()));
    o->set("items", arr);
    return o;
}


}  // namespace

// The register's filters from the query: code, customer_org_id, status, product_category,
// from/to (registration dates, inclusive, lab time) and q (free text: code, name, batch,
// manufacturer, brand; Chinese works as typed).
SampleFilter sampleFilter(const Request& req) {
    SampleFilter f;
    std::vector<FieldError> errors;
    auto text = [&](const char* name) -> std::optional<std::string> {
        auto v = req.query(name);
        if (!v || v->empty()) return std::nullopt;
        if (v->size() > 400) errors.push_back({name, "too long"});
        return v;
    };
    f.code = text("code");
    f.status = text("status");
    f.productCategory = text("product_category");
    f.text = text("q");
    if (auto c = text("customer_org_id")) {
        f.customerOrgId = parseId(*c);
        if (*f.customerOrgId == 0) errors.push_back({"customer_org_id", "must be an id"});
    }
    constexpr std::int64_t kLabOffsetMs = 8 * 3600 * 1000;  // the lab's day starts at 00:00 UTC+8
    if (auto from = text("from")) {
        if (auto d = parseIsoDate(*from); d && from->size() == 10)
            f.fromMs = toEpochMillis(TimePoint(std::chrono::sys_days(*d))) - kLabOffsetMs;
        else errors.push_back({"from", "must be a date YYYY-MM-DD"});
    }
    if (auto to = text("to")) {
        if (auto d = parseIsoDate(*to); d && to->size() == 10)
            f.toMs = toEpochMillis(TimePoint(std::chrono::sys_days(*d) + std::chrono::days(1))) - kLabOffsetMs;
        else errors.push_back({"to", "must be a date YYYY-MM-DD"});
    }
    if (!errors.empty()) throw Error::invalid(errors);
    return f;
}

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

void registerSampleRoutes(Router& router, SampleService& svc) {
    router.add({"GET", "/api/samples", "samples:read", "The sample register, newest first, filtered", [&svc](Request& req) {
        const Page pg = page(req);  // the cursor is the last id seen; the list runs newest first
        auto items = svc.search(req.principal(), sampleFilter(req), pg.cursor, pg.limit);
        Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
        for (const auto& s : items) arr->add(render(s));
        return Response::json(pageObject(arr, items.size(), pg, items.empty() ? 0 : items.back().id));
    }});
    router.add({"POST", "/api/samples/batch", "samples:write", "Register up to 1,000 samples at once: all or none",
                [&svc](Request& req) {
                    auto body = req.jsonObject();
                    JsonReader r(body);
                    r.allow("samples");
                    std::vector<FieldError> errors;
                    std::vector<SampleInput> inputs;
                    auto arr = body->has("samples") && !body->isNull("samples") ? body->getArray("samples") : nullptr;
                    if (!arr) r.addError("samples", "required: an array of samples");
                    else if (arr->size() > SampleService::kMaxBatch)
                        r.addError("samples", "at most " + std::to_string(SampleService::kMaxBatch) + " samples per request");
                    for (std::size_t i = 0; arr && i < arr->size() && i < SampleService::kMaxBatch; ++i) {
                        const std::string at = "samples[" + std::to_string(i) + "]";
                        auto so = arr->getObject(static_cast<unsigned>(i));
                        if (!so) {
                            errors.push_back({at, "must be an object"});
                            continue;
                        }
                        JsonReader sr(so, at);
                        SampleInput in;
                        readSample(sr, so, in, true);
                        try {
                            sr.finish();
                        } catch (const Error& e) {
                            for (const auto& fe : e.fieldErrors()) errors.push_back(fe);
                        }
                        for (const auto& e : SampleService::sampleProblems(in)) errors.push_back({at + "." + e.field, e.problem});
                        inputs.push_back(std::move(in));
                    }
                    finishWith(r, errors);
                    auto samples = svc.registerBatch(req.principal(), inputs, req.requestId());
                    return Response::json(renderList(samples), 201);
                }});
    router.add({"GET", "/api/samples/import-template", "samples:write", "The CSV template for bulk intake", [](Request&) {
        return Response::file(std::string("\xEF\xBB\xBF") + SampleService::csvTemplate(), "text/csv; charset=utf-8",
                              "样品导入模板.csv");
    }});
    router.add({"POST", "/api/samples/import", "samples:write",
                "Register samples from a CSV file in the template (UTF-8 or GB18030): all rows or none", [&svc](Request& req) {
                    auto samples = svc.importCsv(req.principal(), req.body(), req.query("encoding").value_or("auto"), req.requestId());
                    return Response::json(renderList(samples), 201);
                }});
    router.add({"GET", "/api/retention-periods", "samples:read", "Retention periods (留样期) per product category",
                [&svc](Request& req) {
                    Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
                    for (const auto& r : svc.retentionPeriods(req.principal())) {
                        auto o = makeObject();
                        o->set("product_category", r.productCategory);
                        o->set("days", r.days);
                        arr->add(o);
                    }
                    auto o = makeObject();
                    o->set("items", arr);
                    o->set("default_days", svc.defaultRetentionDays());
                    return Response::json(o);
                }});
    router.add({"PUT", "/api/retention-periods/{category}", "samples:manage", "Set a product category's retention period",
                [&svc](Request& req) {
                    auto body = req.jsonObject();
                    JsonReader r(body);
                    RetentionPeriod p{req.param("category"), 0};
                    p.days = static_cast<int>(r.requiredInt("days", 1, 36500).value_or(0));
                    r.finish();
                    auto saved = svc.setRetentionPeriod(req.principal(), p, req.requestId());
                    auto o = makeObject();
                    o->set("product_category", saved.productCategory);
                    o->set("days", saved.days);
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
                    in.condition = r.optionalString("condition", 500, Lines::many).value_or("");
                    in.deviation = r.optionalString("deviation", 500, Lines::many);
                    in.customerDecision = r.optionalString("customer_decision", 16);
                    finishWith(r, SampleService::receiptProblems(in));
                    Sample s = svc.receive(req.principal(), req.param("code"), ifMatch(req), in, req.requestId());
                    return Response::json(render(s)).withHeader("ETag", etag(s));
                }});
    router.add({"POST", "/api/samples/{code}/status", "samples:write", "Move a sample along its status workflow",
                [&svc](Request& req) {
                    JsonReader r(req.jsonObject());
                    const std::string to = r.requiredString("to", 16);
                    const std::string reason = r.optionalString("reason", 500, Lines::many).value_or("");
                    const auto method = r.optionalString("method", 200);
                    r.finish();
                    Sample s = svc.transition(req.principal(), req.param("code"), ifMatch(req), to, reason, method, req.requestId());
                    return Response::json(render(s)).withHeader("ETag", etag(s));
                }});
    router.add({"POST", "/api/samples/{code}/transfer", "samples:write", "Hand a sample over (a custody event)",
                [&svc](Request& req) {
                    JsonReader r(req.jsonObject());
                    const std::string to = r.optionalString("to", 100).value_or("");
                    const std::string reason = r.optionalString("reason", 500, Lines::many).value_or("");
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
