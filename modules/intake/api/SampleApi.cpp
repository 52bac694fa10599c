// SampleApi: request parsing for samples and custody; rendering is IntakeJson.
#include "api/SampleApi.hpp"
#include "domain/IntakeMessages.hpp"

#include "api/IntakeJson.hpp"
#include "assay/Messages.hpp"
#include "assay/ApiEdge.hpp"

namespace assay::intake {

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
    if (auto s = text("status")) {
        f.status = parseEnum<SampleStatus>(*s);
        if (!f.status) errors.push_back({"status", Message(msg::kNotSampleStatus, {{"choices", enumChoices<SampleStatus>()}})});
    }
    f.product = text("product");
    f.productCategory = text("product_category");
    f.text = text("q");
    if (auto c = text("customer_org_id")) {
        f.customerOrgId = parseId(*c);
        if (*f.customerOrgId == 0) errors.push_back({"customer_org_id", assay::msg::kNotIdShort});
    }
    constexpr std::int64_t kLabOffsetMs = 8 * 3600 * 1000;  // the lab's day starts at 00:00 UTC+8
    if (auto from = text("from")) {
        if (auto d = parseIsoDate(*from); d && from->size() == 10)
            f.fromMs = toEpochMillis(TimePoint(std::chrono::sys_days(*d))) - kLabOffsetMs;
        else errors.push_back({"from", assay::msg::kNotDate});
    }
    if (auto to = text("to")) {
        if (auto d = parseIsoDate(*to); d && to->size() == 10)
            f.toMs = toEpochMillis(TimePoint(std::chrono::sys_days(*d) + std::chrono::days(1))) - kLabOffsetMs;
        else errors.push_back({"to", assay::msg::kNotDate});
    }
    if (!errors.empty()) throw Error::invalid(errors);
    return f;
}

