// AuditApi: the audit trail's routes (registered by the host module).
//
// Purpose: an assessor (CNAS, CMA) or the lab's quality manager reviews the audit trail by
// period, user, entity type, entity and action, page by page or as an Excel file:
//   GET /api/audit              audit:read  events filtered by from, to (lab dates, inclusive),
//                                           actor, entity, id, action; order=asc|desc; keyset pages
//   GET /api/audit/export.xlsx  audit:read  the same filter as an Excel file (审计记录), at most
//                                           maxExportRows rows (audit.export_max_rows; a cut file
//                                           and its response say so)
//   GET /api/audit/vocabulary   audit:read  the entity types and actions that can be filtered on
// A lab's staff see only the events recorded for their own organization; admins see all. Every
// bad parameter (a malformed or reversed period, an unknown entity type, action or parameter, a
// limit above 500) is one 400 naming each. Handlers parse, call AuditQuery, render.
// Thread-safety: handlers are safe from any request thread.
#pragma once

#include "assay/Clock.hpp"
#include "assay/Db.hpp"
#include "assay/Http.hpp"

namespace assay {

void registerAuditRoutes(Router& router, Db& db, const Clock& clock, int maxExportRows);

}  // namespace assay
