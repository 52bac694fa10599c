// Vendor export parsers: our fixtures (ChemStation UTF-16 reports, MassHunter's two header rows,
// ICPE lines without a header, WinLab32, Gallery with its preamble and decimal comma) read to exact
// rows and diagnostics, every prefix and garbage read without exceptions, and the public exports
// in ../shared read to counts taken independently.
#include <boost/test/unit_test.hpp>

#include "TestSupport.hpp"

#include <fstream>
#include <sstream>

#include "vendors/VendorExports.hpp"

using namespace assay::instruments;
using namespace assay::instruments::vendors;

using assay::test::readFile;

namespace {

std::string fixture(const std::string& name) {
    return readFile(std::string(ASSAY_SOURCE_DIR) + "/instruments/vendors/testdata/" + name);
}

// UTF-8 text as UTF-16 LE bytes with a BOM (the fixtures' characters are all in the BMP).
std::string utf16le(const std::string& utf8) {
    std::string out = "\xFF\xFE";
    for (std::size_t i = 0; i < utf8.size();) {
        const unsigned char c = utf8[i];
        unsigned cp = c;
        int n = 1;
        if (c >= 0xE0) {
            cp = c & 0x0F;
            n = 3;
        } else if (c >= 0xC0) {
            cp = c & 0x1F;
            n = 2;
        }
        for (int k = 1; k < n && i + k < utf8.size(); ++k) cp = cp << 6 | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
        out += static_cast<char>(cp & 0xFF);
        out += static_cast<char>(cp >> 8);
        i += n;
    }
    return out;
}

struct Case {
    const char* format;
    const char* file;
};

// The formats and one fixture of each (two for ChemStation).
const Case kFixtures[] = {
    {"chemstation", "chemstation-estd-utf16le.txt"}, {"chemstation", "chemstation-area-percent-utf16le.txt"},
    {"masshunter", "masshunter-quant.csv"},          {"shimadzu_icpe", "shimadzu-icpe.txt"},
    {"winlab32", "winlab32.csv"},                    {"gallery", "gallery.tsv"},
};

// The whole result, row by row, then the diagnostics.
void expectRows(const delimited::TableResult& t, const std::vector<delimited::TableRow>& rows,
                const std::vector<std::string>& diagnostics) {
    BOOST_TEST(t.rows.size() == rows.size());
    for (std::size_t i = 0; i < rows.size() && i < t.rows.size(); ++i) {
        BOOST_TEST_CONTEXT("row " << i) {
            BOOST_TEST(t.rows[i].line == rows[i].line);
            BOOST_TEST(t.rows[i].sampleId == rows[i].sampleId);
            BOOST_TEST(t.rows[i].analyte == rows[i].analyte);
            BOOST_TEST(t.rows[i].value == rows[i].value);
            BOOST_TEST(t.rows[i].unit == rows[i].unit);
        }
    }
    BOOST_TEST(t.diagnostics == diagnostics, boost::test_tools::per_element());
}
}  // namespace

BOOST_AUTO_TEST_SUITE(vendor_exports)

BOOST_AUTO_TEST_CASE(chemstation_report_in_utf16_gives_one_reading_per_compound) {
    // Amounts as printed ("-": not found, E-notation kept), the unit from the ruler-cut unit line
    // ("[µg/l]": cut by characters, not bytes); the uncalibrated peak has no name; the Summed
    // Peaks section repeats nothing.
    expectRows(parseExport("chemstation", fixture("chemstation-estd-utf16le.txt")),
               {{29, "W2026-0117", "Phenol", "4.12748", "µg/l"},
                {30, "W2026-0117", "4-Nitrophenol", "2.36468", "µg/l"},
                {31, "W2026-0117", "2-Chlorophenol", "-", "µg/l"},
                {32, "W2026-0117", "2,4-Dichlorophenol", "3.50620e-1", "µg/l"},
                {42, "W2026-0117", "Pentachlorophenol", "7.78220e-1", "µg/l"}},
               {"line 33: no compound name (peak at 10.215 min)"});
}

BOOST_AUTO_TEST_CASE(chemstation_area_percent_report_gives_one_reading_per_peak_named_by_signal_and_time) {
    expectRows(parseChemStation(fixture("chemstation-area-percent-utf16le.txt")),
               {{19, "QC-MIX-02", "VWD1 A peak 1 (1.207 min)", "1.2022", "%"},
                {20, "QC-MIX-02", "VWD1 A peak 2 (2.955 min)", "98.7759", "%"},
                {21, "QC-MIX-02", "VWD1 A peak 3 (4.310 min)", "0.0219", "%"}},
               {});
}

