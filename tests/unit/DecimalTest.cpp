// Decimal: exact values and the GB/T 8170-2008 rounding rules, with the standard's examples.
#include <boost/test/unit_test.hpp>

#include "assay/Decimal.hpp"

using assay::Decimal;

namespace {
Decimal d(const char* s) {
    auto v = Decimal::parse(s);
    BOOST_REQUIRE_MESSAGE(v.has_value(), "cannot parse " << s);
    return *v;
}
std::string dec(const char* s, int decimals) { return d(s).roundToDecimals(decimals).toString(); }
std::string sig(const char* s, int n) { return d(s).roundToSignificant(n).toString(); }
}  // namespace

BOOST_AUTO_TEST_SUITE(decimal)

BOOST_AUTO_TEST_CASE(parsing_keeps_every_written_digit) {
    BOOST_TEST(d("0.0850").toString() == "0.0850");
    BOOST_TEST(d("0.0850").decimals() == 4);
    BOOST_TEST(d("0.0850").significantFigures() == 3);
    BOOST_TEST(d("-12.30").toString() == "-12.30");
    BOOST_TEST(d(".5").toString() == "0.5");
    BOOST_TEST(d("+7").toString() == "7");
    BOOST_TEST(d("1.5e-3").toString() == "0.0015");
    BOOST_TEST(d("2.5E2").toString() == "250");
    BOOST_TEST(d("1200").significantFigures() == 4);
}

BOOST_AUTO_TEST_CASE(non_numbers_are_refused) {
    for (const char* bad : {"", "-", ".", "1.2.3", "0x10", "NaN", "inf", " 1", "1 ", "1e", "1e+", "--1", "1,5", "１"})
        BOOST_TEST(!Decimal::parse(bad).has_value(), "accepted '" << bad << "'");
}

BOOST_AUTO_TEST_CASE(comparison_is_by_value_and_exact) {
    BOOST_TEST(d("0.20") == d("0.2"));
    BOOST_TEST(d("0.2000000000000000000001") > d("0.2"));
    BOOST_TEST(d("-0.5") < d("0.1"));
    BOOST_TEST(d("0.1") + d("0.2") == d("0.3"));  // no binary floating point anywhere
    BOOST_TEST((d("0.1") * d("3")).toString() == "0.3");
    BOOST_TEST((d("1.50") - d("0.25")).toString() == "1.25");
}

// GB/T 8170-2008 3.3.1 - 3.3.4: below half down, above half up, exactly half to even.
BOOST_AUTO_TEST_CASE(discarded_digits_below_half_round_down) {
    BOOST_TEST(dec("12.1498", 1) == "12.1");
}

BOOST_AUTO_TEST_CASE(discarded_digits_above_half_round_up) {
    BOOST_TEST(dec("1268", -2) == "1300");     // 13×10^2
    BOOST_TEST(dec("10.5002", 0) == "11");     // a 5 followed by non-zero digits rounds up
}

BOOST_AUTO_TEST_CASE(an_exact_half_rounds_to_the_even_neighbour) {
    BOOST_TEST(dec("1.050", 1) == "1.0");
    BOOST_TEST(dec("0.35", 1) == "0.4");
    BOOST_TEST(dec("2500", -3) == "2000");     // 2×10^3
    BOOST_TEST(dec("3500", -3) == "4000");     // 4×10^3
}

BOOST_AUTO_TEST_CASE(negative_values_round_by_their_absolute_value) {
    BOOST_TEST(dec("-355", -1) == "-360");     // -36×10
    BOOST_TEST(dec("-325", -1) == "-320");     // -32×10
    BOOST_TEST(dec("-0.0365", 3) == "-0.036");
}

BOOST_AUTO_TEST_CASE(rounding_happens_once_from_the_full_value) {
    BOOST_TEST(dec("15.4546", 0) == "15");     // never 15.455 -> 15.46 -> 15.5 -> 16
}

BOOST_AUTO_TEST_CASE(rounding_to_more_decimals_pads_zeros) {
    BOOST_TEST(dec("0.2", 3) == "0.200");
    BOOST_TEST(dec("12", 2) == "12.00");
}

