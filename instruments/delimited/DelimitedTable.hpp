// DelimitedTable: the generic profile for instrument exports that are delimited tables (CSV,
// TXT, XLS-saved-as-text) dropped in a watched folder.
//
// Purpose: one profile per instrument says how to read its file: the encoding (UTF-8 with or
// without BOM, UTF-16 LE/BE with BOM or by setting), the delimiter, rows to skip before the
// header, the number of header rows (the last one names the columns), the layout (long: one
// row per sample and analyte; wide: one row per sample and one column per analyte), which
// column is the sample id, the analyte, the value and the unit, and whether numbers use a
// decimal comma ("0,0123" becomes "0.0123"). Quoted cells may hold the delimiter, quotes and
// line breaks. Values otherwise stay the strings in the file ("<0.005", "ND", "n.a."). Bad bytes
// never throw: rows that cannot be read come back as diagnostics naming the line.
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace assay::instruments::delimited {

struct TableProfile {
    std::string encoding = "auto";  // auto (BOM, else UTF-8) | utf-8 | utf-16le | utf-16be | a code page (codePages())
    char delimiter = ',';
    bool decimalComma = false;
    int skipRows = 0;                 // lines before the header (titles, instrument banners)
    int headerRows = 1;               // the last header row names the columns
    std::string layout = "long";      // long | wide
    std::string sampleColumn;         // header text of the sample id column
    std::string analyteColumn;        // long layout
    std::string valueColumn;          // long layout
    std::string unitColumn;           // optional
    std::vector<std::string> analyteColumns;  // wide layout: the analyte columns (empty: every other column)
};

struct TableRow {
    int line = 0;  // the file line the row starts on (1-based)
    std::string sampleId, analyte, value, unit;
};

struct TableResult {
    std::vector<TableRow> rows;
    std::vector<std::string> diagnostics;  // "line 7: no sample id"
};

// The legacy code pages an instrument's profile may name: gb18030 (and gbk, big5, shift_jis,
// windows-1252, iso-8859-1), converted with iconv.
const std::vector<std::string>& codePages();

// Bytes to UTF-8 by the profile's encoding; empty with a reason in `problem` when they are not.
std::optional<std::string> toUtf8(std::string_view bytes, const std::string& encoding, std::string& problem);

TableResult parseTable(std::string_view bytes, const TableProfile& profile);

}  // namespace assay::instruments::delimited
