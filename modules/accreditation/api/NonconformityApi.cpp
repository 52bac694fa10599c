// NonconformityApi: request parsing for nonconformities; rendering is AccreditationJson.
#include "api/NonconformityApi.hpp"

#include "api/AccreditationJson.hpp"
#include "assay/ApiEdge.hpp"

namespace assay::accreditation {

namespace {
Response listNcs(Request& req, NonconformityService& ncs) {
    const Page pg = page(req);
    auto items = ncs.list(req.principal(), queryEnum<NcStatus>(req, "status"), pg.cursor, pg.limit);
    return Response::json(pageOf(items, pg));
}

Response openNc(Request& req, NonconformityService& ncs) {
    JsonReader r(req.jsonObject());
    NewNonconformity in;
    in.source = r.requiredString("source", 16);
    in.sourceRef = r.optionalString("source_ref", 100).value_or("");
    in.description = r.requiredString("description", 2000, Lines::many);
    in.impact = r.optionalString("impact", 2000, Lines::many).value_or("");
    in.openedOn = r.requiredString("opened_on", 10);
    finishWith(r, NonconformityService::openProblems(in));
    Nonconformity n = ncs.open(req.principal(), in, req.requestId());
    return createdWithEtag(n, "/api/nonconformities/" + std::to_string(n.id));
}

Response getNc(Request& req, NonconformityService& ncs) { return jsonWithEtag(ncs.get(req.principal(), req.idParam("id"))); }

Response ncStep(Request& req, NonconformityService& ncs) {
    const std::int64_t id = req.idParam("id");
    JsonReader r(req.jsonObject());
    NcStepInput in;
    in.step = r.requiredString("step", 8);
    in.date = r.requiredString("date", 10);
    in.text = r.requiredString("text", 2000, Lines::many);
    finishWith(r, NonconformityService::stepProblems(in));
    return jsonWithEtag(ncs.step(req.principal(), id, ifMatch(req), in, req.requestId()));
}

const RouteEntry<NonconformityService> kRoutes[] = {
    {"GET", "/api/nonconformities", "accreditation:read", "The nonconformity register", listNcs},
    {"POST", "/api/nonconformities", "accreditation:write", "Open a nonconformity", openNc},
    {"GET", "/api/nonconformities/{id}", "accreditation:read", "One nonconformity with its impact list", getNc},
    {"POST", "/api/nonconformities/{id}/steps", "accreditation:write", "Record the corrective action, its verification, or the closure", ncStep},
};

}  // namespace

void registerNonconformityRoutes(Router& router, NonconformityService& ncs) { addRoutes(router, ncs, kRoutes); }

}  // namespace assay::accreditation
