// Xlsx: spreadsheet exports (.xlsx) over libxlsxwriter.
//
// Purpose: every module's Excel export (the scope schedule, the equipment list, result
// listings) writes through this one small wrapper: sheets, text cells in a few house styles,
// merged ranges, column widths, a frozen header, and finish() returning the file's bytes.
// Values are written as text: measured values and money stay decimal strings (API.md); dates
// are text too unless written with date()/dateTime(), which make real Excel dates (registers
// that are sorted and filtered by date). constantMemory (for large exports) requires writing rows in order and
// merging only within the current row; small exports use the default.
// Ownership: owns the libxlsxwriter workbook and a private temporary directory (mkdtemp, 0700)
// holding the file and libxlsxwriter's own temporary files, removed on destruction.
// Thread-safety: one workbook per thread; independent workbooks may be written concurrently.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace assay {

enum class XlsxStyle { Body, Header, Title, Note };

class XlsxWorkbook {
public:
    // Errors: Error(Internal) when the temporary file cannot be created.
    explicit XlsxWorkbook(bool constantMemory = false);
    ~XlsxWorkbook();
    XlsxWorkbook(const XlsxWorkbook&) = delete;
    XlsxWorkbook& operator=(const XlsxWorkbook&) = delete;

    // Adds a sheet and makes it current. Sheet names are at most 31 characters (UTF-8 allowed).
    void addSheet(const std::string& name);
    void text(int row, int col, const std::string& value, XlsxStyle style = XlsxStyle::Body);
    // Merges [firstRow..lastRow] x [firstCol..lastCol] holding value.
    void merge(int firstRow, int firstCol, int lastRow, int lastCol, const std::string& value,
               XlsxStyle style = XlsxStyle::Body);
    // A real Excel date (yyyy-mm-dd) from "YYYY-MM-DD"; a real date-time (yyyy-mm-dd hh:mm)
    // from "YYYY-MM-DD" plus hours and minutes. Errors: Error(Internal) on a malformed date.
    void date(int row, int col, const std::string& isoDate);
    void dateTime(int row, int col, const std::string& isoDate, int hour, int minute);
    // A real date-time to the second (yyyy-mm-dd hh:mm:ss) of an instant, in the lab's time zone
    // (UTC+08:00, as the API's timestamps): audit events, where the second matters.
    void timestamp(int row, int col, std::int64_t epochMillis);
    void columnWidth(int col, double width);
    // An autofilter over the header row `row` and columns [firstCol..lastCol], down to lastRow.
    void autofilter(int row, int firstCol, int lastRow, int lastCol);
    // Freezes the rows above `rows` (the header stays visible while scrolling).
    void freezeRows(int rows);
    // Closes the workbook and returns the .xlsx bytes. Errors: Error(Internal) naming the
    // libxlsxwriter error. Call once.
    std::string finish();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace assay
