// RequireLab: which lab a principal's lab records belong to.
//
// Purpose: modules that keep per-lab records (the register, samples, reports) take the lab from
// the principal's own organization, which must be a lab. One definition for all of them.
// The organization's kind comes with the principal (read with the session, and never changed),
// so this reads nothing and may run before or inside the use case's transaction.
// Thread-safety: stateless.
#pragma once

#include <cstdint>

#include "assay/Error.hpp"
#include "assay/Principal.hpp"

namespace assay::identity {

// The principal's lab id. Errors: 422 (FailedPrecondition) when the principal belongs to no
// organization, or to one that is not a lab.
inline std::int64_t requireLab(const Principal& p) {
    if (!p.orgId) throw Error(ErrorCode::FailedPrecondition, "lab records belong to a lab; you are in no organization");
    if (p.orgKind != "lab")
        throw Error(ErrorCode::FailedPrecondition, "lab records belong to a lab; your organization is not one");
    return *p.orgId;
}

}  // namespace assay::identity
