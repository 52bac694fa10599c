// StaffApi: request parsing and JSON rendering for staff and authorizations.
#include "api/StaffApi.hpp"

#include "assay/Api.hpp"

namespace assay::accreditation {


namespace {
Poco::JSON::Object::Ptr render(const StaffMember& s, bool details) {
    auto o = makeObject();
    o->set("id", std::to_string(s.id));
    o->set("name", s.name);
    o->set("user_id", s.userId ? Poco::Dynamic::Var(std::to_string(*s.userId)) : Poco::Dynamic::Var());
    o->set("id_number", optStr(s.idNumberMasked));
    o->set("position", optStr(s.position));
    o->set("status", s.deactivatedOn ? "inactive" : "active");
    o->set("deactivated_on", optStr(s.deactivatedOn));
    o->set("deactivation_reason", optStr(s.deactivationReason));
    if (details) {
        Poco::JSON::Array::Ptr records = new Poco::JSON::Array;
        for (const auto& r : s.records) {
            auto x = makeObject();
            x->set("id", std::to_string(r.id));
            x->set("kind", r.kind);
            x->set("title", r.title);
            x->set("record_date", r.recordDate);
            x->set("valid_until", optStr(r.validUntil));
            x->set("result", optStr(r.result));
            records->add(x);
        }
        o->set("records", records);
        Poco::JSON::Array::Ptr auths = new Poco::JSON::Array;
        for (const auto& a : s.authorizations) {
            auto x = makeObject();
            x->set("id", std::to_string(a.id));
            x->set("activity", a.activity);
            x->set("method_id", a.methodId ? Poco::Dynamic::Var(std::to_string(*a.methodId)) : Poco::Dynamic::Var());
            x->set("method", a.methodCitation.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(a.methodCitation));
            x->set("valid_from", a.validFrom);
            x->set("ended_on", optStr(a.endedOn));
            x->set("basis", optStr(a.basis));
            x->set("end_reason", optStr(a.endReason));
            auths->add(x);
        }
        o->set("authorizations", auths);
        Poco::JSON::Array::Ptr sigs = new Poco::JSON::Array;
        for (const auto& a : s.signatories) {
            auto x = makeObject();
            x->set("id", std::to_string(a.id));
            x->set("scheme", a.scheme);
            Poco::JSON::Array::Ptr params = new Poco::JSON::Array;
            for (auto pid : a.parameterIds) params->add(std::to_string(pid));
            x->set("parameter_ids", params);
            x->set("filed_on", a.filedOn);
            x->set("filing_ref", a.filingRef);
            x->set("ended_on", optStr(a.endedOn));
            x->set("end_reason", optStr(a.endReason));
            sigs->add(x);
        }
        o->set("signatory_authorizations", sigs);
    }
    o->set("created_at", formatRfc3339(fromEpochMillis(s.createdAtMs)));
    o->set("updated_at", formatRfc3339(fromEpochMillis(s.updatedAtMs)));
    return o;
}

Response detail(const StaffMember& s, int status = 200) {
    Response r = Response::json(render(s, true), status);
    return r.withHeader("ETag", etag(s.version));
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
        if (id == 0) r.addError(key + "[" + std::to_string(i) + "]", "must be an id (a decimal string)");
        out.push_back(id);
    }
    return out;
}
}  // namespace

