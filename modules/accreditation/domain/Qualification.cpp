// Qualification: the standing on a date and the R4 expiry clock.
#include "domain/Qualification.hpp"

#include <chrono>

#include "assay/Clock.hpp"

namespace assay::accreditation {

QualificationStanding standingOn(const Qualification& q, const std::string& date) {
    QualificationStanding s;
    s.scheme = q.scheme;
    s.qualificationId = q.id;
    s.number = q.number;
    s.ilacMraPermitted = q.ilacMraPermitted;
    std::optional<std::string> statusKind;  // the last suspended / reinstated / revoked event
    std::optional<std::string> statusReason, statusDate;
    bool inPeriod = false, anyPeriod = false;
    std::string lastEnd;
    std::string number = q.number;  // the number of each period: granted with one, renewed may change it
    for (const auto& e : q.history) {
        if (e.effectiveDate > date) continue;
        if (e.kind == "granted" || e.kind == "renewed") {
            anyPeriod = true;
            if (e.number) number = *e.number;
            if (e.validFrom && e.validTo) {
                // The number printed on a date is that of the period covering it.
                if (*e.validFrom <= date && date <= *e.validTo) {
                    inPeriod = true;
                    s.number = number;
                } else if (!inPeriod && *e.validTo >= lastEnd) {
                    s.number = number;
                }
                if (*e.validTo > lastEnd) lastEnd = *e.validTo;
            }
        } else {
            statusKind = e.kind;
            statusReason = e.reason;
            statusDate = e.effectiveDate;
        }
    }
    if (!lastEnd.empty()) s.validTo = lastEnd;
    const std::string what = q.scheme == Scheme::Cma ? "the CMA certificate " + s.number : "the CNAS accreditation " + s.number;
    auto because = [&](const std::string& tail) { return statusReason ? tail + " (" + *statusReason + ")" : tail; };
    if (!anyPeriod) {
        s.status = CertificateStatus::NotYetValid;
        s.reason = what + " was not yet granted on " + date;
    } else if (statusKind == "revoked") {
        s.status = CertificateStatus::Revoked;
        s.reason = because(what + " was revoked on " + *statusDate);
    } else if (statusKind == "suspended") {
        s.status = CertificateStatus::Suspended;
        s.reason = because(what + " is suspended since " + *statusDate);
    } else if (inPeriod) {
        s.status = CertificateStatus::Valid;
        s.valid = true;
    } else if (!lastEnd.empty() && date > lastEnd) {
        s.status = CertificateStatus::Expired;
        s.reason = what + " expired after " + lastEnd + " and no renewal was recorded";
    } else {
        s.status = CertificateStatus::NotYetValid;
        s.reason = what + " is not yet valid on " + date;
    }
    return s;
}

std::optional<std::string> sixYearPeriodEnd(const std::string& validFrom) {
    auto d = parseIsoDate(validFrom);
    if (!d) return std::nullopt;
    const std::chrono::year_month_day ymd{*d};
    std::chrono::year_month_day end{ymd.year() + std::chrono::years{6}, ymd.month(), ymd.day()};
    // 29 Feb plus 6 years is not a date: the period then ends on 28 Feb.
    if (!end.ok()) end = std::chrono::year_month_day{end.year(), end.month(), std::chrono::day{28}};
    else end = std::chrono::year_month_day{std::chrono::sys_days{end} - std::chrono::days{1}};
    return formatIsoDate(std::chrono::sys_days{end});
}

std::optional<ExpiryAlert> expiryAlert(const Qualification& q, const std::string& today) {
    if (q.status == CertificateStatus::Revoked) return std::nullopt;
    const auto t = parseIsoDate(today);
    const auto end = parseIsoDate(q.validTo);
    if (!t || !end) return std::nullopt;
    const long left = static_cast<long>((*end - *t).count());
    if (left > 180) return std::nullopt;
    ExpiryAlert a;
    a.daysLeft = left;
    const std::string what = (q.scheme == Scheme::Cma ? "CMA certificate " : "CNAS accreditation ") + q.number;
    if (left < 0) {
        a.level = "expired";
        a.message = what + " expired after " + q.validTo + "; no renewal with new dates is recorded, so reports "
                    "cannot carry its mark (R1)";
    } else if (left <= 90) {
        a.level = "90";
        a.message = what + " expires after " + q.validTo + " (" + std::to_string(left) +
                    " days): the renewal must be filed now (3 months before expiry)";
    } else {
        a.level = "180";
        a.message = what + " expires after " + q.validTo + " (" + std::to_string(left) + " days): prepare the renewal";
    }
    return a;
}

}  // namespace assay::accreditation
