// Csv: UTF-8 (with or without BOM) and GB18030 uploads, and RFC 4180 records.
#include <boost/test/unit_test.hpp>

#include "assay/Csv.hpp"

using namespace assay;

BOOST_AUTO_TEST_SUITE(csv)

BOOST_AUTO_TEST_CASE(gb18030_bytes_are_decoded_and_utf8_is_kept_as_it_is) {
    const std::string gb = "\xB4\xF3\xC3\xD7,\xC7\xA6";  // 大米,铅 in GB18030
    BOOST_TEST(decodeText(gb, "auto").value() == "大米,铅");
    BOOST_TEST(decodeText(gb, "gb18030").value() == "大米,铅");
    BOOST_TEST(!decodeText(gb, "utf-8").has_value());  // not UTF-8: refused, not garbled
    BOOST_TEST(decodeText("大米,铅", "auto").value() == "大米,铅");
    BOOST_TEST(decodeText("\xEF\xBB\xBF大米", "auto").value() == "大米");  // the BOM Excel writes
    BOOST_TEST(!decodeText("x", "latin1").has_value());
    BOOST_TEST(!decodeText("\xFF\xFE\x00", "auto").has_value());  // neither encoding
}

BOOST_AUTO_TEST_CASE(quoted_fields_keep_commas_quotes_and_line_breaks) {
    auto r = parseCsv("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n\nlast,,\n");
    BOOST_TEST(r.diagnostics.empty());
    BOOST_REQUIRE(r.rows.size() == 3u);
    BOOST_TEST(r.rows[1].fields[0] == "x, y");
    BOOST_TEST(r.rows[1].fields[1] == "say \"hi\"");
    BOOST_TEST(r.rows[1].fields[2] == "two\nlines");
    BOOST_TEST(r.rows[1].line == 2);
    BOOST_TEST(r.rows[2].line == 5);  // after the two-line field (lines 2-3) and a blank line
    BOOST_TEST(r.rows[2].fields.size() == 3u);
    BOOST_TEST(r.rows[2].fields[2] == "");
}

BOOST_AUTO_TEST_CASE(an_unterminated_quote_is_reported_with_its_line_not_thrown) {
    auto r = parseCsv("a,b\n\"open,c\n");
    BOOST_REQUIRE(r.diagnostics.size() == 1u);
    BOOST_TEST(r.diagnostics[0] == "line 2: unterminated quoted field");
}

BOOST_AUTO_TEST_CASE(utf8_is_checked_strictly_so_broken_text_never_reaches_the_database) {
    for (const char* bad : {"\xC0\xAF", "\xE0\x80\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xF0\x80\x80\x80", "a\xE5\xA4", "nul\x01here"})
        BOOST_TEST(!decodeText(bad, "utf-8").has_value(), "accepted " << bad);
    BOOST_TEST(!decodeText(std::string("a\0b", 3), "utf-8").has_value());
    BOOST_TEST(decodeText("\xF0\x9F\x98\x80 \xE2\x82\xAC\t\r\n", "utf-8").has_value());  // 😀 € and whitespace
}

BOOST_AUTO_TEST_CASE(cr_only_line_ends_count_lines_and_a_huge_upload_stops_at_the_limits) {
    auto r = parseCsv("a,b\r\"x\ry\",z\rlast,1\r");
    BOOST_REQUIRE(r.rows.size() == 3u);
    BOOST_TEST(r.rows[2].line == 4);  // the quoted CR counts as a line
    std::string many;
    for (int i = 0; i < 5000; ++i) many += "x,y\n";
    auto limited = parseCsv(many, ',', 1002, 64);
    BOOST_TEST(limited.rows.size() == 1002u);
    BOOST_REQUIRE(!limited.diagnostics.empty());
    auto wide = parseCsv(std::string(100000, ','), ',', 1002, 64);
    BOOST_TEST(wide.diagnostics.front().find("more than 64 fields") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_template_header_maps_aliases_and_names_unknown_repeated_and_missing_columns) {
    const std::map<std::string, std::string> aliases{{"项目", "parameter"}, {"parameter", "parameter"}, {"单位", "unit"}};
    std::vector<FieldError> errors;
    auto ok = csvColumns(CsvRow{1, {" 项目\t", "UNIT", ""}}, {{"项目", "parameter"}, {"unit", "unit"}}, {"parameter", "unit"}, errors);
    BOOST_TEST(errors.empty());
    BOOST_TEST(ok.at("parameter") == 0u);
    BOOST_TEST(ok.at("unit") == 1u);  // matched lower-cased; the empty trailing cell is skipped
    auto col = csvColumns(CsvRow{1, {"项目", "colour", "parameter"}}, aliases, {"parameter", "unit"}, errors);
    BOOST_REQUIRE(errors.size() == 3u);
    BOOST_TEST(errors[0].problem == "unknown column 'colour'");
    BOOST_TEST(errors[1].problem == "column 'parameter' appears twice");
    BOOST_TEST(errors[2].problem == "the column unit is missing");
    BOOST_TEST(errors[2].field == "header");
    const CsvRow row{2, {"  铅 ", "x"}};
    BOOST_TEST(csvCell(row, col, "parameter") == "铅");
    BOOST_TEST(csvCell(row, col, "unit") == "");                     // no such column
    BOOST_TEST(csvCell(CsvRow{3, {}}, col, "parameter") == "");      // a short row
}

// The JSON text rule on CSV cells: control characters never, a line break or tab only in a
// column that holds prose; columns the template does not map are not looked at.
BOOST_AUTO_TEST_CASE(cells_follow_the_json_text_rule_line_breaks_only_in_prose_columns) {
    const auto csv = parseCsv("name,note,other\n\"大米\n二号\",\"第一行\n第二行\",x\n\"a\tb\",\"ok\",\"y\ny\"\nc\xc2\x85-d,e\x7f,z\n");
    const CsvColumns col{{"name", 0}, {"note", 1}};
    std::vector<FieldError> errors;
    csvTextProblems(csv, col, {"note"}, errors);
    BOOST_REQUIRE(errors.size() == 4u);
    BOOST_TEST(errors[0].field == "line[2].name");  // a line break in a one-line column
    BOOST_TEST(errors[0].problem == "must be a single line (no line breaks)");
    BOOST_TEST(errors[1].field == "line[5].name");  // a tab (the first record ran over lines 2-4)
    BOOST_TEST(errors[2].field == "line[7].name");  // U+0085 (C1)
    BOOST_TEST(errors[3].field == "line[7].note");  // DEL, even in prose
    BOOST_TEST(errors[3].problem == "must not contain control characters");
}

BOOST_AUTO_TEST_SUITE_END()
