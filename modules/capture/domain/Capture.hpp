// Capture: instruments, runs and staged readings, and reading a run's bytes with the
// instrument's driver.
//
// Purpose: an instrument is linked to an equipment record (R15 is asked about that record on the
// run date) and has a driver (one of the registry's: assay/InstrumentDriver.hpp, the built-ins in
// drivers/BuiltinDrivers.cpp, or a plugin's) with its profile, and an analyte map from
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
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assay/Enum.hpp"
#include "assay/Error.hpp"
#include "assay/InstrumentDriver.hpp"

namespace assay::capture {

struct Instrument {
    std::int64_t id = 0;
    std::int64_t labId = 0;
    std::string name;
    std::int64_t equipmentId = 0;
    std::string driver;  // a driver id of the registry (astm, hl7, delimited, mtsics, chemstation, ... or a plugin's)
    // The registered driver of that id, and the profile it read from profileJson (bindDriver);
    // null when no such driver is loaded (a plugin's driver, its plugin not in plugins.load).
    std::shared_ptr<const InstrumentDriver> driverRef;
    std::shared_ptr<const DriverProfile> profile;
    std::string profileJson;                         // as configured
    std::map<std::string, std::int64_t> analytes;    // instrument code -> register parameter
    std::int64_t createdAtMs = 0;
    std::optional<int> listenPort;  // astm/hl7: the port its listener was started on (restarted at start-up)
    std::optional<std::string> watchFolder;  // the folder watched for its exports (restarted at start-up)
    int watchIntervalMs = 1000;
};

using Reading = DriverReading;
using ParsedRun = DriverOutput;

// Looks the instrument's driver up in the registry and reads its profile with it (driverRef and
// profile). Problems go to `errors`: "driver" (none of that id: the ids it knows), "profile" (not
// a JSON object) and the driver's own "profile.<key>".
void bindDriver(const InstrumentDrivers& drivers, Instrument& i, std::vector<FieldError>& errors);

// "astm, hl7, ... or gallery": the ids of the drivers that have the capability (all with none).
std::string driverChoices(const InstrumentDrivers& drivers, bool (*has)(const DriverCapabilities&) = nullptr);

// The bytes a run is known by (see Run::contentSha256): the driver's content() (framed ASTM gives
// its frame texts), else the bytes.
std::string contentOf(const Instrument& i, std::string_view bytes);

// Reads a run's bytes with the instrument's driver; never throws on bad bytes (a driver that throws
// anyway gives a diagnostic and no readings). An hl7 frame that is not an HL7 message is rejected:
// no readings, the reason set. No driver loaded: a diagnostic, nothing read.
ParsedRun parseRun(const Instrument& i, std::string_view bytes);

// A run is received, or rejected when its bytes are not a message of its driver (no readings).
enum class RunStatus { Received, Rejected };
// A reading is staged (matched to a test item), unmatched (waiting for a match), then accepted
// (a result) or rejected with a reason.
enum class ReadingStatus { Staged, Unmatched, Accepted, Rejected };
using assay::operator<<;

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
    RunStatus status = RunStatus::Received;
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
    ReadingStatus status = ReadingStatus::Staged;
    std::optional<std::string> equipmentProblem;  // R15 on the run date (flag policy)
    std::optional<std::int64_t> resultId;
    std::optional<std::string> reason;
    std::optional<std::int64_t> decidedBy, decidedAtMs;
    int version = 1;
};

}  // namespace assay::capture

namespace assay {
template <>
struct EnumNames<capture::RunStatus> {
    static constexpr std::array<std::string_view, 2> names{"received", "rejected"};
};
template <>
struct EnumNames<capture::ReadingStatus> {
    static constexpr std::array<std::string_view, 4> names{"staged", "unmatched", "accepted", "rejected"};
};
}  // namespace assay
