// QualificationService: the lab's CMA certificates and CNAS accreditations (R4).
//
// Purpose: managers record a qualification (granted, with its certificate period; a CMA period
// is at most 6 years and defaults to 6 years less a day), then its dated history: suspended,
// reinstated, revoked, renewed (a new period, optionally a new number). Events are appended in
// date order and never changed; the standing on any date comes from them. Expiry alerts follow
// R4 (180 days, 90 days = the renewal filing deadline, expired). Implements the published
// QualificationStatus interface.
// Tenancy: the principal's own lab; another lab's record is a 404.
// Ownership: borrows the host's Db, Clock, IdGenerator and AuditLog.
// Thread-safety: safe from any request thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "assay/Audit.hpp"
#include "assay/Db.hpp"
#include "assay/Error.hpp"
#include "assay/IdGenerator.hpp"
#include "assay/Principal.hpp"
#include "assay/accreditation/QualificationStatus.hpp"
#include "domain/Qualification.hpp"
#include "storage/QualificationRepository.hpp"

namespace assay::accreditation {

struct QualificationInput {
    std::optional<Scheme> scheme;           // required
    std::string number;                     // 12 digits (CMA) or "CNAS L1234"
    std::string authority;
    std::string validFrom;                  // YYYY-MM-DD
    std::optional<std::string> validTo;     // default: 6 years less a day
    bool ilacMraPermitted = false;          // CNAS only
};

struct QualificationEventInput {
    std::string kind;                       // suspend | reinstate | revoke | renew
    std::string effectiveDate;
    std::string reason;
    std::optional<std::string> validFrom;   // renew
    std::optional<std::string> validTo;     // renew (default: 6 years less a day)
    std::optional<std::string> number;      // renew, when the certificate number changed
};

struct QualificationAlert {
    Qualification qualification;
    ExpiryAlert alert;
};

class QualificationService final : public QualificationStatus {
public:
    // Problems of a qualification event visible without the database.
    static std::vector<FieldError> eventProblems(const QualificationEventInput& in);
    QualificationService(Db& db, const Clock& clock, IdGenerator& ids, AuditLog& audit)
        : db_(db), clock_(clock), ids_(ids), audit_(audit) {}

    static std::vector<FieldError> qualificationProblems(const QualificationInput& in);
    // Errors: 400 naming each bad field; 409 when the lab already records this number.
    Qualification create(const Principal& p, const QualificationInput& in, const std::string& requestId);
    // Errors: 404 when absent or another lab's.
    Qualification get(const Principal& p, std::int64_t id);
    // scheme: empty = both.
    std::vector<Qualification> list(const Principal& p, std::optional<Scheme> scheme);
    // Appends a dated event. Errors: 400 naming kind, effective_date (malformed, before the
    // certificate's first day or before the last recorded event), reason, valid_from / valid_to
    // (renewal: required from, a later end, at most 6 years), number; 404; 409 when the
    // transition is illegal (the allowed ones listed); 412 when expectedVersion is stale.
    Qualification recordEvent(const Principal& p, std::int64_t id, int expectedVersion, const QualificationEventInput& in,
                              const std::string& requestId);
    // R4: the lab's qualifications with 180 days or fewer left, or expired, on today's lab date.
    std::vector<QualificationAlert> expiryAlerts(const Principal& p);
    // The principal's lab's standing (QualificationStatus::standingOn for the caller's lab).
    QualificationStanding standing(const Principal& p, Scheme scheme, const std::string& date);
    // The lab's date today (UTC+08:00) by the injected clock.
    std::string today() const;

    // QualificationStatus.
    QualificationStanding standingOn(Tx& tx, std::int64_t labId, Scheme scheme, const std::string& date) override;


private:
    Db& db_;
    const Clock& clock_;
    IdGenerator& ids_;
    AuditLog& audit_;
    QualificationRepository repo_;
};

}  // namespace assay::accreditation
