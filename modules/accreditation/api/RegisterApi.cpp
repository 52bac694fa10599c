// RegisterApi: request parsing and JSON rendering for the lab register.
#include "api/RegisterApi.hpp"

#include <charconv>
#include <set>

#include <Poco/JSON/Array.h>

#include "assay/Api.hpp"
#include "assay/Json.hpp"

namespace assay::accreditation {


namespace {
std::string etag(const Standard& s) { return assay::etag(s.version); }
std::string etag(const Method& m) { return assay::etag(m.version); }

Poco::JSON::Object::Ptr render(const Standard& s) {
    auto o = makeObject();
    o->set("id", std::to_string(s.ref.id));
    o->set("number", s.ref.number);
    o->set("year", s.ref.year);
    o->set("designation", s.ref.designation());
    o->set("title", s.ref.title);
    o->set("status", s.ref.status);
    o->set("replaced_by", s.ref.replacedBy ? Poco::Dynamic::Var(std::to_string(*s.ref.replacedBy)) : Poco::Dynamic::Var());
    o->set("created_at", formatRfc3339(fromEpochMillis(s.createdAtMs)));
    o->set("updated_at", formatRfc3339(fromEpochMillis(s.updatedAtMs)));
    return o;
}

Poco::JSON::Object::Ptr render(const Method& m) {
    auto o = makeObject();
    o->set("id", std::to_string(m.ref.id));
    o->set("standard_id", std::to_string(m.ref.standard.id));
    o->set("standard", m.ref.standard.designation());
    o->set("clause", m.ref.clause ? Poco::Dynamic::Var(*m.ref.clause) : Poco::Dynamic::Var());
    o->set("citation", m.ref.citation());
    o->set("name", m.ref.name);
    o->set("principle", m.principle ? Poco::Dynamic::Var(*m.principle) : Poco::Dynamic::Var());
    o->set("kind", m.ref.kind);
    o->set("status", m.ref.status);
    Poco::JSON::Array::Ptr eq = new Poco::JSON::Array;
    for (const auto& t : m.ref.equipmentTypes) eq->add(t);
    o->set("equipment_types", eq);
    o->set("below_lod_style", m.ref.belowLodStyle ? Poco::Dynamic::Var(*m.ref.belowLodStyle) : Poco::Dynamic::Var());
    o->set("created_at", formatRfc3339(fromEpochMillis(m.createdAtMs)));
    o->set("updated_at", formatRfc3339(fromEpochMillis(m.updatedAtMs)));
    return o;
}

Poco::JSON::Object::Ptr render(const MethodRecord& r) {
    auto o = makeObject();
    o->set("id", std::to_string(r.id));
    o->set("method_id", std::to_string(r.methodId));
    o->set("kind", r.kind);
    o->set("record_date", r.recordDate);
    o->set("record_no", r.recordNo);
    o->set("summary", r.summary ? Poco::Dynamic::Var(*r.summary) : Poco::Dynamic::Var());
    o->set("created_at", formatRfc3339(fromEpochMillis(r.createdAtMs)));
    return o;
}

Poco::JSON::Object::Ptr render(const Parameter& x) {
    auto o = makeObject();
    o->set("id", std::to_string(x.id));
    o->set("name_zh", x.nameZh);
    o->set("name_en", x.nameEn ? Poco::Dynamic::Var(*x.nameEn) : Poco::Dynamic::Var());
    o->set("unit", x.unit);
    o->set("precision_kind", x.precisionKind);
    o->set("precision_digits", x.precisionDigits);
    o->set("rounding_unit", x.roundingUnit);
    o->set("lod", optDec(x.lod));
    o->set("loq", optDec(x.loq));
    o->set("mu_model", x.muModel);
    o->set("mu_value", optDec(x.muValue));
    Poco::JSON::Array::Ptr bands = new Poco::JSON::Array;
    for (const auto& b : x.muBands) {
        auto bo = makeObject();
        bo->set("up_to", optDec(b.upTo));
        bo->set("relative", b.relativePercent.toString());
        bands->add(bo);
    }
    o->set("mu_ranges", bands);
    o->set("created_at", formatRfc3339(fromEpochMillis(x.createdAtMs)));
    return o;
}

Poco::JSON::Object::Ptr render(const Specification& sp) {
    auto o = makeObject();
    o->set("id", std::to_string(sp.id));
    o->set("name", sp.name);
    o->set("version", sp.version);
    o->set("standard_id", sp.standardId ? Poco::Dynamic::Var(std::to_string(*sp.standardId)) : Poco::Dynamic::Var());
    o->set("comparison_mode", sp.comparisonMode);
    o->set("decision_rule", sp.decisionRule);
    o->set("status", sp.status);
    Poco::JSON::Array::Ptr limits = new Poco::JSON::Array;
    for (const auto& l : sp.limits) {
        auto lo = makeObject();
        lo->set("id", std::to_string(l.id));
        lo->set("parameter_id", std::to_string(l.parameterId));
        lo->set("product_category", l.productCategory);
        lo->set("min_op", l.minOp ? Poco::Dynamic::Var(*l.minOp) : Poco::Dynamic::Var());
        lo->set("min", optDec(l.minValue));
        lo->set("max_op", l.maxOp ? Poco::Dynamic::Var(*l.maxOp) : Poco::Dynamic::Var());
        lo->set("max", optDec(l.maxValue));
        lo->set("clause", l.clause ? Poco::Dynamic::Var(*l.clause) : Poco::Dynamic::Var());
        limits->add(lo);
    }
    o->set("limits", limits);
    o->set("created_at", formatRfc3339(fromEpochMillis(sp.createdAtMs)));
    return o;
}

Specification parseSpecification(const Request& req) {
    auto body = req.jsonObject();
    JsonReader r(body);
    Specification sp;
    sp.name = r.requiredString("name", 200);
    if (auto sid = r.optionalString("standard_id", 20)) {
        sp.standardId = parseId(*sid);
        if (*sp.standardId == 0) r.addError("standard_id", "must be an id (a decimal string)");
    }
    sp.comparisonMode = r.optionalString("comparison_mode", 16).value_or("full");
    sp.decisionRule = r.optionalString("decision_rule", 16).value_or("simple");
    r.allow("limits");
    auto arr = body->has("limits") && !body->isNull("limits") ? body->getArray("limits") : nullptr;
    if (!arr) {
        r.addError("limits", "required: an array of limits");
    } else {
        for (std::size_t i = 0; i < arr->size() && i < 501; ++i) {
            const std::string f = "limits[" + std::to_string(i) + "]";
            auto lo = arr->getObject(static_cast<unsigned>(i));
            if (!lo) {
                r.addError(f, "must be an object");
                continue;
            }
            JsonReader lr(lo, f);
            SpecLimit l;
            if (auto pid = lr.optionalString("parameter_id", 20)) {
                l.parameterId = parseId(*pid);
                if (l.parameterId == 0) lr.addError("parameter_id", "must be an id (a decimal string)");
            }
            l.productCategory = lr.optionalString("product_category", 100).value_or("");
            l.minOp = lr.optionalString("min_op", 2);
            l.minValue = decimalField(lr, lo, "min", "min");
            l.maxOp = lr.optionalString("max_op", 2);
            l.maxValue = decimalField(lr, lo, "max", "max");
            l.clause = lr.optionalString("clause", 64);
            try {
                lr.finish();
            } catch (const Error& e) {
                for (const auto& fe : e.fieldErrors()) r.addError(fe.field, fe.problem);
            }
            sp.limits.push_back(std::move(l));
        }
    }
    std::set<std::string> reported;
    for (const auto& e : r.errors()) reported.insert(e.field);
    for (const auto& e : RegisterService::specificationProblems(sp))
        if (!reported.count(e.field)) r.addError(e.field, e.problem);
    r.finish();
    return sp;
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
    r.allow("mu_ranges");
    if (body->has("mu_ranges") && !body->isNull("mu_ranges")) {
        auto arr = body->getArray("mu_ranges");
        if (!arr) {
            r.addError("mu_ranges", "must be an array of {up_to, relative}");
        } else {
            for (std::size_t i = 0; i < arr->size() && i < 20; ++i) {
                auto bo = arr->getObject(static_cast<unsigned>(i));
                const std::string f = "mu_ranges[" + std::to_string(i) + "]";
                if (!bo) {
                    r.addError(f, "must be an object {up_to, relative}");
                    continue;
                }
                JsonReader br(bo, f);
                MuBand b;
                b.upTo = decimalField(br, bo, "up_to", "up_to");
                auto rel = decimalField(br, bo, "relative", "relative");
                if (!rel && !(bo->has("relative") && !bo->isNull("relative"))) br.addError("relative", "required");
                try {
                    br.finish();
                } catch (const Error& e) {
                    for (const auto& fe : e.fieldErrors()) r.addError(fe.field, fe.problem);
                }
                if (rel) b.relativePercent = *rel;
                x.muBands.push_back(b);
            }
        }
    }
    std::set<std::string> reported;
    for (const auto& e : r.errors()) reported.insert(e.field.substr(0, e.field.find('[')));
    for (const auto& e : RegisterService::parameterProblems(x))
        if (!reported.count(e.field.substr(0, e.field.find('[')))) r.addError(e.field, e.problem);
    r.finish();
    return x;
}
}  // namespace

namespace {
void registerMethodRoutes(Router& router, RegisterService& svc) {
    router.add({"GET", "/api/register/methods", "register:read", "The lab's test methods", [&svc](Request& req) {
        const Page pg = page(req);
        auto items = svc.methods(req.principal(), pg.cursor, pg.limit);
        Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
        for (const auto& m : items) arr->add(render(m));
        auto o = makeObject();
        o->set("items", arr);
        o->set("next_cursor", static_cast<int>(items.size()) == pg.limit
                                  ? Poco::Dynamic::Var(std::to_string(items.back().ref.id))
                                  : Poco::Dynamic::Var());
        return Response::json(o);
    }});

    router.add({"POST", "/api/register/methods", "register:write", "Add a test method to the register", [&svc](Request& req) {
        JsonReader r(req.jsonObject());
        MethodInput in;
        if (auto sid = r.optionalString("standard_id", 20)) {
            in.standardId = parseId(*sid);
            if (in.standardId == 0) r.addError("standard_id", "must be an id (a decimal string)");
        }
        in.clause = r.optionalString("clause", 32);
        in.name = r.requiredString("name", 200);
        in.principle = r.optionalString("principle", 500, Lines::many);
        in.kind = r.requiredString("kind", 16);
        in.equipmentTypes = r.stringArray("equipment_types", true, 10);
        in.belowLodStyle = r.optionalString("below_lod_style", 8);
        std::set<std::string> reported;
        for (const auto& e : r.errors()) reported.insert(e.field.substr(0, e.field.find('[')));
        for (const auto& e : RegisterService::methodProblems(in))
            if (!reported.count(e.field.substr(0, e.field.find('[')))) r.addError(e.field, e.problem);
        r.finish();
        Method m = svc.createMethod(req.principal(), in, req.requestId());
        return Response::created(render(m), "/api/register/methods/" + std::to_string(m.ref.id)).withHeader("ETag", etag(m));
    }});

    router.add({"GET", "/api/register/methods/{id}", "register:read", "One test method", [&svc](Request& req) {
        Method m = svc.method(req.principal(), req.idParam("id"));
        return Response::json(render(m)).withHeader("ETag", etag(m));
    }});

    router.add({"POST", "/api/register/methods/{id}/withdraw", "register:write", "Withdraw a test method",
                [&svc](Request& req) {
                    const std::int64_t id = req.idParam("id");
                    JsonReader r(req.jsonObject());
                    const std::string reason = r.requiredString("reason", 500, Lines::many);
                    r.finish();
                    Method m = svc.withdrawMethod(req.principal(), id, ifMatch(req), reason, req.requestId());
                    return Response::json(render(m)).withHeader("ETag", etag(m));
                }});

    router.add({"GET", "/api/register/methods/{id}/records", "register:read",
                "A method's verification and validation records", [&svc](Request& req) {
                    auto items = svc.methodRecords(req.principal(), req.idParam("id"));
                    Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
                    for (const auto& x : items) arr->add(render(x));
                    auto o = makeObject();
                    o->set("items", arr);
                    o->set("next_cursor", Poco::Dynamic::Var());
                    return Response::json(o);
                }});

    router.add({"POST", "/api/register/methods/{id}/records", "register:write",
                "Add a dated verification or validation record to a method", [&svc](Request& req) {
                    const std::int64_t id = req.idParam("id");
                    JsonReader r(req.jsonObject());
                    MethodRecordInput in;
                    in.kind = r.requiredString("kind", 16);
                    in.recordDate = r.requiredString("record_date", 10);
                    in.recordNo = r.requiredString("record_no", 64);
                    in.summary = r.optionalString("summary", 1000, Lines::many);
                    r.finish();
                    MethodRecord x = svc.addMethodRecord(req.principal(), id, in, req.requestId());
                    return Response::created(render(x), "/api/register/methods/" + std::to_string(id) + "/records");
                }});
}
}  // namespace

void registerParameterRoutes(Router& router, RegisterService& svc) {
    router.add({"GET", "/api/register/parameters", "register:read", "The lab's parameters (test items)", [&svc](Request& req) {
        const Page pg = page(req);
        auto items = svc.parameters(req.principal(), pg.cursor, pg.limit);
        Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
        for (const auto& x : items) arr->add(render(x));
        auto o = makeObject();
        o->set("items", arr);
        o->set("next_cursor", static_cast<int>(items.size()) == pg.limit ? Poco::Dynamic::Var(std::to_string(items.back().id))
                                                                          : Poco::Dynamic::Var());
        return Response::json(o);
    }});
    router.add({"POST", "/api/register/parameters", "register:write", "Add a parameter (test item) to the register",
                [&svc](Request& req) {
                    Parameter x = svc.createParameter(req.principal(), parseParameter(req), req.requestId());
                    return Response::created(render(x), "/api/register/parameters/" + std::to_string(x.id));
                }});
    router.add({"GET", "/api/register/parameters/{id}", "register:read", "One parameter", [&svc](Request& req) {
        return Response::json(render(svc.parameter(req.principal(), req.idParam("id"))));
    }});
}

void registerSpecificationRoutes(Router& router, RegisterService& svc) {
    router.add({"GET", "/api/register/specifications", "register:read", "The lab's specifications (limit sets)",
                [&svc](Request& req) {
                    const Page pg = page(req);
                    auto items = svc.specifications(req.principal(), pg.cursor, pg.limit);
                    Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
                    for (const auto& x : items) arr->add(render(x));
                    auto o = makeObject();
                    o->set("items", arr);
                    o->set("next_cursor", static_cast<int>(items.size()) == pg.limit
                                              ? Poco::Dynamic::Var(std::to_string(items.back().id))
                                              : Poco::Dynamic::Var());
                    return Response::json(o);
                }});
    router.add({"POST", "/api/register/specifications", "register:write",
                "Add a specification, or the next version of one", [&svc](Request& req) {
                    Specification sp = svc.createSpecification(req.principal(), parseSpecification(req), req.requestId());
                    return Response::created(render(sp), "/api/register/specifications/" + std::to_string(sp.id));
                }});
    router.add({"GET", "/api/register/specifications/{id}", "register:read", "One specification with its limits",
                [&svc](Request& req) { return Response::json(render(svc.specification(req.principal(), req.idParam("id")))); }});
}

namespace {
Poco::JSON::Object::Ptr render(const Price& x) {
    auto o = makeObject();
    o->set("id", std::to_string(x.id));
    o->set("parameter_id", std::to_string(x.parameterId));
    o->set("method_id", std::to_string(x.methodId));
    o->set("price", x.amount.toString());
    o->set("currency", "CNY");
    o->set("valid_from", x.validFrom);
    o->set("valid_to", optStr(x.validTo));
    o->set("created_at", formatRfc3339(fromEpochMillis(x.createdAtMs)));
    return o;
}

void registerPriceRoutes(Router& router, RegisterService& svc) {
    router.add({"GET", "/api/register/prices", "register:read", "The price list", [&svc](Request& req) {
        const Page pg = page(req);
        auto items = svc.prices(req.principal(), pg.cursor, pg.limit);
        Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
        for (const auto& x : items) arr->add(render(x));
        return Response::json(pageObject(arr, items.size(), pg, items.empty() ? 0 : items.back().id));
    }});
    router.add({"GET", "/api/register/prices/{id}", "register:read", "One price",
                [&svc](Request& req) { return Response::json(render(svc.price(req.principal(), req.idParam("id")))); }});
    router.add({"POST", "/api/register/prices", "register:write", "Add a price for a parameter and method, with its validity",
                [&svc](Request& req) {
                    auto body = req.jsonObject();
                    JsonReader r(body);
                    Price in;
                    in.parameterId = idField(r, "parameter_id").value_or(0);
                    in.methodId = idField(r, "method_id").value_or(0);
                    auto amount = decimalField(r, body, "price", "price");
                    if (!body->has("price") || body->isNull("price"))
                        r.addError("price", "required: a decimal string in CNY, e.g. \"150.00\"");
                    in.amount = amount.value_or(Decimal());
                    in.validFrom = r.requiredString("valid_from", 10);
                    in.validTo = r.optionalString("valid_to", 10);
                    finishWith(r, RegisterService::priceProblems(in));
                    Price x = svc.createPrice(req.principal(), in, req.requestId());
                    return Response::created(render(x), "/api/register/prices/" + std::to_string(x.id));
                }});
}
}  // namespace

void registerRegisterRoutes(Router& router, RegisterService& svc) {
    registerPriceRoutes(router, svc);
    router.add({"POST", "/api/register/import", "register:write",
                "Import standards or parameters from a CSV file (UTF-8 or GB18030), all rows or none", [&svc](Request& req) {
                    const int added = svc.importRegister(req.principal(), req.query("kind").value_or(""),
                                                         req.query("encoding").value_or("auto"), req.body(), req.requestId());
                    auto o = makeObject();
                    o->set("kind", req.query("kind").value_or(""));
                    o->set("added", added);
                    return Response::json(o, 201);
                }});
    registerMethodRoutes(router, svc);
    registerParameterRoutes(router, svc);
    registerSpecificationRoutes(router, svc);
    router.add({"GET", "/api/register/standards", "register:read", "The lab's standards", [&svc](Request& req) {
        const Page pg = page(req);
        auto items = svc.standards(req.principal(), pg.cursor, pg.limit, req.query("status"));
        Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
        for (const auto& s : items) arr->add(render(s));
        auto o = makeObject();
        o->set("items", arr);
        o->set("next_cursor", static_cast<int>(items.size()) == pg.limit
                                  ? Poco::Dynamic::Var(std::to_string(items.back().ref.id))
                                  : Poco::Dynamic::Var());
        return Response::json(o);
    }});

    router.add({"POST", "/api/register/standards", "register:write", "Add a standard edition to the register",
                [&svc](Request& req) {
                    auto body = req.jsonObject();
                    JsonReader r(body);
                    StandardInput in;
                    in.number = r.requiredString("number", 64);
                    in.title = r.requiredString("title", 300);
                    in.year = static_cast<int>(r.requiredInt("year", 1950, 2100).value_or(0));  // the edition year
                    std::set<std::string> reported;
                    for (const auto& e : r.errors()) reported.insert(e.field);
                    for (const auto& e : RegisterService::standardProblems(in))
                        if (!reported.count(e.field)) r.addError(e.field, e.problem);
                    r.finish();
                    Standard s = svc.createStandard(req.principal(), in, req.requestId());
                    return Response::created(render(s), "/api/register/standards/" + std::to_string(s.ref.id))
                        .withHeader("ETag", etag(s));
                }});

    router.add({"GET", "/api/register/standards/{id}", "register:read", "One standard", [&svc](Request& req) {
        Standard s = svc.standard(req.principal(), req.idParam("id"));
        return Response::json(render(s)).withHeader("ETag", etag(s));
    }});

    router.add({"POST", "/api/register/standards/{id}/status", "register:write",
                "Withdraw a standard, or mark it replaced by a newer edition", [&svc](Request& req) {
                    const std::int64_t id = req.idParam("id");
                    JsonReader r(req.jsonObject());
                    const std::string status = r.requiredString("status", 16);
                    std::optional<std::int64_t> replacedBy;
                    if (auto rb = r.optionalString("replaced_by", 20)) {
                        replacedBy = parseId(*rb);
                        if (*replacedBy == 0) r.addError("replaced_by", "must be an id (a decimal string)");
                    }
                    const std::string reason = r.requiredString("reason", 500, Lines::many);
                    r.finish();
                    Standard s = svc.changeStandardStatus(req.principal(), id, ifMatch(req), status, replacedBy, reason,
                                                          req.requestId());
                    return Response::json(render(s)).withHeader("ETag", etag(s));
                }});
}

}  // namespace assay::accreditation
