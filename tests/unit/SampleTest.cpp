// Samples: the status workflow, the GS1 GTIN check digit and the sample code format.
#include <boost/test/unit_test.hpp>

#include "domain/Sample.hpp"

using namespace assay::intake;

BOOST_AUTO_TEST_SUITE(samples)

BOOST_AUTO_TEST_CASE(a_sample_moves_only_along_its_workflow_and_final_states_go_nowhere) {
    using enum SampleStatus;
    BOOST_TEST((allowedTransitions(Registered) == std::vector<SampleStatus>{Received, Rejected, Cancelled}));
    BOOST_TEST((allowedTransitions(Reported) == std::vector<SampleStatus>{Retained}));
    BOOST_TEST((allowedTransitions(Retained) == std::vector<SampleStatus>{Disposed}));
    for (SampleStatus final : {Disposed, Rejected, Cancelled}) BOOST_TEST(allowedTransitions(final).empty());
    BOOST_TEST(!assay::parseEnum<SampleStatus>("lost"));
    BOOST_TEST(assay::toStrings(allowedTransitions(Received)) == (std::vector<std::string>{"in_testing", "rejected", "cancelled"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(gtins_carry_a_valid_gs1_check_digit) {
    BOOST_TEST(isValidGtin("4006381333931"));   // EAN-13
    BOOST_TEST(isValidGtin("96385074"));        // EAN-8
    BOOST_TEST(isValidGtin("036000291452"));    // UPC-A
    BOOST_TEST(isValidGtin("10614141000415"));  // GTIN-14
    BOOST_TEST(!isValidGtin("4006381333932"));
    BOOST_TEST(!isValidGtin("400638133393"));   // 12 digits, wrong check
    BOOST_TEST(!isValidGtin("40063813339A1"));
}

BOOST_AUTO_TEST_CASE(sample_codes_follow_the_configured_format) {
    BOOST_TEST(formatSampleCode("{LAB}{YYYY}{SEQ:06}", "GDQT", 2026, 123).value() == "GDQT2026000123");
    BOOST_TEST(formatSampleCode("{LAB}-{YY}-{SEQ}", "GDQT", 2009, 1234567).value() == "GDQT-09-1234567");
    BOOST_TEST(formatSampleCode("{LAB}{YYYY}{SEQ:04}", "GDQT", 2026, 123456).value() == "GDQT2026123456");  // never cut
    BOOST_TEST(!formatSampleCode("{LAB}{YYYY}", "GDQT", 2026, 1).has_value());     // no number
    BOOST_TEST(!formatSampleCode("{LAB}{MONTH}{SEQ}", "GDQT", 2026, 1).has_value());
    BOOST_TEST(!formatSampleCode("{LAB{SEQ}", "GDQT", 2026, 1).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
