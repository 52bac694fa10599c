// The rule checks before a report is issued (ReportChecks, pure): the CMA mark under the block
// and flag policies (R1–R3), CNAS with a suspended accreditation and starred items (R7), the
// ILAC-MRA mark (R8), a signatory whose scope misses one item (R10), unapproved results (R32),
// ordered items missing (R33), MU (R29), decision rules (R30) and English-only CMA reports (R34).
#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "domain/ReportChecks.hpp"

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
    l.resultStatus = "approved";
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
    in.cma = {true, "valid", "", false};
    in.cnas = {true, "valid", "", true};
    in.signatory.chosen = true;
    in.signatory.name = "赵敏";
    in.signatory.cma = std::make_pair(true, std::string());
    in.signatory.cnas = std::make_pair(true, std::string());
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
    in.cnas = {false, "suspended", "suspended from 2026-11-01 (PT 2026-07, NC 2)", true};
    auto o = evaluate(in);
    BOOST_TEST(o.marks.cma);
    BOOST_TEST(!o.marks.cnas);
    BOOST_TEST(!o.marks.ilacMra);
    BOOST_TEST(find(o, "R7").status == "fail");
    BOOST_TEST(find(o, "R7").reason.find("suspended on 2026-11-29") != std::string::npos);
    BOOST_TEST(o.issuable);  // without the mark
    in.cnas = {true, "valid", "", false};  // valid, but the lab is not permitted the combined mark
    BOOST_TEST(!evaluate(in).marks.ilacMra);
}

BOOST_AUTO_TEST_CASE(a_signatory_whose_scope_misses_one_result_blocks_the_issue_and_so_does_no_signatory_R10) {
    CheckInput in = mixed();
    in.signatory.cma = std::make_pair(false, std::string("R10: 赵敏's CMA signatory scope does not cover 无机砷"));
    auto o = evaluate(in);
    BOOST_TEST(find(o, "R10").status == "fail");
    BOOST_TEST(find(o, "R10").blocking);
    BOOST_TEST(find(o, "R10").reason.find("无机砷") != std::string::npos);
    BOOST_TEST(!o.issuable);
    in.signatory = {};
    BOOST_TEST(find(evaluate(in), "R10").reason == "no signatory chosen");
    BOOST_TEST(signingSchemes(MarkDecision{false, false, false, {}, {}}) == std::vector<std::string>{"CMA"});
    BOOST_TEST((signingSchemes(MarkDecision{true, true, false, {}, {}}) == std::vector<std::string>{"CMA", "CNAS"}));
}

BOOST_AUTO_TEST_CASE(unapproved_results_missing_items_missing_mu_and_decision_rules_block_the_issue_R29_R30_R32_R33) {
    CheckInput in = mixed();
    in.lines[0].resultStatus = "checked";
    in.lines[1].resultStatus = "";
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

BOOST_AUTO_TEST_SUITE_END()