void readSample(JsonReader& r, const Poco::JSON::Object::Ptr& body, SampleInput& in, bool required) {
    in.name = required ? r.requiredString("name", 200) : r.optionalString("name", 200).value_or("");
    if (required) {
        in.product = r.optionalString("product", 100);
        in.productCategory = r.optionalString("product_category", 100).value_or("");  // required without a product: sampleProblems
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

namespace {
using Svc = SampleService;

Response createdSample(const Sample& s) { return createdWithEtag(s, "/api/samples/" + s.code); }

// The samples of a batch body, each read like one sample; problems named samples[i].field.
std::vector<SampleInput> readBatch(JsonReader& r, const Poco::JSON::Object::Ptr& body, std::vector<FieldError>& errors) {
    r.allow("samples");
    std::vector<SampleInput> inputs;
    auto arr = body->has("samples") && !body->isNull("samples") ? body->getArray("samples") : nullptr;
    if (!arr) r.addError("samples", msg::kSamplesArray);
    else if (arr->size() > SampleService::kMaxBatch)
        r.addError("samples", Message(msg::kSamplesTooMany, {{"max", SampleService::kMaxBatch}}));
    for (std::size_t i = 0; arr && i < arr->size() && i < SampleService::kMaxBatch; ++i) {
        const std::string at = "samples[" + std::to_string(i) + "]";
        auto so = arr->getObject(static_cast<unsigned>(i));
        if (!so) {
            errors.push_back({at, assay::msg::kNotObject});
            continue;
        }
        JsonReader sr(so, at);
        SampleInput in;
        readSample(sr, so, in, true);
        absorbInto(sr, errors);
        for (const auto& e : SampleService::sampleProblems(in)) errors.push_back({at + "." + e.field, e.message});
        inputs.push_back(std::move(in));
    }
    return inputs;
}

Response listSamples(Request& req, Svc& svc) {
    const Page pg = page(req);  // the cursor is the last id seen; the list runs newest first
    auto items = svc.search(req.principal(), sampleFilter(req), pg.cursor, pg.limit);
    return Response::json(pageOf(items, pg));
}

Response registerBatch(Request& req, Svc& svc) {
    auto body = req.jsonObject();
    JsonReader r(body);
    std::vector<FieldError> errors;
    auto inputs = readBatch(r, body, errors);
    finishWith(r, errors);
    return Response::json(toJson(svc.registerBatch(req.principal(), inputs, req.requestId())), 201);
}

Response importTemplate(Request&, Svc&) {
    return Response::file(std::string("\xEF\xBB\xBF") + SampleService::csvTemplate(), "text/csv; charset=utf-8",
                          "样品导入模板.csv");
}

Response importCsv(Request& req, Svc& svc) {
    auto samples = svc.importCsv(req.principal(), req.body(), req.query("encoding").value_or("auto"), req.requestId());
    return Response::json(toJson(samples), 201);
}

Response retentionPeriods(Request& req, Svc& svc) {
    auto o = makeObject();
    o->set("items", jsonArray(svc.retentionPeriods(req.principal())));
    o->set("default_days", svc.defaultRetentionDays());
    return Response::json(o);
}

Response setRetentionPeriod(Request& req, Svc& svc) {
    JsonReader r(req.jsonObject());
    RetentionPeriod p{req.param("category"), 0};
    p.days = static_cast<int>(r.requiredInt("days", 1, 36500).value_or(0));
    r.finish();
    return Response::json(toJson(svc.setRetentionPeriod(req.principal(), p, req.requestId())));
}

Response registerSample(Request& req, Svc& svc) {
    auto body = req.jsonObject();
    JsonReader r(body);
    SampleInput in;
    readSample(r, body, in, true);
    finishWith(r, SampleService::sampleProblems(in));
    return createdSample(svc.registerSample(req.principal(), in, req.requestId()));
}

Response getSample(Request& req, Svc& svc) { return jsonWithEtag(svc.get(req.principal(), req.param("code"))); }

Response receive(Request& req, Svc& svc) {
    JsonReader r(req.jsonObject());
    ReceiptInput in;
    in.condition = r.optionalString("condition", 500, Lines::many).value_or("");
    in.deviation = r.optionalString("deviation", 500, Lines::many);
    in.customerDecision = r.optionalString("customer_decision", 16);
    finishWith(r, SampleService::receiptProblems(in));
    return jsonWithEtag(svc.receive(req.principal(), req.param("code"), ifMatch(req), in, req.requestId()));
}

Response transition(Request& req, Svc& svc) {
    JsonReader r(req.jsonObject());
    const std::string to = r.requiredString("to", 16);
    const std::string reason = r.optionalString("reason", 500, Lines::many).value_or("");
    const auto method = r.optionalString("method", 200);
    r.finish();
    return jsonWithEtag(svc.transition(req.principal(), req.param("code"), ifMatch(req), to, reason, method, req.requestId()));
}

Response transfer(Request& req, Svc& svc) {
    JsonReader r(req.jsonObject());
    const std::string to = r.optionalString("to", 100).value_or("");
    const std::string reason = r.optionalString("reason", 500, Lines::many).value_or("");
    r.finish();
    return jsonWithEtag(svc.transfer(req.principal(), req.param("code"), ifMatch(req), to, reason, req.requestId()));
}

Response custody(Request& req, Svc& svc) {
    auto events = svc.custody(req.principal(), req.param("code"));
    return Response::json(unpaged(jsonArray(events)));
}

Response registerSubSample(Request& req, Svc& svc) {
    auto body = req.jsonObject();
    JsonReader r(body);
    SampleInput in;
    readSample(r, body, in, false);
    r.finish();
    return createdSample(svc.registerSubSample(req.principal(), req.param("code"), in, req.requestId()));
}

const RouteEntry<Svc> kRoutes[] = {
    {"GET", "/api/samples", "samples:read", "The sample register, newest first, filtered", listSamples},
    {"POST", "/api/samples/batch", "samples:write", "Register up to 1,000 samples at once: all or none", registerBatch},
    {"GET", "/api/samples/import-template", "samples:write", "The CSV template for bulk intake", importTemplate},
    {"POST", "/api/samples/import", "samples:write", "Register samples from a CSV file in the template (UTF-8 or GB18030): all rows or none", importCsv},
    {"GET", "/api/retention-periods", "samples:read", "Retention periods (留样期) per product category", retentionPeriods},
    {"PUT", "/api/retention-periods/{category}", "samples:manage", "Set a product category's retention period", setRetentionPeriod},
    {"POST", "/api/samples", "samples:write", "Register a sample (its code comes from the lab's sequence, R18)", registerSample},
    {"GET", "/api/samples/{code}", "samples:read", "One sample by its code", getSample},
    {"POST", "/api/samples/{code}/receive", "samples:write", "Receive a sample with its condition; a deviation needs the customer's decision (R19)", receive},
    {"POST", "/api/samples/{code}/status", "samples:write", "Move a sample along its status workflow", transition},
    {"POST", "/api/samples/{code}/transfer", "samples:write", "Hand a sample over (a custody event)", transfer},
    {"GET", "/api/samples/{code}/custody", "samples:read", "A sample's custody timeline", custody},
    {"POST", "/api/samples/{code}/sub-samples", "samples:write", "Split a sub-sample or aliquot, coded <parent>-<n> (R18)", registerSubSample},
};
}  // namespace

void registerSampleRoutes(Router& router, SampleService& svc) { addRoutes(router, svc, kRoutes); }

}  // namespace assay::intake