BOOST_AUTO_TEST_CASE(significant_figures_count_from_the_first_non_zero_digit) {
    BOOST_TEST(sig("0.08546", 2) == "0.085");
    BOOST_TEST(sig("0.08556", 2) == "0.086");
    BOOST_TEST(sig("123.456", 4) == "123.5");
    BOOST_TEST(sig("12345", 2) == "12000");
    BOOST_TEST(sig("9.96", 2) == "10");        // the carry does not add a figure
    BOOST_TEST(sig("0.0995", 2) == "0.10");    // half to even: 9 is odd
    BOOST_TEST(sig("2.5", 1) == "2");
}

// GB/T 8170-2008 3.4.1 (0.5 unit): round 2X at the place, then halve.
BOOST_AUTO_TEST_CASE(half_unit_rounding_follows_the_standard_examples) {
    BOOST_TEST(d("60.25").roundToHalfUnit(0).toString() == "60.0");
    BOOST_TEST(d("60.38").roundToHalfUnit(0).toString() == "60.5");
    BOOST_TEST(d("60.28").roundToHalfUnit(0).toString() == "60.5");
    BOOST_TEST(d("-60.75").roundToHalfUnit(0).toString() == "-61.0");
}

// GB/T 8170-2008 3.4.2 (0.2 unit): round 5X at the place, then divide by 5.
BOOST_AUTO_TEST_CASE(fifth_unit_rounding_follows_the_standard_examples) {
    BOOST_TEST(d("830").roundToFifthUnit(-2).toString() == "840");
    BOOST_TEST(d("842").roundToFifthUnit(-2).toString() == "840");
    BOOST_TEST(d("832").roundToFifthUnit(-2).toString() == "840");   // 5X = 4160 -> 4200
    BOOST_TEST(d("-930").roundToFifthUnit(-2).toString() == "-920");
}

BOOST_AUTO_TEST_SUITE_END()

#include "domain/Parameter.hpp"

BOOST_AUTO_TEST_SUITE(parameter_reporting)

BOOST_AUTO_TEST_CASE(a_parameter_rounds_results_by_its_own_precision) {
    assay::accreditation::Parameter lead;
    lead.precisionKind = "significant";
    lead.precisionDigits = 2;
    BOOST_TEST(lead.reported(d("0.08550")).toString() == "0.086");  // exact half: 5 is odd, up
    BOOST_TEST(lead.reported(d("0.08450")).toString() == "0.084");  // exact half: 4 is even, stays
    assay::accreditation::Parameter moisture;
    moisture.precisionKind = "decimals";
    moisture.precisionDigits = 1;
    BOOST_TEST(moisture.reported(d("13.25")).toString() == "13.2");
    BOOST_TEST(moisture.reported(d("13")).toString() == "13.0");
}

// GB/T 8170 3.4 through a parameter: rounding_unit 0.5 or 0.2 of the decimal place (also of the
// tens or hundreds: negative decimals); 1 is ordinary rounding at the place.
BOOST_AUTO_TEST_CASE(a_parameter_rounds_results_by_0_5_or_0_2_units_of_its_place) {
    assay::accreditation::Parameter half;
    half.precisionKind = "decimals";
    half.precisionDigits = 0;
    half.roundingUnit = "0.5";
    for (const auto& [in, out] : {std::pair{"60.25", "60.0"}, {"60.38", "60.5"}, {"60.28", "60.5"}, {"-60.75", "-61.0"}})
        BOOST_TEST(half.reported(d(in)).toString() == out);
    BOOST_TEST(half.precisionText() == "修约间隔 0.5");
    assay::accreditation::Parameter fifth;
    fifth.precisionKind = "decimals";
    fifth.precisionDigits = -2;
    fifth.roundingUnit = "0.2";
    for (const auto& [in, out] : {std::pair{"830", "840"}, {"842", "840"}, {"832", "840"}, {"-930", "-920"}})
        BOOST_TEST(fifth.reported(d(in)).toString() == out);
    BOOST_TEST(fifth.precisionText() == "修约间隔 20");
    fifth.roundingUnit = "1";
    BOOST_TEST(fifth.reported(d("2450")).toString() == "2400");  // to the hundreds, half to even
    BOOST_TEST(fifth.precisionText() == "修约间隔 100");
    // The published view the testing module rounds with agrees.
    const assay::accreditation::ParameterRef ref{1, 1, "示例", std::nullopt, "g/100g", "decimals", 0, "0.5", std::nullopt, std::nullopt};
    BOOST_TEST(ref.reported(d("60.25")).toString() == "60.0");
}

