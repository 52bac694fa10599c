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
};

void registerLinkRoutes(Router& router, LinkDeps& deps);
void registerPlatformRoutes(Router& router, PlatformDeps& deps);

}  // namespace assay::platform
