// TestingRules: small helpers the testing services share.
//
// Purpose: the name a principal's actions are recorded under, and an accreditation verdict
// turned into the rule error it carries (R13, R23 ...). Thread-safety: pure functions.
#pragma once

#include <string>

#include "assay/Error.hpp"
#include "assay/Principal.hpp"
#include "assay/accreditation/StaffAuthorization.hpp"

namespace assay::testing {

// The display name, else the username: what a result or record keeps of who acted.
inline std::string nameOf(const Principal& p) { return p.displayName.empty() ? p.username : p.displayName; }

// Throws the verdict's rule error (422) unless it allows the action.
inline void requireOk(const accreditation::RuleVerdict& v) {
    if (!v.ok) throw Error::rule(v.rule, v.why.empty() ? Message::legacy(v.reason) : v.why);
}

}  // namespace assay::testing
