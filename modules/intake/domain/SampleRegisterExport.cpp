// SampleRegisterExport: the sample register written row by row into a constant-memory workbook.
#include "domain/SampleRegisterExport.hpp"

#include <map>

#include "assay/Clock.hpp"
#include "assay/Xlsx.hpp"

namespace assay::intake {

namespace {
const char* statusZh(SampleStatus s) {
    switch (s) {
    case SampleStatus::Registered: return "已登记";
    case SampleStatus::Received: return "已收样";
    case SampleStatus::InTesting: return "检测中";
    case SampleStatus::Tested: return "已检测";
    case SampleStatus::Reported: return "已出报告";
    case SampleStatus::Retained: return "留样中";
    case SampleStatus::Disposed: return "已处置";
    case SampleStatus::Rejected: return "已拒收";
    case SampleStatus::Cancelled: return "已取消";
    }
    return "";
}

constexpr int kColumns = 19;

void headerRow(XlsxWorkbook& book) {
    const char* headers[kColumns] = {"样品编号", "样品名称", "产品类别", "委托单位", "委托单号", "品牌", "型号规格",
                                     "批号",     "生产单位", "生产日期", "数量",     "单位",     "状态",     "收样日期",
                                     "样品状况", "偏离及客户意见", "持有人", "登记时间", "留样至"};
    const double widths[kColumns] = {20, 24, 16, 28, 20, 12, 14, 14, 24, 12, 10, 8, 10, 12, 20, 28, 14, 17, 12};
    for (int c = 0; c < kColumns; ++c) book.columnWidth(c, widths[c]);
    for (int c = 0; c < kColumns; ++c) book.text(0, c, headers[c], XlsxStyle::Header);
    book.freezeRows(1);
}

// A date cell, or an empty text cell.
void dateOrEmpty(XlsxWorkbook& book, int row, int col, const std::optional<std::string>& date) {
    if (date) book.date(row, col, *date);
    else book.text(row, col, "");
}

void sampleRow(XlsxWorkbook& book, int row, const Sample& s, const std::string& customer) {
    const std::string values[] = {s.code, s.name, s.productCategory, customer, s.orderCode.value_or(""),
                                  s.brand.value_or(""), s.model.value_or(""), s.batchNo.value_or(""),
                                  s.manufacturer.value_or("")};
    for (int c = 0; c < 9; ++c) book.text(row, c, values[c]);
    dateOrEmpty(book, row, 9, s.productionDate);
    book.text(row, 10, s.quantity ? s.quantity->toString() : "");
    book.text(row, 11, s.unit.value_or(""));
    book.text(row, 12, statusZh(s.status));
    dateOrEmpty(book, row, 13,
                s.receivedAtMs ? std::optional<std::string>(isoDateInLab(fromEpochMillis(*s.receivedAtMs))) : std::nullopt);
    book.text(row, 14, s.condition.value_or(""));
    book.text(row, 15, s.deviation ? *s.deviation + "（客户决定：" + (s.customerDecision == "proceed" ? "继续检测" : "退样") + "）"
                                   : "");
    book.text(row, 16, s.holder);
    const std::string at = formatRfc3339(fromEpochMillis(s.createdAtMs));  // lab time, +08:00
    book.dateTime(row, 17, at.substr(0, 10), std::stoi(at.substr(11, 2)), std::stoi(at.substr(14, 2)));
    dateOrEmpty(book, row, 18, s.retainUntil);
}
}  // namespace

std::string SampleRegisterExport::workbook(const Principal& p, const SampleFilter& filter) {
    XlsxWorkbook book(true);  // constant memory: rows are written in order and flushed
    book.addSheet("样品登记");
    headerRow(book);
    std::map<std::int64_t, std::string> customers;
    int row = 0;
    std::int64_t before = 0;
    bool truncated = false;
    for (;;) {
        auto page = samples_.search(p, filter, before, 500);
        for (const auto& s : page) {
            if (static_cast<std::size_t>(row) >= kMaxRows) {
                truncated = true;
                break;
            }
            ++row;
            std::string customer;
            if (s.customerOrgId) {
                auto it = customers.find(*s.customerOrgId);
                if (it == customers.end())
                    it = customers.emplace(*s.customerOrgId, samples_.organizationName(*s.customerOrgId).value_or("")).first;
                customer = it->second;
            }
            sampleRow(book, row, s, customer);
        }
        if (truncated || page.size() < 500) break;
        before = page.back().id;
    }
    book.autofilter(0, 0, row, kColumns - 1);
    if (truncated) book.text(row + 2, 0, "只导出了前 " + std::to_string(kMaxRows) + " 条；请缩小筛选范围。", XlsxStyle::Note);
    return book.finish();
}

}  // namespace assay::intake
