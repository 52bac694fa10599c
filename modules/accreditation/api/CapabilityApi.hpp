// CapabilityApi: the contract-review capability check over HTTP (parse, call one service, render).
//
// Routes (permission):
//   GET /api/capability/check   accreditation:read   ?parameter_id=&method_id=&product=&category=&site=&date=
// Thread-safety: handlers are safe from any request thread.
#pragma once

#include "assay/Http.hpp"
#include "domain/CapabilityService.hpp"

namespace assay::accreditation {

void registerCapabilityRoutes(Router& router, CapabilityService& service);

}  // namespace assay::accreditation
