// ProficiencyService: proficiency testing rounds and results (R25, R26).
//
// Purpose: managers record the rounds the lab takes part in (or must: mandated CMA rounds with a
// deadline) and then the result with its z or En score. The score is classified S / Q / U. A U
// opens a nonconformity and, by lab policy (accreditation.pt_u_suspends_scope, default true),
// suspends the scope rows in force for the parameter (and product, when the round names one) from
// the reporting date, in the same transaction; the suspensions are lifted on the date the NC's
// corrective action is verified. A Q is a warning on the alerts. Coverage (R26): every
// accredited (CNAS) sub-field needs a satisfactory result within accreditation.pt_frequency_months.
// Tenancy: the principal's own lab; another lab's round is a 404.
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
#include "domain/NonconformityService.hpp"
#include "domain/Proficiency.hpp"
#include "storage/ProficiencyRepository.hpp"
#include "storage/RegisterRepository.hpp"
#include "storage/ScopeRepository.hpp"

namespace assay::accreditation {

struct PtRoundInput {
    std::string provider, schemeName, roundCode;
    std::int64_t parameterId = 0;
    std::optional<std::string> product;
    std::string subField;
    bool mandated = false;
    std::optional<std::string> deadline;
    std::optional<std::string> unit;
    std::optional<Decimal> assignedValue;
};

struct PtResultInput {
    std::optional<Decimal> labResult;
    std::string scoreKind;  // z | En
    std::optional<Decimal> score;
    std::string reportedOn;
};

struct PtSettings {
    bool uSuspendsScope = true;
    int frequencyMonths = 24;
};

// A reported result with what it caused.
struct PtOutcome {
    PtRound round;
    std::optional<Nonconformity> nc;
    std::vector<std::int64_t> suspendedRows;
};

class ProficiencyService {
public:
    ProficiencyService(Db& db, const Clock& clock, IdGenerator& ids, AuditLog& audit,
                       NonconformityService& ncs, PtSettings settings)
        : db_(db), clock_(clock), ids_(ids), audit_(audit), ncs_(ncs), settings_(settings) {}

    static std::vector<FieldError> roundProblems(const PtRoundInput& in);
    static std::vector<FieldError> resultProblems(const PtResultInput& in, const std::string& today);
    std::string today() const { return isoDateInLab(clock_.now()); }

    // Errors: 400 naming each bad field (parameter unknown in this lab); 409 for the same round twice.
    PtRound createRound(const Principal& p, const PtRoundInput& in, const std::string& requestId);
    PtRound get(const Principal& p, std::int64_t id);
    std::vector<PtRound> list(const Principal& p, std::int64_t afterId, int limit);
    // Errors: 400; 404; 409 when a result is recorded already; 412.
    PtOutcome report(const Principal& p, std::int64_t id, int expectedVersion, const PtResultInput& in,
                     const std::string& requestId);
    // R26 on today's date: sub-fields of the CNAS scope in force without a satisfactory result
    // within the frequency, and missed mandated rounds.
    std::vector<CoverageGap> coverage(const Principal& p);
    // Rounds classified Q within the last `months` months (warnings, R25).
    std::vector<PtRound> questionable(const Principal& p);
    // Called when an NC is verified: lifts the suspensions it caused, on the verification date.
    void onNcVerified(Tx& tx, const Principal& p, const Nonconformity& nc, const std::string& requestId);

private:
    Db& db_;
    const Clock& clock_;
    IdGenerator& ids_;
    AuditLog& audit_;
    NonconformityService& ncs_;
    PtSettings settings_;
    ProficiencyRepository repo_;
    ScopeRepository scope_;
    RegisterRepository register_;
};

}  // namespace assay::accreditation
