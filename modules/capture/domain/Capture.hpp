// Capture: instruments, runs and staged readings, and reading a run's bytes with the
// instrument's driver.
//
// Purpose: an instrument is linked to an equipment record (R15 is asked about that record on the
// run date) and has a driver (astm, hl7, delimited, mtsics, or a vendor export format) with its profile, and an analyte map from
// the instrument's codes to the register's parameters. A run is one message or file: its bytes
// are stored unchanged (SHA-256, server time, origin) before anything else (R20), and the same
// bytes again for the same instrument are the same run (nothing is created twice). Each reading
// of a run is staged: matched to a test item by sample code and mapped parameter, or queued as
// unmatched; an authorized person accepts (it becomes the item's result, its raw data the run,
// R21) or rejects it with a reason.
// Thread-safety: value types and pure functions.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assay/Error.hpp"
#include "astm/AstmLink.hpp"
#include "delimited/DelimitedTable.hpp"

namespace assay::capture {

struct BalanceProfile {  // mtsics: where the balance answers, and how to ask it
    std::string host = "127.0.0.1";
    int port = 0;
    std::string command = "S";  // S | SI
    int settleMs = 10000;
    std::string serial;  // expected I4 serial (optional): a different balance is a diagnostic on the run
};

struct InstrumentProfile {
    std::size_t testCodeComponent = 4;  // astm: the R.3 component with the analyte code
    instruments::astm::LinkOptions link;  // astm over TCP: checksums, simplified mode, frame size
    std::string connectHost;              // astm client mode: the instrument listens, the host connects
    int connectPort = 0;
    instruments::delimited::TableProfile table;  // delimited
    BalanceProfile balance;                      // mtsics
};

struct Instrument {
    std::int64_t id = 0;
    std::int64_t labId = 0;
    std::string name;
    std::int64_t equipmentId = 0;
    std::string driver;  // astm | hl7 | delimited | mtsics | chemstation | masshunter | shimadzu_icpe | winlab32 | gallery
    InstrumentProfile profile;
    std::string profileJson;                         // as configured
    std::map<std::string, std::int64_t> analytes;    // instrument code -> register parameter
    std::int64_t createdAtMs = 0;
    std::optional<int> listenPort;  // astm/hl7: the port its listener was started on (restarted at start-up)
    std::optional<std::string> watchFolder;  // the folder watched for its exports (restarted at start-up)
    int watchIntervalMs = 1000;
};

struct Reading {
    int line = 0;
    std::string sampleCode, analyte, value, unit;
};

struct ParsedRun {
    // Why the bytes are refused as a whole (an hl7 frame that is not an HL7 message): the run is
    // kept as evidence with status rejected, and nothing is read from it.
    std::optional<std::string> rejected;
    std::vector<Reading> readings;
    std::vector<std::string> diagnostics;
    std::string deviceSerial;  // what the device said it is (a balance's I4), kept with the run
};

// astm, hl7, delimited, mtsics and the vendor export formats.
bool knownDriver(const std::string& driver);

// The bytes a run is known by (see Run::contentSha256): framed ASTM gives its frame texts.
std::string contentOf(const Instrument& i, std::string_view bytes);

// Reads a run's bytes with the instrument's driver; never throws on bad bytes. An hl7 frame that
// is not an HL7 message (instruments::hl7::judge) is rejected: no readings, the reason set.
ParsedRun parseRun(const Instrument& i, std::string_view bytes);

// The profile from its JSON ({"test_code_component":4} for astm; {"delimiter":";",
// "decimal_comma":true, "skip_rows":2, "header_rows":1, "layout":"long", "sample_column":"...",
// "analyte_column":"...", "value_column":"...", "unit_column":"...", "analyte_columns":[...],
// "encoding":"auto"} for delimited). Errors: the problems, fields named profile.<key>.
InstrumentProfile profileFromJson(const std::string& driver, const std::string& json, std::vector<FieldError>& errors);

struct Run {
    std::int64_t id = 0;
    std::int64_t labId = 0;
    std::int64_t instrumentId = 0;
    std::string source;  // upload | folder | tcp
    std::string origin;  // the file name or the peer
    std::string sha256;
    std::int64_t size = 0;
    std::int64_t receivedAtMs = 0;
    std::optional<std::int64_t> receivedBy;
    int readings = 0;
    std::optional<std::string> diagnostics;
    std::optional<std::string> deviceSerial;  // the balance's I4 serial number (calibration traceability)
    // What makes two runs the same: the SHA-256 of what the bytes say (for framed ASTM the frame
    // texts joined, so a retransmission with other frame numbers is the same run); else sha256.
    std::string contentSha256;
    std::string status = "received";   // received | rejected (not a message of its driver: no readings)
    std::optional<std::string> reason;  // why it was rejected
};

struct Staged {
    std::int64_t id = 0;
    std::int64_t labId = 0;
    std::int64_t runId = 0;
    int line = 0;
    std::string sampleCode, analyte, valueText;
    std::optional<std::string> unit;
    std::optional<std::int64_t> parameterId, testItemId;
    std::string status = "staged";  // staged (matched) | unmatched | accepted | rejected
    std::optional<std::string> equipmentProblem;  // R15 on the run date (flag policy)
    std::optional<std::int64_t> resultId;
    std::optional<std::string> reason;
    std::optional<std::int64_t> decidedBy, decidedAtMs;
    int version = 1;
};

}  // namespace assay::capture
