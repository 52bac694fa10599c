// ExportApi: the query of each export, the workbook from AccreditationExports, the file response.
#include "api/ExportApi.hpp"

#include "assay/ApiEdge.hpp"

namespace assay::accreditation {

namespace {
using Svc = AccreditationExports;

Response file(ExportFile f) { return Response::file(std::move(f.bytes), Svc::kContentType, f.fileName); }

Response scopeSchedule(Request& req, Svc& svc) {
    const Scheme scheme = queryEnum<Scheme>(req, "scheme").value_or(Scheme::Cma);
    return file(svc.scopeSchedule(req.principal(), scheme, dateQuery(req, "on")));
}

Response equipmentList(Request& req, Svc& svc) { return file(svc.equipmentList(req.principal())); }

Response staffAuthorizations(Request& req, Svc& svc) { return file(svc.staffAuthorizations(req.principal())); }

Response labRegister(Request& req, Svc& svc) { return file(svc.labRegister(req.principal())); }

const RouteEntry<Svc> kRoutes[] = {
    {"GET", "/api/exports/scope.xlsx", "accreditation:read", "The scope schedule (能力附表) in force on a date, as an Excel file", scopeSchedule},
    {"GET", "/api/exports/equipment.xlsx", "accreditation:read", "The equipment list with calibration status and due dates, as an Excel file", equipmentList},
    {"GET", "/api/exports/staff-authorizations.xlsx", "accreditation:read", "Every method, opinion and signatory authorization, as an Excel file", staffAuthorizations},
    {"GET", "/api/exports/register.xlsx", "register:read", "The lab register (standards, methods, parameters, specifications), as an Excel file", labRegister},
};
}  // namespace

void registerExportRoutes(Router& router, AccreditationExports& exports) { addRoutes(router, exports, kRoutes); }

}  // namespace assay::accreditation
