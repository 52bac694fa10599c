// Xlsx: the libxlsxwriter wrapper.
#include "assay/Xlsx.hpp"

#include <chrono>

#include "assay/Clock.hpp"

#include <fstream>
#include <sstream>

#include <Poco/File.h>
#include <Poco/Path.h>
#include <stdlib.h>
#include <xlsxwriter.h>

#include "assay/Error.hpp"

namespace assay {

struct XlsxWorkbook::Impl {
    std::string dir;   // private (0700), made by mkdtemp: no other user can plant a link in it
    std::string path;
    lxw_workbook* book = nullptr;
    lxw_worksheet* sheet = nullptr;
    lxw_format* body = nullptr;
    lxw_format* header = nullptr;
    lxw_format* title = nullptr;
    lxw_format* note = nullptr;
    lxw_format* date = nullptr;
    lxw_format* dateTime = nullptr;
    lxw_format* timestamp = nullptr;
    bool finished = false;

    lxw_format* format(XlsxStyle s) const {
        switch (s) {
            case XlsxStyle::Header: return header;
            case XlsxStyle::Title: return title;
            case XlsxStyle::Note: return note;
            default: return body;
        }
    }
    void check(lxw_error e, const char* what) const {
        if (e != LXW_NO_ERROR) throw Error::internal(std::string("xlsx ") + what + ": " + lxw_strerror(e));
    }
    lxw_worksheet* current() const {
        if (!sheet) throw Error::internal("xlsx: no sheet added");
        return sheet;
    }
};

XlsxWorkbook::XlsxWorkbook(bool constantMemory) : impl_(std::make_unique<Impl>()) {
    std::string pattern = Poco::Path::temp() + "assay-xlsx-XXXXXX";
    if (!mkdtemp(pattern.data())) throw Error::internal("xlsx: cannot create a private temporary directory");
    impl_->dir = pattern;
    impl_->path = impl_->dir + "/export.xlsx";
    lxw_workbook_options options{};
    options.constant_memory = constantMemory ? LXW_TRUE : LXW_FALSE;
    options.tmpdir = impl_->dir.data();  // libxlsxwriter's own temporary files go there too
    impl_->book = workbook_new_opt(impl_->path.c_str(), &options);
    if (!impl_->book) throw Error::internal("xlsx: cannot create " + impl_->path);
    auto make = [&](bool bold, bool border, unsigned int bg, double size) {
        lxw_format* f = workbook_add_format(impl_->book);
        if (bold) format_set_bold(f);
        if (border) format_set_border(f, LXW_BORDER_THIN);
        if (bg) format_set_bg_color(f, bg);
        if (size > 0) format_set_font_size(f, size);
        format_set_text_wrap(f);
        format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
        return f;
    };
    impl_->body = make(false, true, 0, 0);
    impl_->header = make(true, true, 0xD9E1F2, 0);
    format_set_align(impl_->header, LXW_ALIGN_CENTER);
    impl_->title = make(true, false, 0, 14);
    impl_->note = make(false, false, 0, 9);
    impl_->date = make(false, true, 0, 0);
    format_set_num_format(impl_->date, "yyyy-mm-dd");
    impl_->dateTime = make(false, true, 0, 0);
    format_set_num_format(impl_->dateTime, "yyyy-mm-dd hh:mm");
    impl_->timestamp = make(false, true, 0, 0);
    format_set_num_format(impl_->timestamp, "yyyy-mm-dd hh:mm:ss");
}

XlsxWorkbook::~XlsxWorkbook() {
    if (impl_->book && !impl_->finished) workbook_close(impl_->book);
    try {
        Poco::File(impl_->dir).remove(true);
    } catch (...) {
        // best effort: the directory is private and under the system's temporary directory
    }
}

void XlsxWorkbook::addSheet(const std::string& name) {
    impl_->sheet = workbook_add_worksheet(impl_->book, name.c_str());
    if (!impl_->sheet) throw Error::internal("xlsx: cannot add sheet " + name);
}

void XlsxWorkbook::text(int row, int col, const std::string& value, XlsxStyle style) {
    impl_->check(worksheet_write_string(impl_->current(), static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col),
                                        value.c_str(), impl_->format(style)),
                 "write");
}

