// RegisterApi: request parsing for the lab register; rendering is AccreditationJson.
#include "api/RegisterApi.hpp"
#include "domain/AccreditationMessages.hpp"

#include "api/AccreditationJson.hpp"
#include "assay/Messages.hpp"
#include "assay/ApiEdge.hpp"

namespace assay::accreditation {

namespace {
using Deps = RegisterDeps;

// An optional id field read as before this table: a malformed one is 0 with a problem.
std::int64_t idOrZero(JsonReader& r, const std::string& key) { return idField(r, key).value_or(0); }

SpecLimit readLimit(const Poco::JSON::Object::Ptr& lo, const std::string& f, JsonReader& parent) {
    JsonReader lr(lo, f);
    SpecLimit l;
    l.parameterId = idOrZero(lr, "parameter_id");
    l.productCategory = lr.optionalString("product_category", 100).value_or("");
    l.minOp = lr.optionalString("min_op", 2);
    l.minValue = decimalField(lr, lo, "min", "min");
    l.maxOp = lr.optionalString("max_op", 2);
    l.maxValue = decimalField(lr, lo, "max", "max");
    l.clause = lr.optionalString("clause", 64);
    absorbInto(lr, parent);
    return l;
}

Specification parseSpecification(const Request& req) {
    auto body = req.jsonObject();
    JsonReader r(body);
    Specification sp;
    sp.name = r.requiredString("name", 200);
    if (auto sid = idField(r, "standard_id")) sp.standardId = sid;
    sp.comparisonMode = r.optionalString("comparison_mode", 16).value_or("full");
    sp.decisionRule = r.optionalString("decision_rule", 16).value_or("simple");
    r.allow("limits");
    auto arr = body->has("limits") && !body->isNull("limits") ? body->getArray("limits") : nullptr;
    if (!arr) r.addError("limits", msg::kLimitsArray);
    for (std::size_t i = 0; arr && i < arr->size() && i < 501; ++i) {
        const std::string f = "limits[" + std::to_string(i) + "]";
        auto lo = arr->getObject(static_cast<unsigned>(i));
        if (!lo) r.addError(f, Message(assay::msg::kNotObject));
        else sp.limits.push_back(readLimit(lo, f, r));
    }
    mergeProblems(r, SpecificationService::specificationProblems(sp));
    return sp;
}

std::vector<MuBand> readMuBands(const Poco::JSON::Object::Ptr& body, JsonReader& r) {
    std::vector<MuBand> bands;
    r.allow("mu_ranges");
    if (!body->has("mu_ranges") || body->isNull("mu_ranges")) return bands;
    auto arr = body->getArray("mu_ranges");
    if (!arr) r.addError("mu_ranges", msg::kMuRangesArray);
    for (std::size_t i = 0; arr && i < arr->size() && i < 20; ++i) {
        auto bo = arr->getObject(static_cast<unsigned>(i));
        const std::string f = "mu_ranges[" + std::to_string(i) + "]";
        if (!bo) {
            r.addError(f, msg::kMuRangeObject);
            continue;
        }
        JsonReader br(bo, f);
        MuBand b;
        b.upTo = decimalField(br, bo, "up_to", "up_to");
        auto rel = decimalField(br, bo, "relative", "relative");
        if (!rel && !(bo->has("relative") && !bo->isNull("relative"))) br.addError("relative", Message(assay::msg::kRequired));
        absorbInto(br, r);
        if (rel) b.relativePercent = *rel;
        bands.push_back(b);
    }
    return bands;
}

Parameter parseParameter(const Request& req) {
    auto body = req.jsonObject();
    JsonReader r(body);
    Parameter x;
    x.nameZh = r.requiredString("name_zh", 100);
    x.nameEn = r.optionalString("name_en", 100);
    x.unit = r.requiredString("unit", 32);
    x.precisionKind = r.requiredString("precision_kind", 16);
    x.precisionDigits = static_cast<int>(r.requiredInt("precision_digits", -10, 10).value_or(0));  // negative: tens, hundreds ...
    x.roundingUnit = r.optionalString("rounding_unit", 4).value_or("1");
    x.lod = decimalField(r, body, "lod", "lod");
    x.loq = decimalField(r, body, "loq", "loq");
    x.muModel = r.requiredString("mu_model", 16);
    x.muValue = decimalField(r, body, "mu_value", "mu_value");
    x.muBands = readMuBands(body, r);
    mergeProblems(r, ParameterService::parameterProblems(x), SameField::key);
    return x;
}

Response listPrices(Request& req, Deps& deps) { return listPage(req, deps.prices, &PriceService::prices); }

Response getPrice(Request& req, Deps& deps) { return byId(req, deps.prices, &PriceService::price); }

Response createPrice(Request& req, Deps& deps) {
    auto body = req.jsonObject();
    JsonReader r(body);
    Price in;
    in.parameterId = idOrZero(r, "parameter_id");
    in.methodId = idOrZero(r, "method_id");
    auto amount = decimalField(r, body, "price", "price");
    if (!body->has("price") || body->isNull("price")) r.addError("price", msg::kPriceRequired);
    in.amount = amount.value_or(Decimal());
    in.validFrom = r.requiredString("valid_from", 10);
    in.validTo = r.optionalString("valid_to", 10);
    finishWith(r, PriceService::priceProblems(in));
    Price x = deps.prices.createPrice(req.principal(), in, req.requestId());
    return Response::created(toJson(x), "/api/register/prices/" + std::to_string(x.id));
}

Response importRegister(Request& req, Deps& deps) {
    const int added = deps.import.importRegister(req.principal(), req.query("kind").value_or(""), req.query("encoding").value_or("auto"),
                                         req.body(), req.requestId());
    auto o = makeObject();
    o->set("kind", req.query("kind").value_or(""));
    o->set("added", added);
    return Response::json(o, 201);
}

Response listMethods(Request& req, Deps& deps) {
    const Page pg = page(req);
    auto items = deps.methods.methods(req.principal(), pg.cursor, pg.limit);
    return Response::json(pageOf(items, pg, [](const Method& x) { return x.ref.id; }));
}

Response createMethod(Request& req, Deps& deps) {
    JsonReader r(req.jsonObject());
    MethodInput in;
    in.standardId = idOrZero(r, "standard_id");
    in.clause = r.optionalString("clause", 32);
    in.name = r.requiredString("name", 200);
    in.principle = r.optionalString("principle", 500, Lines::many);
    in.kind = r.requiredString("kind", 16);
    in.equipmentTypes = r.stringArray("equipment_types", true, 10);
    in.belowLodStyle = r.optionalString("below_lod_style", 8);
    mergeProblems(r, MethodService::methodProblems(in), SameField::key);
    Method m = deps.methods.createMethod(req.principal(), in, req.requestId());
    return createdWithEtag(m, "/api/register/methods/" + std::to_string(m.ref.id));
}

Response getMethod(Request& req, Deps& deps) { return jsonWithEtag(deps.methods.method(req.principal(), req.idParam("id"))); }

Response withdrawMethod(Request& req, Deps& deps) {
    const std::int64_t id = req.idParam("id");
    JsonReader r(req.jsonObject());
    const std::string reason = r.requiredString("reason", 500, Lines::many);
    r.finish();
    return jsonWithEtag(deps.methods.withdrawMethod(req.principal(), id, ifMatch(req), reason, req.requestId()));
}

Response methodRecords(Request& req, Deps& deps) {
    auto items = deps.methods.methodRecords(req.principal(), req.idParam("id"));
    return Response::json(unpaged(jsonArray(items)));
}

Response addMethodRecord(Request& req, Deps& deps) {
    const std::int64_t id = req.idParam("id");
    JsonReader r(req.jsonObject());
    MethodRecordInput in;
    in.kind = r.requiredString("kind", 16);
    in.recordDate = r.requiredString("record_date", 10);
    in.recordNo = r.requiredString("record_no", 64);
    in.summary = r.optionalString("summary", 1000, Lines::many);
    r.finish();
    MethodRecord x = deps.methods.addMethodRecord(req.principal(), id, in, req.requestId());
    return Response::created(toJson(x), "/api/register/methods/" + std::to_string(id) + "/records");
}

Response listParameters(Request& req, Deps& deps) { return listPage(req, deps.parameters, &ParameterService::parameters); }

Response createParameter(Request& req, Deps& deps) {
    Parameter x = deps.parameters.createParameter(req.principal(), parseParameter(req), req.requestId());
    return Response::created(toJson(x), "/api/register/parameters/" + std::to_string(x.id));
}

Response getParameter(Request& req, Deps& deps) { return byId(req, deps.parameters, &ParameterService::parameter); }

Response listSpecifications(Request& req, Deps& deps) { return listPage(req, deps.specifications, &SpecificationService::specifications); }

Response createSpecification(Request& req, Deps& deps) {
    Specification sp = deps.specifications.createSpecification(req.principal(), parseSpecification(req), req.requestId());
    return Response::created(toJson(sp), "/api/register/specifications/" + std::to_string(sp.id));
}

Response getSpecification(Request& req, Deps& deps) { return byId(req, deps.specifications, &SpecificationService::specification); }

Response listStandards(Request& req, Deps& deps) {
    const Page pg = page(req);
    auto items = deps.standards.standards(req.principal(), pg.cursor, pg.limit, queryEnum<StandardStatus>(req, "status"));
    return Response::json(pageOf(items, pg, [](const Standard& x) { return x.ref.id; }));
}

Response createStandard(Request& req, Deps& deps) {
    JsonReader r(req.jsonObject());
    StandardInput in;
    in.number = r.requiredString("number", 64);
    in.title = r.requiredString("title", 300);
    in.year = static_cast<int>(r.requiredInt("year", 1950, 2100).value_or(0));  // the edition year
    mergeProblems(r, StandardService::standardProblems(in));
    Standard s = deps.standards.createStandard(req.principal(), in, req.requestId());
    return createdWithEtag(s, "/api/register/standards/" + std::to_string(s.ref.id));
}

Response getStandard(Request& req, Deps& deps) { return jsonWithEtag(deps.standards.standard(req.principal(), req.idParam("id"))); }

Response changeStandardStatus(Request& req, Deps& deps) {
    const std::int64_t id = req.idParam("id");
    JsonReader r(req.jsonObject());
    const std::string status = r.requiredString("status", 16);
    const std::optional<std::int64_t> replacedBy = idField(r, "replaced_by");
    const std::string reason = r.requiredString("reason", 500, Lines::many);
    r.finish();
    return jsonWithEtag(deps.standards.changeStandardStatus(req.principal(), id, ifMatch(req), status, replacedBy, reason, req.requestId()));
}

const RouteEntry<Deps> kRoutes[] = {
    {"GET", "/api/register/prices", "register:read", "The price list", listPrices},
    {"GET", "/api/register/prices/{id}", "register:read", "One price", getPrice},
    {"POST", "/api/register/prices", "register:write", "Add a price for a parameter and method, with its validity", createPrice},
    {"POST", "/api/register/import", "register:write", "Import standards or parameters from a CSV file (UTF-8 or GB18030), all rows or none", importRegister},
    {"GET", "/api/register/methods", "register:read", "The lab's test methods", listMethods},
    {"POST", "/api/register/methods", "register:write", "Add a test method to the register", createMethod},
    {"GET", "/api/register/methods/{id}", "register:read", "One test method", getMethod},
    {"POST", "/api/register/methods/{id}/withdraw", "register:write", "Withdraw a test method", withdrawMethod},
    {"GET", "/api/register/methods/{id}/records", "register:read", "A method's verification and validation records", methodRecords},
    {"POST", "/api/register/methods/{id}/records", "register:write", "Add a dated verification or validation record to a method", addMethodRecord},
    {"GET", "/api/register/parameters", "register:read", "The lab's parameters (test items)", listParameters},
    {"POST", "/api/register/parameters", "register:write", "Add a parameter (test item) to the register", createParameter},
    {"GET", "/api/register/parameters/{id}", "register:read", "One parameter", getParameter},
    {"GET", "/api/register/specifications", "register:read", "The lab's specifications (limit sets)", listSpecifications},
    {"POST", "/api/register/specifications", "register:write", "Add a specification, or the next version of one", createSpecification},
    {"GET", "/api/register/specifications/{id}", "register:read", "One specification with its limits", getSpecification},
    {"GET", "/api/register/standards", "register:read", "The lab's standards", listStandards},
    {"POST", "/api/register/standards", "register:write", "Add a standard edition to the register", createStandard},
    {"GET", "/api/register/standards/{id}", "register:read", "One standard", getStandard},
    {"POST", "/api/register/standards/{id}/status", "register:write", "Withdraw a standard, or mark it replaced by a newer edition", changeStandardStatus},
};
}  // namespace

void registerRegisterRoutes(Router& router, RegisterDeps& deps) { addRoutes(router, deps, kRoutes); }

}  // namespace assay::accreditation
