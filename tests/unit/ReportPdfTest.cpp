// The report PDF as poppler reads it: the 7.8.2.1 facts of the first page (lab address, site,
// contact, each sample's receipt date and condition), the customer-supplied description flagged
// △ with its disclaimer (R28), the certificate number under the CMA mark, page x of y on every
// page and the end marker after the last row of a multi-page table (R27).
#include <boost/test/unit_test.hpp>

#include "TestSupport.hpp"
#include "pdf/ReportPdf.hpp"

using namespace assay::reports;
using assay::test::runProcess;
using assay::test::TempDir;
using assay::test::writeFile;

namespace {
std::string textOf(const std::string& pdf, const std::string& mode = "-layout") {
    TempDir dir;
    writeFile(dir.file("r.pdf"), pdf);
    auto r = runProcess("/usr/bin/pdftotext", {mode, dir.file("r.pdf"), "-"}, {});
    BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.out);
    std::string out;
    for (char c : r.out)
        if (c != ' ' && c != '\n' && c != '\f') out += c;  // pdftotext spaces hanzi apart
    return out;
}

PdfReport report(int rows, bool supplied) {
    PdfReport d;
    d.number = "GDQT-R2026000042";
    d.lab = "广东省质量检验检测研究院";
    d.labAddress = "广州市天河区测试路1号";
    d.cmaNo = "202619000123";
    d.customer = "佛山市示例粮油有限公司";
    d.contact = "何丽 13800000000";
    d.site = "天河实验室";
    d.orderCode = "GDQTWT202600007";
    d.issueDate = "2026-11-29";
    d.issuedAt = "2026-11-29T10:00:00+08:00";
    d.signatory = "赵强";
    d.verifyUrl = "http://127.0.0.1:8080/verify/ABCDEFGHJKLMNPQR";
    d.cma = true;
    d.sampleFacts.push_back({"GDQT2026000001", "大米 2 kg", supplied ? "金龙鱼, 5kg袋装, 批号20261101" : "", "2026-11-20", "密封完好", ""});
    for (int k = 0; k < rows; ++k)
        d.lines.push_back({"GDQT2026000001", "铅(以Pb计) " + std::to_string(k), "GB 5009.12-2023 第一法", "mg/kg", "≤0.2", "0.12", "pass", "", false, false, ""});
    d.statements = {"本报告检测结果仅对来样负责。 / The results apply only to the samples as received."};
    return d;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(report_pdf)

BOOST_AUTO_TEST_CASE(the_first_page_states_the_lab_address_site_contact_receipt_and_condition_and_flags_customer_supplied_data_R27_R28) {
    const std::string text = textOf(renderReportPdf(report(1, true)));
    for (const char* expected : {"广州市天河区测试路1号", "天河实验室", "何丽13800000000", "2026-11-20", "密封完好", "202619000123",
                                 "△金龙鱼,5kg袋装,批号20261101", "样品信息由委托方提供", "仅对来样负责", "第1页共1页", "（报告结束）"})
        BOOST_TEST(text.find(expected) != std::string::npos, expected << " not in " << text);
    // Nothing supplied by the customer: no △ and no disclaimer.
    const std::string plain = textOf(renderReportPdf(report(1, false)));
    BOOST_TEST(plain.find("△") == std::string::npos);
    BOOST_TEST(plain.find("样品信息由委托方提供") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_long_table_runs_over_pages_each_numbered_x_of_y_with_the_end_marker_once_after_the_last_row_R27) {
    const std::string text = textOf(renderReportPdf(report(60, false)));
    const auto total = text.find("共3页") != std::string::npos ? 3 : text.find("共2页") != std::string::npos ? 2 : 0;
    BOOST_REQUIRE(total >= 2);
    for (int page = 1; page <= total; ++page)
        BOOST_TEST(text.find("第" + std::to_string(page) + "页共" + std::to_string(total) + "页") != std::string::npos);
    BOOST_REQUIRE(text.find("铅(以Pb计)59") != std::string::npos);
    BOOST_REQUIRE(text.find("（报告结束）") != std::string::npos);
    BOOST_TEST(text.find("（报告结束）") > text.find("铅(以Pb计)59"));
    BOOST_TEST(text.find("（报告结束）") == text.rfind("（报告结束）"));
}

BOOST_AUTO_TEST_CASE(forty_samples_and_a_long_amendment_flow_onto_further_pages_and_nothing_is_drawn_off_the_page_R27) {
    PdfReport d = report(3, true);
    d.sampleFacts.clear();
    for (int k = 0; k < 40; ++k)
        d.sampleFacts.push_back({"GDQT20260001" + std::to_string(10 + k), "大米 2 kg", "批号2026110" + std::to_string(k % 10), "2026-11-20", "密封完好", ""});
    for (int k = 0; k < 30; ++k) d.statements.push_back("更改内容：GDQT2026000001 铅 reported: 0.1" + std::to_string(k) + " → 0.2" + std::to_string(k));
    const std::string pdf = renderReportPdf(d);
    TempDir dir;
    writeFile(dir.file("r.pdf"), pdf);
    auto info = runProcess("/usr/bin/pdfinfo", {dir.file("r.pdf")}, {});
    BOOST_REQUIRE(info.exitCode == 0);
    const auto at = info.out.find("Pages:");
    BOOST_REQUIRE(at != std::string::npos);
    const int pages = std::stoi(info.out.substr(at + 6));
    BOOST_TEST(pages >= 3);
    for (int page = 1; page <= pages; ++page) {
        // Each page read alone, cropped to the page: the header's x of y, and nothing lost below the footer.
        auto one = runProcess("/usr/bin/pdftotext", {"-f", std::to_string(page), "-l", std::to_string(page), "-layout", dir.file("r.pdf"), "-"}, {});
        std::string text;
        for (char c : one.out)
            if (c != ' ' && c != '\n' && c != '\f') text += c;
        BOOST_TEST(text.find("第" + std::to_string(page) + "页共" + std::to_string(pages) + "页") != std::string::npos);
        BOOST_TEST((text.find("（报告结束）") != std::string::npos) == (page == pages));
    }
    const std::string all = textOf(pdf);
    for (int k = 0; k < 40; ++k) BOOST_TEST(all.find("GDQT20260001" + std::to_string(10 + k)) != std::string::npos);
    BOOST_TEST(all.find("0.129→0.229") != std::string::npos);
    BOOST_TEST(all.find("赵强") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_draft_carries_the_watermark_on_every_page_and_neither_a_signature_nor_a_verification_address) {
    PdfReport d = report(60, false);
    d.draft = true;
    d.verifyUrl.clear();
    d.number = "草稿（签发时编号）";
    const std::string pdf = renderReportPdf(d);
    const std::string text = textOf(pdf);
    const int total = text.find("共3页") != std::string::npos ? 3 : text.find("共2页") != std::string::npos ? 2 : 0;
    BOOST_REQUIRE(total >= 2);
    auto count = [](const std::string& in) {
        int n = 0;
        for (auto at = in.find("草稿/未签发"); at != std::string::npos; at = in.find("草稿/未签发", at + 1)) ++n;
        return n;
    };
    BOOST_TEST(count(text) == total, text);  // the line in the header, on every page
    // In drawing order (-raw) the diagonal watermark reads whole too: twice on every page.
    BOOST_TEST(count(textOf(pdf, "-raw")) == 2 * total, textOf(pdf, "-raw"));
    BOOST_TEST(text.find("赵强（未签名）") != std::string::npos);
    BOOST_TEST(text.find("扫码验证") == std::string::npos);
    BOOST_TEST(text.find("/verify/") == std::string::npos);
    // The issued one has none of it.
    const std::string issued = textOf(renderReportPdf(report(1, false)));
    BOOST_TEST(issued.find("草稿") == std::string::npos);
    BOOST_TEST(issued.find("扫码验证") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
