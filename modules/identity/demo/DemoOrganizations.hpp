// DemoOrganizations: the demo's organizations and people (DOMAIN.md), for `assayctl demo` and
// the tests that call Host::seedDemo().
//
// Purpose: records the demo lab GDQT, two customers, the partner lab SZJC and their users through
// IdentityService's public use cases (each its own transaction), the system acting as the
// instance's administrator; skips what is there already, so seeding twice changes nothing.
// Ownership: borrows the service for the call. Thread-safety: start-up thread only.
#pragma once

#include <string>

#include "assay/Db.hpp"
#include "domain/IdentityService.hpp"

namespace assay::identity {

// Every demo user gets demoPassword (the config key demo.password).
void seedDemoOrganizations(Db& db, IdentityService& identity, const std::string& demoPassword, const std::string& labName,
                           const std::string& labUscc17);

}  // namespace assay::identity
