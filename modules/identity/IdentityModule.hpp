// IdentityModule: organizations, users, roles, sessions and partner API keys.
//
// Purpose: wires IdentityService (published as Authenticator, identity::UserAdmin,
// OrganizationDirectory, UserDirectory and Reauthentication) and ApiKeyService, their
// routes and permission grants; creates the bootstrap admin on first start; seeds the demo
// lab's organizations and people (demo/DemoOrganizations). See modules/identity/README.md.
#pragma once

#include <memory>

#include "assay/Module.hpp"

namespace assay::identity {

class IdentityService;
class ApiKeyService;
struct IdentityDeps;

class IdentityModule final : public Module {
public:
    std::string id() const override { return "identity"; }
    std::vector<std::string> dependencies() const override { return {"host"}; }
    std::vector<ConfigKey> configKeys() const override;
    void initialize(ModuleContext& ctx) override;
    std::vector<const MessageDef*> messages() const override;  // domain/IdentityMessages.hpp
    void seedDemo(ModuleContext& ctx) override;

private:
    std::shared_ptr<IdentityService> service_;
    std::shared_ptr<ApiKeyService> apiKeys_;
    std::shared_ptr<IdentityDeps> routeDeps_;  // the identity routes' services
};

}  // namespace assay::identity
