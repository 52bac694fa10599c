// ExportApi: the accreditation module's Excel exports (parse, call AccreditationExports, hand out the file).
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
#include "domain/AccreditationExports.hpp"

namespace assay::accreditation {

void registerExportRoutes(Router& router, AccreditationExports& exports);

}  // namespace assay::accreditation
