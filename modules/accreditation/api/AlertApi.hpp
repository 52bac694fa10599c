// AlertApi: the accreditation alerts page (parse ?within=, call AccreditationAlerts, render).
//
// Routes (permission):
//   GET  /api/accreditation/alerts             accreditation:read   ?within=180 (0..3650): R4 qualification expiry,
//                                                                   calibrations due, RM expiry, PT warnings (R25 Q) and
//                                                                   coverage gaps (R26), open NCs
// Thread-safety: handlers are safe from any request thread.
#pragma once

#include "assay/Http.hpp"
#include "domain/AccreditationAlerts.hpp"

namespace assay::accreditation {

void registerAlertRoutes(Router& router, AccreditationAlerts& alerts);

}  // namespace assay::accreditation
