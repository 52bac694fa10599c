// ProficiencyApi: HTTP handlers of proficiency testing (parse, call one service method, render).
//
// Routes (permission):
//   GET  /api/pt/rounds               accreditation:read
//   POST /api/pt/rounds               accreditation:write  {provider, scheme_name, round_code, parameter_id, product?, sub_field, mandated?, deadline?, unit?, assigned_value?}
//   GET  /api/pt/rounds/{id}          accreditation:read   ETag
//   POST /api/pt/rounds/{id}/result   accreditation:write  {lab_result?, score_kind, score, reported_on}, If-Match (R25)
//   GET  /api/pt/coverage             accreditation:read   R26 gaps
// Thread-safety: handlers are safe from any request thread.
#pragma once

#include "assay/Http.hpp"
#include "domain/ProficiencyService.hpp"

namespace assay::accreditation {

void registerProficiencyRoutes(Router& router, ProficiencyService& service);

}  // namespace assay::accreditation
