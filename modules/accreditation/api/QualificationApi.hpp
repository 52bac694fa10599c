// QualificationApi: HTTP handlers of CMA certificates and CNAS accreditations (parse, call one
// service method, render).
//
// Routes (permission):
//   GET  /api/qualifications                 accreditation:read   ?scheme=CMA|CNAS
//   POST /api/qualifications                 accreditation:write  {scheme, number, authority, valid_from, valid_to?, ilac_mra_permitted?}
//   GET  /api/qualifications/standing        accreditation:read   ?scheme=&date= (default today)
//   GET  /api/qualifications/{id}            accreditation:read   ETag, with the dated history
//   POST /api/qualifications/{id}/events     accreditation:write  {kind, effective_date, reason, valid_from?, valid_to?, number?}, If-Match
// Thread-safety: handlers are safe from any request thread.
#pragma once

#include "assay/Http.hpp"
#include "domain/QualificationService.hpp"

namespace assay::accreditation {

void registerQualificationRoutes(Router& router, QualificationService& service);

}  // namespace assay::accreditation
