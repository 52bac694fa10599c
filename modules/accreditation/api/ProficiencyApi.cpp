// ProficiencyApi: request parsing and JSON rendering for PT rounds and coverage.
#include "api/ProficiencyApi.hpp"

#include "assay/Api.hpp"

namespace assay::accreditation {


namespace {
Poco::JSON::Object::Ptr render(const PtRound& r) {
    auto o = makeObject();
    o->set("id", std::to_string(r.id));
    o->set("provider", r.provider);
    o->set("scheme_name", r.schemeName);
    o->set("round_code", r.roundCode);
    o->set("parameter_id", std::to_string(r.parameterId));
    o->set("parameter", r.parameterName);
    o->set("product", optStr(r.product));
    o->set("sub_field", r.subField);
    o->set("mandated", r.mandated);
    o->set("deadline", optStr(r.deadline));
    o->set("unit", optStr(r.unit));
    o->set("assigned_value", optDec(r.assignedValue));
    o->set("lab_result", optDec(r.labResult));
    o->set("score_kind", optStr(r.scoreKind));
    o->set("score", optDec(r.score));
    o->set("classification", optStr(r.classification));
    o->set("reported_on", optStr(r.reportedOn));
    o->set("nc_id", r.ncId ? Poco::Dynamic::Var(std::to_string(*r.ncId)) : Poco::Dynamic::Var());
    o->set("created_at", formatRfc3339(fromEpochMillis(r.createdAtMs)));
    return o;
}
}  // namespace

void registerProficiencyRoutes(Router& router, ProficiencyService& svc) {
    router.add({"GET", "/api/pt/rounds", "accreditation:read", "The lab's proficiency testing rounds", [&svc](Request& req) {
        const Page pg = page(req);
        auto items = svc.list(req.principal(), pg.cursor, pg.limit);
        Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
        for (const auto& r : items) arr->add(render(r));
        return Response::json(pageObject(arr, items.size(), pg, items.empty() ? 0 : items.back().id));
    }});
    router.add({"POST", "/api/pt/rounds", "accreditation:write", "Record a proficiency testing round", [&svc](Request& req) {
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
        return Response::created(render(x), "/api/pt/rounds/" + std::to_string(x.id)).withHeader("ETag", etag(x.version));
    }});
    router.add({"GET", "/api/pt/rounds/{id}", "accreditation:read", "One proficiency testing round", [&svc](Request& req) {
        PtRound x = svc.get(req.principal(), req.idParam("id"));
        return Response::json(render(x)).withHeader("ETag", etag(x.version));
    }});
    router.add({"POST", "/api/pt/rounds/{id}/result", "accreditation:write",
                "Record the lab's PT result and score: S, Q or U (a U opens an NC and suspends the scope rows, R25)",
                [&svc](Request& req) {
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
                    auto o = render(out.round);
                    Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
                    for (auto key : out.suspendedRows) rows->add(std::to_string(key));
                    o->set("suspended_scope_rows", rows);
                    o->set("nonconformity_no", out.nc ? Poco::Dynamic::Var(static_cast<Poco::Int64>(out.nc->ncNo)) : Poco::Dynamic::Var());
                    return Response::json(o).withHeader("ETag", etag(out.round.version));
                }});
    router.add({"GET", "/api/pt/coverage", "accreditation:read",
                "R26: accredited sub-fields without a satisfactory PT result in time, and missed mandated rounds",
                [&svc](Request& req) {
                    Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
                    for (const auto& g : svc.coverage(req.principal())) {
                        auto o = makeObject();
                        o->set("kind", g.kind);
                        o->set("rule", "R26");
                        o->set("sub_field", g.subField);
                        o->set("last_satisfactory", optStr(g.lastSatisfactory));
                        o->set("round_id", g.roundId ? Poco::Dynamic::Var(std::to_string(*g.roundId)) : Poco::Dynamic::Var());
                        o->set("message", g.message);
                        arr->add(o);
                    }
                    auto o = makeObject();
                    o->set("date", svc.today());
                    o->set("items", arr);
                    o->set("next_cursor", Poco::Dynamic::Var());
                    return Response::json(o);
                }});
}

}  // namespace assay::accreditation
