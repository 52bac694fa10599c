// ProficiencyApi: request parsing for PT rounds and coverage; rendering is AccreditationJson.
#include "api/ProficiencyApi.hpp"

#include "api/AccreditationJson.hpp"
#include "assay/ApiEdge.hpp"

namespace assay::accreditation {

namespace {
using Svc = ProficiencyService;

Response listRounds(Request& req, Svc& svc) { return listPage(req, svc, &Svc::list); }

Response createRound(Request& req, Svc& svc) {
    auto body = req.jsonObject();
    JsonReader r(body);
    PtRoundInput in;
    in.provider = r.requiredString("provider", 200);
    in.schemeName = r.requiredString("scheme_name", 200);
    in.roundCode = r.requiredString("round_code", 64);
    in.parameterId = idField(r, "parameter_id").value_or(0);
    in.product = r.optionalString("product", 100);
    in.subField = r.requiredString("sub_field", 100);
    in.mandated = r.optionalBool("mandated").value_or(false);
    in.deadline = r.optionalString("deadline", 10);
    in.unit = r.optionalString("unit", 32);
    in.assignedValue = decimalField(r, body, "assigned_value", "assigned_value");
    finishWith(r, ProficiencyService::roundProblems(in));
    PtRound x = svc.createRound(req.principal(), in, req.requestId());
    return createdWithEtag(x, "/api/pt/rounds/" + std::to_string(x.id));
}

Response getRound(Request& req, Svc& svc) { return jsonWithEtag(svc.get(req.principal(), req.idParam("id"))); }

Response reportResult(Request& req, Svc& svc) {
    const std::int64_t id = req.idParam("id");
    auto body = req.jsonObject();
    JsonReader r(body);
    PtResultInput in;
    in.labResult = decimalField(r, body, "lab_result", "lab_result");
    in.scoreKind = r.requiredString("score_kind", 4);
    in.score = decimalField(r, body, "score", "score");
    in.reportedOn = r.requiredString("reported_on", 10);
    finishWith(r, ProficiencyService::resultProblems(in, svc.today()));
    PtOutcome out = svc.report(req.principal(), id, ifMatch(req), in, req.requestId());
    auto o = toJson(out.round);
    o->set("suspended_scope_rows", jsonArray(out.suspendedRows, [](auto key) { return std::to_string(key); }));
    o->set("nonconformity_no", out.nc ? Poco::Dynamic::Var(static_cast<Poco::Int64>(out.nc->ncNo)) : Poco::Dynamic::Var());
    return Response::json(o).withHeader("ETag", etag(out.round.version));
}

Response coverage(Request& req, Svc& svc) {
    auto o = makeObject();
    o->set("date", svc.today());
    o->set("items", jsonArray(svc.coverage(req.principal())));
    o->set("next_cursor", Poco::Dynamic::Var());
    return Response::json(o);
}

const RouteEntry<Svc> kRoutes[] = {
    {"GET", "/api/pt/rounds", "accreditation:read", "The lab's proficiency testing rounds", listRounds},
    {"POST", "/api/pt/rounds", "accreditation:write", "Record a proficiency testing round", createRound},
    {"GET", "/api/pt/rounds/{id}", "accreditation:read", "One proficiency testing round", getRound},
    {"POST", "/api/pt/rounds/{id}/result", "accreditation:write", "Record the lab's PT result and score: S, Q or U (a U opens an NC and suspends the scope rows, R25)", reportResult},
    {"GET", "/api/pt/coverage", "accreditation:read", "R26: accredited sub-fields without a satisfactory PT result in time, and missed mandated rounds", coverage},
};
}  // namespace

void registerProficiencyRoutes(Router& router, ProficiencyService& svc) { addRoutes(router, svc, kRoutes); }

}  // namespace assay::accreditation
