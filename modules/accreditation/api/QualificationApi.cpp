// QualificationApi: request parsing for qualifications; rendering is AccreditationJson.
#include "api/QualificationApi.hpp"
#include "domain/AccreditationMessages.hpp"

#include "api/AccreditationJson.hpp"
#include "assay/ApiEdge.hpp"

namespace assay::accreditation {

namespace {
using Svc = QualificationService;

QualificationInput parseQualification(const Request& req) {
    JsonReader r(req.jsonObject());
    QualificationInput in;
    in.scheme = r.optionalEnum<Scheme>("scheme");
    in.number = r.requiredString("number", 32);
    in.authority = r.requiredString("authority", 200);
    in.validFrom = r.requiredString("valid_from", 10);
    in.validTo = r.optionalString("valid_to", 10);
    in.ilacMraPermitted = r.optionalBool("ilac_mra_permitted").value_or(false);
    finishWith(r, QualificationService::qualificationProblems(in));
    return in;
}

Response qualificationResponse(Svc& svc, const Qualification& q) {
    return Response::json(toJson(q, svc.today())).withHeader("ETag", etag(q.version));
}

Response listQualifications(Request& req, Svc& svc) {
    auto items = svc.list(req.principal(), queryEnum<Scheme>(req, "scheme"));
    const std::string today = svc.today();
    return Response::json(unpaged(jsonArray(items, [&](const Qualification& q) { return toJson(q, today); })));
}

Response createQualification(Request& req, Svc& svc) {
    Qualification q = svc.create(req.principal(), parseQualification(req), req.requestId());
    return Response::created(toJson(q, svc.today()), "/api/qualifications/" + std::to_string(q.id))
        .withHeader("ETag", etag(q.version));
}

Response standing(Request& req, Svc& svc) {
    auto scheme = queryEnum<Scheme>(req, "scheme");
    if (!scheme) throw Error::invalidField("scheme", msg::kSchemeRequired);
    const std::string date = dateQuery(req, "date").value_or(svc.today());
    auto o = toJson(svc.standing(req.principal(), *scheme, date));
    o->set("date", date);
    return Response::json(o);
}

Response getQualification(Request& req, Svc& svc) {
    return qualificationResponse(svc, svc.get(req.principal(), req.idParam("id")));
}

Response recordEvent(Request& req, Svc& svc) {
    const std::int64_t id = req.idParam("id");
    JsonReader r(req.jsonObject());
    QualificationEventInput in;
    in.kind = r.requiredString("kind", 16);
    in.effectiveDate = r.requiredString("effective_date", 10);
    in.reason = r.requiredString("reason", 500, Lines::many);
    in.validFrom = r.optionalString("valid_from", 10);
    in.validTo = r.optionalString("valid_to", 10);
    in.number = r.optionalString("number", 32);
    finishWith(r, QualificationService::eventProblems(in));
    return qualificationResponse(svc, svc.recordEvent(req.principal(), id, ifMatch(req), in, req.requestId()));
}

const RouteEntry<Svc> kRoutes[] = {
    {"GET", "/api/qualifications", "accreditation:read", "The lab's CMA certificates and CNAS accreditations", listQualifications},
    {"POST", "/api/qualifications", "accreditation:write", "Record a CMA certificate or CNAS accreditation", createQualification},
    {"GET", "/api/qualifications/standing", "accreditation:read", "Whether the lab's CMA or CNAS qualification is in force on a date", standing},
    {"GET", "/api/qualifications/{id}", "accreditation:read", "One qualification with its dated history", getQualification},
    {"POST", "/api/qualifications/{id}/events", "accreditation:write", "Record a suspension, reinstatement, revocation or renewal", recordEvent},
};
}  // namespace

void registerQualificationRoutes(Router& router, QualificationService& svc) { addRoutes(router, svc, kRoutes); }

}  // namespace assay::accreditation
