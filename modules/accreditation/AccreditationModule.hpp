// AccreditationModule: the lab register and accreditation records (see README.md).
//
// Purpose: wires RegisterService (published as accreditation::Register), QualificationService
// (published as accreditation::QualificationStatus), ScopeService (published as
// accreditation::ScopeCheck), StaffService (published as accreditation::StaffAuthorization),
// EquipmentService (EquipmentStatus, EquipmentUsageRegistry) and NonconformityService
// (Nonconformities), ProficiencyService (R25 suspensions, lifted when the NC is verified), their
// routes, and CapabilityService (CapabilityCheck: register + staff + equipment + scope) and permission grants; seeds
// the demo lab's register and qualifications. Depends on identity (organizations).
#pragma once

#include <memory>

#include "assay/Module.hpp"

namespace assay::accreditation {

class RegisterService;
class RegisterLookup;
class QualificationService;
class ScopeService;
class StaffService;
class NonconformityService;
class EquipmentService;
class ProficiencyService;
class CapabilityService;
class AccreditationAlerts;
class AccreditationExports;

class AccreditationModule final : public Module {
public:
    std::string id() const override { return "accreditation"; }
    std::vector<std::string> dependencies() const override { return {"host", "identity"}; }
    std::vector<ConfigKey> configKeys() const override;
    void initialize(ModuleContext& ctx) override;
    void seedDemo(ModuleContext& ctx) override;

private:
    std::shared_ptr<RegisterService> register_;
    std::shared_ptr<RegisterLookup> lookup_;
    std::shared_ptr<QualificationService> qualifications_;
    std::shared_ptr<ScopeService> scope_;
    std::shared_ptr<StaffService> staff_;
    std::shared_ptr<NonconformityService> ncs_;
    std::shared_ptr<EquipmentService> equipment_;
    std::shared_ptr<ProficiencyService> proficiency_;
    std::shared_ptr<CapabilityService> capability_;
    std::shared_ptr<AccreditationAlerts> alerts_;
    std::shared_ptr<AccreditationExports> exports_;
};

}  // namespace assay::accreditation
