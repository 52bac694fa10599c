// ScopeApi: HTTP handlers of the scope schedule (能力附表) (parse, call one service method, render).
//
// Routes (permission):
//   GET  /api/scope/changes                 accreditation:read   keyset pages
//   POST /api/scope/changes                 accreditation:write  {kind, scheme, effective_date, reference?, reason, rows[]}
//   GET  /api/scope/changes/{id}            accreditation:read   with the rows it put in force and ended
//   GET  /api/scope/rows                    accreditation:read   ?scheme=&on= (default today): the scope in force on a date
//   GET  /api/scope/rows/{id}/history       accreditation:read   every revision of one row
//   GET  /api/scope/check                   accreditation:read   ?scheme=&site=&product=&parameter_id=&standard=&clause?=&date?=
// Thread-safety: handlers are safe from any request thread.
#pragma once

#include "assay/Http.hpp"
#include "domain/ScopeService.hpp"

namespace assay::accreditation {

void registerScopeRoutes(Router& router, ScopeService& service);

}  // namespace assay::accreditation