BOOST_AUTO_TEST_CASE(chemstation_without_a_bom_or_in_utf8_reads_the_same_and_tables_before_a_sample_name_are_diagnostics) {
    const std::string bytes = fixture("chemstation-area-percent-utf16le.txt");
    const auto withBom = parseChemStation(bytes);
    const auto bomless = parseChemStation(bytes.substr(2));  // NULs as odd bytes: UTF-16 LE
    BOOST_REQUIRE(bomless.rows.size() == withBom.rows.size());
    BOOST_TEST(bomless.rows[2].analyte == withBom.rows[2].analyte);
    const std::string table =
        "Signal 1: FID1 A, Front Signal\n"
        "\n"
        "RetTime Type    Area    Amt/Area   Amount   Grp  Name\n"
        "  [min]          [pA*s]                 [ppm]\n"
        "-------|------|----------|----------|----------|--|------------------\n"
        "  2.335 BB       50.12345 1.23456e-2    0.61876    Benzene\n";
    expectRows(parseChemStation(table), {}, {"line 6: no sample id (no Sample Name, or an empty one, above the table)"});
    expectRows(parseChemStation("Sample Name: S-1\n" + table), {{7, "S-1", "Benzene", "0.61876", "ppm"}}, {});
    expectRows(parseChemStation(utf16le("Sample Name: S-1\r\n" + table)), {{7, "S-1", "Benzene", "0.61876", "ppm"}}, {});
    const std::string rule(69, '=');
    expectRows(parseChemStation("Sample Name: S-1\n" + table + "\n" + rule + "\n   Final Summed Peaks Report\n" + rule + "\n\n" + table),
               {{7, "S-1", "Benzene", "0.61876", "ppm"}}, {});  // the summed section repeats the amounts
    expectRows(parseChemStation("Sample Name: S-1\r\nno table here\r\n"), {},
               {"no peak table (a ruler of dashes and bars) in the report"});
    expectRows(parseChemStation("Sample Name: S-1\nA B\nx y\n---|---|\n 1   2\n"), {},
               {"line 4: a peak table with neither Name and Amount nor Area % columns"});
    std::string wide = "Sample Name: S-1\n\n\n";
    for (int k = 0; k < 100; ++k) wide += "-|";
    expectRows(parseChemStation(wide + "\n 1 2\n"), {}, {"line 4: a ruler of 100 columns is not a peak table"});
}

BOOST_AUTO_TEST_CASE(masshunter_two_header_rows_give_one_reading_per_sample_and_compound) {
    // Final Conc. (Atrazine), else Calc. Conc. ("2,4-D", a quoted group name); the ISTD and the
    // qualifiers give no reading; an empty Name falls back to the Data File; empty: not measured.
    expectRows(parseExport("masshunter", fixture("masshunter-quant.csv")),
               {{3, "W2026-0201", "Atrazine", "0.8240", ""},
                {3, "W2026-0201", "2,4-D", "0.0312", ""},
                {4, "W2026-0202", "2,4-D", "0.0205", ""},
                {5, "W2026-0203.d", "Atrazine", "0.7622", ""},
                {5, "W2026-0203.d", "2,4-D", "0.0251", ""},
                {7, "CAL 5, rerun", "Atrazine", "5.012", ""},
                {7, "CAL 5, rerun", "2,4-D", "0.5004", ""}},
               {"line 6: no sample id"});
    expectRows(parseMassHunter("Name,Data File,Final Conc.\n"), {}, {"no header rows (a compound group row, then a column name row)"});
    expectRows(parseMassHunter("Sample,,X Results\nName,Data File,RT\nS1,S1.d,1.2\n"), {},
               {"no compound group with a Final Conc. or Calc. Conc. column"});
    expectRows(parseMassHunter("Sample,X Results\nType,Final Conc.\nS,1\n"), {},
               {"line 2: no Name or Data File column under \"Sample\""});
}

