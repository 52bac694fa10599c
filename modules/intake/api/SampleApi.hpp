// SampleApi: HTTP handlers of samples (parse, call one service method, render).
//
// Routes (permission):
//   GET  /api/samples                          samples:read   ?status=&cursor=&limit= (newest first)
//   POST /api/samples                          samples:write  {name, product_category, brand?, model?, batch_no?, manufacturer?,
//                                                              manufacturer_uscc?, production_date?, quantity?, unit?, gtin?,
//                                                              customer_org_id?, holder?}
//   GET  /api/samples/{code}                   samples:read   ETag
//   POST /api/samples/{code}/receive           samples:write  {condition, deviation?, customer_decision?}, If-Match (R19)
//   POST /api/samples/{code}/status            samples:write  {to, reason?}, If-Match (409 lists the allowed statuses)
//   POST /api/samples/{code}/transfer          samples:write  {to, reason}, If-Match (a custody event)
//   GET  /api/samples/{code}/custody           samples:read   the custody timeline
//   POST /api/samples/{code}/sub-samples       samples:write  {name?, quantity?, unit?, holder?} (code <parent>-<n>, R18)
// Thread-safety: handlers are safe from any request thread.
#pragma once

#include "assay/Http.hpp"
#include "domain/SampleService.hpp"

namespace assay::intake {

void registerSampleRoutes(Router& router, SampleService& service);

}  // namespace assay::intake
