// PlatformModule: the one place where the platform module is wired.
#include "PlatformModule.hpp"

#include <Poco/File.h>

#include <fstream>
#include <random>

#include <sys/stat.h>

#include "api/PlatformApi.hpp"
#include "api/InstrumentApi.hpp"
#include "api/PortalApi.hpp"
#include "assay/Background.hpp"
#include "assay/ModuleContext.hpp"
#include "assay/Uscc.hpp"
#include "demo/DemoPlatform.hpp"
#include "domain/PlatformMessages.hpp"
#include "domain/InstrumentMessages.hpp"
#include "domain/PortalMessages.hpp"
#include "net/InstrumentSweeper.hpp"
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
             "Set it on every node of a cluster."},
            {"mail.smtp_host", "", "SMTP server of the portal's e-mails (codes); empty: each mail is written to mail.drop_dir"},
            {"mail.smtp_port", "25", "SMTP port"},
            {"mail.from", "noreply@assay.local", "the sender of the portal's e-mails"},
            {"mail.drop_dir", "", "where mails go without an SMTP server; empty: <data.dir>/mail"},
            {"platform.instrument_grace_minutes", "60", "a shared-instrument booking not started this long after its start lapses as a no-show"},
            {"platform.instrument_cancel_free_hours", "24", "cancelling a shared-instrument booking is free until this many hours before it starts"}};
}

std::vector<const MessageDef*> PlatformModule::messages() const {
    auto out = msg::all();
    for (const auto* m : msg::portalMessages()) out.push_back(m);
    for (const auto* m : msg::instrumentMessages()) out.push_back(m);
    return out;
}

void PlatformModule::initialize(ModuleContext& ctx) {
    role_ = ctx.config().str("instance.role");
    const bool labPart = role_ == "lab" || role_ == "both", platformPart = role_ == "platform" || role_ == "both";
    Permissions& perms = ctx.permissions();
    perms.grant("manager", "platform_link:read");
    perms.grant("manager", "platform_link:write");
    perms.grant("platform_operator", "platform:operate");
    perms.grant("sme", "portal:use");
    perms.grantRoles({"sme", "partner"}, "instruments:book");
    perms.grant("manager", "instruments:share");
    perms.grantRoles({"manager", "technician"}, "instruments:operate");
    auto& users = ctx.services().require<identity::UserAdmin>();
    auto& orgs = ctx.services().require<identity::OrganizationDirectory>();
    if (platformPart) {
        const Config& c = ctx.config();
        MailSettings mail{c.str("mail.smtp_host"), static_cast<int>(c.integer("mail.smtp_port", 1, 65535)), c.str("mail.from"),
                          c.str("mail.drop_dir").empty() ? c.str("data.dir") + "/mail" : c.str("mail.drop_dir")};
        mailer_ = std::make_shared<Mailer>(mail);
        platform_ = std::make_shared<PlatformService>(ctx.db(), ctx.clock(), ctx.ids(), ctx.audit());
        feed_ = std::make_shared<FeedIngest>(ctx.db(), ctx.clock(), ctx.ids());
        portal_ = std::make_shared<PortalService>(ctx.db(), ctx.clock(), ctx.ids(), ctx.audit(), users, orgs, *mailer_);
        feed_->setPortal(portal_.get());
        instrumentBookings_ = std::make_shared<InstrumentBookings>(
            ctx.db(), ctx.clock(), ctx.ids(), ctx.audit(), orgs,
            InstrumentSettings{static_cast<int>(c.integer("platform.instrument_grace_minutes", 1, 24 * 60)),
                               static_cast<int>(c.integer("platform.instrument_cancel_free_hours", 0, 24 * 30))});
        feed_->setInstruments(instrumentBookings_.get());
        instrumentDeps_ = std::make_unique<InstrumentDeps>(InstrumentDeps{*instrumentBookings_});
        registerInstrumentRoutes(ctx.router(), *instrumentDeps_);
        if (auto* background = ctx.services().find<Background>()) {
            sweeper_ = std::make_shared<InstrumentSweeper>(*instrumentBookings_);
            background->add({"platform.instrument_sweep", [s = sweeper_] { s->start(); }, [s = sweeper_] { s->stop(); }});
        }
        platformDeps_ = std::make_unique<PlatformDeps>(PlatformDeps{*platform_, *feed_, portal_.get()});
        registerPlatformRoutes(ctx.router(), *platformDeps_);
        portalDeps_ = std::make_unique<PortalDeps>(PortalDeps{*portal_});
        registerPortalRoutes(ctx.router(), *portalDeps_);
    }
    if (labPart) {
        Background* background = &ctx.services().require<Background>();
        LinkSettings s{passphrase(ctx.config()), platformPart, [background] { return background->localUrl(); }};
        link_ = std::make_shared<LinkService>(ctx.db(), ctx.clock(), ctx.ids(), ctx.audit(), ctx.services().require<Outbox>(),
                                              ctx.services().require<identity::OrganizationDirectory>(),
                                              ctx.services().require<accreditation::QualificationStatus>(),
                                              ctx.services().require<accreditation::CatalogueSource>(), std::move(s));
        ctx.audit().addObserver([link = link_](Tx& tx, const AuditRecord& r) { link->markCatalogueChanged(tx, r); });
        bookings_ = std::make_shared<LabBookings>(
            ctx.db(), ctx.clock(), ctx.ids(), ctx.audit(), ctx.services().require<Outbox>(),
            LabBookingDeps{orgs, users, ctx.services().require<accreditation::CatalogueSource>(), ctx.services().require<intake::BookingDesk>(),
                           ctx.services().require<reports::OrderReports>()});
        link_->setBookings(bookings_.get());
        labInstruments_ = std::make_shared<LabInstruments>(ctx.db(), ctx.clock(), ctx.audit(), ctx.services().require<Outbox>(),
                                                           ctx.services().require<accreditation::EquipmentStatus>());
        link_->setInstruments(labInstruments_.get());
        labInstrumentDeps_ = std::make_unique<LabInstrumentDeps>(LabInstrumentDeps{*labInstruments_});
        registerLabInstrumentRoutes(ctx.router(), *labInstrumentDeps_);
        labBookingDeps_ = std::make_unique<LabBookingRouteDeps>(LabBookingRouteDeps{*bookings_});
        registerLabBookingRoutes(ctx.router(), *labBookingDeps_);
        ctx.services().require<Outbox>().addTransport(std::make_shared<PlatformTransport>(ctx.db(), *link_));
        linkDeps_ = std::make_unique<LinkDeps>(LinkDeps{*link_, role_});
        registerLinkRoutes(ctx.router(), *linkDeps_);
        worker_ = std::make_shared<LinkWorker>(*link_);
        background->add({"platform.link", [w = worker_] { w->start(); }, [w = worker_] { w->stop(); }});
    }
}

void PlatformModule::seedDemo(ModuleContext& ctx) {
    if (platform_ && feed_) seedDemoPlatform(ctx, link_.get(), *feed_);
    // The demo SME's portal account (the demo customer 佛山市示例粮油有限公司), verified.
    if (portal_) portal_->seedDemoAccount({"佛山市示例粮油有限公司 (demo SME)", "91440604MA4WABC34" + std::string(1, *usccCheckCharacter("91440604MA4WABC34")),
                                          "何丽", "0757-12345678", "sme.he@example.com", "Assay-demo-2026"});
}

void PlatformModule::shutdown() {
    if (worker_) worker_->stop();
    if (sweeper_) sweeper_->stop();
}

}  // namespace assay::platform
