// BuiltinDrivers: the one list of built-in instrument drivers. A new built-in driver is its
// source file in this folder (added to ../CMakeLists.txt) and one line here; a plugin's driver is
// its plugin folder and one line in plugins/CMakeLists.txt (see plugins/example-vendor-parser).
#include "drivers/Drivers.hpp"

#include "vendors/VendorExports.hpp"

namespace assay::capture {

namespace vendors = instruments::vendors;

void addBuiltinDrivers(InstrumentDrivers& drivers) {
    drivers.add(astmDriver());
    drivers.add(hl7Driver());
    drivers.add(delimitedDriver());
    drivers.add(mtsicsDriver());
    drivers.add(vendorDriver("chemstation", "Agilent ChemStation Report.TXT", &vendors::parseChemStation));
    drivers.add(vendorDriver("masshunter", "Agilent MassHunter Quantitative batch CSV", &vendors::parseMassHunter));
    drivers.add(vendorDriver("shimadzu_icpe", "Shimadzu ICPE-9000 export", &vendors::parseShimadzuIcpe));
    drivers.add(vendorDriver("winlab32", "PerkinElmer WinLab32 CSV", &vendors::parseWinLab32));
    drivers.add(vendorDriver("gallery", "Thermo Gallery TSV", &vendors::parseGallery));
}

}  // namespace assay::capture
