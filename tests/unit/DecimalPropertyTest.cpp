// Decimal against an independent reference: GB/T 8170 rounding re-implemented on digit strings
// (no Decimal, no integers) and compared over random values; and division for calculations.
#include <boost/test/unit_test.hpp>

#include <random>
#include <string>

#include "assay/Decimal.hpp"

using assay::Decimal;

namespace {
// GB/T 8170 3.3 on a plain decimal string ("-12.3450"), to `decimals` places (>= 0), by hand:
// look at the first discarded digit and whether anything non-zero follows it.
std::string referenceRound(const std::string& text, int decimals) {
    const bool negative = text[0] == '-';
    const std::string abs = negative ? text.substr(1) : text;
    const auto dot = abs.find('.');
    std::string intPart = dot == std::string::npos ? abs : abs.substr(0, dot);
    std::string frac = dot == std::string::npos ? "" : abs.substr(dot + 1);
    while (static_cast<int>(frac.size()) < decimals + 1) frac += '0';
    std::string kept = intPart + frac.substr(0, decimals);  // all kept digits, no point
    const char first = frac[decimals];
    bool restNonZero = false;
    for (std::size_t i = decimals + 1; i < frac.size(); ++i) restNonZero = restNonZero || frac[i] != '0';
    const bool up = first > '5' || (first == '5' && (restNonZero || (kept.back() - '0') % 2 == 1));
    if (up) {
        int i = static_cast<int>(kept.size()) - 1;
        while (i >= 0 && kept[i] == '9') kept[i--] = '0';
        if (i < 0) kept.insert(kept.begin(), '1');
        else ++kept[i];
    }
    std::string out = kept.substr(0, kept.size() - decimals);
    std::size_t nz = out.find_first_not_of('0');
    out = nz == std::string::npos ? "0" : out.substr(nz);
    if (decimals > 0) out += "." + kept.substr(kept.size() - decimals);
    const bool zero = out.find_first_not_of("0.") == std::string::npos;
    return negative && !zero ? "-" + out : out;
}

Decimal d(const char* s) { return *Decimal::parse(s); }
}  // namespace

BOOST_AUTO_TEST_SUITE(decimal_properties)

BOOST_AUTO_TEST_CASE(rounding_agrees_with_an_independent_digit_string_reference_on_random_values) {
    std::mt19937_64 rng(8170);
    int compared = 0;
    for (int n = 0; n < 20000; ++n) {
        std::string text = rng() % 4 == 0 ? "-" : "";
        const int intDigits = 1 + static_cast<int>(rng() % 5), fracDigits = static_cast<int>(rng() % 8);
        for (int i = 0; i < intDigits; ++i) text += static_cast<char>('0' + (i == 0 && intDigits > 1 ? 1 + rng() % 9 : rng() % 10));
        if (fracDigits) {
            text += '.';
            // Many 5s and 0s, so exact halves and "5 then zeros" come up often.
            for (int i = 0; i < fracDigits; ++i) text += "0123455555000"[rng() % 13];
        }
        const int places = static_cast<int>(rng() % 6);
        const std::string got = Decimal::parse(text)->roundToDecimals(places).toString();
        const std::string want = referenceRound(text, places);
        BOOST_TEST(got == want, text << " to " << places << " places");
        ++compared;
    }
    BOOST_TEST(compared == 20000);
}

BOOST_AUTO_TEST_CASE(division_rounds_its_quotient_by_gb_t_8170_to_the_figures_asked_for) {
    BOOST_TEST(d("1").divide(d("3"), 5)->toString() == "0.33333");
    BOOST_TEST(d("2").divide(d("3"), 5)->toString() == "0.66667");
    BOOST_TEST(d("1").divide(d("8"), 2)->toString() == "0.12");   // 0.125 exactly: to the even 2
    BOOST_TEST(d("3").divide(d("8"), 2)->toString() == "0.38");   // 0.375 exactly: to the even 8
    BOOST_TEST(d("1").divide(d("-8"), 2)->toString() == "-0.12");  // by the absolute value
    BOOST_TEST(d("10").divide(d("4"), 1)->toString() == "2");     // 2.5 exactly
    BOOST_TEST(d("10.0001").divide(d("4"), 1)->toString() == "3");  // 2.500025: above half
    BOOST_TEST(d("0.0850").divide(d("0.5"), 4)->toString() == "0.1700");
    BOOST_TEST(d("125").divide(d("1000"), 3)->toString() == "0.125");
    BOOST_TEST(!d("1").divide(d("0.000"), 5).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
