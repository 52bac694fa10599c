// Host: construction order, module ordering, migration and start-up.
#include "Host.hpp"

#include "assay/Message.hpp"

#include "assay/Faults.hpp"

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <random>
#include <set>

#include <Poco/AutoPtr.h>
#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include "HostModule.hpp"
#include "Migrator.hpp"
#include "assay/Log.hpp"

#ifndef ASSAY_VERSION
#define ASSAY_VERSION "0.0.0"
#endif

namespace assay {

namespace {
// plugins.load must be known before the full key set is (plugins declare keys of their own).
std::string peek(const std::string& file, const std::string& key) {
    if (const char* v = std::getenv(Config::envName(key).c_str())) return v;
    if (file.empty() || !Poco::File(file).exists()) return {};
    Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> p = new Poco::Util::PropertyFileConfiguration(file);
    return p->getString(key, "");
}
}  // namespace

std::unique_ptr<Host> Host::create(const std::string& configFile, std::vector<std::unique_ptr<Module>> builtins,
                                   const Clock* clock) {
    std::unique_ptr<Host> h(new Host());
    if (clock) {
        h->clock_ = clock;
    } else {
        h->systemClock_ = std::make_unique<SystemClock>();
        h->clock_ = h->systemClock_.get();
    }
    h->modules_.push_back(std::make_unique<HostModule>(*h));
    for (auto& m : builtins) h->modules_.push_back(std::move(m));
    std::vector<std::string> pluginPaths;
    {
        auto tmp = Config::fromMap({{"plugins.load", peek(configFile, "plugins.load")}}, Config::hostKeys());
        pluginPaths = tmp.list("plugins.load");
    }
    for (auto& m : h->plugins_.load(pluginPaths)) h->modules_.push_back(std::move(m));

    std::vector<ConfigKey> keys = Config::hostKeys();
    for (const auto& m : h->modules_)
        for (const auto& k : m->configKeys()) keys.push_back(k);
    h->config_ = std::make_unique<Config>(Config::load(configFile, keys));

    LogLevel level;
    if (!Log::parseLevel(h->config_->str("log.level"), level))
        throw Error::invalidField("log.level", "must be debug, info, warn or error");
    Log::setLevel(level);
    const std::string role = h->config_->str("instance.role");
    if (role != "lab" && role != "platform" && role != "both")
        throw Error::invalidField("instance.role", "must be lab, platform or both");
    const std::string sync = h->config_->str("db.sqlite_synchronous");
    if (sync != "FULL" && sync != "NORMAL") throw Error::invalidField("db.sqlite_synchronous", "must be FULL or NORMAL");
    // Validate every numeric key up front so a bad value aborts start-up naming itself.
    h->config_->integer("http.port", 0, 65535);
    h->config_->integer("http.min_threads", 1, 4096);
    h->config_->integer("http.max_threads", 1, 4096);
    h->config_->integer("http.max_queued", 1, 100000);
    h->config_->integer("http.keep_alive_timeout_s", 1, 3600);
    h->config_->integer("http.backlog", 1, 65535);
    h->config_->integer("http.max_body_bytes", 1024, 1LL << 32);
    if (h->config_->str("tls.cert").empty() != h->config_->str("tls.key").empty())
        throw Error::invalidField(h->config_->str("tls.cert").empty() ? "tls.cert" : "tls.key",
                                  "tls.cert and tls.key must be set together");
    DbUrl::parse(h->config_->str("db.url"));
    h->config_->boolean("outbox.enabled");
    h->config_->integer("outbox.poll_ms", 10, 600000);
    const auto backoffMin = h->config_->integer("outbox.backoff_min_ms", 10, 3600000);
    if (h->config_->integer("outbox.backoff_max_ms", 10, 86400000) < backoffMin)
        throw Error::invalidField("outbox.backoff_max_ms", "must not be less than outbox.backoff_min_ms");
    h->config_->integer("outbox.lease_ms", 1000, 3600000);

    h->ids_ = std::make_unique<TimeOrderedIdGenerator>(*h->clock_,
                                                       static_cast<int>(h->config_->integer("node.id", 0, 1023)));
    h->orderModules();
    return h;
}

Host::~Host() { stop(); }

void Host::orderModules() {
    std::map<std::string, Module*> byId;
    for (auto& m : modules_) {
        if (!byId.emplace(m->id(), m.get()).second) throw std::logic_error("two modules with id " + m->id());
    }
    std::set<std::string> done, visiting;
    std::function<void(Module*)> visit = [&](Module* m) {
        if (done.count(m->id())) return;
        if (visiting.count(m->id())) throw std::logic_error("module dependency cycle at " + m->id());
        visiting.insert(m->id());
        for (const auto& d : m->dependencies()) {
            auto it = byId.find(d);
            if (it == byId.end()) throw std::logic_error("module " + m->id() + " depends on missing module " + d);
            visit(it->second);
        }
        visiting.erase(m->id());
        done.insert(m->id());
        order_.push_back(m->id());
    };
    for (auto& m : modules_) visit(m.get());
}

void Host::openDatabase() {
    const auto& c = *config_;
    DbOptions opt;
    opt.poolSize = static_cast<std::size_t>(c.integer("db.pool_size", 1, 1024));
    opt.busyTimeoutMs = static_cast<int>(c.integer("db.busy_timeout_ms", 100, 600000));
    opt.sqliteSynchronous = c.str("db.sqlite_synchronous");
    const DbUrl url = DbUrl::parse(c.str("db.url"));
    if (url.kind == DbKind::Sqlite && url.sqlitePath != ":memory:") {
        Poco::Path p(url.sqlitePath);
        if (p.depth() > 0 || p.isAbsolute()) Poco::File(p.parent()).createDirectories();
    }
    db_ = std::make_unique<Db>(url, opt);
    audit_ = std::make_unique<AuditLog>(*clock_, *ids_);
}

void Host::start() {
    const auto& c = *config_;
    if (const std::string faults = faults::armFromEnvironment(); !faults.empty())
        Log::warn("host.test_faults_armed", {{"points", faults}});  // tests only: ASSAY_TEST_FAULT
    Poco::File(c.str("data.dir")).createDirectories();
    openDatabase();
    const DbUrl& url = db_->url();

    Migrator migrator(*db_, c.str("db.schema_dir"), *clock_);
    if (!Poco::File(c.str("db.schema_dir")).exists())
        throw Error::invalidField("db.schema_dir", "directory not found: " + c.str("db.schema_dir"));
    migrator.migrate(order_);

    outbox_ = std::make_shared<Outbox>(*clock_, *ids_);
    services_.publish<Outbox>(outbox_);
    background_ = std::make_shared<Background>();
    services_.publish<Background>(background_);  // modules enqueue through it; transports register on it
    context_ = std::make_unique<ModuleContext>(*db_, *clock_, *ids_, *audit_, router_, permissions_, services_, c);
    std::map<std::string, Module*> byId;
    for (auto& m : modules_) byId[m->id()] = m.get();
    for (const auto& id : order_) {
        MessageCatalogue::global().add(id, byId[id]->messages());
        if (auto problems = MessageCatalogue::global().problems(); !problems.empty())
            throw std::runtime_error("module " + id + " has a broken message: " + problems.front());
    }
    for (const auto& id : order_) {
        try {
            byId[id]->initialize(*context_);
        } catch (const Error& e) {
            throw Error(e.code(), "module " + id + ": " + e.publicMessage(), e.internalMessage());
        } catch (const std::exception& e) {
            throw std::runtime_error("module " + id + " failed to initialize: " + e.what());
        }
    }
    // Transports are registered in initialize(); from here on the list is fixed.
    outbox_->seal();
    OutboxOptions outbox;
    outbox.pollMs = static_cast<int>(c.integer("outbox.poll_ms", 10, 600000));
    outbox.backoffMinMs = c.integer("outbox.backoff_min_ms", 10, 3600000);
    outbox.backoffMaxMs = c.integer("outbox.backoff_max_ms", 10, 86400000);
    outbox.leaseMs = c.integer("outbox.lease_ms", 1000, 3600000);
    {
        // The node's name for stream leases: its node.id and its data directory. A node restarted
        // after a crash (kill -9, power cut) has the same name and takes its streams back at once
        // instead of waiting out its own lease; two nodes never share a data directory.
        char tag[9];
        const std::string dir = Poco::Path(c.str("data.dir")).absolute().toString();
        std::snprintf(tag, sizeof tag, "%08x", static_cast<unsigned>(std::hash<std::string>{}(dir) & 0xffffffffu));
        outbox.node = "node" + std::to_string(c.integer("node.id", 0, 1023)) + "-" + tag;
    }
    outboxWorker_ = std::make_unique<OutboxWorker>(*db_, *clock_, *outbox_, outbox);
    started_ = true;
    Log::info("host.started", {{"db", url.redacted()}, {"modules", std::to_string(order_.size())},
                               {"routes", std::to_string(router_.routes().size())}});
}

void Host::seedDemo() {
    std::map<std::string, Module*> byId;
    for (auto& m : modules_) byId[m->id()] = m.get();
    for (const auto& id : order_) byId[id]->seedDemo(*context_);
}

void Host::startOutboxWorker() {
    if (!started_) return;
    if (background_) background_->startAll();
    if (!config_->boolean("outbox.enabled")) return;
    outboxWorker_->start();
}

void Host::stop() {
    if (!started_) return;
    started_ = false;
    // No transport is called once the modules (and plugins) that made them shut down.
    if (outboxWorker_) outboxWorker_->stop();
    if (background_) background_->stopAll();
    std::map<std::string, Module*> byId;
    for (auto& m : modules_) byId[m->id()] = m.get();
    for (auto it = order_.rbegin(); it != order_.rend(); ++it) {
        try {
            byId[*it]->shutdown();
        } catch (const std::exception& e) {
            Log::warn("module.shutdown_failed", {{"module", *it}, {"error", e.what()}});
        }
    }
    if (outbox_) outbox_->clear();
    services_.clear();
}

std::vector<std::shared_ptr<EvidenceCheck>> Host::evidenceChecks() const {
    std::map<std::string, const Module*> byId;
    for (const auto& m : modules_) byId[m->id()] = m.get();
    std::vector<std::shared_ptr<EvidenceCheck>> out;
    for (const auto& id : order_)
        for (auto& c : byId.at(id)->evidenceChecks(*config_)) out.push_back(std::move(c));
    return out;
}

std::string Host::version() const { return ASSAY_VERSION; }

}  // namespace assay
