// ExportApi: the accreditation module's Excel exports (parse, call the services, render .xlsx).
//
// Routes (permission):
//   GET /api/exports/scope.xlsx                  accreditation:read  ?scheme=CMA|CNAS&on= (default CMA, today):
//                                                                    the 能力附表 layout, category and product cells merged
//   GET /api/exports/equipment.xlsx              accreditation:read  the equipment list with calibration status and due dates
//   GET /api/exports/staff-authorizations.xlsx   accreditation:read  every method, opinion and signatory authorization
//   GET /api/exports/register.xlsx               register:read       standards, methods, parameters, specifications
// Thread-safety: handlers are safe from any request thread.
#pragma once

#include "assay/Http.hpp"
#include "domain/EquipmentService.hpp"
#include "domain/RegisterService.hpp"
#include "domain/ScopeService.hpp"
#include "domain/StaffService.hpp"

namespace assay::accreditation {

void registerExportRoutes(Router& router, RegisterService& reg, ScopeService& scope, EquipmentService& equipment,
                          StaffService& staff);

}  // namespace assay::accreditation
