// LabTenancy: which lab a principal's accreditation records belong to.
//
// Purpose: every accreditation record belongs to a lab, and the lab is always the principal's
// own organization; one definition shared by the module's services.
// Thread-safety: stateless.
#pragma once

#include <cstdint>

#include "assay/Error.hpp"
#include "assay/Principal.hpp"
#include "assay/identity/OrganizationDirectory.hpp"

namespace assay::accreditation {

// The principal's lab id. Errors: 422 (FailedPrecondition) when the principal belongs to no
// organization, or to one that is not a lab.
inline std::int64_t requireLab(identity::OrganizationDirectory& orgs, const Principal& p) {
    if (!p.orgId) throw Error(ErrorCode::FailedPrecondition, "accreditation records belong to a lab; you are in no organization");
    auto org = orgs.organizationById(*p.orgId);
    if (!org || org->kind != "lab")
        throw Error(ErrorCode::FailedPrecondition, "accreditation records belong to a lab; your organization is not one");
    return org->id;
}

}  // namespace assay::accreditation