void registerStaffRoutes(Router& router, StaffService& svc) {
    router.add({"GET", "/api/staff", "accreditation:read", "The lab's technical staff", [&svc](Request& req) {
        const Page pg = page(req);
        auto items = svc.list(req.principal(), pg.cursor, pg.limit);
        Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
        for (const auto& s : items) arr->add(render(s, false));
        return Response::json(pageObject(arr, items.size(), pg, items.empty() ? 0 : items.back().id));
    }});
    router.add({"POST", "/api/staff", "accreditation:write", "Add a person to the staff register", [&svc](Request& req) {
        JsonReader r(req.jsonObject());
        StaffInput in;
        in.name = r.requiredString("name", 100);
        in.userId = idField(r, "user_id");
        in.idNumber = r.optionalString("id_number", 18);
        in.position = r.optionalString("position", 100);
        finishWith(r, StaffService::staffProblems(in));
        StaffMember s = svc.create(req.principal(), in, req.requestId());
        Response resp = Response::created(render(s, true), "/api/staff/" + std::to_string(s.id));
        return resp.withHeader("ETag", etag(s.version));
    }});
    router.add({"GET", "/api/staff/check", "accreditation:read",
                "May a user perform, check, state an opinion on or sign this work on a date (R10, R12, R13)",
                [&svc](Request& req) {
                    StaffQuestion q;
                    std::vector<FieldError> malformed;
                    auto id = [&](const char* name) -> std::optional<std::int64_t> {
                        auto v = req.query(name);
                        if (!v || v->empty()) return std::nullopt;
                        const std::int64_t parsed = parseId(*v);
                        if (parsed == 0) malformed.push_back({name, "must be an id"});
                        return parsed;
                    };
                    q.activity = req.query("activity").value_or("");
                    q.userId = id("user_id").value_or(0);
                    q.methodId = id("method_id");
                    q.performerUserId = id("performer_user_id");
                    q.scheme = req.query("scheme").value_or("");
                    const std::string params = req.query("parameter_ids").value_or("");
                    for (std::size_t i = 0; i < params.size();) {
                        auto j = params.find(',', i);
                        if (j == std::string::npos) j = params.size();
                        const std::int64_t parsed = parseId(params.substr(i, j - i));
                        if (parsed == 0) malformed.push_back({"parameter_ids", "must be comma-separated ids"});
                        else q.parameterIds.push_back(parsed);
                        i = j + 1;
                    }
                    if (!malformed.empty()) throw Error::invalid(malformed);
                    q.date = req.query("date").value_or(svc.today());
                    RuleVerdict v = svc.answer(req.principal(), q);
                    auto o = makeObject();
                    o->set("allowed", v.ok);
                    o->set("rule", v.rule.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(v.rule));
                    o->set("reason", v.reason.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(v.reason));
                    o->set("date", q.date);
                    return Response::json(o);
                }});
    router.add({"GET", "/api/staff/{id}", "accreditation:read", "One staff member with records and authorizations",
                [&svc](Request& req) { return detail(svc.get(req.principal(), req.idParam("id"))); }});
    router.add({"POST", "/api/staff/{id}/deactivate", "accreditation:write", "Deactivate a staff member from a date",
                [&svc](Request& req) {
                    const std::int64_t id = req.idParam("id");
                    auto [date, reason] = ending(req);
                    return detail(svc.deactivate(req.principal(), id, ifMatch(req), date, reason, req.requestId()));
                }});
    router.add({"POST", "/api/staff/{id}/records", "accreditation:write", "Add a training, competence or qualification record",
                [&svc](Request& req) {
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
                }});
    router.add({"POST", "/api/staff/{id}/authorizations", "accreditation:write",
                "Authorize a person to perform or check a method, or to state opinions", [&svc](Request& req) {
                    const std::int64_t id = req.idParam("id");
                    JsonReader r(req.jsonObject());
                    AuthorizationInput in;
                    in.activity = r.requiredString("activity", 16);
                    in.methodId = idField(r, "method_id");
                    in.validFrom = r.requiredString("valid_from", 10);
                    in.basis = r.optionalString("basis", 200);
                    finishWith(r, StaffService::authorizationProblems(in));
                    return detail(svc.addAuthorization(req.principal(), id, in, req.requestId()), 201);
                }});
    router.add({"POST", "/api/staff/{id}/authorizations/{aid}/end", "accreditation:write", "End a method authorization",
                [&svc](Request& req) {
                    const std::int64_t id = req.idParam("id"), aid = req.idParam("aid");
                    auto [date, reason] = ending(req);
                    return detail(svc.endAuthorization(req.principal(), id, aid, date, reason, req.requestId()));
                }});
    router.add({"POST", "/api/staff/{id}/signatory-authorizations", "accreditation:write",
                "Record a signatory (授权签字人) authorization with its scope and filing date", [&svc](Request& req) {
                    const std::int64_t id = req.idParam("id");
                    JsonReader r(req.jsonObject());
                    SignatoryInput in;
                    in.scheme = r.requiredString("scheme", 8);
                    in.parameterIds = idList(r, "parameter_ids");
                    in.filedOn = r.requiredString("filed_on", 10);
                    in.filingRef = r.requiredString("filing_ref", 100);
                    finishWith(r, StaffService::signatoryProblems(in));
                    return detail(svc.addSignatory(req.principal(), id, in, req.requestId()), 201);
                }});
    router.add({"POST", "/api/staff/{id}/signatory-authorizations/{aid}/end", "accreditation:write",
                "End a signatory authorization", [&svc](Request& req) {
                    const std::int64_t id = req.idParam("id"), aid = req.idParam("aid");
                    auto [date, reason] = ending(req);
                    return detail(svc.endSignatory(req.principal(), id, aid, date, reason, req.requestId()));
                }});
}

}  // namespace assay::accreditation
