// The generic delimited-table profile: a decimal-comma export with banner rows, a wide table,
// UTF-16 with a BOM, quoted cells, and rows that cannot be read reported by line.
#include <boost/test/unit_test.hpp>

#include "TestSupport.hpp"

#include <fstream>
#include <sstream>

#include "delimited/DelimitedTable.hpp"

using namespace assay::instruments::delimited;

namespace {
std::string fixture(const std::string& name) {
    return assay::test::readFile(std::string(ASSAY_SOURCE_DIR) + "/instruments/delimited/testdata/" + name);
}
}  // namespace

BOOST_AUTO_TEST_SUITE(delimited)

BOOST_AUTO_TEST_CASE(a_decimal_comma_export_with_banner_rows_reads_as_decimal_points) {
    TableProfile p;
    p.delimiter = ';';
    p.decimalComma = true;
    p.skipRows = 2;
    p.sampleColumn = "样品编号";
    p.analyteColumn = "元素";
    p.valueColumn = "浓度";
    p.unitColumn = "单位";
    auto t = parseTable(fixture("decimal-comma.csv"), p);
    BOOST_REQUIRE(t.rows.size() == 3u);
    BOOST_TEST(t.rows[0].sampleId == "GDQT2026000001");
    BOOST_TEST(t.rows[0].analyte == "Pb");
    BOOST_TEST(t.rows[0].value == "0.0123");
    BOOST_TEST(t.rows[0].unit == "mg/kg");
    BOOST_TEST(t.rows[0].line == 4);
    BOOST_TEST(t.rows[1].value == "<0.005");  // the qualifier stays
    BOOST_TEST(t.rows[2].sampleId == "GDQT2026000002");  // quoted cells
    BOOST_TEST(t.rows[2].value == "0.1");
    BOOST_REQUIRE(t.diagnostics.size() == 1u);
    BOOST_TEST(t.diagnostics[0] == "line 7: no sample id");
    p.decimalComma = false;
    BOOST_TEST(parseTable(fixture("decimal-comma.csv"), p).rows[0].value == "0,0123");  // not guessed
}

BOOST_AUTO_TEST_CASE(a_wide_table_gives_one_row_per_sample_and_analyte) {
    TableProfile p;
    p.layout = "wide";
    p.sampleColumn = "Sample";
    p.unitColumn = "Unit";
    auto t = parseTable(fixture("wide.csv"), p);
    BOOST_REQUIRE(t.rows.size() == 5u);  // sample 2 has no Cd
    BOOST_TEST(t.rows[1].analyte == "Cd");
    BOOST_TEST(t.rows[1].value == "ND");
    BOOST_TEST(t.rows[3].value == "1,234");  // a quoted cell holding the delimiter
    p.analyteColumns = {"Pb"};
    BOOST_TEST(parseTable(fixture("wide.csv"), p).rows.size() == 3u);
}

