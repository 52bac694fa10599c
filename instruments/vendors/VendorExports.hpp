// VendorExports: parsers for instrument export files that the generic delimited-table profile
// cannot read alone (a text report, two header rows, no header) and the two vendor tables it can.
//
// Purpose: one function per format, each giving the readings of a file as delimited::TableRow
// (the file line of the reading, sample id, analyte, value, unit) plus diagnostics naming the
// line ("line 7: no sample id"):
//   chemstation    Agilent ChemStation Report.TXT (UTF-16 LE text report, fixed-width tables)
//   masshunter     Agilent MassHunter quant batch CSV (compound groups over column names)
//   shimadzu_icpe  Shimadzu ICPE-9000 export (tab-separated, no header: read by position)
//   winlab32       PerkinElmer WinLab32 CSV (long table; parseTable)
//   gallery        Thermo Gallery TSV (preamble, tabs, decimal comma; parseTable)
// Values stay the strings in the file ("<0.05", "ND", "-", "-----"); only the Gallery's decimal
// comma becomes a point. Bad bytes never throw. What each parser reads and leaves: README.md.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "delimited/DelimitedTable.hpp"

namespace assay::instruments::vendors {

// The formats known: "chemstation", "masshunter", "shimadzu_icpe", "winlab32", "gallery".
const std::vector<std::string>& formats();
bool known(std::string_view format);

// Never throws on bad bytes: rows plus diagnostics ("line 7: ..."); an unknown format is a
// diagnostic too.
delimited::TableResult parseExport(std::string_view format, std::string_view bytes);

delimited::TableResult parseChemStation(std::string_view bytes);
delimited::TableResult parseMassHunter(std::string_view bytes);
delimited::TableResult parseShimadzuIcpe(std::string_view bytes);
delimited::TableResult parseWinLab32(std::string_view bytes);
delimited::TableResult parseGallery(std::string_view bytes);

}  // namespace assay::instruments::vendors
