// The rule checks before a report is issued (ReportChecks, pure): the CMA mark under the block
// and flag policies (R1–R3), CNAS with a suspended accreditation and starred items (R7), the
// ILAC-MRA mark (R8), a signatory whose scope misses one item (R10), unapproved results (R32),
// ordered items missing (R33), MU (R29), decision rules (R30), English-only CMA reports (R34),
// and amendments: no mark added (R9), the reason (R35), approval of removed results or changed
// conclusions (R36).
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <regex>

#include "domain/ReportChecks.hpp"
#include "domain/ReportContent.hpp"
#include "domain/ReportsMessages.hpp"

using namespace assay::reports;

namespace {
LineFacts line(std::int64_t id, const std::string& parameter, bool cma, bool cnas) {
    LineFacts l;
    l.itemId = id;
    l.orderItemId = 100 + id;
    l.sampleCode = "GDQT2026000001";
    l.parameter = parameter;
    l.method = "GB 5009.12-2023 第一法";
    l.methodHasYear = true;
    l.testDate = "2026-11-20";
    l.resultStatus = assay::testing::ResultStatus::Approved;
    l.rawRef = 7;
    l.cma = {cma, cma ? "" : "R1: no active CMA scope row for " + parameter, false};
    l.cnas = {cnas, cnas ? "" : "R1: not in the CNAS scope", true};
    return l;
}

// Two results in both scopes and one (inorganic arsenic) in neither; valid CMA and CNAS; a
// signatory who may sign.
CheckInput mixed() {
    CheckInput in;
    in.issueDate = "2026-11-29";
    in.wantCma = in.wantCnas = true;
    in.lines = {line(1, "铅", true, true), line(2, "镉", true, true), line(3, "无机砷", false, false)};
    for (const auto& l : in.lines) in.ordered.push_back({l.orderItemId, l.sampleCode, l.parameter});
    in.cma = {true, assay::accreditation::CertificateStatus::Valid, "", false};
    in.cnas = {true, assay::accreditation::CertificateStatus::Valid, "", true};
    in.signatory.chosen = true;
    in.signatory.name = "赵敏";
    in.signatory.cma = std::make_pair(true, assay::Message());
    in.signatory.cnas = std::make_pair(true, assay::Message());
    in.content.labAddress = true;
    in.content.site = "天河实验室";
    in.content.customerContact = true;
    return in;
}

const Check& find(const CheckOutcome& o, const std::string& rule) {
    auto it = std::find_if(o.checks.begin(), o.checks.end(), [&](const Check& c) { return c.rule == rule; });
    if (it == o.checks.end()) throw std::runtime_error("no check " + rule);
    return *it;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(report_checks)

BOOST_AUTO_TEST_CASE(an_out_of_scope_result_drops_the_cma_mark_under_block_and_is_starred_under_flag_R1_R2) {
    CheckInput in = mixed();
    in.cmaPolicy = "block";
    auto blocked = evaluate(in);
    BOOST_TEST(!blocked.marks.cma);
    BOOST_TEST(find(blocked, "R2").status == "fail");
    BOOST_TEST(find(blocked, "R2").reason.find("无机砷") != std::string::npos);
    BOOST_TEST(!find(blocked, "R2").blocking);  // the report itself is not blocked (R1)
    BOOST_TEST(blocked.issuable);
    in.cmaPolicy = "flag";
    auto flagged = evaluate(in);
    BOOST_TEST(flagged.marks.cma);
    BOOST_TEST(flagged.marks.cmaStarred.size() == 1u);
    BOOST_TEST(flagged.marks.cmaStarred.count(3) == 1u);  // 不在资质认定范围内
    BOOST_TEST(find(flagged, "R2").status == "warn");
    // CNAS: the mark, the non-accredited result starred "not in CNAS scope" (R7), and the
    // combined ILAC-MRA mark since every accredited result is in a covered field (R8).
    BOOST_TEST(flagged.marks.cnas);
    BOOST_TEST(flagged.marks.cnasStarred.count(3) == 1u);
    BOOST_TEST(flagged.marks.ilacMra);
}

BOOST_AUTO_TEST_CASE(no_result_inside_the_cma_scope_never_carries_the_cma_mark_even_under_flag_R3) {
    CheckInput in = mixed();
    in.cmaPolicy = "flag";
    in.lines = {line(3, "无机砷", false, false)};
    in.ordered = {{103, "GDQT2026000001", "无机砷"}};
    auto o = evaluate(in);
    BOOST_TEST(!o.marks.cma);
    BOOST_TEST(find(o, "R3").status == "fail");
    BOOST_TEST(!o.marks.cnas);  // entirely non-accredited: no CNAS mark either (R7)
}

BOOST_AUTO_TEST_CASE(a_cnas_accreditation_suspended_on_the_issue_date_drops_the_cnas_and_ilac_marks_R7_R8) {
    CheckInput in = mixed();
    in.lines.pop_back();
    in.ordered.pop_back();
    in.cnas = {false, assay::accreditation::CertificateStatus::Suspended, "suspended from 2026-11-01 (PT 2026-07, NC 2)", true};
    auto o = evaluate(in);
    BOOST_TEST(o.marks.cma);
    BOOST_TEST(!o.marks.cnas);
    BOOST_TEST(!o.marks.ilacMra);
    BOOST_TEST(find(o, "R7").status == "fail");
    BOOST_TEST(find(o, "R7").reason.find("suspended on 2026-11-29") != std::string::npos);
    BOOST_TEST(o.issuable);  // without the mark
    in.cnas = {true, assay::accreditation::CertificateStatus::Valid, "", false};  // valid, but the lab is not permitted the combined mark
    BOOST_TEST(!evaluate(in).marks.ilacMra);
}

BOOST_AUTO_TEST_CASE(a_signatory_whose_scope_misses_one_result_blocks_the_issue_and_so_does_no_signatory_R10) {
    CheckInput in = mixed();
    in.signatory.cma = std::make_pair(false, assay::Message::legacy("R10: 赵敏's CMA signatory scope does not cover 无机砷"));
    auto o = evaluate(in);
    BOOST_TEST(find(o, "R10").status == "fail");
    BOOST_TEST(find(o, "R10").blocking);
    BOOST_TEST(find(o, "R10").reason.find("无机砷") != std::string::npos);
    BOOST_TEST(!o.issuable);
    in.signatory = {};
    BOOST_TEST(find(evaluate(in), "R10").reason == "no signatory chosen");
    BOOST_TEST(signingSchemes(MarkDecision{false, false, false, {}, {}}) == std::vector<assay::accreditation::Scheme>{assay::accreditation::Scheme::Cma});
    BOOST_TEST((signingSchemes(MarkDecision{true, true, false, {}, {}}) == std::vector<assay::accreditation::Scheme>{assay::accreditation::Scheme::Cma, assay::accreditation::Scheme::Cnas}));
}

BOOST_AUTO_TEST_CASE(unapproved_results_missing_items_missing_mu_and_decision_rules_block_the_issue_R29_R30_R32_R33) {
    CheckInput in = mixed();
    in.lines[0].resultStatus = assay::testing::ResultStatus::Checked;
    in.lines[1].resultStatus.reset();
    in.ordered.push_back({199, "GDQT2026000001", "总汞"});
    in.lines[2].conformity = "pass";  // no decision rule
    in.lines[2].muStraddles = true;   // and no MU known
    auto o = evaluate(in);
    BOOST_TEST(!o.issuable);
    BOOST_TEST(find(o, "R32").status == "fail");
    BOOST_TEST(find(o, "R32").reason.find("镉") != std::string::npos);        // no result
    BOOST_TEST(find(o, "R32").reason.find("铅 (checked)") != std::string::npos);
    BOOST_TEST(find(o, "R33").reason.find("总汞") != std::string::npos);
    BOOST_TEST(find(o, "R30").status == "fail");
    BOOST_TEST(find(o, "R29").status == "fail");
    CheckInput clean = mixed();
    clean.cmaPolicy = "flag";
    BOOST_TEST(evaluate(clean).issuable);
}

BOOST_AUTO_TEST_CASE(an_english_only_cma_report_is_warned_or_blocked_by_policy_and_equipment_flags_star_the_line_R34_R15) {
    CheckInput in = mixed();
    in.lines.pop_back();
    in.ordered.pop_back();
    in.language = "en";
    BOOST_TEST(find(evaluate(in), "R34").status == "warn");
    in.englishOnlyCmaPolicy = "block";
    BOOST_TEST(!evaluate(in).issuable);
    in.language = "bilingual";
    in.cmaPolicy = "flag";
    in.lines[0].equipmentFlag = "R15: AAS 1 calibration due 2026-11-28";
    auto o = evaluate(in);
    BOOST_TEST(o.marks.cmaStarred.count(1) == 1u);  // a flagged result carries no mark
    BOOST_TEST(o.marks.cnasStarred.count(1) == 1u);
}

namespace {
PrintedLine printedLine(const std::string& parameter, const std::string& reported, const std::string& conformity, const std::string& orderItem = "",
                        const std::string& method = "GB 5009.12-2023 第一法") {
    return {"GDQT2026000001", parameter, method, reported, "mg/kg", "≤0.2", conformity, "", "2026-11-20", orderItem};
}
AmendmentFacts amendmentOf(const std::vector<PrintedLine>& before, const std::vector<PrintedLine>& after, const std::string& cause) {
    AmendmentFacts a;
    a.originalNumber = "GDQT-R2026000007";
    a.reason = "称量记录错误";
    a.cause = cause;
    a.originalCma = a.originalCnas = true;
    a.changes = compareLines(before, after);
    a.removesResults = removesResults(a.changes);
    a.changesConclusion = changesConclusion(a.changes);
    return a;
}
}  // namespace

BOOST_AUTO_TEST_CASE(an_amendment_never_adds_a_mark_the_original_report_did_not_carry_R9) {
    CheckInput in = mixed();
    in.lines.pop_back();  // both marks earned on their own
    in.ordered.pop_back();
    BOOST_TEST(evaluate(in).marks.cnas);
    in.amendment = amendmentOf({}, {}, "error");
    in.amendment->originalCnas = false;  // issued while the CNAS accreditation was suspended
    auto out = evaluate(in);
    BOOST_TEST(out.marks.cma);
    BOOST_TEST(!out.marks.cnas);
    BOOST_TEST(!out.marks.ilacMra);
    BOOST_TEST(find(out, "R9").status == "fail");
    BOOST_TEST(find(out, "R9").reason.find("CNAS") != std::string::npos);
    BOOST_TEST(out.issuable);  // the mark is dropped, the amendment is not blocked
    in.amendment->originalCnas = true;
    BOOST_TEST(evaluate(in).marks.cnas);
    BOOST_TEST(find(evaluate(in), "R9").status == "pass");
}

BOOST_AUTO_TEST_CASE(the_changes_of_an_amendment_are_found_line_by_line_and_removed_results_or_changed_conclusions_are_recognised_R36) {
    const std::vector<PrintedLine> before{printedLine("铅", "0.12", "pass"), printedLine("镉", "0.05", "pass")};
    auto changes = compareLines(before, {printedLine("铅", "0.25", "fail"), printedLine("镉", "0.05", "pass")});
    BOOST_REQUIRE(changes.size() == 2u);
    BOOST_TEST(changes[0].field == "reported");
    BOOST_TEST(changes[0].before == "0.12");
    BOOST_TEST(changes[0].after == "0.25");
    BOOST_TEST(changes[1].field == "conformity");
    BOOST_TEST(changesConclusion(changes));
    BOOST_TEST(!removesResults(changes));
    auto removed = compareLines(before, {printedLine("铅", "0.12", "pass")});
    BOOST_REQUIRE(removed.size() == 1u);
    BOOST_TEST(removed[0].field == "result");
    BOOST_TEST(removed[0].parameter == "镉");
    BOOST_TEST(removesResults(removed));
    auto added = compareLines(before, {printedLine("铅", "0.12", "pass"), printedLine("镉", "0.05", "pass"), printedLine("汞", "0.01", "")});
    BOOST_REQUIRE(added.size() == 1u);
    BOOST_TEST(!removesResults(added));
    BOOST_TEST(!changesConclusion(added));
    BOOST_TEST(compareLines(before, before).empty());
    // The same parameter twice on one sample (two methods): each line is matched once, by its
    // order item, so dropping the second is a removed result, not a silent change of the first.
    const std::vector<PrintedLine> twice{printedLine("铅", "0.10", "pass", "11", "GB 5009.268-2016"), printedLine("铅", "0.12", "pass", "12")};
    auto dropped = compareLines(twice, {printedLine("铅", "0.10", "pass", "11", "GB 5009.268-2016")});
    BOOST_REQUIRE(dropped.size() == 1u);
    BOOST_TEST(dropped[0].field == "result");
    BOOST_TEST(dropped[0].before == "0.12");
    BOOST_TEST(removesResults(dropped));
    // Without order items (an older JSON), sample, parameter and method still tell them apart.
    const std::vector<PrintedLine> legacy{printedLine("铅", "0.10", "pass", "", "GB 5009.268-2016"), printedLine("铅", "0.12", "pass")};
    BOOST_TEST(removesResults(compareLines(legacy, {printedLine("铅", "0.10", "pass", "", "GB 5009.268-2016")})));
}

BOOST_AUTO_TEST_CASE(removing_results_or_changing_a_conclusion_needs_an_error_or_omission_and_the_technical_managers_approval_R35_R36) {
    CheckInput in = mixed();
    in.lines.pop_back();
    in.ordered.pop_back();
    const std::vector<PrintedLine> before{printedLine("铅", "0.12", "pass")};
    const std::vector<PrintedLine> after{printedLine("铅", "0.25", "fail")};
    in.amendment = amendmentOf(before, after, "customer_request");
    auto byRequest = evaluate(in);
    BOOST_TEST(!byRequest.issuable);
    BOOST_TEST(find(byRequest, "R36").reason.find("customer request alone") != std::string::npos);
    in.amendment = amendmentOf(before, after, "error");
    BOOST_TEST(find(evaluate(in), "R36").status == "fail");  // not approved yet
    in.amendment->approved = true;
    in.amendment->approvedBy = "刘洋";
    BOOST_TEST(evaluate(in).issuable);
    BOOST_TEST(find(evaluate(in), "R35").status == "pass");
    BOOST_TEST(find(evaluate(in), "R35").reason.find("GDQT-R2026000007") != std::string::npos);
    in.amendment->approved = false;
    in.amendment->approvalStale = true;  // the changes moved after the approval
    BOOST_TEST(find(evaluate(in), "R36").reason.find("approves again") != std::string::npos);
    // A change of wording only (no removal, same conclusion): any cause, no approval.
    in.amendment = amendmentOf(before, {printedLine("铅", "0.12", "pass")}, "customer_request");
    BOOST_TEST(evaluate(in).issuable);
    in.amendment->reason.clear();
    BOOST_TEST(find(evaluate(in), "R35").status == "fail");
    BOOST_TEST(!evaluate(in).issuable);
}

BOOST_AUTO_TEST_CASE(every_7_8_2_1_item_is_present_or_not_applicable_with_its_reason_and_a_missing_one_blocks_the_issue_R27_R28) {
    CheckInput in = mixed();
    auto ok = evaluate(in);
    BOOST_TEST(find(ok, "R27").status == "pass");
    BOOST_REQUIRE(ok.contents.size() == 16u);  // a .. p
    auto item = [](const CheckOutcome& o, const std::string& id) {
        return *std::find_if(o.contents.begin(), o.contents.end(), [&](const ContentItem& c) { return c.item == id; });
    };
    BOOST_TEST(item(ok, "k").status == "not_applicable");  // the lab did not sample: "as received" (R28)
    BOOST_TEST(item(ok, "k").text.find("as received") != std::string::npos);
    BOOST_TEST(item(ok, "p").status == "not_applicable");
    in.content.labAddress = false;
    in.content.samplesNotReceived = {"GDQT2026000001"};
    in.content.samplesWithoutCondition = {"GDQT2026000001"};
    in.content.subcontracted = {"GDQT2026000001 二噁英 (广州某检测公司)"};
    auto missing = evaluate(in);
    BOOST_TEST(!missing.issuable);
    const auto& r27 = find(missing, "R27");
    BOOST_TEST(r27.status == "fail");
    BOOST_TEST(r27.reason.find("b)") != std::string::npos);
    BOOST_TEST(r27.reason.find("g)") != std::string::npos);
    BOOST_TEST(r27.reason.find("h)") != std::string::npos);
    BOOST_TEST(item(missing, "p").status == "present");
    in = mixed();
    in.lines[0].testDate.reset();
    BOOST_TEST(find(evaluate(in), "R27").reason.find("i) no test date") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_conformity_statement_under_the_cma_mark_needs_its_standard_in_scope_or_a_limit_standard_without_methods_R6) {
    CheckInput in = mixed();
    in.lines.pop_back();  // both lines in the CMA scope: the mark is printed
    in.ordered.pop_back();
    for (auto& l : in.lines) {
        l.conformity = "pass";
        l.decisionRule = "simple";
        l.limitStandard = "GB 2762-2022";  // a limit standard: no test method in the register
    }
    BOOST_TEST(find(evaluate(in), "R6").status == "pass");  // default policy allow_limit_standards
    in.conformityStandardPolicy = "scope_only";
    auto strict = evaluate(in);
    BOOST_TEST(find(strict, "R6").status == "fail");
    BOOST_TEST(find(strict, "R6").reason.find("GB 2762-2022") != std::string::npos);
    BOOST_TEST(!strict.issuable);
    in.lines[0].limitStandardInCmaScope = in.lines[1].limitStandardInCmaScope = true;
    BOOST_TEST(find(evaluate(in), "R6").status == "pass");
    // A product standard with its own test methods, outside the scope: refused under either policy.
    in.conformityStandardPolicy = "allow_limit_standards";
    in.lines[1].limitStandard = "GB 19644-2024";
    in.lines[1].limitStandardInCmaScope = false;
    in.lines[1].limitStandardHasMethods = true;
    BOOST_TEST(find(evaluate(in), "R6").reason.find("GB 19644-2024") != std::string::npos);
    // Without the CMA mark, R6 does not apply.
    in.wantCma = false;
    BOOST_TEST(find(evaluate(in), "R6").status == "not_applicable");
}

BOOST_AUTO_TEST_CASE(an_amendment_names_changed_receipt_facts_and_header_fields_not_only_results_R35) {
    const std::map<std::string, std::string> before{{"contact", "何丽"}, {"GDQT2026000001|condition", "密封完好"}, {"GDQT2026000001|received", "2026-11-20"}};
    const std::map<std::string, std::string> after{{"contact", "何丽 13800000000"}, {"GDQT2026000001|condition", "包装破损"},
                                                   {"GDQT2026000001|received", "2026-11-20"}, {"GDQT2026000001|deviation", "外包装破损"}};
    auto changes = compareFacts(before, after);
    BOOST_REQUIRE(changes.size() == 3u);
    auto of = [&](const std::string& field) {
        return *std::find_if(changes.begin(), changes.end(), [&](const Change& c) { return c.field == field; });
    };
    BOOST_TEST(of("contact").sampleCode.empty());
    BOOST_TEST(of("contact").after == "何丽 13800000000");
    BOOST_TEST(of("condition").sampleCode == "GDQT2026000001");
    BOOST_TEST(of("condition").before == "密封完好");
    BOOST_TEST(of("condition").after == "包装破损");
    BOOST_TEST(of("deviation").before.empty());
    BOOST_TEST(!removesResults(changes));
    BOOST_TEST(!changesConclusion(changes));
    BOOST_TEST(compareFacts(before, before).empty());
}

BOOST_AUTO_TEST_CASE(a_result_without_raw_data_and_a_subcontracted_result_not_dispatched_block_the_issue_R21_R31) {
    CheckInput in = mixed();
    in.lines.pop_back();
    in.ordered.pop_back();
    BOOST_TEST(find(evaluate(in), "R21").status == "pass");
    BOOST_TEST(find(evaluate(in), "R31").status == "not_applicable");
    in.lines[0].rawRef = 0;
    auto noRaw = evaluate(in);
    BOOST_TEST(find(noRaw, "R21").status == "fail");
    BOOST_TEST(find(noRaw, "R21").reason.find("铅") != std::string::npos);
    BOOST_TEST(!noRaw.issuable);
    in.lines[0].rawRef = 7;
    in.lines[1].subcontractedTo = "广州分析测试中心, CMA 201919000456";
    in.lines[1].subcontractDispatched = false;  // consent recorded, the receiving lab has not accepted
    auto pending = evaluate(in);
    BOOST_TEST(find(pending, "R31").status == "fail");
    BOOST_TEST(find(pending, "R31").reason.find("镉") != std::string::npos);
    BOOST_TEST(!pending.issuable);
    in.lines[1].subcontractDispatched = true;
    BOOST_TEST(find(evaluate(in), "R31").status == "pass");
    BOOST_TEST(evaluate(in).issuable);
}

namespace {
// A reason in Chinese with its quoted names and codes taken out: no English word of ours is left.
std::string englishLeftIn(std::string zh) {
    for (const char* token : {"Test Report", "CNAS", "ILAC-MRA", "GDQT", "CMA"})
        for (auto at = zh.find(token); at != std::string::npos; at = zh.find(token)) zh.erase(at, std::string(token).size());
    std::smatch m;
    static const std::regex kWord("[A-Za-z]{3,}");
    return std::regex_search(zh, m, kWord) ? m.str() : std::string();
}
}  // namespace

// Every reason and every 7.8.2.1 item is a catalogue message: rendered in Chinese, nothing of
// the English sentences is left, also in the lists nested inside ("… 等（另有 2 项）", the refused
// schemes, the missing items, the result states, the cause and language names).
BOOST_AUTO_TEST_CASE(every_reason_and_content_item_reads_in_chinese_without_an_english_word_left) {
    auto zhOnly = [](const CheckOutcome& o) {
        for (const auto& c : o.checks) {
            BOOST_TEST(c.message.code() != "legacy", c.rule << ": " << c.reason);
            BOOST_TEST(c.message.render(assay::Lang::en) == c.reason);
            const std::string zh = c.message.render(assay::Lang::zhCN);
            BOOST_TEST(englishLeftIn(zh).empty(), c.rule << " " << c.status << ": " << zh);
        }
        for (const auto& i : o.contents) {
            BOOST_TEST(i.message.code() != "legacy", i.item << ": " << i.text);
            const std::string zh = i.message.render(assay::Lang::zhCN);
            BOOST_TEST(englishLeftIn(zh).empty(), i.item << ") " << zh);
        }
    };
    // Blocked on nearly everything: results missing (more than five), one only checked, one
    // subcontracted without dispatch, the content incomplete, the signatory asked for CNAS too
    // and refused for CMA, an amendment at the customer's request that changes a conclusion.
    CheckInput in = mixed();
    for (auto& l : in.lines) l.cma.reason = l.cnas.reason = assay::Message::legacy("不在认可范围内");  // accreditation's words, quoted
    in.lines[2].cma.reason = assay::reports::msg::kNoSuchMethod;
    for (std::int64_t k = 4; k < 12; ++k) {
        LineFacts l = line(k, "元素" + std::to_string(k), true, true);
        l.resultStatus.reset();
        l.testDate.reset();
        in.lines.push_back(l);
    }
    in.lines[1].resultStatus = assay::testing::ResultStatus::Checked;
    in.lines[0].subcontractedTo = "广州分析测试中心";
    in.language = "en";
    in.signatory.cma = std::make_pair(false, assay::Message::legacy("未获授权签发无机砷"));
    in.signatory.cnas.reset();
    in.content = {};
    in.content.samplesNotReceived = {"GDQT2026000002"};
    in.content.samplesWithoutCondition = {"GDQT2026000002"};
    in.content.labSampled = true;
    in.amendment = report_checks::amendmentOf({report_checks::printedLine("铅", "0.12", "pass")}, {report_checks::printedLine("铅", "0.25", "fail")}, "customer_request");
    const auto blocked = evaluate(in);
    BOOST_TEST(!blocked.issuable);
    BOOST_TEST(find(blocked, "R32").message.render(assay::Lang::zhCN).find("等（另有") != std::string::npos);
    BOOST_TEST(find(blocked, "R32").message.render(assay::Lang::zhCN).find("（已复核）") != std::string::npos);
    BOOST_TEST(find(blocked, "R36").message.render(assay::Lang::zhCN).find("客户要求") != std::string::npos);
    zhOnly(blocked);
    // Passing and not applicable: the CMA mark under the flag policy with a judgement against a
    // standard outside the scope (R6), an approved amendment, dispatched subcontracting, deviations.
    in = mixed();
    for (auto& l : in.lines) l.cma.reason = l.cnas.reason = assay::Message::legacy("不在认可范围内");
    in.lines[2].cma.reason = assay::Message(assay::reports::msg::kSubcontractedTo, {{"lab", "广州分析测试中心"}});
    in.cmaPolicy = "flag";
    in.conformityStandardPolicy = "scope_only";
    in.lines[0].conformity = "pass";
    in.lines[0].decisionRule = "simple";
    in.lines[0].limitStandard = "GB 2762-2022";
    in.lines[1].subcontractedTo = "广州分析测试中心";
    in.lines[1].subcontractDispatched = true;
    in.content.deviations = {"包装破损"};
    in.content.subcontracted = {"GDQT2026000001 镉 → 广州分析测试中心"};
    in.exclusions = {"GDQT2026000001: 汞 — 客户同意不检"};
    in.amendment = report_checks::amendmentOf({report_checks::printedLine("铅", "0.12", "pass")}, {report_checks::printedLine("铅", "0.25", "fail")}, "error");
    in.amendment->approved = true;
    in.amendment->approvedBy = "刘洋";
    const auto flagged = evaluate(in);
    BOOST_TEST(find(flagged, "R6").status == "fail");
    zhOnly(flagged);
    in.cnas = {false, assay::accreditation::CertificateStatus::Suspended, "", true};
    const auto suspended = evaluate(in);
    BOOST_TEST(find(suspended, "R7").message.render(assay::Lang::zhCN).find("“暂停”") != std::string::npos);
    zhOnly(suspended);
    in.amendment.reset();
    in.wantCma = in.wantCnas = false;
    zhOnly(evaluate(in));
    // Stored with an issued report: each reason in both languages, with its code.
    ReportChecksView view;
    view.outcome = evaluate(in);
    const std::string stored = checksJson(view);
    BOOST_TEST(stored.find(R"("reason":"the customer did not ask for the CMA mark")") != std::string::npos, stored);
    BOOST_TEST(stored.find(R"("reason_zh":"客户未要求加盖 CMA 标志")") != std::string::npos, stored);
    BOOST_TEST(stored.find(R"("code":"report.check.cma_not_asked")") != std::string::npos, stored);
}

BOOST_AUTO_TEST_SUITE_END()

#include "domain/ReportService.hpp"

BOOST_AUTO_TEST_SUITE(report_retention)

BOOST_AUTO_TEST_CASE(an_issued_report_is_kept_until_the_same_day_six_years_later_and_a_leap_day_falls_back_to_28_february_R22) {
    BOOST_TEST(ReportService::retainUntil("2026-11-29", 6) == "2032-11-29");
    BOOST_TEST(ReportService::retainUntil("2028-02-29", 6) == "2034-02-28");
    BOOST_TEST(ReportService::retainUntil("2026-01-01", 10) == "2036-01-01");
}

BOOST_AUTO_TEST_CASE(a_result_that_no_longer_matches_its_audit_record_blocks_the_issue_R20) {
    CheckInput in = mixed();
    const auto intact = evaluate(in);
    BOOST_TEST(intact.issuable);
    BOOST_TEST(std::none_of(intact.checks.begin(), intact.checks.end(), [](const Check& c) { return c.rule == "R20"; }));
    in.lines[1].tampered = "the result (0.13 -> 0.13 (pass)) or its entry record no longer matches the SHA-256 the audit trail recorded";
    auto o = evaluate(in);
    BOOST_TEST(!o.issuable);
    BOOST_TEST(find(o, "R20").status == "fail");
    BOOST_TEST(find(o, "R20").blocking);
    BOOST_TEST(find(o, "R20").reason.find("镉") != std::string::npos, find(o, "R20").reason);
}

BOOST_AUTO_TEST_SUITE_END()