BOOST_AUTO_TEST_CASE(shimadzu_icpe_lines_without_a_header_are_read_by_position) {
    // Field 3 sample, 7 element + 9 wavelength, 11 unit, 22 concentration; calibration lines
    // (CAL1) carry intensities only and give nothing; "-----" stays.
    expectRows(parseExport("shimadzu_icpe", fixture("shimadzu-icpe.txt")),
               {{3, "W2026-0305", "Pb 220.353", "1.23", "ppb"},
                {4, "W2026-0305", "Cd 214.438", "-----", "ppb"},
                {8, "W2026-0307", "Cd 214.438", "-0.0153", "ppb"}},
               {"line 5: no concentration for W2026-0306 Pb 220.353",
                "line 6: 4 tab-separated fields; the concentration is field 22", "line 7: no sample id"});
    expectRows(parseShimadzuIcpe("\r\n\r\n"), {}, {"the file has no lines"});
}

BOOST_AUTO_TEST_CASE(winlab32_long_csv_gives_one_reading_per_line) {
    expectRows(parseExport("winlab32", fixture("winlab32.csv")),
               {{2, "Calib Blank 1", "Pb 220.353", "0", "mg/L"},
                {3, "W2026-0410", "Pb 220.353", "0.0123", "mg/L"},
                {4, "W2026-0410", "Cd 228.802", "-0.0004", "mg/L"},
                {5, "W2026-0411, dup", "Pb 220.353", "0.0119", "mg/L"},
                {8, "W2026-0410", "Pb 220.353", "0.0125", "mg/L"}},  // a rerun repeats the sample id
               {"line 6: no analyte", "line 7: no sample id"});
}

BOOST_AUTO_TEST_CASE(gallery_tsv_after_its_preamble_reads_decimal_commas_as_points) {
    const std::vector<delimited::TableRow> rows{{12, "W2026-0501", "L-Malic", "2.2527", "g/l"},
                                                {13, "W2026-0501", "D Lac BBK", "141.4722", "mg/l"},
                                                {14, "QC low", "L-Malic", "<0.10", "g/l"},
                                                {17, "W2026-0503", "D Lac BBK", "98", "mg/l"}};
    // Line 11 is the empty row under the header; line 15 has no result (status AR): not a reading.
    expectRows(parseExport("gallery", fixture("gallery.tsv")), rows, {"line 11: no sample id", "line 16: no sample id"});
    // One more address line in the preamble: the header is found by its first cell.
    auto shifted = rows;
    for (auto& r : shifted) ++r.line;
    expectRows(parseGallery("Second building\t\t\n" + fixture("gallery.tsv")), shifted,
               {"line 12: no sample id", "line 17: no sample id"});
}

BOOST_AUTO_TEST_CASE(the_dispatcher_knows_five_formats_and_names_an_unknown_one) {
    BOOST_TEST(formats() == (std::vector<std::string>{"chemstation", "masshunter", "shimadzu_icpe", "winlab32", "gallery"}),
               boost::test_tools::per_element());
    for (const auto& f : formats()) BOOST_TEST(known(f));
    BOOST_TEST(!known("Gallery"));
    BOOST_TEST(!known(""));
    expectRows(parseExport("xlsx", "a,b\n"), {}, {"unknown export format \"xlsx\""});
}

BOOST_AUTO_TEST_CASE(every_prefix_of_every_fixture_and_garbage_give_diagnostics_never_exceptions) {
    auto sane = [](const delimited::TableResult& t) {
        for (const auto& r : t.rows)
            if (r.line < 1 || r.sampleId.empty() || r.analyte.empty()) return false;
        return true;
    };
    for (const auto& c : kFixtures) {
        const std::string bytes = fixture(c.file);
        BOOST_REQUIRE(!bytes.empty());
        for (std::size_t n = 0; n <= bytes.size(); ++n) {
            delimited::TableResult t;
            BOOST_CHECK_NO_THROW(t = parseExport(c.format, std::string_view(bytes).substr(0, n)));
            if (!sane(t)) BOOST_ERROR(c.file << " cut at " << n << ": a row without a line, sample or analyte");
        }
        for (const auto& f : formats()) BOOST_CHECK_NO_THROW(parseExport(f, bytes));  // the wrong parser
    }
    const std::string garbage[] = {
        std::string(),
        std::string("\xFF\xFE", 2),
        std::string("\xFF\xFE\x00", 3),
        std::string("\xFF\xFE\x00\xD8", 4),  // a lone high surrogate
        std::string("\xFF\xFE\x00\xDC", 4),  // a lone low surrogate
        std::string("\xFE\xFF\x00\x41", 4),
        std::string("\xC3\x28\xFF\x00\x00", 5),
        std::string(64, '\0'),
        "----|",
        "|",
        "Sample Name:",
        "Sample Name: X\n----|----|\n\xE2\x82",
        "Sample Name: X\nPeak RetTime\n#\n----|-------|\n   1   1.0   2.0   3.0   4.0   5.0\n",
        "\"",
        "Sample,\"\n",
        std::string(100, '\t'),
        std::string(100, '\n'),
        std::string(100, '='),
    };
    for (const auto& g : garbage)
        for (const auto& f : formats()) {
            delimited::TableResult t;
            BOOST_CHECK_NO_THROW(t = parseExport(f, g));
            BOOST_TEST(sane(t));
        }
    std::string noise;  // a fixed pseudo-random byte string (LCG), with line breaks, tabs and bars
    unsigned x = 12345;
    for (int i = 0; i < 4096; ++i) {
        x = x * 1103515245u + 12345u;
        const char pick[] = {'\n', '\t', '|', '-', ',', '"', ' ', '1'};
        noise += (x >> 16) % 3 == 0 ? pick[(x >> 8) % 8] : static_cast<char>(x >> 24);
    }
    for (const auto& f : formats()) BOOST_CHECK_NO_THROW(parseExport(f, noise));
}

