// SampleApi: HTTP handlers of samples (parse, call one service method, render).
//
// Routes (permission): see modules/intake/README.md for bodies and errors.
//   GET  /api/samples                          samples:read   filters code, customer_org_id, status, product_category,
//                                                             from, to, q; keyset pages, newest first
//   POST /api/samples                          samples:write  one sample
//   POST /api/samples/batch                    samples:write  up to 1,000 samples, all or none
//   GET  /api/samples/import-template          samples:write  the CSV template
//   POST /api/samples/import                   samples:write  a CSV file (UTF-8 or GB18030), all rows or none
//   GET  /api/samples/{code}                   samples:read   ETag
//   POST /api/samples/{code}/receive           samples:write  {condition, deviation?, customer_decision?}, If-Match (R19)
//   POST /api/samples/{code}/status            samples:write  {to, reason?, method?}, If-Match (409 lists the allowed
//                                                             statuses; R22 before the retention period ends)
//   POST /api/samples/{code}/transfer          samples:write  {to, reason}, If-Match (a custody event)
//   GET  /api/samples/{code}/custody           samples:read   the custody timeline
//   POST /api/samples/{code}/sub-samples       samples:write  {name?, quantity?, unit?, holder?} (code <parent>-<n>, R18)
//   GET  /api/retention-periods                samples:read   retention per product category
//   PUT  /api/retention-periods/{category}     samples:manage {days}
// Thread-safety: handlers are safe from any request thread.
#pragma once

#include <Poco/JSON/Object.h>

#include "assay/Http.hpp"
#include "assay/Json.hpp"
#include "domain/SampleService.hpp"

namespace assay::intake {

void registerSampleRoutes(Router& router, SampleService& service);

// The register's filters from the query (code, customer_org_id, status, product_category,
// from, to, q). Errors: 400 naming each bad parameter.
SampleFilter sampleFilter(const Request& req);
// Reads the sample fields of a body into in; `required` false for a sub-sample (all optional).
void readSample(JsonReader& r, const Poco::JSON::Object::Ptr& body, SampleInput& in, bool required);

}  // namespace assay::intake
