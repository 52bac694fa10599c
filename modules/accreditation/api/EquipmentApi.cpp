// EquipmentApi: request parsing and JSON rendering for equipment, NCs and alerts.
#include "api/EquipmentApi.hpp"

#include <charconv>

#include "assay/Api.hpp"

namespace assay::accreditation {


namespace {
Poco::JSON::Object::Ptr render(const EquipmentVerdict& v) {
    auto o = makeObject();
    o->set("usable", v.usable);
    o->set("rule", v.rule.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(v.rule));
    o->set("reason", v.reason.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(v.reason));
    o->set("policy", v.policy.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(v.policy));
    return o;
}

Poco::JSON::Object::Ptr render(const Equipment& e, const std::string& today, const std::string& policy) {
    auto o = makeObject();
    o->set("id", std::to_string(e.id));
    o->set("asset_no", e.assetNo);
    o->set("name", e.name);
    o->set("equipment_type", e.equipmentType);
    o->set("model", optStr(e.model));
    o->set("serial_no", optStr(e.serialNo));
    o->set("manufacturer", optStr(e.manufacturer));
    o->set("location", optStr(e.location));
    o->set("status", e.status);
    o->set("due_on", optStr(currentDueDate(e, today)));
    o->set("usable_today", render(usableOn(e, today, policy)));
    Poco::JSON::Array::Ptr statuses = new Poco::JSON::Array;
    for (const auto& s : e.statusHistory) {
        auto x = makeObject();
        x->set("status", s.status);
        x->set("effective_date", s.effectiveDate);
        x->set("reason", optStr(s.reason));
        statuses->add(x);
    }
    o->set("status_history", statuses);
    Poco::JSON::Array::Ptr cals = new Poco::JSON::Array;
    for (const auto& c : e.calibrations) {
        auto x = makeObject();
        x->set("id", std::to_string(c.id));
        x->set("kind", c.kind);
        x->set("certificate_no", c.certificateNo);
        x->set("provider", c.provider);
        x->set("performed_on", c.performedOn);
        x->set("due_on", c.dueOn);
        x->set("result", c.result);
        x->set("as_found", c.asFound);
        x->set("note", optStr(c.note));
        cals->add(x);
    }
    o->set("calibrations", cals);
    Poco::JSON::Array::Ptr checks = new Poco::JSON::Array;
    for (const auto& c : e.checks) {
        auto x = makeObject();
        x->set("id", std::to_string(c.id));
        x->set("performed_on", c.performedOn);
        x->set("result", c.result);
        x->set("note", optStr(c.note));
        checks->add(x);
    }
    o->set("checks", checks);
    o->set("created_at", formatRfc3339(fromEpochMillis(e.createdAtMs)));
    o->set("updated_at", formatRfc3339(fromEpochMillis(e.updatedAtMs)));
    return o;
}

Poco::JSON::Object::Ptr render(const Nonconformity& n) {
    auto o = makeObject();
    o->set("id", std::to_string(n.id));
    o->set("nc_no", static_cast<Poco::Int64>(n.ncNo));
    o->set("source", n.source);
    o->set("source_ref", n.sourceRef);
    o->set("description", n.description);
    o->set("impact", n.impact);
    o->set("corrective_action", optStr(n.correctiveAction));
    o->set("verification", optStr(n.verification));
    o->set("status", n.status);
    o->set("opened_on", n.openedOn);
    o->set("action_on", optStr(n.actionOn));
    o->set("verified_on", optStr(n.verifiedOn));
    o->set("closed_on", optStr(n.closedOn));
    Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
    for (const auto& i : n.impacts) {
        auto x = makeObject();
        x->set("kind", i.kind);
        x->set("ref", i.ref);
        x->set("label", i.label);
        x->set("date", i.itemDate);
        items->add(x);
    }
    o->set("impact_list", items);
    o->set("created_at", formatRfc3339(fromEpochMillis(n.createdAtMs)));
    return o;
}

Poco::JSON::Object::Ptr render(const ReferenceMaterial& m) {
    auto o = makeObject();
    o->set("id", std::to_string(m.id));
    o->set("name", m.name);
    o->set("lot_no", m.lotNo);
    o->set("certified_value", optDec(m.certifiedValue));
    o->set("unit", optStr(m.unit));
    o->set("supplier", optStr(m.supplier));
    o->set("expires_on", m.expiresOn);
    return o;
}

Response changed(EquipmentService& svc, const EquipmentChange& c, int status = 200) {
    auto o = render(c.equipment, svc.today(), svc.policy());
    o->set("nonconformity", c.nc ? Poco::Dynamic::Var(render(*c.nc)) : Poco::Dynamic::Var());
    o->set("impact_from", optStr(c.impactFrom));
    return Response::json(o, status).withHeader("ETag", etag(c.equipment.version));
}
}  // namespace

void registerEquipmentRoutes(Router& router, EquipmentService& svc, NonconformityService& ncs) {
    router.add({"GET", "/api/equipment", "accreditation:read", "The lab's equipment with calibration status", [&svc](Request& req) {
        const Page pg = page(req);
        auto items = svc.list(req.principal(), pg.cursor, pg.limit);
        const std::string today = svc.today();
        Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
        for (const auto& e : items) arr->add(render(e, today, svc.policy()));
        return Response::json(pageObject(arr, items.size(), pg, items.empty() ? 0 : items.back().id));
    }});
    router.add({"POST", "/api/equipment", "accreditation:write", "Register an instrument", [&svc](Request& req) {
        JsonReader r(req.jsonObject());
        EquipmentInput in;
        in.assetNo = r.requiredString("asset_no", 64);
        in.name = r.requiredString("name", 200);
        in.equipmentType = r.requiredString("equipment_type", 50);
        in.model = r.optionalString("model", 100);
        in.serialNo = r.optionalString("serial_no", 100);
        in.manufacturer = r.optionalString("manufacturer", 200);
        in.location = r.optionalString("location", 200);
        in.inServiceFrom = r.requiredString("in_service_from", 10);
        finishWith(r, EquipmentService::equipmentProblems(in));
        Equipment e = svc.create(req.principal(), in, req.requestId());
        return Response::created(render(e, svc.today(), svc.policy()), "/api/equipment/" + std::to_string(e.id))
            .withHeader("ETag", etag(e.version));
    }});
    router.add({"GET", "/api/equipment/{id}", "accreditation:read", "One instrument with its calibration history",
                [&svc](Request& req) {
                    Equipment e = svc.get(req.principal(), req.idParam("id"));
                    return changed(svc, {e, std::nullopt, std::nullopt});
                }});
    router.add({"GET", "/api/equipment/{id}/usable", "accreditation:read", "Whether an instrument may be used on a date (R15)",
                [&svc](Request& req) {
                    const std::string date = dateQuery(req, "date").value_or(svc.today());
                    auto o = render(svc.usable(req.principal(), req.idParam("id"), date));
                    o->set("date", date);
                    return Response::json(o);
                }});
    router.add({"POST", "/api/equipment/{id}/status", "accreditation:write",
                "Set an instrument in service, out of service (R16 impact list) or retired", [&svc](Request& req) {
                    const std::int64_t id = req.idParam("id");
                    JsonReader r(req.jsonObject());
                    const std::string status = r.requiredString("status", 16);
                    const std::string date = r.requiredString("effective_date", 10);
                    const std::string reason = r.requiredString("reason", 500, Lines::many);
                    finishWith(r, EquipmentService::statusProblems(status, date, reason));
                    return changed(svc, svc.setStatus(req.principal(), id, ifMatch(req), status, date, reason, req.requestId()));
                }});
    router.add({"POST", "/api/equipment/{id}/calibrations", "accreditation:write",
                "Record a calibration or verification (out of tolerance as found: R16 impact list)", [&svc](Request& req) {
                    const std::int64_t id = req.idParam("id");
                    JsonReader r(req.jsonObject());
                    CalibrationInput in;
                    in.kind = r.requiredString("kind", 16);
                    in.certificateNo = r.requiredString("certificate_no", 100);
                    in.provider = r.requiredString("provider", 200);
                    in.performedOn = r.requiredString("performed_on", 10);
                    in.dueOn = r.requiredString("due_on", 10);
                    in.result = r.requiredString("result", 8);
                    in.asFound = r.requiredString("as_found", 20);
                    in.note = r.optionalString("note", 500, Lines::many);
                    finishWith(r, EquipmentService::calibrationProblems(in, svc.today()));
                    return changed(svc, svc.addCalibration(req.principal(), id, ifMatch(req), in, req.requestId()), 201);
                }});
    router.add({"POST", "/api/equipment/{id}/checks", "accreditation:write",
                "Record an intermediate check (期间核查); a failure raises the R16 impact list", [&svc](Request& req) {
                    const std::int64_t id = req.idParam("id");
                    JsonReader r(req.jsonObject());
                    CheckInput in;
                    in.performedOn = r.requiredString("performed_on", 10);
                    in.result = r.requiredString("result", 8);
                    in.note = r.optionalString("note", 500, Lines::many);
                    finishWith(r, EquipmentService::checkProblems(in, svc.today()));
                    return changed(svc, svc.addCheck(req.principal(), id, ifMatch(req), in, req.requestId()), 201);
                }});
    router.add({"GET", "/api/reference-materials", "accreditation:read", "The lab's reference materials", [&svc](Request& req) {
        const Page pg = page(req);
        auto items = svc.materials(req.principal(), pg.cursor, pg.limit);
        Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
        for (const auto& m : items) arr->add(render(m));
        return Response::json(pageObject(arr, items.size(), pg, items.empty() ? 0 : items.back().id));
    }});
    router.add({"POST", "/api/reference-materials", "accreditation:write", "Register a reference material lot", [&svc](Request& req) {
        auto body = req.jsonObject();
        JsonReader r(body);
        MaterialInput in;
        in.name = r.requiredString("name", 200);
        in.lotNo = r.requiredString("lot_no", 64);
        in.certifiedValue = decimalField(r, body, "certified_value", "certified_value");
        in.unit = r.optionalString("unit", 32);
        in.supplier = r.optionalString("supplier", 200);
        in.expiresOn = r.requiredString("expires_on", 10);
        finishWith(r, EquipmentService::materialProblems(in));
        ReferenceMaterial m = svc.createMaterial(req.principal(), in, req.requestId());
        return Response::created(render(m), "/api/reference-materials/" + std::to_string(m.id));
    }});
    router.add({"GET", "/api/nonconformities", "accreditation:read", "The nonconformity register", [&ncs](Request& req) {
        const Page pg = page(req);
        auto items = ncs.list(req.principal(), req.query("status").value_or(""), pg.cursor, pg.limit);
        Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
        for (const auto& n : items) arr->add(render(n));
        return Response::json(pageObject(arr, items.size(), pg, items.empty() ? 0 : items.back().id));
    }});
    router.add({"POST", "/api/nonconformities", "accreditation:write", "Open a nonconformity", [&ncs](Request& req) {
        JsonReader r(req.jsonObject());
        NewNonconformity in;
        in.source = r.requiredString("source", 16);
        in.sourceRef = r.optionalString("source_ref", 100).value_or("");
        in.description = r.requiredString("description", 2000, Lines::many);
        in.impact = r.optionalString("impact", 2000, Lines::many).value_or("");
        in.openedOn = r.requiredString("opened_on", 10);
        finishWith(r, NonconformityService::openProblems(in));
        Nonconformity n = ncs.open(req.principal(), in, req.requestId());
        return Response::created(render(n), "/api/nonconformities/" + std::to_string(n.id)).withHeader("ETag", etag(n.version));
    }});
    router.add({"GET", "/api/nonconformities/{id}", "accreditation:read", "One nonconformity with its impact list",
                [&ncs](Request& req) {
                    Nonconformity n = ncs.get(req.principal(), req.idParam("id"));
                    return Response::json(render(n)).withHeader("ETag", etag(n.version));
                }});
    router.add({"POST", "/api/nonconformities/{id}/steps", "accreditation:write",
                "Record the corrective action, its verification, or the closure", [&ncs](Request& req) {
                    const std::int64_t id = req.idParam("id");
                    JsonReader r(req.jsonObject());
                    NcStepInput in;
                    in.step = r.requiredString("step", 8);
                    in.date = r.requiredString("date", 10);
                    in.text = r.requiredString("text", 2000, Lines::many);
                    finishWith(r, NonconformityService::stepProblems(in));
                    Nonconformity n = ncs.step(req.principal(), id, ifMatch(req), in, req.requestId());
                    return Response::json(render(n)).withHeader("ETag", etag(n.version));
                }});
}

void registerAlertRoutes(Router& router, QualificationService& qualifications, EquipmentService& equipment,
                         NonconformityService& ncs, ProficiencyService& proficiency) {
    router.add({"GET", "/api/accreditation/alerts", "accreditation:read",
                "What expires or falls due (R4 qualifications, calibrations, reference materials) and open NCs",
                [&](Request& req) {
                    int within = 180;
                    if (auto w = req.query("within"); w && !w->empty()) {
                        auto [ptr, ec] = std::from_chars(w->data(), w->data() + w->size(), within);
                        if (ec != std::errc() || ptr != w->data() + w->size() || within < 0 || within > 3650)
                            throw Error::invalidField("within", "must be a number of days from 0 to 3650");
                    }
                    auto level = [](long left) {
                        return left < 0 ? std::string("overdue") : left <= 30 ? std::string("30") : left <= 90 ? std::string("90")
                                                                                                               : std::string("180");
                    };
                    Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
                    auto add = [&](const std::string& kind, const std::string& rule, const std::string& lvl, const std::string& entity,
                                   std::int64_t id, const std::string& title, const std::string& due, long left,
                                   const std::string& message) {
                        auto o = makeObject();
                        o->set("kind", kind);
                        o->set("rule", rule);
                        o->set("level", lvl);
                        o->set("entity", entity);
                        o->set("entity_id", std::to_string(id));
                        o->set("title", title);
                        o->set("due_date", due);
                        o->set("days_left", static_cast<Poco::Int64>(left));
                        o->set("message", message);
                        arr->add(o);
                    };
                    for (const auto& [q, a] : qualifications.expiryAlerts(req.principal()))
                        if (a.daysLeft <= within)
                            add("qualification_expiry", "R4", a.level, "qualification", q.id, q.scheme + " " + q.number, q.validTo,
                                a.daysLeft, a.message);
                    for (const auto& d : equipment.dueWithin(req.principal(), within))
                        add(d.kind, "R15", level(d.daysLeft), d.entity, d.id, d.title, d.dueDate, d.daysLeft,
                            d.title + (d.daysLeft < 0 ? " is overdue since " : " falls due on ") + d.dueDate);
                    for (const auto& r : proficiency.questionable(req.principal()))
                        add("pt_questionable", "R25", "warning", "pt_round", r.id, r.provider + " " + r.roundCode + " " + r.parameterName,
                            *r.reportedOn, 0, "questionable PT result (Q, " + r.scoreKind.value_or("z") + " = " +
                                                  (r.score ? r.score->toString() : "") + "): review the method before the next round");
                    for (const auto& g : proficiency.coverage(req.principal()))
                        add(g.kind, "R26", "warning", g.roundId ? "pt_round" : "sub_field", g.roundId.value_or(0), g.subField,
                            g.lastSatisfactory.value_or(""), 0, g.message);
                    Poco::JSON::Array::Ptr open = new Poco::JSON::Array;
                    for (const auto& n : ncs.notClosed(req.principal())) open->add(render(n));
                    auto o = makeObject();
                    o->set("date", equipment.today());
                    o->set("within", within);
                    o->set("items", arr);
                    o->set("open_nonconformities", open);
                    o->set("next_cursor", Poco::Dynamic::Var());
                    return Response::json(o);
                }});
}

}  // namespace assay::accreditation
