// AccreditationModule: the one place where the accreditation module is wired.
#include "AccreditationModule.hpp"

#include "api/RegisterApi.hpp"
#include "assay/ModuleContext.hpp"
#include "domain/RegisterService.hpp"

namespace assay::accreditation {

void AccreditationModule::initialize(ModuleContext& ctx) {
    Permissions& perms = ctx.permissions();
    perms.grantRoles({"manager", "technician", "reviewer", "signatory"}, "register:read");
    perms.grant("manager", "register:write");

    register_ = std::make_shared<RegisterService>(ctx.db(), ctx.clock(), ctx.ids(), ctx.audit(),
                                                  ctx.services().require<identity::OrganizationDirectory>());
    ctx.services().publish<Register>(register_);
    registerRegisterRoutes(ctx.router(), *register_);
}

void AccreditationModule::seedDemo(ModuleContext&) { register_->seedDemo("GDQT"); }

}  // namespace assay::accreditation
