// ResultApi: request parsing and JSON rendering for test items and results.
#include "api/ResultApi.hpp"

#include "assay/Api.hpp"
#include "assay/Json.hpp"

namespace assay::testing {

namespace {
Poco::Dynamic::Var at(std::int64_t ms) { return formatRfc3339(fromEpochMillis(ms)); }

Poco::JSON::Object::Ptr renderItem(const TestItem& i) {
    auto o = makeObject();
    o->set("id", std::to_string(i.id));
    o->set("order_code", i.orderCode);
    o->set("sample_code", i.sampleCode);
    o->set("product", i.product);
    o->set("product_category", i.productCategory);
    o->set("parameter_id", std::to_string(i.parameterId));
    o->set("method_id", std::to_string(i.methodId));
    o->set("specification_id", optId(i.specificationId));
    o->set("decision_rule", optStr(i.decisionRule));
    o->set("assignee_user_id", optId(i.assigneeUserId));
    o->set("assignee", optStr(i.assigneeName));
    o->set("test_date", optStr(i.testDate));
    o->set("batch_id", optId(i.batchId));
    o->set("created_at", at(i.createdAtMs));
    return o;
}

Poco::JSON::Object::Ptr renderResult(const Result& r) {
    auto o = makeObject();
    o->set("id", std::to_string(r.id));
    o->set("test_item_id", std::to_string(r.testItemId));
    o->set("attempt", r.attempt);
    o->set("status", r.status);
    o->set("value_text", r.valueText);
    o->set("value", optDec(r.value));
    o->set("below_lod", r.belowLod);
    o->set("lod", optDec(r.lod));
    o->set("reported", r.reported);
    o->set("unit", r.unit);
    o->set("limit", optStr(r.limitText));
    o->set("conformity", optStr(r.conformity));
    o->set("uncertainty", optDec(r.uncertainty));
    o->set("mu_straddles", r.muStraddles);
    o->set("equipment_flag", optStr(r.equipmentFlag));  // R15 flag policy: no CMA/CNAS mark
    o->set("nc_id", optId(r.ncId));
    auto raw = makeObject();
    raw->set("kind", r.rawKind);
    raw->set("ref", std::to_string(r.rawRef));
    o->set("raw", raw);
    o->set("performer", r.performerName);
    o->set("performer_user_id", std::to_string(r.performerUserId));
    o->set("checker", optStr(r.checkerName));
    o->set("approver", optStr(r.approverName));
    o->set("invalid_reason", optStr(r.invalidReason));
    o->set("retest_reason", optStr(r.retestReason));
    o->set("updated_at", at(r.updatedAtMs));
    o->set("etag", etag(r.version));
    if (r.formulaId) {
        auto f = makeObject();
        f->set("id", std::to_string(*r.formulaId));
        f->set("version", r.formulaVersion.value_or(0));
        o->set("formula", f);
    } else {
        o->set("formula", Poco::Dynamic::Var());
    }
    o->set("interim", optStr(r.interim));  // for If-Match when the result comes inside its item
    // R20: the row (or its entry record) no longer matches the state the audit trail recorded.
    o->set("tampered", r.tamperReason.has_value());
    o->set("tamper_reason", optStr(r.tamperReason));
    Poco::JSON::Array::Ptr history = new Poco::JSON::Array;
    for (const auto& v : r.history) {
        auto h = makeObject();
        h->set("version", v.version);
        h->set("status", v.status);
        h->set("value_text", v.valueText);
        h->set("reported", v.reported);
        h->set("conformity", optStr(v.conformity));
        h->set("raw_ref", std::to_string(v.rawRef));
        h->set("by", v.changedName);
        h->set("at", at(v.changedAtMs));
        h->set("reason", optStr(v.reason));
        history->add(h);
    }
    o->set("history", history);
    return o;
}

Response resultResponse(const Result& r, int status = 200) {
    return Response::json(renderResult(r), status).withHeader("ETag", etag(r.version));
}

// {value} or {inputs: {name: "decimal string"}}, with errors named like the body.
Reading readReading(JsonReader& r, const Poco::JSON::Object::Ptr& body) {
    Reading reading;
    reading.value = r.optionalString("value", 100).value_or("");
    r.allow("inputs");
    if (body->has("inputs") && !body->isNull("inputs")) {
        auto obj = body->getObject("inputs");
        if (!obj) {
            r.addError("inputs", "must be an object of name: decimal string");
            return reading;
        }
        reading.inputs.emplace();
        std::vector<std::string> names;
        obj->getNames(names);
        if (names.size() > 50) r.addError("inputs", "at most 50 inputs");
        for (const auto& n : names) {
            if (!obj->get(n).isString()) r.addError("inputs." + n, "must be a decimal string such as \"0.5012\"");
            else (*reading.inputs)[n] = obj->getValue<std::string>(n);
        }
    }
    return reading;
}

Poco::JSON::Object::Ptr renderFormula(const Formula& f) {
    auto o = makeObject();
    o->set("id", std::to_string(f.id));
    o->set("parameter_id", std::to_string(f.parameterId));
    o->set("method_id", std::to_string(f.methodId));
    o->set("version", f.version);
    o->set("expression", f.expression);
    Poco::JSON::Array::Ptr inputs = new Poco::JSON::Array;
    for (const auto& i : f.inputs) inputs->add(i);
    o->set("inputs", inputs);
    o->set("status", f.status);
    o->set("note", optStr(f.note));
    o->set("created_by", f.createdName);
    o->set("created_at", at(f.createdAtMs));
    return o;
}

std::optional<int> optionalIfMatch(const Request& req) {
    if (!req.header("If-Match")) return std::nullopt;
    return ifMatch(req);
}
}  // namespace

void registerResultRoutes(Router& router, ResultService& svc) {
    router.add({"POST", "/api/testing/items", "results:write", "Create the test items of an accepted order", [&svc](Request& req) {
        JsonReader r(req.jsonObject());
        const std::string order = r.requiredString("order_code", 40);
        const auto spec = idField(r, "specification_id");
        r.finish();
        auto items = svc.createFromOrder(req.principal(), order, spec, req.requestId());
        Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
        for (const auto& i : items) arr->add(renderItem(i));
        auto o = makeObject();
        o->set("items", arr);
        return Response::json(o, 201);
    }});
    router.add({"GET", "/api/testing/items", "results:read", "Test items, newest first (mine=1: my worklist)", [&svc](Request& req) {
        const Page pg = page(req);
        auto items = svc.list(req.principal(), req.query("mine").value_or("") == "1", pg.cursor, pg.limit);
        Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
        for (const auto& i : items) arr->add(renderItem(i));
        return Response::json(pageObject(arr, items.size(), pg, items.empty() ? 0 : items.back().id));
    }});
    router.add({"GET", "/api/testing/items/{id}", "results:read", "A test item with every result and its versions", [&svc](Request& req) {
        auto v = svc.get(req.principal(), req.idParam("id"));
        auto o = renderItem(v.item);
        Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
        for (const auto& r : v.results) arr->add(renderResult(r));
        o->set("results", arr);
        return Response::json(o).withHeader("ETag", etag(v.item.version));
    }});
    router.add({"POST", "/api/testing/items/{id}/assign", "results:assign", "Assign a test item to an authorized technician (R13)",
                [&svc](Request& req) {
                    JsonReader r(req.jsonObject());
                    const auto user = idField(r, "user_id");
                    const std::string date = r.optionalString("test_date", 10).value_or("");
                    r.finish();
                    auto i = svc.assign(req.principal(), req.idParam("id"), ifMatch(req), user.value_or(0), date, req.requestId());
                    return Response::json(renderItem(i)).withHeader("ETag", etag(i.version));
                }});
    router.add({"POST", "/api/testing/items/{id}/results", "results:write",
                "Enter a result as read (its entry record is the raw data, R21); a retest keeps the earlier result", [&svc](Request& req) {
                    auto body = req.jsonObject();
                    JsonReader r(body);
                    const Reading reading = readReading(r, body);
                    const auto retest = r.optionalString("retest_reason", 500, Lines::many);
                    r.finish();
                    return resultResponse(svc.enter(req.principal(), req.idParam("id"), reading, retest, req.requestId()), 201);
                }});
    router.add({"POST", "/api/testing/items/{id}/preview", "results:write",
                "What a reading would give (reported value, conformity), stored nowhere", [&svc](Request& req) {
                    auto body = req.jsonObject();
                    JsonReader r(body);
                    const Reading reading = readReading(r, body);
                    r.finish();
                    auto x = svc.preview(req.principal(), req.idParam("id"), reading);
                    auto o = makeObject();
                    o->set("value", optDec(x.value));
                    o->set("below_lod", x.belowLod);
                    o->set("reported", x.reported);
                    o->set("unit", x.unit);
                    o->set("limit", optStr(x.limitText));
                    o->set("conformity", optStr(x.conformity));
                    o->set("uncertainty", optDec(x.uncertainty));
                    o->set("mu_straddles", x.muStraddles);
                    o->set("interim", optStr(x.interim));
                    return Response::json(o);
                }});
    router.add({"GET", "/api/testing/results", "results:read", "The review queue: results entered (to check) or checked (to approve)",
                [&svc](Request& req) {
                    const std::string status = req.query("status").value_or("entered");
                    Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
                    for (const auto& [item, result] : svc.queue(req.principal(), status, 200)) {
                        auto o = renderResult(result);
                        o->set("item", renderItem(item));
                        arr->add(o);
                    }
                    auto o = makeObject();
                    o->set("items", arr);
                    return Response::json(o);
                }});
    router.add({"PATCH", "/api/testing/results/{id}", "results:write", "Correct a result's value with a reason (R20)",
                [&svc](Request& req) {
                    auto body = req.jsonObject();
                    JsonReader r(body);
                    const Reading reading = readReading(r, body);
                    const std::string reason = r.optionalString("reason", 500, Lines::many).value_or("");
                    r.finish();
                    return resultResponse(svc.edit(req.principal(), req.idParam("id"), ifMatch(req), reading, reason, req.requestId()));
                }});
    router.add({"POST", "/api/testing/results/{id}/check", "results:check", "Check a result (another person, R13)", [&svc](Request& req) {
        return resultResponse(svc.check(req.principal(), req.idParam("id"), optionalIfMatch(req), req.requestId()));
    }});
    router.add({"POST", "/api/testing/results/{id}/approve", "results:approve", "Approve a checked result", [&svc](Request& req) {
        return resultResponse(svc.approve(req.principal(), req.idParam("id"), optionalIfMatch(req), req.requestId()));
    }});
    router.add({"POST", "/api/testing/results/{id}/invalidate", "results:approve", "Invalidate a result with a reason (R20)",
                [&svc](Request& req) {
                    JsonReader r(req.jsonObject());
                    const std::string reason = r.optionalString("reason", 500, Lines::many).value_or("");
                    r.finish();
                    return resultResponse(svc.invalidate(req.principal(), req.idParam("id"), ifMatch(req), reason, req.requestId()));
                }});
    router.add({"GET", "/api/testing/samples/{code}/conformity", "results:read",
                "A sample's conformity (合格 / 不合格 / 不判定) from its items' current results", [&svc](Request& req) {
                    auto c = svc.sampleConformity(req.principal(), req.param("code"));
                    Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
                    for (const auto& [item, result] : c.items) {
                        auto o = renderItem(item);
                        o->set("result", result ? Poco::Dynamic::Var(renderResult(*result)) : Poco::Dynamic::Var());
                        arr->add(o);
                    }
                    auto o = makeObject();
                    o->set("sample_code", req.param("code"));
                    o->set("verdict", c.verdict);
                    o->set("provisional", c.provisional);
                    o->set("items", arr);
                    return Response::json(o);
                }});
    router.add({"GET", "/api/testing/formulas", "results:read", "Every version of a parameter's formula by a method (R39)",
                [&svc](Request& req) {
                    const std::int64_t parameter = parseId(req.query("parameter_id").value_or(""));
                    const std::int64_t method = parseId(req.query("method_id").value_or(""));
                    std::vector<FieldError> errors;
                    if (!parameter) errors.push_back({"parameter_id", "required: an id"});
                    if (!method) errors.push_back({"method_id", "required: an id"});
                    if (!errors.empty()) throw Error::invalid(errors);
                    Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
                    for (const auto& f : svc.formulas(req.principal(), parameter, method)) arr->add(renderFormula(f));
                    auto o = makeObject();
                    o->set("items", arr);
                    return Response::json(o);
                }});
    router.add({"POST", "/api/testing/formulas", "results:formulas", "Add the next version of a formula (R39)", [&svc](Request& req) {
        JsonReader r(req.jsonObject());
        const auto parameter = idField(r, "parameter_id");
        const auto method = idField(r, "method_id");
        const std::string expression = r.optionalString("expression", 2000, Lines::many).value_or("");
        const auto note = r.optionalString("note", 500, Lines::many);
        r.finish();
        return Response::json(renderFormula(svc.addFormula(req.principal(), parameter.value_or(0), method.value_or(0), expression, note,
                                                           req.requestId())),
                              201);
    }});
    router.add({"GET", "/api/testing/entries/{id}", "results:read", "A manual entry record (a result's raw data)", [&svc](Request& req) {
        auto e = svc.entry(req.principal(), req.idParam("id"));
        if (!e) throw Error::notFound("entry record");
        auto o = makeObject();
        o->set("id", std::to_string(e->id));
        o->set("test_item_id", std::to_string(e->testItemId));
        o->set("typed", e->typed);
        o->set("by", e->enteredName);
        o->set("at", at(e->atMs));
        o->set("sha256", e->sha256);
        return Response::json(o);
    }});
}

}  // namespace assay::testing
