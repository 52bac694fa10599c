// ReportRegisterExport: the report register written row by row into a constant-memory workbook.
#include "domain/ReportRegisterExport.hpp"

#include <map>

#include "assay/Clock.hpp"
#include "assay/Xlsx.hpp"

namespace assay::reports {

namespace {
constexpr int kColumns = 14;

void headerRow(XlsxWorkbook& book) {
    const char* headers[kColumns] = {"报告编号", "状态", "委托单号", "样品编号", "签发日期", "签发时间", "授权签字人", "替代报告",
                                     "被替代为", "更改原因", "撤回原因", "PDF SHA-256", "验证码", "创建时间"};
    const double widths[kColumns] = {24, 8, 20, 30, 12, 17, 12, 24, 24, 30, 24, 66, 20, 17};
    for (int c = 0; c < kColumns; ++c) book.columnWidth(c, widths[c]);
    for (int c = 0; c < kColumns; ++c) book.text(0, c, headers[c], XlsxStyle::Header);
    book.freezeRows(1);
}

void dateTime(XlsxWorkbook& book, int row, int col, std::int64_t ms) {
    const std::string at = formatRfc3339(fromEpochMillis(ms));  // lab time, +08:00
    book.dateTime(row, col, at.substr(0, 10), std::stoi(at.substr(11, 2)), std::stoi(at.substr(14, 2)));
}

const char* statusZh(ReportStatus status) {
    switch (status) {
    case ReportStatus::Draft: return "草稿";
    case ReportStatus::Issued: return "有效";
    case ReportStatus::Superseded: return "已被替代";
    case ReportStatus::Withdrawn: return "已撤回";
    case ReportStatus::Discarded: return "已作废草稿";
    }
    return "";
}

void reportRow(XlsxWorkbook& book, int row, const Report& r, const std::string& signatory) {
    std::string samples;
    for (const auto& c : r.sampleCodes) samples += (samples.empty() ? "" : ", ") + c;
    book.text(row, 0, r.number.value_or(""));
    book.text(row, 1, statusZh(r.status));
    book.text(row, 2, r.orderCode);
    book.text(row, 3, samples);
    if (r.issueDate) book.date(row, 4, *r.issueDate);
    else book.text(row, 4, "");
    if (r.issuedAtMs) dateTime(book, row, 5, *r.issuedAtMs);
    else book.text(row, 5, "");
    book.text(row, 6, signatory);
    book.text(row, 7, r.amendsNumber.value_or(""));
    book.text(row, 8, r.supersededByNumber.value_or(""));
    book.text(row, 9, r.amendment ? r.amendment->reason : "");
    book.text(row, 10, r.withdrawnReason.value_or(""));
    book.text(row, 11, r.pdfSha256.value_or(""));
    book.text(row, 12, r.verifyCode.value_or(""));
    dateTime(book, row, 13, r.createdAtMs);
}
}  // namespace

std::string ReportRegisterExport::workbook(const Principal& p, std::optional<ReportStatus> status) {
    auto page = reports_.list(p, 0, 500, status);  // the first page (400 status) before the workbook starts
    XlsxWorkbook book(true);                       // constant memory: rows written in order and flushed
    book.addSheet("报告登记");
    headerRow(book);
    std::map<std::int64_t, std::string> names;
    int row = 0;
    bool truncated = false;
    for (;;) {
        for (const auto& r : page) {
            if (row >= kMaxRows) {
                truncated = true;
                break;
            }
            ++row;
            std::string signatory;
            if (r.signatoryUserId) {
                auto it = names.find(*r.signatoryUserId);
                if (it == names.end()) it = names.emplace(*r.signatoryUserId, reports_.userName(*r.signatoryUserId)).first;
                signatory = it->second;
            }
            reportRow(book, row, r, signatory);
        }
        if (truncated || page.size() < 500) break;
        page = reports_.list(p, page.back().id, 500, status);
    }
    book.autofilter(0, 0, row, kColumns - 1);
    if (truncated) book.text(row + 2, 0, "只导出了前 " + std::to_string(kMaxRows) + " 条。", XlsxStyle::Note);
    return book.finish();
}

}  // namespace assay::reports
