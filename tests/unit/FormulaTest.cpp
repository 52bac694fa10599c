// Formulas: steps with interim values, inputs found from the text, exact decimal arithmetic.
#include <boost/test/unit_test.hpp>

#include "domain/Formula.hpp"

using assay::Decimal;
using namespace assay::testing;

namespace {
Decimal d(const char* s) { return *Decimal::parse(s); }
}  // namespace

BOOST_AUTO_TEST_SUITE(formulas)

BOOST_AUTO_TEST_CASE(a_formula_lists_its_inputs_in_order_of_first_use) {
    auto f = parseFormula("c = (A - A0) * V / m\nX = c * f / 1000");
    BOOST_TEST(f.problem == "");
    BOOST_TEST((f.inputs == std::vector<std::string>{"A", "A0", "V", "m", "f"}));
    BOOST_TEST(f.steps.size() == 2u);
}

BOOST_AUTO_TEST_CASE(bad_formulas_name_the_step_and_the_problem) {
    BOOST_TEST(parseFormula("").problem != "");
    BOOST_TEST(parseFormula("X = (A + 1").problem.find("not closed") != std::string::npos);
    BOOST_TEST(parseFormula("A + 1").problem.find("step 1") != std::string::npos);
    BOOST_TEST(parseFormula("X = A +").problem.find("ends too early") != std::string::npos);
    BOOST_TEST(parseFormula("X = c * 2; c = 3").problem.find("used before it is calculated") != std::string::npos);
    BOOST_TEST(parseFormula("X = A # 2").problem.find("unexpected") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(evaluation_is_exact_and_keeps_every_interim_value) {
    auto e = evaluateFormula("c = (A - A0) * V / m; X = c / 1000",
                             {{"A", d("0.5120")}, {"A0", d("0.0020")}, {"V", d("25.00")}, {"m", d("0.5000")}});
    BOOST_REQUIRE(e.value.has_value());
    BOOST_TEST(e.interim.size() == 2u);
    BOOST_TEST(e.interim[0].first == "c");
    BOOST_TEST(e.interim[0].second == d("25.5"));  // (0.5100 × 25.00) / 0.5000 exactly
    BOOST_TEST(e.value->toString() == "0.02550000000000000");  // 16 figures kept for the report to round
    auto third = evaluateFormula("X = 1 / 3 * 3", {});
    BOOST_TEST(third.value->toString() == "0.9999999999999999");  // division keeps 16 figures, no float noise
    auto sum = evaluateFormula("X = 0.1 + 0.2", {});
    BOOST_TEST(sum.value->toString() == "0.3");  // never 0.30000000000000004
}

BOOST_AUTO_TEST_CASE(a_missing_input_or_a_division_by_zero_is_a_problem_not_a_number) {
    BOOST_TEST(!evaluateFormula("X = A / B", {{"A", d("1")}}).value.has_value());
    auto zero = evaluateFormula("X = A / B", {{"A", d("1")}, {"B", d("0.00")}});
    BOOST_TEST(!zero.value.has_value());
    BOOST_TEST(zero.problem.find("division by zero") != std::string::npos);
    BOOST_TEST(evaluateFormula("X = -A + +2", {{"A", d("0.5")}}).value->toString() == "1.5");
}

BOOST_AUTO_TEST_SUITE_END()
