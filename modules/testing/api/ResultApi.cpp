// ResultApi: request parsing for test items and results; rendering is TestingJson.
#include "domain/TestingMessages.hpp"
#include "api/ResultApi.hpp"

#include "api/TestingJson.hpp"
#include "assay/Messages.hpp"
#include "assay/ApiEdge.hpp"

namespace assay::testing {

namespace {
using Deps = ResultDeps;

// {inputs: {name: "decimal string"}} into reading, with errors named like the body.
void readInputs(JsonReader& r, const Poco::JSON::Object::Ptr& body, Reading& reading) {
    auto obj = body->getObject("inputs");
    if (!obj) {
        r.addError("inputs", msg::kInputsObject);
        return;
    }
    reading.inputs.emplace();
    std::vector<std::string> names;
    obj->getNames(names);
    if (names.size() > 50) r.addError("inputs", msg::kInputsTooMany);
    for (const auto& n : names) {
        if (!obj->get(n).isString()) r.addError("inputs." + n, msg::kInputDecimal);
        else (*reading.inputs)[n] = obj->getValue<std::string>(n);
    }
}

// {value} or {inputs: {...}}.
Reading readReading(JsonReader& r, const Poco::JSON::Object::Ptr& body) {
    Reading reading;
    reading.value = r.optionalString("value", 100).value_or("");
    r.allow("inputs");
    if (body->has("inputs") && !body->isNull("inputs")) readInputs(r, body, reading);
    return reading;
}

std::optional<int> optionalIfMatch(const Request& req) {
    if (!req.header("If-Match")) return std::nullopt;
    return ifMatch(req);
}

// ?parameter_id=&method_id=, both required ids.
std::pair<std::int64_t, std::int64_t> parameterAndMethod(const Request& req, std::vector<FieldError>& errors) {
    const std::int64_t parameter = parseId(req.query("parameter_id").value_or(""));
    const std::int64_t method = parseId(req.query("method_id").value_or(""));
    if (!parameter) errors.push_back({"parameter_id", assay::msg::kRequiredId});
    if (!method) errors.push_back({"method_id", assay::msg::kRequiredId});
    return {parameter, method};
}

Response createItems(Request& req, Deps& deps) {
    JsonReader r(req.jsonObject());
    const std::string order = r.requiredString("order_code", 40);
    const auto spec = idField(r, "specification_id");
    r.finish();
    return Response::json(itemsObject(jsonArray(deps.items.createFromOrder(req.principal(), order, spec, req.requestId()))), 201);
}

Response listItems(Request& req, Deps& deps) {
    const Page pg = page(req);
    using Whose = ResultQueries::Whose;
    const Whose whose = req.query("mine").value_or("") == "1"         ? Whose::Mine
                        : req.query("unassigned").value_or("") == "1" ? Whose::Unassigned
                                                                      : Whose::All;
    auto items = deps.queries.list(req.principal(), whose, pg.cursor, pg.limit);
    return Response::json(pageOf(items, pg));
}

Response getItem(Request& req, Deps& deps) {
    auto v = deps.queries.get(req.principal(), req.idParam("id"));
    return Response::json(toJson(v)).withHeader("ETag", etag(v.item.version));
}

Response assign(Request& req, Deps& deps) {
    JsonReader r(req.jsonObject());
    const auto user = idField(r, "user_id");
    const std::string date = r.optionalString("test_date", 10).value_or("");
    r.finish();
    return jsonWithEtag(deps.items.assign(req.principal(), req.idParam("id"), ifMatch(req), user.value_or(0), date, req.requestId()));
}

Response assignees(Request& req, Deps& deps) {
    return Response::json(toJson(deps.items.assignees(req.principal(), req.idParam("id"), req.query("test_date").value_or(""))));
}

Response enter(Request& req, Deps& deps) {
    auto body = req.jsonObject();
    JsonReader r(body);
    const Reading reading = readReading(r, body);
    const auto retest = r.optionalString("retest_reason", 500, Lines::many);
    r.finish();
    return jsonWithEtag(deps.results.enter(req.principal(), req.idParam("id"), reading, retest, req.requestId()), 201);
}

Response preview(Request& req, Deps& deps) {
    auto body = req.jsonObject();
    JsonReader r(body);
    const Reading reading = readReading(r, body);
    r.finish();
    return Response::json(previewJson(deps.results.preview(req.principal(), req.idParam("id"), reading)));
}

Response reviewQueue(Request& req, Deps& deps) {
    const ResultStatus status = queryEnum<ResultStatus>(req, "status").value_or(ResultStatus::Entered);
    Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
    for (const auto& [item, result] : deps.queries.queue(req.principal(), status, 200)) {
        auto o = toJson(result);
        o->set("item", toJson(item));
        arr->add(o);
    }
    return Response::json(itemsObject(arr));
}

Response edit(Request& req, Deps& deps) {
    auto body = req.jsonObject();
    JsonReader r(body);
    const Reading reading = readReading(r, body);
    const std::string reason = r.optionalString("reason", 500, Lines::many).value_or("");
    r.finish();
    return jsonWithEtag(deps.results.edit(req.principal(), req.idParam("id"), ifMatch(req), reading, reason, req.requestId()));
}

Response check(Request& req, Deps& deps) {
    return jsonWithEtag(deps.results.check(req.principal(), req.idParam("id"), optionalIfMatch(req), req.requestId()));
}

Response approve(Request& req, Deps& deps) {
    return jsonWithEtag(deps.results.approve(req.principal(), req.idParam("id"), optionalIfMatch(req), req.requestId()));
}

Response invalidate(Request& req, Deps& deps) {
    JsonReader r(req.jsonObject());
    const std::string reason = r.optionalString("reason", 500, Lines::many).value_or("");
    r.finish();
    return jsonWithEtag(deps.results.invalidate(req.principal(), req.idParam("id"), ifMatch(req), reason, req.requestId()));
}

Response sampleConformity(Request& req, Deps& deps) {
    return Response::json(toJson(deps.queries.sampleConformity(req.principal(), req.param("code")), req.param("code")));
}

Response changeSpecification(Request& req, Deps& deps) {
    auto body = req.jsonObject();
    JsonReader r(body);
    const auto spec = nullableIdField(r, body, "specification_id");
    const std::string reason = r.optionalString("reason", 500, Lines::many).value_or("");
    r.finish();
    auto items = deps.results.changeSpecification(req.principal(), req.param("code"), spec, reason, req.requestId());
    return Response::json(itemsObject(jsonArray(items)));
}

Response listFormulas(Request& req, Deps& deps) {
    std::vector<FieldError> errors;
    const auto [parameter, method] = parameterAndMethod(req, errors);
    if (!errors.empty()) throw Error::invalid(errors);
    return Response::json(itemsObject(jsonArray(deps.formulas.formulas(req.principal(), parameter, method))));
}

Response addFormula(Request& req, Deps& deps) {
    JsonReader r(req.jsonObject());
    const auto parameter = idField(r, "parameter_id");
    const auto method = idField(r, "method_id");
    const std::string expression = r.optionalString("expression", 2000, Lines::many).value_or("");
    const auto note = r.optionalString("note", 500, Lines::many);
    r.finish();
    auto f = deps.formulas.addFormula(req.principal(), parameter.value_or(0), method.value_or(0), expression, note, req.requestId());
    return Response::json(toJson(f), 201);
}

Response entry(Request& req, Deps& deps) {
    auto e = deps.queries.entry(req.principal(), req.idParam("id"));
    if (!e) throw Error::notFound("entry record");
    return Response::json(toJson(*e));
}

const RouteEntry<Deps> kRoutes[] = {
    {"POST", "/api/testing/items", "results:write", "Create the test items of an accepted order", createItems},
    {"GET", "/api/testing/items", "results:read", "Test items, newest first (mine=1: my worklist)", listItems},
    {"GET", "/api/testing/items/{id}", "results:read", "A test item with every result and its versions", getItem},
    {"GET", "/api/testing/items/{id}/assignees", "results:assign", "Who may be assigned the item on a date (R13), and whether its method is usable (R23)", assignees},
    {"POST", "/api/testing/items/{id}/assign", "results:assign", "Assign a test item to an authorized technician (R13)", assign},
    {"POST", "/api/testing/items/{id}/results", "results:write", "Enter a result as read (its entry record is the raw data, R21); a retest keeps the earlier result", enter},
    {"POST", "/api/testing/items/{id}/preview", "results:write", "What a reading would give (reported value, conformity), stored nowhere", preview},
    {"GET", "/api/testing/results", "results:read", "The review queue: results entered (to check) or checked (to approve)", reviewQueue},
    {"PATCH", "/api/testing/results/{id}", "results:write", "Correct a result's value with a reason (R20)", edit},
    {"POST", "/api/testing/results/{id}/check", "results:check", "Check a result (another person, R13)", check},
    {"POST", "/api/testing/results/{id}/approve", "results:approve", "Approve a checked result", approve},
    {"POST", "/api/testing/results/{id}/invalidate", "results:approve", "Invalidate a result with a reason (R20)", invalidate},
    {"POST", "/api/testing/samples/{code}/specification", "results:assign", "Change the specification a sample's results are judged by, with a reason, until they are approved", changeSpecification},
    {"GET", "/api/testing/samples/{code}/conformity", "results:read", "A sample's conformity (合格 / 不合格 / 不判定) from its items' current results", sampleConformity},
    {"GET", "/api/testing/formulas", "results:read", "Every version of a parameter's formula by a method (R39)", listFormulas},
    {"POST", "/api/testing/formulas", "results:formulas", "Add the next version of a formula (R39)", addFormula},
    {"GET", "/api/testing/entries/{id}", "results:read", "A manual entry record (a result's raw data)", entry},
};
}  // namespace

void registerResultRoutes(Router& router, ResultDeps& deps) { addRoutes(router, deps, kRoutes); }

}  // namespace assay::testing
