// AccreditationModule: the one place where the accreditation module is wired.
#include "AccreditationModule.hpp"

#include "api/QualificationApi.hpp"
#include "api/RegisterApi.hpp"
#include "api/ScopeApi.hpp"
#include "api/StaffApi.hpp"
#include "assay/ModuleContext.hpp"
#include "domain/QualificationService.hpp"
#include "domain/RegisterService.hpp"
#include "domain/ScopeService.hpp"
#include "domain/StaffService.hpp"

namespace assay::accreditation {

void AccreditationModule::initialize(ModuleContext& ctx) {
    Permissions& perms = ctx.permissions();
    perms.grantRoles({"manager", "technician", "reviewer", "signatory"}, "register:read");
    perms.grant("manager", "register:write");
    perms.grantRoles({"manager", "technician", "reviewer", "signatory"}, "accreditation:read");
    perms.grant("manager", "accreditation:write");

    register_ = std::make_shared<RegisterService>(ctx.db(), ctx.clock(), ctx.ids(), ctx.audit(),
                                                  ctx.services().require<identity::OrganizationDirectory>());
    ctx.services().publish<Register>(register_);
    registerRegisterRoutes(ctx.router(), *register_);

    auto& orgs = ctx.services().require<identity::OrganizationDirectory>();
    qualifications_ = std::make_shared<QualificationService>(ctx.db(), ctx.clock(), ctx.ids(), ctx.audit(), orgs);
    ctx.services().publish<QualificationStatus>(qualifications_);
    registerQualificationRoutes(ctx.router(), *qualifications_);

    scope_ = std::make_shared<ScopeService>(ctx.db(), ctx.clock(), ctx.ids(), ctx.audit(), orgs);
    ctx.services().publish<ScopeCheck>(scope_);
    registerScopeRoutes(ctx.router(), *scope_);

    staff_ = std::make_shared<StaffService>(ctx.db(), ctx.clock(), ctx.ids(), ctx.audit(), orgs,
                                            ctx.services().require<identity::UserDirectory>());
    ctx.services().publish<StaffAuthorization>(staff_);
    registerStaffRoutes(ctx.router(), *staff_);
}

void AccreditationModule::seedDemo(ModuleContext&) {
    register_->seedDemo("GDQT");
    qualifications_->seedDemo("GDQT");
    scope_->seedDemo("GDQT");
    staff_->seedDemo("GDQT");
}

}  // namespace assay::accreditation