// The public exports in ../shared/instrument-samples/vendor, when present. The expected counts
// were taken without this parser:
//   chemstation: python3 decoding UTF-16, lines matching ^\s+\d+\s+\d+\.\d+\s (a peak number and a
//     retention time) = 122 (26 + 10 + 25 + 28 + 33 peaks in 5 signals), the first on line 32;
//     the report is an Area Percent report (no compound names, no amounts).
//   masshunter: awk 'NR>2' = 1 data row; row 1's groups ending in " Results" that are not
//     qualifiers: "TestInterims" (Final Conc. in column 12) and the ISTD (RT, Resp. only) = 1.
//   shimadzu_icpe: awk -F'\t' '$22!=""' = 84 of 116 lines (the 32 CAL lines have no field 22);
//     the first is line 33.
//   winlab32: no quotes in the file (grep -c '"' = 0); awk -F, 'NR>1 && $1!="" && $2!="" && $5!=""'
//     = 108 of 109 lines.
//   gallery: no quotes; awk -F'\t' 'NR>10 && $1!="" && $3!="" && $5!=""' = 44, the first on line 12.
BOOST_AUTO_TEST_CASE(public_vendor_exports_give_their_independently_counted_readings) {
    const std::string dir = std::string(ASSAY_SOURCE_DIR) + "/../shared/instrument-samples/vendor/";
    if (!std::ifstream(dir + "agilent-chemstation-report-utf16le.txt")) {
        BOOST_TEST_MESSAGE("no ../shared/instrument-samples: the conformance corpus is not on this machine");
        return;
    }
    struct Expected {
        const char* format;
        const char* file;
        std::size_t count;
        delimited::TableRow first;
    };
    const Expected expected[] = {
        {"chemstation", "agilent-chemstation-report-utf16le.txt", 122, {32, "Rutin_2", "DAD1 A peak 1 (1.442 min)", "4.4047", "%"}},
        {"masshunter", "agilent-masshunter-quant.csv", 1, {3, "H2O-0001", "TestInterims", "0.1034", ""}},
        {"shimadzu_icpe", "shimadzu-icpe9000-multitype.txt", 84, {33, "CHECK", "As 193.759", "22.9", "ppb"}},
        {"winlab32", "perkinelmer-winlab32-pinaacle900h-optima8300.csv", 108, {2, "Gold - 0001", "Au 242.80", "0.064", "mg/kg"}},
        {"gallery", "thermo-gallery-9861x.tsv", 44, {12, "pienk QC", "D Lac BBK", "141.4722", "mg/l"}},
    };
    for (const auto& e : expected) {
        BOOST_TEST_CONTEXT(e.file) {
            const auto t = parseExport(e.format, readFile(dir + e.file));
            BOOST_TEST(t.rows.size() == e.count);
            BOOST_REQUIRE(!t.rows.empty());
            BOOST_TEST(t.rows[0].line == e.first.line);
            BOOST_TEST(t.rows[0].sampleId == e.first.sampleId);
            BOOST_TEST(t.rows[0].analyte == e.first.analyte);
            BOOST_TEST(t.rows[0].value == e.first.value);
            BOOST_TEST(t.rows[0].unit == e.first.unit);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
