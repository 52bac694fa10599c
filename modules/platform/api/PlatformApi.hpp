// PlatformApi: the platform module's routes (README.md lists them).
#pragma once

#include "assay/Http.hpp"
#include "domain/FeedIngest.hpp"
#include "domain/LinkService.hpp"
#include "domain/PlatformService.hpp"

namespace assay::platform {

struct LinkDeps {
    LinkService& link;
    std::string role;
};
struct PlatformDeps {
    PlatformService& platform;
    FeedIngest& feed;
    class PortalService* portal = nullptr;  // the customer's name on a verification, where it consented (R38)
};

void registerLinkRoutes(Router& router, LinkDeps& deps);
void registerPlatformRoutes(Router& router, PlatformDeps& deps);

}  // namespace assay::platform
