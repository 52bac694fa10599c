// IdentityModule: the one place where the identity module is wired.
#include "domain/IdentityMessages.hpp"
#include "IdentityModule.hpp"

#include <iostream>

#include "api/IdentityApi.hpp"
#include "assay/ModuleContext.hpp"
#include "demo/DemoOrganizations.hpp"
#include "domain/ApiKeyService.hpp"
#include "domain/IdentityService.hpp"

namespace assay::identity {

std::vector<ConfigKey> IdentityModule::configKeys() const {
    return {
        {"auth.session_ttl_minutes", "480", "how long a login session lasts"},
        {"auth.max_failed_logins", "5", "failed logins per username within auth.lockout_minutes before 429"},
        {"auth.lockout_minutes", "15", "the failed-login window and lockout length"},
        {"demo.password", "Assay-demo-2026", "password of the demo users created by `assayctl demo`"},
        {"demo.lab_name", "广东省质量检验检测研究院 (demo)", "the demo lab's name (a second demo lab instance on one platform needs another)"},
        {"demo.lab_uscc17", "12440000455801234", "the first 17 characters of the demo lab's USCC (the check character is computed)"},
    };
}

std::vector<const MessageDef*> IdentityModule::messages() const { return msg::all(); }

void IdentityModule::initialize(ModuleContext& ctx) {
    IdentitySettings s;
    s.sessionTtlMinutes = static_cast<int>(ctx.config().integer("auth.session_ttl_minutes", 1, 60 * 24 * 30));
    s.maxFailedLogins = static_cast<int>(ctx.config().integer("auth.max_failed_logins", 1, 1000));
    s.lockoutMinutes = static_cast<int>(ctx.config().integer("auth.lockout_minutes", 1, 24 * 60));

    Permissions& perms = ctx.permissions();
    // Technicians read organizations too: whoever registers an order picks its customer.
    perms.grantRoles({"admin", "manager", "technician"}, "organizations:read");
    perms.grantRoles({"admin", "manager"}, "organizations:write");
    perms.grant("admin", "api_keys:read");   // partner credentials: the instance administrator only
    perms.grant("admin", "api_keys:write");
    perms.grantRoles({"admin", "manager"}, "users:read");
    perms.grant("admin", "users:write");

    service_ = std::make_shared<IdentityService>(ctx.db(), ctx.clock(), ctx.ids(), ctx.audit(), perms, s);
    ctx.services().publish<Authenticator>(service_);
    ctx.services().publish<UserAdmin>(service_);
    ctx.services().publish<OrganizationDirectory>(service_);
    ctx.services().publish<UserDirectory>(service_);
    ctx.services().publish<Reauthentication>(service_);
    apiKeys_ = std::make_shared<ApiKeyService>(ctx.db(), ctx.clock(), ctx.ids(), ctx.audit());
    routeDeps_ = std::make_shared<IdentityDeps>(IdentityDeps{*service_, *apiKeys_});
    registerIdentityRoutes(ctx.router(), *routeDeps_);

    if (auto generated = service_->bootstrapAdmin(ctx.config().str("admin.password"))) {
        // Printed once, on stdout only (never logged): the operator must store it now.
        std::cout << "Bootstrap admin created. Username: admin  Password: " << *generated
                  << "  (shown once; change it after the first login)" << std::endl;
    }
}

void IdentityModule::seedDemo(ModuleContext& ctx) { seedDemoOrganizations(ctx.db(), *service_, ctx.config().str("demo.password"), ctx.config().str("demo.lab_name"),
                                                                  ctx.config().str("demo.lab_uscc17")); }

}  // namespace assay::identity
