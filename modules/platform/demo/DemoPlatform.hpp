// DemoPlatform: the platform's demo (`assayctl demo` in role platform or both).
//
// Purpose: in role both, the demo lab asks to enrol through its own link (its instance key, its
// signed request) and the operator approves it; assayd then applies the decision from the inbox
// and publishes the lab's catalogue over the loopback link. Two more demo labs in other regions
// (their own keys; one with its CNAS accreditation suspended) enrol and send their signed
// catalogue messages and a report record through the same checks a remote lab's go through
// (FeedIngest::receive), so a search for 铅 大米 finds several labs at once. Skips what exists.
#pragma once

#include "assay/ModuleContext.hpp"

namespace assay::platform {

class LinkService;
class FeedIngest;

void seedDemoPlatform(ModuleContext& ctx, LinkService* link, FeedIngest& feed);

}  // namespace assay::platform
