// IdentityModule: organizations, users, roles, sessions and partner API keys.
//
// Purpose: wires IdentityService (published as Authenticator and identity::UserAdmin), its
// routes and permission grants; creates the bootstrap admin on first start; seeds the demo
// lab's organizations and people. See modules/identity/README.md.
#pragma once

#include <memory>

#include "assay/Module.hpp"

namespace assay::identity {

class IdentityService;

class IdentityModule final : public Module {
public:
    std::string id() const override { return "identity"; }
    std::vector<std::string> dependencies() const override { return {"host"}; }
    std::vector<ConfigKey> configKeys() const override;
    void initialize(ModuleContext& ctx) override;
    void seedDemo(ModuleContext& ctx) override;

private:
    std::shared_ptr<IdentityService> service_;
};

}  // namespace assay::identity
