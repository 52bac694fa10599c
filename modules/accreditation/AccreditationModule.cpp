// AccreditationModule: the one place where the accreditation module is wired.
#include "AccreditationModule.hpp"

#include "domain/CatalogueRows.hpp"
#include "domain/AccreditationMessages.hpp"

#include "api/AlertApi.hpp"
#include "api/CapabilityApi.hpp"
#include "api/EquipmentApi.hpp"
#include "api/ExportApi.hpp"
#include "api/NonconformityApi.hpp"
#include "api/ProficiencyApi.hpp"
#include "api/QualificationApi.hpp"
#include "api/RegisterApi.hpp"
#include "api/ScopeApi.hpp"
#include "api/StaffApi.hpp"
#include "assay/Error.hpp"
#include "assay/ModuleContext.hpp"
#include "demo/DemoLab.hpp"
#include "domain/AccreditationAlerts.hpp"
#include "domain/AccreditationExports.hpp"
#include "domain/CapabilityService.hpp"
#include "domain/EquipmentService.hpp"
#include "domain/NonconformityService.hpp"
#include "domain/ProficiencyService.hpp"
#include "domain/QualificationService.hpp"
#include "domain/MethodService.hpp"
#include "domain/ParameterService.hpp"
#include "domain/PriceService.hpp"
#include "domain/RegisterImport.hpp"
#include "domain/RegisterLookup.hpp"
#include "domain/ScopeService.hpp"
#include "domain/SpecificationService.hpp"
#include "domain/StaffService.hpp"
#include "domain/StandardService.hpp"

namespace assay::accreditation {

std::vector<const MessageDef*> AccreditationModule::messages() const { return msg::all(); }

std::vector<ConfigKey> AccreditationModule::configKeys() const {
    return {{"accreditation.r15_policy", "block",
             "R15 lab policy for results on equipment or reference materials not usable on the test date: "
             "block (refuse) or flag (allow under a nonconformity, without a CMA or CNAS mark)"},
            {"accreditation.pt_u_suspends_scope", "true",
             "R25: an unsatisfactory (U) PT result suspends the linked scope rows until the corrective action is verified"},
            {"accreditation.pt_frequency_months", "24",
             "R26: each accredited sub-field needs a satisfactory PT result within this many months (the accreditation cycle)"}};
}

void AccreditationModule::initialize(ModuleContext& ctx) {
    const std::string r15 = ctx.config().str("accreditation.r15_policy");
    if (r15 != "block" && r15 != "flag")
        throw Error::invalidField("accreditation.r15_policy", "must be block or flag, not '" + r15 + "'");
    Permissions& perms = ctx.permissions();
    perms.grantRoles({"manager", "technician", "reviewer", "signatory"}, "register:read");
    perms.grant("manager", "register:write");
    perms.grantRoles({"manager", "technician", "reviewer", "signatory"}, "accreditation:read");
    perms.grant("manager", "accreditation:write");

    standards_ = std::make_shared<StandardService>(ctx.db(), ctx.clock(), ctx.ids(), ctx.audit());
    methods_ = std::make_shared<MethodService>(ctx.db(), ctx.clock(), ctx.ids(), ctx.audit());
    parameters_ = std::make_shared<ParameterService>(ctx.db(), ctx.clock(), ctx.ids(), ctx.audit());
    specifications_ = std::make_shared<SpecificationService>(ctx.db(), ctx.clock(), ctx.ids(), ctx.audit());
    prices_ = std::make_shared<PriceService>(ctx.db(), ctx.clock(), ctx.ids(), ctx.audit());
    import_ = std::make_shared<RegisterImport>(ctx.db(), ctx.clock(), *standards_, *methods_, *parameters_, *specifications_,
                                               *prices_);
    registerDeps_ = std::make_shared<RegisterDeps>(
        RegisterDeps{*standards_, *methods_, *parameters_, *specifications_, *prices_, *import_});
    lookup_ = std::make_shared<RegisterLookup>();
    ctx.services().publish<Register>(lookup_);
    registerRegisterRoutes(ctx.router(), *registerDeps_);

    qualifications_ = std::make_shared<QualificationService>(ctx.db(), ctx.clock(), ctx.ids(), ctx.audit());
    ctx.services().publish<QualificationStatus>(qualifications_);
    registerQualificationRoutes(ctx.router(), *qualifications_);

    scope_ = std::make_shared<ScopeService>(ctx.db(), ctx.clock(), ctx.ids(), ctx.audit());
    ctx.services().publish<ScopeCheck>(scope_);
    ctx.services().publish<ProductCatalog>(scope_);
    ctx.services().publish<CatalogueSource>(std::make_shared<CatalogueRows>());
    registerScopeRoutes(ctx.router(), *scope_);

    staff_ = std::make_shared<StaffService>(ctx.db(), ctx.clock(), ctx.ids(), ctx.audit(),
                                            ctx.services().require<identity::UserDirectory>());
    ctx.services().publish<StaffAuthorization>(staff_);
    registerStaffRoutes(ctx.router(), *staff_);

    ncs_ = std::make_shared<NonconformityService>(ctx.db(), ctx.clock(), ctx.ids(), ctx.audit());
    ctx.services().publish<Nonconformities>(ncs_);
    equipment_ = std::make_shared<EquipmentService>(ctx.db(), ctx.clock(), ctx.ids(), ctx.audit(), *ncs_,
                                                    ctx.config().str("accreditation.r15_policy"));
    ctx.services().publish<EquipmentStatus>(equipment_);
    ctx.services().publish<EquipmentUsageRegistry>(equipment_);
    registerEquipmentRoutes(ctx.router(), *equipment_);
    registerNonconformityRoutes(ctx.router(), *ncs_);
    PtSettings pt;
    pt.uSuspendsScope = ctx.config().boolean("accreditation.pt_u_suspends_scope");
    pt.frequencyMonths = static_cast<int>(ctx.config().integer("accreditation.pt_frequency_months", 1, 120));
    proficiency_ = std::make_shared<ProficiencyService>(ctx.db(), ctx.clock(), ctx.ids(), ctx.audit(), *ncs_, pt);
    ncs_->onVerified([pts = proficiency_.get()](Tx& tx, const Principal& p, const Nonconformity& nc, const std::string& rid) {
        pts->onNcVerified(tx, p, nc, rid);
    });
    registerProficiencyRoutes(ctx.router(), *proficiency_);
    alerts_ = std::make_shared<AccreditationAlerts>(*qualifications_, *equipment_, *ncs_, *proficiency_);
    registerAlertRoutes(ctx.router(), *alerts_);
    exports_ = std::make_shared<AccreditationExports>(*standards_, *methods_, *parameters_, *specifications_, *scope_,
                                                      *equipment_, *staff_);
    registerExportRoutes(ctx.router(), *exports_);

    capability_ = std::make_shared<CapabilityService>(ctx.db(), *lookup_, *staff_, *equipment_, *scope_);
    ctx.services().publish<CapabilityCheck>(capability_);
    registerCapabilityRoutes(ctx.router(), *capability_);
}

void AccreditationModule::seedDemo(ModuleContext& ctx) {
    seedDemoLab({ctx.db(), ctx.services().require<identity::OrganizationDirectory>(),
                 ctx.services().require<identity::UserDirectory>(), *standards_, *methods_, *parameters_, *specifications_,
                 *prices_, *qualifications_, *scope_, *staff_, *equipment_},
                "GDQT");
}

}  // namespace assay::accreditation
