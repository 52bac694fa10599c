// Host: everything one assayd or assayctl process shares, wired in one place.
//
// Purpose: builds the clock, id generator, database pool, audit log, router, permissions and
// service registry from a Config; collects the built-in modules and the configured plugins;
// orders them by dependencies; migrates; initializes them. assayd, assayctl and the tests all
// start the same Host, so what the tests exercise is what production runs.
// Ownership: owns every shared object and every module (plugins are unloaded last).
// Thread-safety: start()/seedDemo()/stop() on one thread; after start() the members handed out
// are safe as documented on each type.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "Metrics.hpp"
#include "OutboxWorker.hpp"
#include "PluginLoader.hpp"
#include "assay/Audit.hpp"
#include "assay/Clock.hpp"
#include "assay/Config.hpp"
#include "assay/Db.hpp"
#include "assay/Evidence.hpp"
#include "assay/Http.hpp"
#include "assay/IdGenerator.hpp"
#include "assay/Module.hpp"
#include "assay/ModuleContext.hpp"
#include "assay/Background.hpp"
#include "assay/Outbox.hpp"
#include "assay/Permissions.hpp"
#include "assay/ServiceRegistry.hpp"

namespace assay {

class Host {
public:
    // Reads the config file and environment, loads plugins (their config keys count as
    // declared). Errors: Error(InvalidArgument) naming a bad key or value; plugin load errors.
    // builtins: the modules compiled in (normally builtinModules()).
    static std::unique_ptr<Host> create(const std::string& configFile,
                                        std::vector<std::unique_ptr<Module>> builtins,
                                        const Clock* clock = nullptr);
    ~Host();

    // Opens the database, applies pending migrations (stopping on an edited one), and
    // initializes modules in dependency order. Errors: Error naming the key, file or module.
    void start();
    // Opens the database (and the audit log) only: no migration, no module, no bootstrap admin.
    // For read-only tools (assayctl audit verify, backup) that must not change what they inspect.
    void openDatabase();
    // Runs every module's seedDemo() in dependency order.
    void seedDemo();
    // Starts this node's outbox delivery worker (assayd only, after start(); not assayctl) when
    // outbox.enabled: one thread per registered transport.
    void startOutboxWorker();
    void stop();

    const Config& config() const { return *config_; }
    Db& db() { return *db_; }
    const Clock& clock() const { return *clock_; }
    IdGenerator& ids() { return *ids_; }
    AuditLog& audit() { return *audit_; }
    Router& router() { return router_; }
    Permissions& permissions() { return permissions_; }
    ServiceRegistry& services() { return services_; }
    Metrics& metrics() { return metrics_; }
    // The outbox (published in the service registry) and this node's delivery worker; both exist
    // after start().
    Outbox& outbox() { return *outbox_; }
    // The modules' background tasks (assay/Background.hpp); exists after start().
    Background& background() { return *background_; }
    OutboxWorker& outboxWorker() { return *outboxWorker_; }
    const std::vector<std::string>& moduleOrder() const { return order_; }
    // Every module's evidence cross-checks (Module::evidenceChecks), in module order; needs only
    // create() (assayctl audit verify runs them after openDatabase()).
    std::vector<std::shared_ptr<EvidenceCheck>> evidenceChecks() const;
    std::string version() const;

private:
    Host() = default;
    void orderModules();

    // Declared first, so destroyed last: every object that may hold code from a plugin (its
    // modules, route handlers, services) is gone before the plugin library is unloaded.
    PluginLoader plugins_;
    std::unique_ptr<SystemClock> systemClock_;
    const Clock* clock_ = nullptr;
    std::unique_ptr<Config> config_;
    std::unique_ptr<IdGenerator> ids_;
    std::unique_ptr<Db> db_;
    std::unique_ptr<AuditLog> audit_;
    Router router_;
    Permissions permissions_;
    ServiceRegistry services_;
    Metrics metrics_;
    std::unique_ptr<ModuleContext> context_;
    // After db_: the worker stops before the database and the outbox (whose transports may be
    // plugin code) go.
    std::shared_ptr<Outbox> outbox_;
    std::shared_ptr<Background> background_;
    std::unique_ptr<OutboxWorker> outboxWorker_;
    std::vector<std::unique_ptr<Module>> modules_;
    std::vector<std::string> order_;
    bool started_ = false;
};

// The built-in modules, listed in one place: server/src/BuiltinModules.cpp.
std::vector<std::unique_ptr<Module>> builtinModules();

}  // namespace assay
