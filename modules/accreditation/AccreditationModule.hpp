// AccreditationModule: the lab register and accreditation records (see README.md).
//
// Purpose: wires the register's services (StandardService, MethodService, ParameterService,
// SpecificationService, PriceService, RegisterImport; RegisterLookup published as
// accreditation::Register), QualificationService
// (published as accreditation::QualificationStatus), ScopeService (published as
// accreditation::ScopeCheck), StaffService (published as accreditation::StaffAuthorization),
// EquipmentService (EquipmentStatus, EquipmentUsageRegistry) and NonconformityService
// (Nonconformities), ProficiencyService (R25 suspensions, lifted when the NC is verified), their
// routes, and CapabilityService (CapabilityCheck: register + staff + equipment + scope) and permission grants; seeds
// the demo lab (demo/DemoLab). Depends on identity (organizations).
#pragma once

#include <memory>

#include "assay/Module.hpp"

namespace assay::accreditation {

class StandardService;
class MethodService;
class ParameterService;
class SpecificationService;
class PriceService;
class RegisterImport;
struct RegisterDeps;
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
    std::vector<const MessageDef*> messages() const override;  // domain/AccreditationMessages.hpp
    void initialize(ModuleContext& ctx) override;
    void seedDemo(ModuleContext& ctx) override;

private:
    std::shared_ptr<StandardService> standards_;
    std::shared_ptr<MethodService> methods_;
    std::shared_ptr<ParameterService> parameters_;
    std::shared_ptr<SpecificationService> specifications_;
    std::shared_ptr<PriceService> prices_;
    std::shared_ptr<RegisterImport> import_;
    std::shared_ptr<RegisterDeps> registerDeps_;  // the register routes' services
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
