// Csv: reading uploaded CSV files (templates for the register, the scope, bulk intake).
//
// Purpose: labs in China save CSV from Excel as UTF-8 (often with a BOM) or as GB18030 (the
// Windows code page 936 superset). decodeText turns either into UTF-8; parseCsv reads RFC 4180
// (quoted fields with commas, doubled quotes and line breaks; CRLF or LF). Both take untrusted
// bytes and never throw on bad data: they return what they could read plus diagnostics.
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "assay/Error.hpp"

namespace assay {

// encoding: "utf-8", "gb18030" or "auto" (UTF-8 when the bytes are valid UTF-8, else GB18030).
// A UTF-8 BOM is dropped. Empty when the bytes are not valid in the encoding (or it is unknown);
// UTF-8 is checked strictly (RFC 3629: no overlong forms, surrogates or control characters but
// tab, CR and LF).
std::optional<std::string> decodeText(std::string_view bytes, const std::string& encoding);

struct CsvRow {
    int line = 0;  // the line the record starts on (1-based)
    std::vector<std::string> fields;
};

struct CsvResult {
    std::vector<CsvRow> rows;              // blank lines are skipped
    std::vector<std::string> diagnostics;  // "line 7: unterminated quoted field"
};

// Stops with a diagnostic after maxRows records or at a record with more than maxFields fields,
// so a hostile upload cannot make it allocate without bound.
CsvResult parseCsv(std::string_view utf8, char delimiter = ',', std::size_t maxRows = 1002, std::size_t maxFields = 64);

// A template's columns: canonical key -> index in the row.
using CsvColumns = std::map<std::string, std::size_t>;
// Maps a header row through aliases (header text, trimmed and lower-cased -> canonical key).
// Empty header cells are skipped (Excel leaves them after the last column). Adds a "header"
// error for each unknown or repeated column and for each required key that no column maps to.
CsvColumns csvColumns(const CsvRow& header, const std::map<std::string, std::string>& aliases,
                      const std::vector<std::string>& required, std::vector<FieldError>& errors);
// The JSON reader's character rule (assay/Json.hpp textProblem) on every mapped cell of the rows
// after the header: no control characters, and a tab or line break (a quoted cell may hold one)
// only in the columns named in multiLine. Adds {"line[N].<key>", problem} for each bad cell.
void csvTextProblems(const CsvResult& csv, const CsvColumns& columns, const std::set<std::string>& multiLine,
                     std::vector<FieldError>& errors);
// The cell of a row under a canonical key, without surrounding spaces and tabs; "" when the
// template has no such column or the row is shorter.
std::string csvCell(const CsvRow& row, const CsvColumns& columns, const std::string& key);

}  // namespace assay
