// GB 32100-2015 unified social credit codes.
#include <boost/test/unit_test.hpp>

#include "assay/Uscc.hpp"

using namespace assay;

BOOST_AUTO_TEST_SUITE(uscc)

// Real, publicly listed codes (company registration pages print them on every invoice).
BOOST_AUTO_TEST_CASE(real_codes_of_well_known_companies_are_valid) {
    for (const char* code : {"914403001922038216",   // Huawei Technologies Co., Ltd.
                             "91440300708461136T",   // Shenzhen Tencent Computer Systems
                             "91330100799655058B",   // Alibaba (China) Co., Ltd.
                             "911100007109288314"})  // an SOE in Beijing (Sinopec Corp.)
    {
        BOOST_TEST(!usccProblem(code).has_value(), code << ": " << usccProblem(code).value_or(""));
    }
}

BOOST_AUTO_TEST_CASE(one_changed_character_breaks_the_check_character) {
    BOOST_TEST(usccProblem("914403001922038217").value_or("") == "bad check character");
    BOOST_TEST(usccProblem("914403001922038226").value_or("") == "bad check character");
}

BOOST_AUTO_TEST_CASE(check_character_is_computed_over_the_31_character_set) {
    BOOST_TEST(usccCheckCharacter("91440300708461136").value() == 'T');
    BOOST_TEST(usccCheckCharacter("91440300708461I36").has_value() == false);  // I is not allowed
}

BOOST_AUTO_TEST_CASE(wrong_length_and_forbidden_letters_are_named) {
    BOOST_TEST(usccProblem("91440300708461136").value_or("") == "must be 18 characters");
    BOOST_TEST(usccProblem("9144030070846113OT").value_or("").find("character 17") != std::string::npos);
    BOOST_TEST(usccProblem("91A40300708461136T").value_or("").find("administrative division") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
