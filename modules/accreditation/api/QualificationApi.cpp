// QualificationApi: request parsing and JSON rendering for qualifications and R4 alerts.
#include "api/QualificationApi.hpp"

#include "assay/Api.hpp"

namespace assay::accreditation {


namespace {
Poco::JSON::Object::Ptr render(const QualificationStanding& s) {
    auto o = makeObject();
    o->set("scheme", s.scheme);
    o->set("status", s.status);
    o->set("valid", s.valid);
    o->set("qualification_id", s.qualificationId ? Poco::Dynamic::Var(std::to_string(*s.qualificationId)) : Poco::Dynamic::Var());
    o->set("number", s.number);
    o->set("valid_to", optStr(s.validTo));
    o->set("ilac_mra_permitted", s.ilacMraPermitted);
    o->set("reason", s.reason.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(s.reason));
    return o;
}

Poco::JSON::Object::Ptr render(const Qualification& q, const std::string& today) {
    auto o = makeObject();
    o->set("id", std::to_string(q.id));
    o->set("scheme", q.scheme);
    o->set("number", q.number);
    o->set("authority", q.authority);
    o->set("valid_from", q.validFrom);
    o->set("valid_to", q.validTo);
    o->set("status", q.status);
    o->set("standing_today", render(standingOn(q, today)));
    o->set("ilac_mra_permitted", q.ilacMraPermitted);
    Poco::JSON::Array::Ptr history = new Poco::JSON::Array;
    for (const auto& e : q.history) {
        auto h = makeObject();
        h->set("id", std::to_string(e.id));
        h->set("kind", e.kind);
        h->set("effective_date", e.effectiveDate);
        h->set("valid_from", optStr(e.validFrom));
        h->set("valid_to", optStr(e.validTo));
        h->set("number", optStr(e.number));
        h->set("reason", optStr(e.reason));
        h->set("recorded_at", formatRfc3339(fromEpochMillis(e.createdAtMs)));
        history->add(h);
    }
    o->set("history", history);
    o->set("created_at", formatRfc3339(fromEpochMillis(q.createdAtMs)));
    o->set("updated_at", formatRfc3339(fromEpochMillis(q.updatedAtMs)));
    return o;
}

QualificationInput parseQualification(const Request& req) {
    JsonReader r(req.jsonObject());
    QualificationInput in;
    in.scheme = r.requiredString("scheme", 8);
    in.number = r.requiredString("number", 32);
    in.authority = r.requiredString("authority", 200);
    in.validFrom = r.requiredString("valid_from", 10);
    in.validTo = r.optionalString("valid_to", 10);
    in.ilacMraPermitted = r.optionalBool("ilac_mra_permitted").value_or(false);
    finishWith(r, QualificationService::qualificationProblems(in));
    return in;
}
}  // namespace

void registerQualificationRoutes(Router& router, QualificationService& svc) {
    router.add({"GET", "/api/qualifications", "accreditation:read", "The lab's CMA certificates and CNAS accreditations",
                [&svc](Request& req) {
                    auto items = svc.list(req.principal(), req.query("scheme").value_or(""));
                    const std::string today = svc.today();
                    Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
                    for (const auto& q : items) arr->add(render(q, today));
                    auto o = makeObject();
                    o->set("items", arr);
                    o->set("next_cursor", Poco::Dynamic::Var());
                    return Response::json(o);
                }});
    router.add({"POST", "/api/qualifications", "accreditation:write", "Record a CMA certificate or CNAS accreditation",
                [&svc](Request& req) {
                    Qualification q = svc.create(req.principal(), parseQualification(req), req.requestId());
                    return Response::created(render(q, svc.today()), "/api/qualifications/" + std::to_string(q.id))
                        .withHeader("ETag", etag(q.version));
                }});
    router.add({"GET", "/api/qualifications/standing", "accreditation:read",
                "Whether the lab's CMA or CNAS qualification is in force on a date", [&svc](Request& req) {
                    auto scheme = req.query("scheme");
                    if (!scheme || !isScheme(*scheme)) throw Error::invalidField("scheme", "required: CMA or CNAS");
                    const std::string date = dateQuery(req, "date").value_or(svc.today());
                    QualificationStanding s = svc.standing(req.principal(), *scheme, date);
                    auto o = render(s);
                    o->set("date", date);
                    return Response::json(o);
                }});
    router.add({"GET", "/api/qualifications/{id}", "accreditation:read", "One qualification with its dated history",
                [&svc](Request& req) {
                    Qualification q = svc.get(req.principal(), req.idParam("id"));
                    return Response::json(render(q, svc.today())).withHeader("ETag", etag(q.version));
                }});
    router.add({"POST", "/api/qualifications/{id}/events", "accreditation:write",
                "Record a suspension, reinstatement, revocation or renewal", [&svc](Request& req) {
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
                    Qualification q = svc.recordEvent(req.principal(), id, ifMatch(req), in, req.requestId());
                    return Response::json(render(q, svc.today())).withHeader("ETag", etag(q.version));
                }});
}

}  // namespace assay::accreditation