BOOST_AUTO_TEST_CASE(uncertainty_bands_survive_storage_encoding) {
    using namespace assay::accreditation;
    std::vector<MuBand> bands = {{d("0.1"), d("25")}, {std::nullopt, d("15.0")}};
    const std::string text = encodeMuBands(bands);
    BOOST_TEST(text == "0.1:25;*:15.0");
    auto back = decodeMuBands(text);
    BOOST_REQUIRE(back.has_value());
    BOOST_TEST(back->size() == 2u);
    BOOST_TEST(!back->at(1).upTo.has_value());
    BOOST_TEST(back->at(1).relativePercent.toString() == "15.0");
    BOOST_TEST(!decodeMuBands("0.1-25").has_value());
}

BOOST_AUTO_TEST_SUITE_END()

#include "domain/Specification.hpp"

BOOST_AUTO_TEST_SUITE(limit_judgement)

using assay::accreditation::Conformity;
using assay::accreditation::judge;
using assay::accreditation::SpecLimit;

namespace {
SpecLimit atMost(const char* max) {
    SpecLimit l;
    l.maxOp = "<=";
    l.maxValue = d(max);
    return l;
}
}  // namespace

// GB/T 8170-2008 4.3: with a limit of ≤ 0.2, the full value 0.204 fails (全数值比较法) but its
// rounded value 0.2 passes (修约值比较法). The default is the full-value comparison.
BOOST_AUTO_TEST_CASE(full_value_comparison_and_rounded_value_comparison_differ_at_the_edge) {
    const SpecLimit lead = atMost("0.2");
    BOOST_TEST(judge(lead, d("0.204"), "full", "simple", std::nullopt) == Conformity::Fail);
    BOOST_TEST(judge(lead, d("0.204"), "rounded", "simple", std::nullopt) == Conformity::Pass);
    BOOST_TEST(judge(lead, d("0.25"), "rounded", "simple", std::nullopt) == Conformity::Pass);  // 0.25 rounds half-even to 0.2
    BOOST_TEST(judge(lead, d("0.26"), "rounded", "simple", std::nullopt) == Conformity::Fail);  // 0.3
    BOOST_TEST(judge(lead, d("0.2"), "full", "simple", std::nullopt) == Conformity::Pass);
}

BOOST_AUTO_TEST_CASE(strict_and_inclusive_bounds_are_respected) {
    SpecLimit range;
    range.minOp = ">";
    range.minValue = d("6.5");
    range.maxOp = "<";
    range.maxValue = d("8.5");
    BOOST_TEST(judge(range, d("6.5"), "full", "simple", std::nullopt) == Conformity::Fail);
    BOOST_TEST(judge(range, d("6.50001"), "full", "simple", std::nullopt) == Conformity::Pass);
    BOOST_TEST(judge(range, d("8.5"), "full", "simple", std::nullopt) == Conformity::Fail);
}

BOOST_AUTO_TEST_CASE(a_guard_band_gives_no_judgement_when_the_uncertainty_straddles_the_limit) {
    const SpecLimit lead = atMost("0.2");
    BOOST_TEST(judge(lead, d("0.15"), "full", "guard_band", d("0.02")) == Conformity::Pass);
    BOOST_TEST(judge(lead, d("0.19"), "full", "guard_band", d("0.02")) == Conformity::NoJudgement);
    BOOST_TEST(judge(lead, d("0.25"), "full", "guard_band", d("0.02")) == Conformity::Fail);
    BOOST_TEST(judge(lead, d("0.15"), "full", "guard_band", std::nullopt) == Conformity::NoJudgement);
}

BOOST_AUTO_TEST_SUITE_END()