void XlsxWorkbook::merge(int firstRow, int firstCol, int lastRow, int lastCol, const std::string& value, XlsxStyle style) {
    if (firstRow == lastRow && firstCol == lastCol) {
        text(firstRow, firstCol, value, style);
        return;
    }
    impl_->check(worksheet_merge_range(impl_->current(), static_cast<lxw_row_t>(firstRow), static_cast<lxw_col_t>(firstCol),
                                       static_cast<lxw_row_t>(lastRow), static_cast<lxw_col_t>(lastCol), value.c_str(),
                                       impl_->format(style)),
                 "merge");
}

void XlsxWorkbook::date(int row, int col, const std::string& isoDate) { dateTime(row, col, isoDate, -1, 0); }

void XlsxWorkbook::dateTime(int row, int col, const std::string& isoDate, int hour, int minute) {
    auto d = parseIsoDate(isoDate);
    if (!d || isoDate.size() != 10) throw Error::internal("xlsx: not a date: " + isoDate);
    const std::chrono::year_month_day ymd(*d);
    lxw_datetime dt{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                    static_cast<int>(static_cast<unsigned>(ymd.day())), hour < 0 ? 0 : hour, minute, 0.0};
    impl_->check(worksheet_write_datetime(impl_->current(), static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), &dt,
                                          hour < 0 ? impl_->date : impl_->dateTime),
                 "write date");
}

void XlsxWorkbook::timestamp(int row, int col, std::int64_t epochMillis) {
    constexpr std::int64_t kLabOffsetMs = 8LL * 3600 * 1000;  // China Standard Time, no DST
    const std::chrono::sys_time<std::chrono::milliseconds> local{std::chrono::milliseconds(epochMillis + kLabOffsetMs)};
    const auto day = std::chrono::floor<std::chrono::days>(local);
    const std::chrono::year_month_day ymd(day);
    const std::chrono::hh_mm_ss<std::chrono::milliseconds> t(local - day);
    lxw_datetime dt{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                    static_cast<int>(static_cast<unsigned>(ymd.day())), static_cast<int>(t.hours().count()),
                    static_cast<int>(t.minutes().count()), static_cast<double>(t.seconds().count())};
    impl_->check(worksheet_write_datetime(impl_->current(), static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), &dt,
                                          impl_->timestamp),
                 "write timestamp");
}

void XlsxWorkbook::autofilter(int row, int firstCol, int lastRow, int lastCol) {
    impl_->check(worksheet_autofilter(impl_->current(), static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(firstCol),
                                      static_cast<lxw_row_t>(lastRow), static_cast<lxw_col_t>(lastCol)),
                 "autofilter");
}

void XlsxWorkbook::columnWidth(int col, double width) {
    impl_->check(worksheet_set_column(impl_->current(), static_cast<lxw_col_t>(col), static_cast<lxw_col_t>(col), width, nullptr),
                 "column width");
}

void XlsxWorkbook::freezeRows(int rows) { worksheet_freeze_panes(impl_->current(), static_cast<lxw_row_t>(rows), 0); }

std::string XlsxWorkbook::finish() {
    if (impl_->finished) throw Error::internal("xlsx: finished twice");
    impl_->finished = true;
    impl_->check(workbook_close(impl_->book), "close");
    impl_->book = nullptr;
    std::ifstream in(impl_->path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in.good() && !in.eof()) throw Error::internal("xlsx: cannot read back " + impl_->path);
    std::string out = bytes.str();
    if (out.empty()) throw Error::internal("xlsx: the workbook is empty");
    return out;
}

}  // namespace assay
