// GcmsSolution: the Shimadzu GCMSsolution ASCII export of a quantitative run (File > Export Data
// > ASCII, "MS Quantitative Results"), read into readings plus diagnostics.
//
// Purpose: one file per injection, INI-like sections of tab-separated lines: [Header] (the data
// file name), optionally [Sample Information] (Sample Name, Sample ID ...), then
// [MS Quantitative Results]: "# of IDs<TAB>n", a header row (ID#, Name, Type, ... Conc. ... Unit)
// and one row per compound. Each Target compound with a concentration is one reading: the sample,
// the compound's Name, Conc. exactly as written ("0.0457", "-0.0012", "4.44061e-001") and Unit.
// Internal standards (Type ISTD) are the spiked amount, not a result: skipped. A compound the
// software did not find (Ret.Time "Not Identified", no Conc.) is a diagnostic, never a reading.
// Other sections ([MS Similarity Search ...], [MC Peak Table]) are not read.
// Depends on the C++ standard library only, so it is unit-tested and fuzzed alone.
// Thread-safety: a pure function.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace example_vendor_parser {

struct GcmsOptions {
    // Where the sample code comes from: "auto" (the Sample ID of [Sample Information], else the
    // data file's name), "sample_id", "sample_name" or "data_file" (the base name of the Data File
    // Name, without folder and extension).
    std::string sampleFrom = "auto";
    // Cut the sample code at the first occurrence of this character ('\0': keep it whole), e.g. '_'
    // for data files named <sample code>_<replicate>.qgd.
    char sampleCut = '\0';
};

struct GcmsReading {
    int line = 0;  // the file line (1-based)
    std::string sampleCode, compound, conc, unit;
};

struct GcmsResult {
    std::vector<GcmsReading> readings;
    std::vector<std::string> diagnostics;  // "line 12: Phorate not identified (no concentration)"
};

// Never throws on bad bytes: what cannot be read is a diagnostic.
GcmsResult parseGcmsSolution(std::string_view bytes, const GcmsOptions& options = {});

}  // namespace example_vendor_parser
