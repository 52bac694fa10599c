// EquipmentApi: request parsing for equipment and reference materials; rendering is AccreditationJson.
#include "api/EquipmentApi.hpp"

#include "api/AccreditationJson.hpp"
#include "assay/ApiEdge.hpp"

namespace assay::accreditation {

namespace {
using Svc = EquipmentService;

Response changed(Svc& svc, const EquipmentChange& c, int status = 200) {
    auto o = toJson(c.equipment, svc.today(), svc.policy());
    o->set("nonconformity", c.nc ? Poco::Dynamic::Var(toJson(*c.nc)) : Poco::Dynamic::Var());
    o->set("impact_from", optStr(c.impactFrom));
    return Response::json(o, status).withHeader("ETag", etag(c.equipment.version));
}

Response listEquipment(Request& req, Svc& svc) {
    const Page pg = page(req);
    auto items = svc.list(req.principal(), pg.cursor, pg.limit);
    const std::string today = svc.today();
    return Response::json(pageOf(items, pg, [&](const Equipment& e) { return toJson(e, today, svc.policy()); },
                                 [](const Equipment& e) { return e.id; }));
}

Response createEquipment(Request& req, Svc& svc) {
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
    return Response::created(toJson(e, svc.today(), svc.policy()), "/api/equipment/" + std::to_string(e.id))
        .withHeader("ETag", etag(e.version));
}

Response getEquipment(Request& req, Svc& svc) {
    return changed(svc, {svc.get(req.principal(), req.idParam("id")), std::nullopt, std::nullopt});
}

Response usable(Request& req, Svc& svc) {
    const std::string date = dateQuery(req, "date").value_or(svc.today());
    auto o = toJson(svc.usable(req.principal(), req.idParam("id"), date));
    o->set("date", date);
    return Response::json(o);
}

Response setStatus(Request& req, Svc& svc) {
    const std::int64_t id = req.idParam("id");
    JsonReader r(req.jsonObject());
    const std::string status = r.requiredString("status", 16);
    const std::string date = r.requiredString("effective_date", 10);
    const std::string reason = r.requiredString("reason", 500, Lines::many);
    finishWith(r, EquipmentService::statusProblems(status, date, reason));
    return changed(svc, svc.setStatus(req.principal(), id, ifMatch(req), status, date, reason, req.requestId()));
}

Response addCalibration(Request& req, Svc& svc) {
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
}

Response addCheck(Request& req, Svc& svc) {
    const std::int64_t id = req.idParam("id");
    JsonReader r(req.jsonObject());
    CheckInput in;
    in.performedOn = r.requiredString("performed_on", 10);
    in.result = r.requiredString("result", 8);
    in.note = r.optionalString("note", 500, Lines::many);
    finishWith(r, EquipmentService::checkProblems(in, svc.today()));
    return changed(svc, svc.addCheck(req.principal(), id, ifMatch(req), in, req.requestId()), 201);
}

Response listMaterials(Request& req, Svc& svc) { return listPage(req, svc, &Svc::materials); }

Response createMaterial(Request& req, Svc& svc) {
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
    return Response::created(toJson(m), "/api/reference-materials/" + std::to_string(m.id));
}

const RouteEntry<Svc> kRoutes[] = {
    {"GET", "/api/equipment", "accreditation:read", "The lab's equipment with calibration status", listEquipment},
    {"POST", "/api/equipment", "accreditation:write", "Register an instrument", createEquipment},
    {"GET", "/api/equipment/{id}", "accreditation:read", "One instrument with its calibration history", getEquipment},
    {"GET", "/api/equipment/{id}/usable", "accreditation:read", "Whether an instrument may be used on a date (R15)", usable},
    {"POST", "/api/equipment/{id}/status", "accreditation:write", "Set an instrument in service, out of service (R16 impact list) or retired", setStatus},
    {"POST", "/api/equipment/{id}/calibrations", "accreditation:write", "Record a calibration or verification (out of tolerance as found: R16 impact list)", addCalibration},
    {"POST", "/api/equipment/{id}/checks", "accreditation:write", "Record an intermediate check (期间核查); a failure raises the R16 impact list", addCheck},
    {"GET", "/api/reference-materials", "accreditation:read", "The lab's reference materials", listMaterials},
    {"POST", "/api/reference-materials", "accreditation:write", "Register a reference material lot", createMaterial},
};

}  // namespace

void registerEquipmentRoutes(Router& router, EquipmentService& svc) { addRoutes(router, svc, kRoutes); }

}  // namespace assay::accreditation
