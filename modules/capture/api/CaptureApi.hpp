// CaptureApi: HTTP handlers of instruments, capture runs and staged readings (rendering: CaptureJson).
//
// Routes (permission):
//   GET  /api/capture/instruments                 capture:read   the lab's instruments
//   POST /api/capture/instruments                 capture:manage {name, equipment_id, driver, profile, analytes: {code: parameter_id}}
//   POST /api/capture/instruments/{id}/import     capture:write  ?name=<file name>, body: the file or message bytes as sent
//   GET  /api/capture/runs                        capture:read   newest first, keyset
//   GET  /api/capture/runs/{id}                   capture:read   the run and its staged readings
//   GET  /api/capture/runs/{id}/raw               capture:read   the original bytes (application/octet-stream)
//   GET  /api/capture/staged                      capture:read   ?status=staged|unmatched|accepted|rejected
//   POST /api/capture/staged/{id}/accept          capture:write  If-Match: into the test item's result (R15, R21)
//   POST /api/capture/staged/{id}/reject          capture:write  {reason}, If-Match
//   POST /api/capture/staged/{id}/rematch         capture:write  look for the test item again
//   GET  /api/capture/listeners                   capture:read   running ASTM listeners with their counters
//   POST /api/capture/instruments/{id}/listener   capture:manage {port} (0: a free one) -> {port}
//   DELETE /api/capture/instruments/{id}/listener capture:manage stop it
//   GET  /api/capture/folders                     capture:read   watched folders with their counters
//   POST /api/capture/instruments/{id}/folder     capture:manage {folder, interval_ms?} -> {path}
//   DELETE /api/capture/instruments/{id}/folder   capture:manage stop watching
//   POST /api/capture/instruments/{id}/weigh      capture:write  {sample_code, analyte?}: an MT-SICS weighing (Weighing)
// Thread-safety: handlers are safe from any request thread.
#pragma once

#include "assay/Http.hpp"
#include "domain/CaptureService.hpp"
#include "domain/Weighing.hpp"
#include "net/AstmListeners.hpp"
#include "net/FolderWatchers.hpp"

namespace assay::capture {

// What the capture routes use; the module owns it for the server's life.
struct CaptureDeps {
    CaptureService& capture;
    AstmListeners& listeners;
    FolderWatchers& folders;
    Weighing& weighing;
};

void registerCaptureRoutes(Router& router, CaptureDeps& deps);

}  // namespace assay::capture
