// RegisterApi: HTTP handlers of the lab register (parse, call one service method, render).
//
// Routes (permission):
//   GET  /api/register/standards               register:read   ?status=&cursor=&limit=
//   POST /api/register/standards               register:write  {number, year, title}
//   GET  /api/register/standards/{id}          register:read   ETag
//   POST /api/register/standards/{id}/status   register:write  {status, replaced_by?, reason}, If-Match
//   GET  /api/register/methods                 register:read
//   POST /api/register/methods                 register:write  {standard_id, clause?, name, principle?, kind, equipment_types[]}
//   GET  /api/register/methods/{id}            register:read   ETag
//   POST /api/register/methods/{id}/withdraw   register:write  {reason}, If-Match
//   GET  /api/register/methods/{id}/records    register:read
//   POST /api/register/methods/{id}/records    register:write  {kind, record_date, record_no, summary?}
//   GET  /api/register/parameters              register:read
//   POST /api/register/parameters              register:write  {name_zh, name_en?, unit, precision_kind, precision_digits, lod?, loq?, mu_model, mu_value?, mu_ranges?}
//   GET  /api/register/parameters/{id}         register:read
//   GET  /api/register/specifications          register:read
//   POST /api/register/specifications          register:write  {name, standard_id?, comparison_mode?, decision_rule?, limits[]}
//   GET  /api/register/specifications/{id}     register:read
// Thread-safety: handlers are safe from any request thread.
#pragma once

#include "assay/Http.hpp"
#include "domain/RegisterService.hpp"

namespace assay::accreditation {

void registerRegisterRoutes(Router& router, RegisterService& service);

}  // namespace assay::accreditation