BOOST_AUTO_TEST_CASE(utf16_with_a_bom_and_bad_bytes_are_handled_without_exceptions) {
    TableProfile p;
    p.delimiter = '\t';
    p.sampleColumn = "Sample";
    p.analyteColumn = "Analyte";
    p.valueColumn = "Value";
    auto t = parseTable(fixture("utf16le.txt"), p);
    BOOST_REQUIRE(t.rows.size() == 1u);
    BOOST_TEST(t.rows[0].analyte == "铅");
    BOOST_TEST(t.rows[0].value == "0.012");
    auto bad = parseTable(std::string("\xC3\x28\xFF", 3), p);
    BOOST_TEST(bad.rows.empty());
    BOOST_TEST(bad.diagnostics.at(0).find("not UTF-8") != std::string::npos);
    p.valueColumn = "Konzentration";
    auto missing = parseTable(fixture("utf16le.txt"), p);
    BOOST_TEST(missing.rows.empty());
    BOOST_TEST(missing.diagnostics.at(0).find("Konzentration") != std::string::npos);
    BOOST_TEST(parseTable("", p).diagnostics.at(0) == "no header row");
    std::string problem;
    BOOST_TEST(!toUtf8(std::string("\xFF\xFE\x00", 3), "auto", problem).has_value());  // odd UTF-16
    BOOST_TEST(problem.find("odd") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_gb18030_export_reads_when_its_code_page_is_configured_and_a_wrong_byte_is_named) {
    // "样品编号;元素;浓度" / "GD1;铅;0,05" in GB18030, as a Chinese-localized instrument PC writes it.
    const std::string bytes =
        "\xD1\xF9\xC6\xB7\xB1\xE0\xBA\xC5\x3B\xD4\xAA\xCB\xD8\x3B\xC5\xA8\xB6\xC8\x0D\x0A\x47\x44\x31\x3B\xC7\xA6\x3B\x30\x2C\x30\x35\x0D\x0A";
    TableProfile p;
    p.encoding = "gb18030";
    p.delimiter = ';';
    p.decimalComma = true;
    p.sampleColumn = "样品编号";
    p.analyteColumn = "元素";
    p.valueColumn = "浓度";
    auto t = parseTable(bytes, p);
    BOOST_REQUIRE(t.rows.size() == 1u);
    BOOST_TEST(t.rows[0].analyte == "铅");
    BOOST_TEST(t.rows[0].value == "0.05");
    p.encoding = "auto";  // read as UTF-8 it is not text: said, not guessed
    auto wrong = parseTable(bytes, p);
    BOOST_TEST(wrong.rows.empty());
    BOOST_TEST(wrong.diagnostics.at(0).find("not UTF-8") != std::string::npos);
    std::string problem;
    BOOST_TEST(!toUtf8("GD1\x81\x20", "gb18030", problem).has_value());  // 0x81 starts a two-byte character; 0x20 cannot follow
    BOOST_TEST(problem == "byte 3 is not gb18030 text");
    BOOST_TEST(*toUtf8("caf\xE9", "windows-1252", problem) == "café");
    BOOST_TEST(!toUtf8("x", "ebcdic", problem).has_value());
    BOOST_TEST(problem == "unknown encoding ebcdic");
}

// Public vendor exports read with the generic profile only (no vendor code), when ../shared is
// present; the counts were taken independently with awk.
BOOST_AUTO_TEST_CASE(public_vendor_exports_read_with_a_profile_give_their_known_row_counts) {
    const std::string dir = std::string(ASSAY_SOURCE_DIR) + "/../shared/instrument-samples/vendor/";
    std::ifstream probe(dir + "thermo-gallery-9861x.tsv");
    if (!probe) {
        BOOST_TEST_MESSAGE("no ../shared/instrument-samples: the conformance corpus is not on this machine");
        return;
    }
    auto read = [&](const std::string& name) { return assay::test::readFile(dir + name); };
    TableProfile winlab;  // PerkinElmer WinLab32, long format
    winlab.sampleColumn = "Sample ID";
    winlab.analyteColumn = "Analyte Name";
    winlab.valueColumn = "Reported Conc (Calib)";
    winlab.unitColumn = "Units (Samp)";
    auto w = parseTable(read("perkinelmer-winlab32-pinaacle900h-optima8300.csv"), winlab);
    BOOST_TEST(w.rows.size() == 108u);
    BOOST_TEST(w.rows[0].sampleId == "Gold - 0001");
    BOOST_TEST(w.rows[0].analyte == "Au 242.80");
    BOOST_TEST(w.rows[0].value == "0.064");
    TableProfile gallery;  // Thermo Gallery: a preamble, tabs, decimal comma
    gallery.delimiter = '\t';
    gallery.skipRows = 9;
    gallery.decimalComma = true;
    gallery.sampleColumn = "Sample/ctrl ID";
    gallery.analyteColumn = "Test name";
    gallery.valueColumn = "Result";
    gallery.unitColumn = "Result unit";
    auto g = parseTable(read("thermo-gallery-9861x.tsv"), gallery);
    BOOST_TEST(g.rows.size() == 44u);
    BOOST_TEST(g.rows[0].sampleId == "pienk QC");
    BOOST_TEST(g.rows[0].analyte == "D Lac BBK");
    BOOST_TEST(g.rows[0].value == "141.4722");
    BOOST_TEST(g.rows[0].unit == "mg/l");
}

BOOST_AUTO_TEST_SUITE_END()
