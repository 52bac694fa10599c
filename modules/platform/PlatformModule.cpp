// PlatformModule: the one place where the platform module is wired.
#include "PlatformModule.hpp"

#include <Poco/File.h>

#include <fstream>
#include <random>

#include <sys/stat.h>

#include "api/PlatformApi.hpp"
#include "assay/Background.hpp"
#include "assay/ModuleContext.hpp"
#include "demo/DemoPlatform.hpp"
#include "domain/PlatformMessages.hpp"
#include "net/LinkWorker.hpp"
#include "net/PlatformTransport.hpp"

namespace assay::platform {

namespace {
// The passphrase of the instance keys: the configured one, else a random one kept in
// <data.dir>/platform/instance-key.pass (mode 0600), made on first use. A cluster sets
// platform.key_passphrase on every node instead (no local file as the only copy).
std::string passphrase(const Config& c) {
    if (const std::string p = c.str("platform.key_passphrase"); !p.empty()) return p;
    const std::string dir = c.str("data.dir") + "/platform", path = dir + "/instance-key.pass";
    Poco::File(dir).createDirectories();
    std::ifstream in(path);
    std::string p;
    if (in && std::getline(in, p) && p.size() >= 32) return p;
    std::random_device rd;
    static const char* hex = "0123456789abcdef";
    p.clear();
    for (int i = 0; i < 64; ++i) p += hex[rd() % 16];
    {
        std::ofstream out(path, std::ios::trunc);
        out << p << "\n";
    }
    Poco::File(path).setReadOnly(false);
    ::chmod(path.c_str(), 0600);
    return p;
}
}  // namespace

PlatformModule::PlatformModule() = default;
PlatformModule::~PlatformModule() = default;

std::vector<ConfigKey> PlatformModule::configKeys() const {
    return {{"platform.key_passphrase", "",
             "passphrase of the lab's instance keys (encrypted PKCS#8); empty: a random one in <data.dir>/platform/instance-key.pass. "
             "Set it on every node of a cluster."}};
}

std::vector<const MessageDef*> PlatformModule::messages() const { return msg::all(); }

void PlatformModule::initialize(ModuleContext& ctx) {
    role_ = ctx.config().str("instance.role");
    const bool labPart = role_ == "lab" || role_ == "both", platformPart = role_ == "platform" || role_ == "both";
    Permissions& perms = ctx.permissions();
    perms.grant("manager", "platform_link:read");
    perms.grant("manager", "platform_link:write");
    perms.grant("platform_operator", "platform:operate");
    if (platformPart) {
        platform_ = std::make_shared<PlatformService>(ctx.db(), ctx.clock(), ctx.ids(), ctx.audit());
        feed_ = std::make_shared<FeedIngest>(ctx.db(), ctx.clock(), ctx.ids());
        platformDeps_ = std::make_unique<PlatformDeps>(PlatformDeps{*platform_, *feed_});
        registerPlatformRoutes(ctx.router(), *platformDeps_);
    }
    if (labPart) {
        Background* background = &ctx.services().require<Background>();
        LinkSettings s{passphrase(ctx.config()), platformPart, [background] { return background->localUrl(); }};
        link_ = std::make_shared<LinkService>(ctx.db(), ctx.clock(), ctx.ids(), ctx.audit(), ctx.services().require<Outbox>(),
                                              ctx.services().require<identity::OrganizationDirectory>(),
                                              ctx.services().require<accreditation::QualificationStatus>(),
                                              ctx.services().require<accreditation::CatalogueSource>(), std::move(s));
        ctx.audit().addObserver([link = link_](Tx& tx, const AuditRecord& r) { link->markCatalogueChanged(tx, r); });
        ctx.services().require<Outbox>().addTransport(std::make_shared<PlatformTransport>(ctx.db(), *link_));
        linkDeps_ = std::make_unique<LinkDeps>(LinkDeps{*link_, role_});
        registerLinkRoutes(ctx.router(), *linkDeps_);
        worker_ = std::make_shared<LinkWorker>(*link_);
        background->add({"platform.link", [w = worker_] { w->start(); }, [w = worker_] { w->stop(); }});
    }
}

void PlatformModule::seedDemo(ModuleContext& ctx) {
    if (platform_ && feed_) seedDemoPlatform(ctx, link_.get(), *feed_);
}

void PlatformModule::shutdown() {
    if (worker_) worker_->stop();
}

}  // namespace assay::platform
