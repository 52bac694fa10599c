// SampleFilesApi: the files intake hands out: label PDFs and the sample register in Excel.
//
// Routes (permission):
//   GET  /api/samples/{code}/labels     samples:read   ?layout=single|a4 (default single): the sample's label
//   POST /api/samples/labels            samples:read   {codes: [...] (1-1000), layout?}: labels of many samples
//   GET  /api/orders/{code}/labels      orders:read    ?layout=a4|single (default a4): every sample of the order
//   GET  /api/samples/export.xlsx       samples:read   the register with the list's filters (Chinese headers, real
//                                                      dates, frozen header, autofilter), constant-memory workbook
//                                                      (SampleRegisterExport)
// Thread-safety: handlers are safe from any request thread (each render owns its objects).
#pragma once

#include "assay/Http.hpp"
#include "domain/OrderService.hpp"
#include "domain/SampleRegisterExport.hpp"
#include "domain/SampleService.hpp"

namespace assay::intake {

// What the file routes use; the module owns it for the server's life.
struct SampleFileDeps {
    SampleService& samples;
    OrderService& orders;
    SampleRegisterExport& registerExport;
};

void registerSampleFileRoutes(Router& router, SampleFileDeps& deps);

}  // namespace assay::intake
