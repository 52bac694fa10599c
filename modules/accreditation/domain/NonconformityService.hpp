// NonconformityService: the lab's nonconformity register (不符合工作).
//
// Purpose: an NC is opened by a manager or by another part of the system (an equipment problem,
// R16; a PT result, R25; a flagged result, R15) with its source, description, impact and impact
// list, then moves open -> action_taken -> verified -> closed, each step with its date and text,
// audited. Implements the published Nonconformities interface. Observers hear when an NC is
// verified (a PT NC lifts the scope suspension it caused, R25).
// Tenancy: the principal's own lab; another lab's NC is a 404.
// Thread-safety: safe from any request thread; observers are added at start-up.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "assay/Audit.hpp"
#include "assay/Db.hpp"
#include "assay/Error.hpp"
#include "assay/IdGenerator.hpp"
#include "assay/Principal.hpp"
#include "assay/accreditation/Nonconformities.hpp"
#include "domain/Nonconformity.hpp"
#include "storage/NonconformityRepository.hpp"

namespace assay::accreditation {

struct NcStepInput {
    std::string step;  // action | verify | close
    std::string date;
    std::string text;  // the corrective action, the verification, or the closing note
};

class NonconformityService final : public Nonconformities {
public:
    // Problems of a new NC: source, description, opened_on.
    static std::vector<FieldError> openProblems(const NewNonconformity& in);
    // Problems of a workflow step.
    static std::vector<FieldError> stepProblems(const NcStepInput& in);
    NonconformityService(Db& db, const Clock& clock, IdGenerator& ids, AuditLog& audit)
        : db_(db), clock_(clock), ids_(ids), audit_(audit) {}

    // Opens an NC inside the caller's transaction (numbered per lab). actor null = system.
    Nonconformity openIn(Tx& tx, const Principal* actor, const NewNonconformity& in, std::vector<NcImpact> impacts,
                         const std::string& requestId);
    // Errors: 400 naming source, description, opened_on.
    Nonconformity open(const Principal& p, const NewNonconformity& in, const std::string& requestId);
    Nonconformity get(const Principal& p, std::int64_t id);
    std::vector<Nonconformity> list(const Principal& p, std::optional<NcStatus> status, std::int64_t afterId, int limit);
    // Every NC that is not closed, oldest first (all pages).
    std::vector<Nonconformity> notClosed(const Principal& p);
    // Errors: 400 (step, date, text; a date in the future, an action before the opening, a
    // verification on or before the opening day or before the action, a closure before the
    // verification); 404; 409 when the step does not follow (allowed listed); 412.
    Nonconformity step(const Principal& p, std::int64_t id, int expectedVersion, const NcStepInput& in,
                       const std::string& requestId);
    // Called inside the verifying transaction with the NC just verified.
    void onVerified(std::function<void(Tx&, const Principal&, const Nonconformity&, const std::string&)> observer) {
        observers_.push_back(std::move(observer));
    }

    // Nonconformities.
    std::int64_t open(Tx& tx, const NewNonconformity& nc, const std::string& requestId) override;

private:
    Db& db_;
    const Clock& clock_;
    IdGenerator& ids_;
    AuditLog& audit_;
    NonconformityRepository repo_;
    std::vector<std::function<void(Tx&, const Principal&, const Nonconformity&, const std::string&)>> observers_;
};

}  // namespace assay::accreditation
