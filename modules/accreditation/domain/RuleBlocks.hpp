// RuleBlocks: evidence of a blocked action.
//
// Purpose: RULES.md asks that every evaluation that blocks is written to the audit trail. A
// service that refuses an action with a RuleViolation inside its transaction (which then rolls
// back) records the refusal here, in a transaction of its own, before rethrowing.
// Thread-safety: stateless.
#pragma once

#include <string>

#include "assay/Audit.hpp"
#include "assay/Db.hpp"
#include "assay/Error.hpp"
#include "assay/Principal.hpp"

namespace assay::accreditation {

// Runs fn; when it throws a RuleViolation, audits "blocked" on entity/entityId with the rule ids
// and reasons, then rethrows. Other errors pass through untouched.
template <class F>
auto auditingBlocks(Db& db, AuditLog& audit, const Principal& p, const std::string& requestId, const std::string& entity,
                    const std::string& entityId, F&& fn) {
    try {
        return fn();
    } catch (const Error& e) {
        if (e.code() != ErrorCode::RuleViolation) throw;
        std::string rules, reasons;
        for (const auto& r : e.ruleFailures()) {
            rules += (rules.empty() ? "" : ",") + r.id;
            reasons += (reasons.empty() ? "" : "; ") + r.reason;
        }
        db.write([&](Tx& tx) { audit.record(tx, &p, requestId, {entity, entityId, "blocked", rules, std::nullopt, std::nullopt, reasons}); });
        throw;
    }
}

}  // namespace assay::accreditation
