// Qualifications: the standing on a date from the dated history, the 6-year period, and the R4
// expiry clock (180 days, 90 days, expired).
#include <boost/test/unit_test.hpp>

#include "domain/Qualification.hpp"

using namespace assay::accreditation;

namespace {
QualificationEvent event(const std::string& kind, const std::string& on, std::optional<std::string> from = std::nullopt,
                         std::optional<std::string> to = std::nullopt) {
    QualificationEvent e;
    e.kind = kind;
    e.effectiveDate = on;
    e.validFrom = std::move(from);
    e.validTo = std::move(to);
    e.reason = kind == "granted" ? std::nullopt : std::optional<std::string>("decision " + on);
    return e;
}

// The demo CMA certificate: 2024-03-01 .. 2030-02-28.
Qualification cma() {
    Qualification q;
    q.id = 1;
    q.scheme = Scheme::Cma;
    q.number = "202619000123";
    q.validFrom = "2024-03-01";
    q.validTo = "2030-02-28";
    q.status = CertificateStatus::Valid;
    q.history = {event("granted", "2024-03-01", "2024-03-01", "2030-02-28")};
    q.history.front().number = q.number;
    return q;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(qualifications)

BOOST_AUTO_TEST_CASE(a_cma_period_is_six_years_less_a_day) {
    BOOST_TEST(sixYearPeriodEnd("2024-03-01").value() == "2030-02-28");
    BOOST_TEST(sixYearPeriodEnd("2023-06-15").value() == "2029-06-14");
    BOOST_TEST(sixYearPeriodEnd("2024-02-29").value() == "2030-02-28");  // no 29 Feb in 2030
    BOOST_TEST(!sixYearPeriodEnd("2024-02-30").has_value());
}

BOOST_AUTO_TEST_CASE(a_certificate_is_valid_on_both_ends_of_its_period_and_expired_the_day_after) {
    const Qualification q = cma();
    BOOST_TEST(standingOn(q, "2024-03-01").valid);
    BOOST_TEST(standingOn(q, "2030-02-28").valid);
    auto after = standingOn(q, "2030-03-01");
    BOOST_TEST(!after.valid);
    BOOST_TEST(after.status == CertificateStatus::Expired);
    BOOST_TEST(after.reason.find("2030-02-28") != std::string::npos);
    auto before = standingOn(q, "2024-02-29");
    BOOST_TEST(before.status == CertificateStatus::NotYetValid);
}

BOOST_AUTO_TEST_CASE(a_suspension_counts_from_its_effective_date_and_ends_with_reinstatement) {
    Qualification q = cma();
    q.history.push_back(event("suspended", "2026-05-10"));
    q.history.push_back(event("reinstated", "2026-08-01"));
    BOOST_TEST(standingOn(q, "2026-05-09").valid);
    auto suspended = standingOn(q, "2026-05-10");
    BOOST_TEST(suspended.status == CertificateStatus::Suspended);
    BOOST_TEST(suspended.reason.find("decision 2026-05-10") != std::string::npos);
    BOOST_TEST(standingOn(q, "2026-07-31").status == CertificateStatus::Suspended);
    BOOST_TEST(standingOn(q, "2026-08-01").valid);
}

BOOST_AUTO_TEST_CASE(a_revocation_ends_the_certificate_for_good) {
    Qualification q = cma();
    q.history.push_back(event("revoked", "2027-01-15"));
    BOOST_TEST(standingOn(q, "2027-01-14").valid);
    BOOST_TEST(standingOn(q, "2027-01-15").status == CertificateStatus::Revoked);
    BOOST_TEST(standingOn(q, "2029-12-31").status == CertificateStatus::Revoked);
}

BOOST_AUTO_TEST_CASE(a_renewal_with_new_dates_keeps_the_certificate_in_force_past_the_old_expiry) {
    Qualification q = cma();
    auto renewal = event("renewed", "2030-01-20", "2030-03-01", "2036-02-29");
    renewal.number = "203019000777";
    q.history.push_back(renewal);
    BOOST_TEST(standingOn(q, "2030-02-28").valid);
    BOOST_TEST(standingOn(q, "2030-02-28").number == "202619000123");  // the new number from its own period on
    auto renewed = standingOn(q, "2030-03-01");
    BOOST_TEST(renewed.valid);
    BOOST_TEST(renewed.number == "203019000777");
    BOOST_TEST(renewed.validTo.value() == "2036-02-29");
    Qualification notRenewed = cma();
    BOOST_TEST(standingOn(notRenewed, "2030-03-01").status == CertificateStatus::Expired);
}

BOOST_AUTO_TEST_CASE(the_expiry_clock_warns_at_180_days_and_again_at_90_R4) {
    const Qualification q = cma();  // valid to 2030-02-28
    BOOST_TEST(!expiryAlert(q, "2029-08-31").has_value());  // 181 days left
    auto at180 = expiryAlert(q, "2029-09-01");
    BOOST_REQUIRE(at180.has_value());
    BOOST_TEST(at180->level == "180");
    BOOST_TEST(at180->daysLeft == 180);
    auto at90 = expiryAlert(q, "2029-11-30");
    BOOST_TEST(at90->level == "90");  // exactly 90 days: the filing deadline
    BOOST_TEST(at90->daysLeft == 90);
    auto at91 = expiryAlert(q, "2029-11-29");
    BOOST_TEST(at91->level == "180");
    BOOST_TEST(at91->daysLeft == 91);
    auto at89 = expiryAlert(q, "2029-12-01");
    BOOST_TEST(at89->level == "90");
    BOOST_TEST(at89->daysLeft == 89);
    BOOST_TEST(at89->message.find("renewal must be filed") != std::string::npos);
    BOOST_TEST(expiryAlert(q, "2030-02-28")->level == "90");
    auto expired = expiryAlert(q, "2030-03-01");
    BOOST_TEST(expired->level == "expired");
    BOOST_TEST(expired->daysLeft == -1);
}

BOOST_AUTO_TEST_CASE(a_revoked_certificate_raises_no_expiry_alert) {
    Qualification q = cma();
    q.status = CertificateStatus::Revoked;
    BOOST_TEST(!expiryAlert(q, "2030-01-01").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
