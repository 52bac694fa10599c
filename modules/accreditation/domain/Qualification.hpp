// Qualification: a lab's CMA certificate (资质认定证书) or CNAS accreditation, with its dated history.
//
// Purpose: the value passed between QualificationService, its repository and its handlers, and
// the pure rules on it: the standing on any date (from the dated events, so the history answers
// for the past too) and the R4 expiry clock. Dates are "YYYY-MM-DD" and compare as strings. A
// certificate period is inclusive at both ends: valid_to is the last valid day, as printed on the
// certificate (有效期至).
// Thread-safety: value types and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "assay/accreditation/QualificationStatus.hpp"

namespace assay::accreditation {


struct QualificationEvent {
    std::int64_t id = 0;
    std::int64_t labId = 0;
    std::int64_t qualificationId = 0;
    std::string kind;                     // granted | suspended | reinstated | revoked | renewed
    std::string effectiveDate;            // YYYY-MM-DD
    std::optional<std::string> validFrom;  // granted / renewed: the certificate period
    std::optional<std::string> validTo;
    std::optional<std::string> number;     // renewed: the new certificate number
    std::optional<std::string> reason;
    std::int64_t createdBy = 0;
    std::int64_t createdAtMs = 0;
};

struct Qualification {
    std::int64_t id = 0;
    std::int64_t labId = 0;
    Scheme scheme = Scheme::Cma;
    std::string number;     // the current certificate number
    std::string authority;  // issuing authority (发证机关 / 认可机构)
    std::string validFrom;  // the current certificate period
    std::string validTo;
    CertificateStatus status = CertificateStatus::Valid;  // as recorded: valid | suspended | revoked (expired is derived)
    bool ilacMraPermitted = false;
    std::int64_t createdAtMs = 0;
    std::int64_t updatedAtMs = 0;
    int version = 1;
    std::vector<QualificationEvent> history;  // oldest first (effective date, then id)
};

// The standing on date, derived from the events effective on or before it: revoked and
// suspended come from the last status event; otherwise valid inside a granted or renewed
// period, expired after the last one, not_yet_valid before the first.
QualificationStanding standingOn(const Qualification& q, const std::string& date);

// The default end of a certificate period that starts on validFrom: 6 years less one day
// (2024-03-01 -> 2030-02-28). Empty when validFrom is malformed.
std::optional<std::string> sixYearPeriodEnd(const std::string& validFrom);

// R4: the expiry clock of a qualification on date today.
struct ExpiryAlert {
    std::string level;     // "180" (180 days or fewer left), "90" (the renewal filing deadline), "expired"
    long daysLeft = 0;     // validTo - today; negative once expired
    std::string message;
};
// Empty when more than 180 days are left, or the qualification is revoked.
std::optional<ExpiryAlert> expiryAlert(const Qualification& q, const std::string& today);

}  // namespace assay::accreditation
