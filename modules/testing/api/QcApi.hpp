// QcApi: HTTP handlers of QC batches, QC samples, dispositions and control-chart series (R24).
//
// Routes (permission):
//   GET  /api/testing/batches                   results:read     newest first, keyset
//   POST /api/testing/batches                   results:write    {name, item_ids: [...]}: one parameter by one method
//   GET  /api/testing/batches/{id}              results:read     with its item ids and QC results; ETag
//   POST /api/testing/batches/{id}/qc           results:write    {kind, material, value, ...criteria}: judged at once; a failure holds
//   POST /api/testing/batches/{id}/disposition  results:qc       {decision: accept|retest|reject, reason}, If-Match (R24)
//   GET  /api/testing/qc/series                 results:read     ?parameter_id=&method_id=&material=: values, z, Westgard rules
// Thread-safety: handlers are safe from any request thread.
#pragma once

#include "assay/Http.hpp"
#include "domain/QcService.hpp"

namespace assay::testing {

void registerQcRoutes(Router& router, QcService& service);

}  // namespace assay::testing
