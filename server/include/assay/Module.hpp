// Module: the contract between the host and a capability module (built-in or plugin).
//
// Purpose: a module owns one folder of routes, domain services and tables. The host
// (1) collects the built-in modules (server/src/BuiltinModules.cpp) and the plugins named in
// plugins.load, (2) orders them by dependencies(), (3) applies each module's migrations from
// schema/<id>/, (4) calls initialize() in that order, (5) on `assayctl demo` or run.sh calls
// seedDemo() in that order, and (6) calls shutdown() in reverse order.
// Ownership: the host owns modules; a module owns its services (shared with the registry).
// Thread-safety: initialize/seedDemo/shutdown run on the start-up thread. Handlers and
// services that a module registers must be safe to call from any request thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "assay/Config.hpp"
#include "assay/Message.hpp"

namespace assay {

class ModuleContext;
class EvidenceCheck;

// Bumped whenever Module, ModuleContext or a header they expose changes incompatibly.
// A plugin exports assay_plugin_api_version() returning the value it was built with; the host
// refuses to load a plugin whose version differs.
// 2: Module::evidenceChecks (assay/Evidence.hpp).
// 3: Principal::orgKind; Db's write/read/unitOfWork/withSession take the call site; the modules'
//    published interfaces take the caller's Tx& (one transaction per use case).
// 4: Module::messages; Error and FieldError carry a Message (assay/Message.hpp).
inline constexpr int kModuleApiVersion = 4;

class Module {
public:
    virtual ~Module() = default;
    virtual std::string id() const = 0;                         // e.g. "intake"; also schema dir
    virtual std::vector<std::string> dependencies() const { return {}; }
    virtual std::vector<ConfigKey> configKeys() const { return {}; }
    // Registers routes, grants permissions, publishes and requires services.
    // Errors: throw to abort start-up (the message names the module).
    virtual void initialize(ModuleContext& ctx) = 0;
    // Loads the demo lab's data (DOMAIN.md) for this module; must be idempotent.
    virtual void seedDemo(ModuleContext& ctx) { (void)ctx; }
    virtual void shutdown() {}
    // The cross-checks of this module's evidence rows against the audit trail (assay/Evidence.hpp),
    // run by `assayctl audit verify`. Called without initialize(), on a database that is only
    // opened: a check may use the configuration and what it is handed, nothing else.
    virtual std::vector<std::shared_ptr<EvidenceCheck>> evidenceChecks(const Config& config) const {
        (void)config;
        return {};
    }
    // The module's own message catalogue entries (assay/Message.hpp), kept beside the module;
    // the host adds them to MessageCatalogue::global() before initialize(). A key another module
    // already holds stops start-up.
    virtual std::vector<const MessageDef*> messages() const { return {}; }
};

}  // namespace assay
