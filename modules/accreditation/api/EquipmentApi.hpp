// EquipmentApi: HTTP handlers of equipment and reference materials (parse, call one service
// method, render through AccreditationJson).
//
// Routes (permission):
//   GET  /api/equipment                        accreditation:read
//   POST /api/equipment                        accreditation:write  {asset_no, name, equipment_type, model?, serial_no?, manufacturer?, location?, in_service_from}
//   GET  /api/equipment/{id}                   accreditation:read   ETag; status history, calibrations, checks, usable_today
//   GET  /api/equipment/{id}/usable            accreditation:read   ?date= → R15 verdict
//   POST /api/equipment/{id}/status            accreditation:write  {status, effective_date, reason}, If-Match (R16 when out of service)
//   POST /api/equipment/{id}/calibrations      accreditation:write  {kind, certificate_no, provider, performed_on, due_on, result, as_found, note?}, If-Match
//   POST /api/equipment/{id}/checks            accreditation:write  {performed_on, result, note?}, If-Match
//   GET  /api/reference-materials              accreditation:read
//   POST /api/reference-materials              accreditation:write  {name, lot_no, certified_value?, unit?, supplier?, expires_on}
// Nonconformities are NonconformityApi, the alerts AlertApi.
// Thread-safety: handlers are safe from any request thread.
#pragma once

#include "assay/Http.hpp"
#include "domain/EquipmentService.hpp"

namespace assay::accreditation {

void registerEquipmentRoutes(Router& router, EquipmentService& equipment);

}  // namespace assay::accreditation
