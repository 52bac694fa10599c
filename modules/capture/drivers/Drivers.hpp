// Drivers: the built-in instrument drivers (assay/InstrumentDriver.hpp) over the hardware-free
// protocol libraries in instruments/, and the typed profiles capture's sockets need.
//
// Purpose: each built-in driver is one factory below, one source file in this folder, and one
// line in addBuiltinDrivers() (BuiltinDrivers.cpp), the one list of built-in drivers. Plugins add
// theirs to the same registry (plugins/example-vendor-parser). Capture's listeners and balance
// client read their settings from the profile through astmSettings()/balanceSettings(), which give
// the defaults for a profile of another type (a plugin driver that declares an ASTM framing).
// Thread-safety: the drivers are immutable; the functions are pure.
#pragma once

#include <memory>
#include <string>

#include "assay/InstrumentDriver.hpp"
#include "astm/AstmLink.hpp"
#include "delimited/DelimitedTable.hpp"

namespace assay::capture {

struct AstmProfile final : DriverProfile {
    std::size_t testCodeComponent = 4;   // the R.3 component with the analyte code (Phadia 4, Mindray 1, 0: the whole field)
    instruments::astm::LinkOptions link;  // over TCP: checksums, simplified mode, frame size, unframed
    std::string connectHost;              // client mode: the instrument listens, the host connects
    int connectPort = 0;
};

struct BalanceProfile final : DriverProfile {  // mtsics: where the balance answers, and how to ask it
    std::string host = "127.0.0.1";
    int port = 0;
    std::string command = "S";  // S | SI
    int settleMs = 10000;
    std::string serial;  // expected I4 serial (optional): a different balance is a diagnostic on the run
};

struct TableSettings final : DriverProfile {  // delimited
    instruments::delimited::TableProfile table;
};

// The instrument's ASTM or balance settings; the defaults when its profile is of another kind.
const AstmProfile& astmSettings(const DriverProfile* profile);
const BalanceProfile& balanceSettings(const DriverProfile* profile);

std::shared_ptr<const InstrumentDriver> astmDriver();       // AstmDriver.cpp
std::shared_ptr<const InstrumentDriver> hl7Driver();        // Hl7Driver.cpp
std::shared_ptr<const InstrumentDriver> delimitedDriver();  // DelimitedDriver.cpp
std::shared_ptr<const InstrumentDriver> mtsicsDriver();     // MtSicsDriver.cpp
// VendorDrivers.cpp: one export format of instruments/vendors, read by its function (no profile).
using ExportParser = instruments::delimited::TableResult (*)(std::string_view bytes);
std::shared_ptr<const InstrumentDriver> vendorDriver(std::string id, std::string title, ExportParser parse);

// The built-in list (BuiltinDrivers.cpp). Errors: std::logic_error on a duplicate id.
void addBuiltinDrivers(InstrumentDrivers& drivers);

}  // namespace assay::capture
