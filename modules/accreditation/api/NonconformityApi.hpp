// NonconformityApi: HTTP handlers of the nonconformity register (parse, call one service
// method, render through AccreditationJson).
//
// Routes (permission):
//   GET  /api/nonconformities                  accreditation:read   ?status=
//   POST /api/nonconformities                  accreditation:write  {source, source_ref?, description, impact?, opened_on}
//   GET  /api/nonconformities/{id}             accreditation:read   ETag; with the impact list
//   POST /api/nonconformities/{id}/steps       accreditation:write  {step: action|verify|close, date, text}, If-Match
// Thread-safety: handlers are safe from any request thread.
#pragma once

#include "assay/Http.hpp"
#include "domain/NonconformityService.hpp"

namespace assay::accreditation {

void registerNonconformityRoutes(Router& router, NonconformityService& ncs);

}  // namespace assay::accreditation
