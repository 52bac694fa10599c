// Staff: national ID numbers (GB 11643) and the R10 / R12 / R13 verdicts on dated authorizations.
#include <boost/test/unit_test.hpp>

#include "domain/Staff.hpp"

using namespace assay::accreditation;

namespace {
StaffMember zhao() {
    StaffMember s;
    s.id = 1;
    s.name = "赵强";
    s.userId = 7;
    s.authorizations.push_back({1, 1, "perform", 100, "GB 5009.12-2023 第一法", "2024-03-01", std::nullopt, std::nullopt, std::nullopt, 0});
    s.authorizations.push_back({2, 1, "check", 100, "GB 5009.12-2023 第一法", "2024-03-01", std::string("2026-06-01"), std::nullopt,
                                std::string("moved"), 0});
    s.signatories.push_back({3, 1, Scheme::Cma, {10, 11, 12}, "2024-03-05", "备案", std::nullopt, std::nullopt, 0});
    return s;
}
const std::map<std::int64_t, std::string> kNames{{10, "铅(以Pb计)"}, {11, "镉(以Cd计)"}, {12, "总汞(以Hg计)"}, {13, "无机砷(以As计)"}};
}  // namespace

BOOST_AUTO_TEST_SUITE(staff)

BOOST_AUTO_TEST_CASE(id_numbers_carry_the_gb_11643_check_character) {
    BOOST_TEST(isValidIdNumber("11010519491231002X"));  // the standard's own example
    BOOST_TEST(!isValidIdNumber("110105194912310021"));
    BOOST_TEST(!isValidIdNumber("11010519491231002"));
    BOOST_TEST(!isValidIdNumber("1101051949123100AX"));
    BOOST_TEST(maskIdNumber("11010519491231002X") == "110105********002X");
}

BOOST_AUTO_TEST_CASE(a_signatory_signs_only_within_a_scope_covering_every_result_R10) {
    const StaffMember s = zhao();
    BOOST_TEST(signVerdict(s, Scheme::Cma, {10, 11}, "2026-11-29", kNames).ok);
    auto arsenic = signVerdict(s, Scheme::Cma, {10, 13}, "2026-11-29", kNames);
    BOOST_TEST(!arsenic.ok);
    BOOST_TEST(arsenic.rule == "R10");
    BOOST_TEST(arsenic.reason.find("无机砷(以As计)") != std::string::npos);
    auto cnas = signVerdict(s, Scheme::Cnas, {10}, "2026-11-29", kNames);
    BOOST_TEST(cnas.rule == "R10");
    BOOST_TEST(cnas.reason.find("only one of the other scheme") != std::string::npos);
    BOOST_TEST(signVerdict(std::nullopt, Scheme::Cma, {10}, "2026-11-29", kNames).rule == "R10");
}

BOOST_AUTO_TEST_CASE(a_signatory_authorization_counts_from_its_filing_date_R12) {
    const StaffMember s = zhao();  // filed 2024-03-05
    auto before = signVerdict(s, Scheme::Cma, {10}, "2024-03-04", kNames);
    BOOST_TEST(!before.ok);
    BOOST_TEST(before.rule == "R12");
    BOOST_TEST(before.reason.find("2024-03-05") != std::string::npos);
    BOOST_TEST(signVerdict(s, Scheme::Cma, {10}, "2024-03-05", kNames).ok);
}

BOOST_AUTO_TEST_CASE(a_scope_extension_filed_tomorrow_is_refused_today_under_R12_not_R10) {
    StaffMember s = zhao();
    s.signatories.push_back({4, 1, Scheme::Cma, {13}, "2026-11-30", "备案", std::nullopt, std::nullopt, 0});
    auto today = signVerdict(s, Scheme::Cma, {10, 13}, "2026-11-29", kNames);
    BOOST_TEST(!today.ok);
    BOOST_TEST(today.rule == "R12");
    BOOST_TEST(today.reason.find("2026-11-30") != std::string::npos);
    BOOST_TEST(signVerdict(s, Scheme::Cma, {10, 13}, "2026-11-30", kNames).ok);
    BOOST_TEST(signVerdict(s, Scheme::Cma, {10, 14}, "2026-11-29", kNames).rule == "R10");  // 14 is covered by nothing
}

BOOST_AUTO_TEST_CASE(a_deactivated_signatory_cannot_sign_from_the_deactivation_date_R10) {
    StaffMember s = zhao();
    s.deactivatedOn = "2026-12-01";
    BOOST_TEST(signVerdict(s, Scheme::Cma, {10}, "2026-11-30", kNames).ok);
    BOOST_TEST(signVerdict(s, Scheme::Cma, {10}, "2026-12-01", kNames).rule == "R10");
}

BOOST_AUTO_TEST_CASE(performing_and_checking_need_an_authorization_in_force_on_the_test_date_R13) {
    const StaffMember s = zhao();
    BOOST_TEST(performVerdict(s, 100, "2024-03-01").ok);
    auto early = performVerdict(s, 100, "2024-02-29");
    BOOST_TEST(early.rule == "R13");
    BOOST_TEST(early.reason.find("takes effect on 2024-03-01") != std::string::npos);
    BOOST_TEST(!performVerdict(s, 101, "2026-01-01").ok);  // another method
    BOOST_TEST(performVerdict(s, 100, "2026-05-31", "check").ok);
    auto ended = performVerdict(s, 100, "2026-06-01", "check");
    BOOST_TEST(!ended.ok);
    BOOST_TEST(ended.reason.find("ended on 2026-06-01") != std::string::npos);
    BOOST_TEST(opinionVerdict(s, "2026-01-01").rule == "R13");
}

BOOST_AUTO_TEST_SUITE_END()
