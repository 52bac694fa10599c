// Proficiency testing: S / Q / U at the exact decimal edges (R25), coverage of the accredited
// sub-fields (R26), and a suspended scope row answering R25 in ScopeCheck.
#include <boost/test/unit_test.hpp>

#include "domain/Proficiency.hpp"
#include "domain/Scope.hpp"

using namespace assay;
using namespace assay::accreditation;

namespace {
Decimal d(const char* s) { return *Decimal::parse(s); }

PtRound satisfactory(const std::string& field, const std::string& on) {
    PtRound r;
    r.subField = field;
    r.classification = "S";
    r.reportedOn = on;
    return r;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(proficiency)

BOOST_AUTO_TEST_CASE(z_scores_classify_as_satisfactory_questionable_or_unsatisfactory_at_the_exact_edges_R25) {
    BOOST_TEST(classify("z", d("2.0")) == "S");
    BOOST_TEST(classify("z", d("-2")) == "S");
    BOOST_TEST(classify("z", d("2.0000001")) == "Q");
    BOOST_TEST(classify("z", d("-2.5")) == "Q");
    BOOST_TEST(classify("z", d("2.9999")) == "Q");
    BOOST_TEST(classify("z", d("3.0")) == "U");
    BOOST_TEST(classify("z", d("3.2")) == "U");
    BOOST_TEST(classify("z", d("-3.2")) == "U");
    BOOST_TEST(classify("En", d("1.00")) == "S");
    BOOST_TEST(classify("En", d("-1.01")) == "U");
}

BOOST_AUTO_TEST_CASE(a_sub_field_needs_a_satisfactory_result_within_the_frequency_R26) {
    const std::set<std::string> fields{"粮食及其制品", "茶叶及相关制品"};
    std::vector<PtRound> rounds{satisfactory("粮食及其制品", "2025-03-01")};
    auto gaps = coverageGaps(fields, rounds, "2026-11-29", 24);
    BOOST_REQUIRE(gaps.size() == 1u);
    BOOST_TEST(gaps[0].subField == "茶叶及相关制品");
    BOOST_TEST(gaps[0].kind == "no_satisfactory_pt");
    // 2024-11-28 is more than 24 months before 2026-11-29.
    auto old = coverageGaps({"粮食及其制品"}, {satisfactory("粮食及其制品", "2024-11-28")}, "2026-11-29", 24);
    BOOST_REQUIRE(old.size() == 1u);
    BOOST_TEST(old[0].lastSatisfactory.value() == "2024-11-28");
    BOOST_TEST(coverageGaps({"粮食及其制品"}, {satisfactory("粮食及其制品", "2024-11-29")}, "2026-11-29", 24).empty());
    PtRound q = satisfactory("粮食及其制品", "2026-06-01");
    q.classification = "Q";  // a questionable result does not cover the sub-field
    BOOST_TEST(coverageGaps({"粮食及其制品"}, {q}, "2026-11-29", 24).size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_mandated_round_past_its_deadline_without_a_result_is_missed_R26) {
    PtRound mandated;
    mandated.id = 9;
    mandated.provider = "国家市场监管总局";
    mandated.roundCode = "CMA-2026-07";
    mandated.subField = "粮食及其制品";
    mandated.mandated = true;
    mandated.deadline = "2026-11-28";
    auto gaps = coverageGaps({}, {mandated}, "2026-11-29", 24);
    BOOST_REQUIRE(gaps.size() == 1u);
    BOOST_TEST(gaps[0].kind == "missed_mandated_round");
    BOOST_TEST(coverageGaps({}, {mandated}, "2026-11-28", 24).empty());  // the deadline day itself
}

BOOST_AUTO_TEST_CASE(a_suspended_scope_row_is_out_of_scope_while_the_suspension_holds_R25) {
    ScopeRow row;
    row.rowKey = 1;
    row.scheme = Scheme::Cnas;
    row.site = "天河实验室";
    row.category = "粮食及其制品";
    row.product = "大米";
    row.parameterId = 7;
    row.standard.number = "GB 5009.12";
    row.standard.year = 2023;
    row.effectiveFrom = "2024-01-01";
    row.suspensions.push_back({1, 1, "2026-11-20", std::string("2026-12-05"), "U in FAPAS 07123", 3, 4, 0});
    ScopeQuery q{1, Scheme::Cnas, "天河实验室", "大米", std::nullopt, 7, "GB 5009.12-2023", std::nullopt, "2026-11-19"};
    BOOST_TEST(matchScope({row}, q).inScope);
    q.date = "2026-11-20";
    auto suspended = matchScope({row}, q);
    BOOST_TEST(!suspended.inScope);
    BOOST_TEST(suspended.rule == "R25");
    BOOST_TEST(suspended.reason.find("U in FAPAS 07123") != std::string::npos);
    q.date = "2026-12-05";
    BOOST_TEST(matchScope({row}, q).inScope);
}

BOOST_AUTO_TEST_SUITE_END()
