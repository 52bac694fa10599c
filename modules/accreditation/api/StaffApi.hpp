// StaffApi: HTTP handlers of the staff register and authorizations (parse, call one service
// method, render).
//
// Routes (permission):
//   GET  /api/staff                                         accreditation:read
//   POST /api/staff                                         accreditation:write  {name, user_id?, id_number?, position?}
//   GET  /api/staff/check                                   accreditation:read   ?activity=&user_id=&method_id=&performer_user_id=&scheme=&parameter_ids=&date=
//   GET  /api/staff/{id}                                    accreditation:read   ETag; records and authorizations
//   POST /api/staff/{id}/deactivate                         accreditation:write  {effective_date, reason}, If-Match
//   POST /api/staff/{id}/records                            accreditation:write  {kind, title, record_date, valid_until?, result?}
//   POST /api/staff/{id}/authorizations                     accreditation:write  {activity, method_id?, valid_from, basis?}
//   POST /api/staff/{id}/authorizations/{aid}/end           accreditation:write  {effective_date, reason}
//   POST /api/staff/{id}/signatory-authorizations           accreditation:write  {scheme, parameter_ids[], filed_on, filing_ref}
//   POST /api/staff/{id}/signatory-authorizations/{aid}/end accreditation:write  {effective_date, reason}
// Thread-safety: handlers are safe from any request thread.
#pragma once

#include "assay/Http.hpp"
#include "domain/StaffService.hpp"

namespace assay::accreditation {

void registerStaffRoutes(Router& router, StaffService& service);

}  // namespace assay::accreditation
