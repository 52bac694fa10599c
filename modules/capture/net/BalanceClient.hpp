// BalanceClient: the host side of an MT-SICS balance over TCP (a balance's Ethernet option or
// a serial-to-Ethernet converter).
//
// Purpose: weigh() connects, asks for the serial number (I4, kept with the run for calibration
// traceability), then sends the weigh command (S, or SI) until the balance gives a stable weight
// (`S S`): a dynamic one (`S D`) is never a result, so the command is sent again (or a further
// line awaited) until the settle time runs out; `S I` (busy) is retried; ES/ET/EL, overload and
// underload end the weighing. Everything sent and received goes into the transcript, which the
// capture service stores as the run's raw bytes (R20) and reads with mtsics::readTranscript.
// Thread-safety: stateless; one connection per call.
#pragma once

#include <string>

namespace assay::capture {

struct BalanceTarget {
    std::string host = "127.0.0.1";
    int port = 0;
    std::string command = "S";  // S (stable weight) | SI (immediate, repeated until stable)
    int settleMs = 10000;       // how long the balance may take to settle
};

// The transcript (header and every line). Errors: 503 naming the balance when it cannot be
// reached; a weighing that never settles still returns its transcript (the run says why).
std::string weigh(const BalanceTarget& target, const std::string& sampleCode, const std::string& analyte, const std::string& at);

}  // namespace assay::capture
