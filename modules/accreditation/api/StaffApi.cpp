// StaffApi: request parsing for staff and authorizations; rendering is AccreditationJson.
#include "api/StaffApi.hpp"
#include "domain/AccreditationMessages.hpp"

#include "api/AccreditationJson.hpp"
#include "assay/Messages.hpp"
#include "assay/ApiEdge.hpp"

namespace assay::accreditation {

namespace {
using Svc = StaffService;

Response detail(const StaffMember& s, int status = 200) {
    return Response::json(toJson(s, true), status).withHeader("ETag", etag(s.version));
}

// {effective_date, reason}
std::pair<std::string, std::string> ending(const Request& req) {
    JsonReader r(req.jsonObject());
    std::string date = r.requiredString("effective_date", 10);
    std::string reason = r.requiredString("reason", 500, Lines::many);
    finishWith(r, StaffService::endingProblems(date, reason));
    return {date, reason};
}

std::vector<std::int64_t> idList(JsonReader& r, const std::string& key) {
    std::vector<std::int64_t> out;
    const auto items = r.stringArray(key, true, 500);
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::int64_t id = parseId(items[i]);
        if (id == 0) r.addError(key + "[" + std::to_string(i) + "]", assay::msg::kNotId);
        out.push_back(id);
    }
    return out;
}

// The staff check's question from the query; 400 naming each malformed id.
StaffQuestion question(const Request& req, Svc& svc) {
    StaffQuestion q;
    std::vector<FieldError> malformed;
    auto id = [&](const char* name) -> std::optional<std::int64_t> {
        auto v = req.query(name);
        if (!v || v->empty()) return std::nullopt;
        const std::int64_t parsed = parseId(*v);
        if (parsed == 0) malformed.push_back({name, assay::msg::kNotIdShort});
        return parsed;
    };
    q.activity = req.query("activity").value_or("");
    q.userId = id("user_id").value_or(0);
    q.methodId = id("method_id");
    q.performerUserId = id("performer_user_id");
    q.scheme = queryEnum<Scheme>(req, "scheme");
    const std::string params = req.query("parameter_ids").value_or("");
    for (std::size_t i = 0; i < params.size();) {
        auto j = params.find(',', i);
        if (j == std::string::npos) j = params.size();
        const std::int64_t parsed = parseId(params.substr(i, j - i));
        if (parsed == 0) malformed.push_back({"parameter_ids", msg::kCommaIds});
        else q.parameterIds.push_back(parsed);
        i = j + 1;
    }
    if (!malformed.empty()) throw Error::invalid(malformed);
    q.date = req.query("date").value_or(svc.today());
    return q;
}

Response listStaff(Request& req, Svc& svc) {
    const Page pg = page(req);
    auto items = svc.list(req.principal(), pg.cursor, pg.limit);
    return Response::json(
        pageOf(items, pg, [](const StaffMember& s) { return toJson(s, false); }, [](const StaffMember& s) { return s.id; }));
}

Response createStaff(Request& req, Svc& svc) {
    JsonReader r(req.jsonObject());
    StaffInput in;
    in.name = r.requiredString("name", 100);
    in.userId = idField(r, "user_id");
    in.idNumber = r.optionalString("id_number", 18);
    in.position = r.optionalString("position", 100);
    finishWith(r, StaffService::staffProblems(in));
    StaffMember s = svc.create(req.principal(), in, req.requestId());
    return Response::created(toJson(s, true), "/api/staff/" + std::to_string(s.id)).withHeader("ETag", etag(s.version));
}

// The answer names its verdict "allowed" (a RuleVerdict's "ok" elsewhere) and the date asked about.
Response checkStaff(Request& req, Svc& svc) {
    const StaffQuestion q = question(req, svc);
    RuleVerdict v = svc.answer(req.principal(), q);
    auto o = makeObject();
    o->set("allowed", v.ok);
    o->set("rule", nonEmpty(v.rule));
    o->set("reason", nonEmpty(v.reason));
    o->set("date", q.date);
    return Response::json(o);
}

Response getStaff(Request& req, Svc& svc) { return detail(svc.get(req.principal(), req.idParam("id"))); }

Response deactivate(Request& req, Svc& svc) {
    const std::int64_t id = req.idParam("id");
    auto [date, reason] = ending(req);
    return detail(svc.deactivate(req.principal(), id, ifMatch(req), date, reason, req.requestId()));
}

Response addRecord(Request& req, Svc& svc) {
    const std::int64_t id = req.idParam("id");
    JsonReader r(req.jsonObject());
    StaffRecordInput in;
    in.kind = r.requiredString("kind", 16);
    in.title = r.requiredString("title", 200);
    in.recordDate = r.requiredString("record_date", 10);
    in.validUntil = r.optionalString("valid_until", 10);
    in.result = r.optionalString("result", 200);
    finishWith(r, StaffService::recordProblems(in));
    return detail(svc.addRecord(req.principal(), id, in, req.requestId()), 201);
}

Response addAuthorization(Request& req, Svc& svc) {
    const std::int64_t id = req.idParam("id");
    JsonReader r(req.jsonObject());
    AuthorizationInput in;
    in.activity = r.requiredString("activity", 16);
    in.methodId = idField(r, "method_id");
    in.validFrom = r.requiredString("valid_from", 10);
    in.basis = r.optionalString("basis", 200);
    finishWith(r, StaffService::authorizationProblems(in));
    return detail(svc.addAuthorization(req.principal(), id, in, req.requestId()), 201);
}

Response endAuthorization(Request& req, Svc& svc) {
    const std::int64_t id = req.idParam("id"), aid = req.idParam("aid");
    auto [date, reason] = ending(req);
    return detail(svc.endAuthorization(req.principal(), id, aid, date, reason, req.requestId()));
}

Response addSignatory(Request& req, Svc& svc) {
    const std::int64_t id = req.idParam("id");
    JsonReader r(req.jsonObject());
    SignatoryInput in;
    in.scheme = r.optionalEnum<Scheme>("scheme");
    in.parameterIds = idList(r, "parameter_ids");
    in.filedOn = r.requiredString("filed_on", 10);
    in.filingRef = r.requiredString("filing_ref", 100);
    finishWith(r, StaffService::signatoryProblems(in));
    return detail(svc.addSignatory(req.principal(), id, in, req.requestId()), 201);
}

Response endSignatory(Request& req, Svc& svc) {
    const std::int64_t id = req.idParam("id"), aid = req.idParam("aid");
    auto [date, reason] = ending(req);
    return detail(svc.endSignatory(req.principal(), id, aid, date, reason, req.requestId()));
}

const RouteEntry<Svc> kRoutes[] = {
    {"GET", "/api/staff", "accreditation:read", "The lab's technical staff", listStaff},
    {"POST", "/api/staff", "accreditation:write", "Add a person to the staff register", createStaff},
    {"GET", "/api/staff/check", "accreditation:read", "May a user perform, check, state an opinion on or sign this work on a date (R10, R12, R13)", checkStaff},
    {"GET", "/api/staff/{id}", "accreditation:read", "One staff member with records and authorizations", getStaff},
    {"POST", "/api/staff/{id}/deactivate", "accreditation:write", "Deactivate a staff member from a date", deactivate},
    {"POST", "/api/staff/{id}/records", "accreditation:write", "Add a training, competence or qualification record", addRecord},
    {"POST", "/api/staff/{id}/authorizations", "accreditation:write", "Authorize a person to perform or check a method, or to state opinions", addAuthorization},
    {"POST", "/api/staff/{id}/authorizations/{aid}/end", "accreditation:write", "End a method authorization", endAuthorization},
    {"POST", "/api/staff/{id}/signatory-authorizations", "accreditation:write", "Record a signatory (授权签字人) authorization with its scope and filing date", addSignatory},
    {"POST", "/api/staff/{id}/signatory-authorizations/{aid}/end", "accreditation:write", "End a signatory authorization", endSignatory},
};
}  // namespace

void registerStaffRoutes(Router& router, StaffService& svc) { addRoutes(router, svc, kRoutes); }

}  // namespace assay::accreditation
