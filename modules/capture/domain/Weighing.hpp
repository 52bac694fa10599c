// Weighing: one weighing on an MT-SICS balance for a sample, stored as a capture run.
//
// Purpose: the use case behind POST /api/capture/instruments/{id}/weigh, out of the handler: the
// instrument must be an mtsics balance and the analyte one of its codes (the only one when none
// is named); the server connects to the balance (BalanceClient), and the whole transcript is
// imported as the run's raw data (R20), a stable weight staged like any other reading. A balance
// that cannot be reached is a 503 and stores nothing.
// Thread-safety: safe from any request thread.
#pragma once

#include <cstdint>
#include <string>

#include "assay/Principal.hpp"
#include "domain/CaptureService.hpp"

namespace assay::capture {

class Weighing {
public:
    explicit Weighing(CaptureService& capture) : capture_(capture) {}

    // analyte empty: the instrument's only analyte. Errors: 404 (instrument); 400 naming driver or
    // analyte; 503 when the balance cannot be reached.
    ImportResult weigh(const Principal& p, std::int64_t instrumentId, const std::string& sampleCode, std::string analyte,
                       const std::string& requestId);

private:
    CaptureService& capture_;
};

}  // namespace assay::capture
