// Equipment: the R15 usability verdict on a date and the R16 impact window.
#include <boost/test/unit_test.hpp>

#include "domain/Equipment.hpp"

using namespace assay::accreditation;

namespace {
Equipment afs() {
    Equipment e;
    e.id = 1;
    e.assetNo = "EQ-002";
    e.name = "原子荧光光谱仪";
    e.status = ServiceStatus::InService;
    e.statusHistory = {{1, ServiceStatus::InService, "2023-01-10", std::string("registered"), 0}};
    e.calibrations = {{1, 1, "calibration", "JL-1", "省计量院", "2025-11-20", "2026-11-19", "pass", "in_tolerance", std::nullopt, 0}};
    return e;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(equipment)

BOOST_AUTO_TEST_CASE(a_calibration_is_valid_through_its_due_date_and_not_a_day_longer_R15) {
    const Equipment e = afs();
    BOOST_TEST(usableOn(e, "2026-11-19", "block").usable);
    auto dueYesterday = usableOn(e, "2026-11-20", "block");
    BOOST_TEST(!dueYesterday.usable);
    BOOST_TEST(dueYesterday.rule == "R15");
    BOOST_TEST(dueYesterday.policy == "block");
    BOOST_TEST(dueYesterday.reason.find("due for calibration on 2026-11-19") != std::string::npos);
    BOOST_TEST(!usableOn(e, "2025-11-19", "flag").usable);  // before its first calibration
    BOOST_TEST(usableOn(e, "2025-11-19", "flag").policy == "flag");
}

BOOST_AUTO_TEST_CASE(out_of_service_and_failed_checks_make_an_instrument_unusable_until_put_right_R15) {
    Equipment e = afs();
    e.checks.push_back({1, 1, "2026-03-01", "fail", std::nullopt, 0});
    BOOST_TEST(usableOn(e, "2026-02-28", "block").usable);
    BOOST_TEST(usableOn(e, "2026-03-01", "block").reason.find("intermediate check of 2026-03-01") != std::string::npos);
    e.checks.push_back({2, 1, "2026-03-05", "pass", std::nullopt, 0});
    BOOST_TEST(usableOn(e, "2026-03-05", "block").usable);
    e.statusHistory.push_back({2, ServiceStatus::OutOfService, "2026-06-01", std::string("lamp failure"), 0});
    BOOST_TEST(usableOn(e, "2026-05-31", "block").usable);
    auto off = usableOn(e, "2026-06-01", "block");
    BOOST_TEST(!off.usable);
    BOOST_TEST(off.reason.find("out of service since 2026-06-01 (lamp failure)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_calibration_that_fails_as_left_makes_it_unusable_but_one_adjusted_back_in_tolerance_does_not) {
    Equipment e = afs();
    e.calibrations.push_back({2, 1, "calibration", "JL-2", "省计量院", "2026-06-10", "2027-06-09", "pass", "out_of_tolerance", std::nullopt, 0});
    BOOST_TEST(usableOn(e, "2026-06-10", "block").usable);  // adjusted: usable again from now on
    e.calibrations.push_back({3, 1, "calibration", "JL-3", "省计量院", "2026-09-01", "2027-08-31", "fail", "out_of_tolerance", std::nullopt, 0});
    BOOST_TEST(!usableOn(e, "2026-09-01", "block").usable);
}

BOOST_AUTO_TEST_CASE(the_impact_window_starts_at_the_last_good_calibration_or_check_R16) {
    Equipment e = afs();
    BOOST_TEST(lastGoodBefore(e, "2026-06-10").value() == "2025-11-20");
    e.checks.push_back({1, 1, "2026-03-01", "pass", std::nullopt, 0});
    e.checks.push_back({2, 1, "2026-05-01", "fail", std::nullopt, 0});
    BOOST_TEST(lastGoodBefore(e, "2026-06-10").value() == "2026-03-01");  // the failed check does not count
    BOOST_TEST(!lastGoodBefore(e, "2025-11-20").has_value());             // strictly before the event
}

BOOST_AUTO_TEST_CASE(a_reference_material_is_usable_through_its_expiry_date_R15) {
    ReferenceMaterial m;
    m.name = "大米粉标准物质";
    m.lotNo = "GBW10045a";
    m.expiresOn = "2026-12-31";
    BOOST_TEST(usableOn(m, "2026-12-31", "block").usable);
    BOOST_TEST(usableOn(m, "2027-01-01", "block").reason.find("expired after 2026-12-31") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
