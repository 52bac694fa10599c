// CapabilityService: contract review's capability verdict (CapabilityCheck), composed from the
// register (R23), the staff authorizations (R13), the equipment (R15) and the scope (R1, R5, R25).
//
// Purpose: one answer per requested test item, with every reason, so the reviewer sees at once
// whether the lab can do the item and whether it is inside the CMA and CNAS scope.
// Ownership: borrows the module's services. Thread-safety: safe from any request thread.
#pragma once

#include "assay/Error.hpp"
#include "assay/Principal.hpp"
#include "assay/accreditation/CapabilityCheck.hpp"
#include "assay/identity/OrganizationDirectory.hpp"
#include "domain/EquipmentService.hpp"
#include "domain/ScopeService.hpp"
#include "domain/StaffService.hpp"

namespace assay::accreditation {

class CapabilityService final : public CapabilityCheck {
public:
    CapabilityService(Db& db, Register& reg, StaffService& staff, EquipmentService& equipment, ScopeService& scope)
        : db_(db), reg_(reg), staff_(staff), equipment_(equipment), scope_(scope) {}

    std::string today() const { return scope_.today(); }
    // For the principal's lab. Errors: 400 naming the missing inputs.
    CapabilityVerdict check(const Principal& p, CapabilityQuery q);
    CapabilityVerdict check(Tx& tx, const CapabilityQuery& q) override;

private:
    Db& db_;
    Register& reg_;
    StaffService& staff_;
    EquipmentService& equipment_;
    ScopeService& scope_;
};

}  // namespace assay::accreditation
