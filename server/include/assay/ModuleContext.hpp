// ModuleContext: what the host hands a module at initialize() and seedDemo().
//
// Purpose: the only way a module reaches shared infrastructure: the database pool, the injected
// clock and id generator, the audit trail, the router, the permission grants, the service
// registry through which modules talk to each other, and the validated configuration.
// Ownership: the host owns everything here and outlives every module.
// Thread-safety: see each member; the references themselves never change.
#pragma once

#include <string>

#include "assay/Audit.hpp"
#include "assay/Clock.hpp"
#include "assay/Config.hpp"
#include "assay/Db.hpp"
#include "assay/Http.hpp"
#include "assay/IdGenerator.hpp"
#include "assay/Permissions.hpp"
#include "assay/ServiceRegistry.hpp"

namespace assay {

class ModuleContext {
public:
    ModuleContext(Db& db, const Clock& clock, IdGenerator& ids, AuditLog& audit, Router& router,
                  Permissions& permissions, ServiceRegistry& services, const Config& config)
        : db_(db), clock_(clock), ids_(ids), audit_(audit), router_(router),
          permissions_(permissions), services_(services), config_(config) {}

    Db& db() { return db_; }
    const Clock& clock() { return clock_; }
    IdGenerator& ids() { return ids_; }
    AuditLog& audit() { return audit_; }
    Router& router() { return router_; }
    Permissions& permissions() { return permissions_; }
    ServiceRegistry& services() { return services_; }
    const Config& config() { return config_; }

private:
    Db& db_;
    const Clock& clock_;
    IdGenerator& ids_;
    AuditLog& audit_;
    Router& router_;
    Permissions& permissions_;
    ServiceRegistry& services_;
    const Config& config_;
};

}  // namespace assay
