// SampleFilesApi: label PDFs (LabelSheet) and the Excel sample register (XlsxWorkbook).
#include "api/SampleFilesApi.hpp"

#include <map>

#include "api/SampleApi.hpp"
#include "assay/Api.hpp"
#include "assay/Xlsx.hpp"
#include "labels/LabelSheet.hpp"

namespace assay::intake {

namespace {
constexpr std::size_t kMaxLabels = 1000;
constexpr std::size_t kMaxExportRows = 200000;

LabelLayout layoutOf(const Request& req, const char* fallback) {
    const std::string l = req.query("layout").value_or(fallback);
    if (l == "single") return LabelLayout::Single50x30;
    if (l == "a4") return LabelLayout::A4Sheet;
    throw Error::invalidField("layout", "must be single (one 50x30 mm label per page) or a4 (a sheet of 3 x 9)");
}

LabelData labelOf(const Sample& s) {
    return {s.code, s.name, s.receivedAtMs ? isoDateInLab(fromEpochMillis(*s.receivedAtMs)) : std::string(), s.code};
}

Response labelsResponse(const std::vector<Sample>& samples, LabelLayout layout, const std::string& name, const Clock& clock) {
    std::vector<LabelData> labels;
    for (const auto& s : samples) labels.push_back(labelOf(s));
    return Response::file(renderLabels(labels, layout, formatRfc3339(clock.now(), 0)), "application/pdf", name + ".pdf");
}

const char* statusZh(const std::string& s) {
    static const std::map<std::string, const char*> names = {
        {"registered", "已登记"}, {"received", "已收样"}, {"in_testing", "检测中"}, {"tested", "已检测"}, {"reported", "已出报告"},
        {"retained", "留样中"},   {"disposed", "已处置"}, {"rejected", "已拒收"},   {"cancelled", "已取消"}};
    auto it = names.find(s);
    return it == names.end() ? "" : it->second;
}
}  // namespace

void registerSampleFileRoutes(Router& router, SampleService& samples, OrderService& orders) {
    router.add({"GET", "/api/samples/{code}/labels", "samples:read", "A sample's label (PDF: Code128, QR, code, name, receipt date)",
                [&samples](Request& req) {
                    const LabelLayout layout = layoutOf(req, "single");
                    Sample s = samples.get(req.principal(), req.param("code"));
                    return labelsResponse({s}, layout, "样品标签-" + s.code, samples.clock());
                }});
    router.add({"POST", "/api/samples/labels", "samples:read", "Labels of many samples in one PDF", [&samples](Request& req) {
        auto body = req.jsonObject();
        JsonReader r(body);
        const auto codes = r.stringArray("codes", true, kMaxLabels);
        const std::string layoutName = r.optionalString("layout", 8).value_or("a4");
        r.finish();
        if (codes.empty()) throw Error::invalidField("codes", "required: at least one sample code");
        if (layoutName != "single" && layoutName != "a4") throw Error::invalidField("layout", "must be single or a4");
        std::vector<Sample> found;
        for (const auto& c : codes) found.push_back(samples.get(req.principal(), c));
        return labelsResponse(found, layoutName == "a4" ? LabelLayout::A4Sheet : LabelLayout::Single50x30, "样品标签",
                              samples.clock());
    }});
    router.add({"GET", "/api/orders/{code}/labels", "orders:read", "Labels of every sample of an order (PDF)",
                [&samples, &orders](Request& req) {
                    const LabelLayout layout = layoutOf(req, "a4");
                    Order o = orders.get(req.principal(), req.param("code"));
                    return labelsResponse(orders.samples(req.principal(), o), layout, "样品标签-" + o.code, samples.clock());
                }});
    router.add({"GET", "/api/samples/export.xlsx", "samples:read", "The sample register as an Excel file, with the list's filters",
                [&samples](Request& req) {
                    const SampleFilter filter = sampleFilter(req);
                    XlsxWorkbook book(true);  // constant memory: rows are written in order and flushed
                    book.addSheet("样品登记");
                    const char* headers[] = {"样品编号", "样品名称", "产品类别", "委托单位", "委托单号", "品牌", "型号规格",
                                             "批号",     "生产单位", "生产日期", "数量",     "单位",     "状态",     "收样日期",
                                             "样品状况", "偏离及客户意见", "持有人", "登记时间", "留样至"};
                    const double widths[] = {20, 24, 16, 28, 20, 12, 14, 14, 24, 12, 10, 8, 10, 12, 20, 28, 14, 17, 12};
                    constexpr int kColumns = static_cast<int>(std::size(headers));
                    for (int c = 0; c < kColumns; ++c) book.columnWidth(c, widths[c]);
                    for (int c = 0; c < kColumns; ++c) book.text(0, c, headers[c], XlsxStyle::Header);
                    book.freezeRows(1);
                    std::map<std::int64_t, std::string> customers;
                    int row = 0;
                    std::int64_t before = 0;
                    bool truncated = false;
                    for (;;) {
                        auto page = samples.search(req.principal(), filter, before, 500);
                        for (const auto& s : page) {
                            if (static_cast<std::size_t>(row) >= kMaxExportRows) {
                                truncated = true;
                                break;
                            }
                            ++row;
                            std::string customer;
                            if (s.customerOrgId) {
                                auto it = customers.find(*s.customerOrgId);
                                if (it == customers.end())
                                    it = customers.emplace(*s.customerOrgId, samples.organizationName(*s.customerOrgId).value_or("")).first;
                                customer = it->second;
                            }
                            const std::string values[] = {s.code, s.name, s.productCategory, customer, s.orderCode.value_or(""),
                                                          s.brand.value_or(""), s.model.value_or(""), s.batchNo.value_or(""),
                                                          s.manufacturer.value_or("")};
                            for (int c = 0; c < 9; ++c) book.text(row, c, values[c]);
                            if (s.productionDate) book.date(row, 9, *s.productionDate);
                            else book.text(row, 9, "");
                            book.text(row, 10, s.quantity ? s.quantity->toString() : "");
                            book.text(row, 11, s.unit.value_or(""));
                            book.text(row, 12, statusZh(s.status));
                            if (s.receivedAtMs) book.date(row, 13, isoDateInLab(fromEpochMillis(*s.receivedAtMs)));
                            else book.text(row, 13, "");
                            book.text(row, 14, s.condition.value_or(""));
                            book.text(row, 15, s.deviation ? *s.deviation + "（客户决定：" +
                                                                 (s.customerDecision == "proceed" ? "继续检测" : "退样") + "）"
                                                           : "");
                            book.text(row, 16, s.holder);
                            const std::string at = formatRfc3339(fromEpochMillis(s.createdAtMs));  // lab time, +08:00
                            book.dateTime(row, 17, at.substr(0, 10), std::stoi(at.substr(11, 2)), std::stoi(at.substr(14, 2)));
                            if (s.retainUntil) book.date(row, 18, *s.retainUntil);
                            else book.text(row, 18, "");
                        }
                        if (truncated || page.size() < 500) break;
                        before = page.back().id;
                    }
                    book.autofilter(0, 0, row, kColumns - 1);
                    if (truncated)
                        book.text(row + 2, 0, "只导出了前 " + std::to_string(kMaxExportRows) + " 条；请缩小筛选范围。", XlsxStyle::Note);
                    return Response::file(book.finish(),
                                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "样品登记.xlsx");
                }});
}

}  // namespace assay::intake
