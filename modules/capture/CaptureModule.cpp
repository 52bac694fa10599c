// CaptureModule: the one place where the capture module is wired.
#include "CaptureModule.hpp"
#include "domain/CaptureMessages.hpp"

#include <Poco/File.h>

#include "api/CaptureApi.hpp"
#include "assay/ModuleContext.hpp"
#include "domain/CaptureService.hpp"
#include "domain/RunEvidence.hpp"
#include "drivers/Drivers.hpp"
#include "net/AstmListeners.hpp"
#include "net/FolderWatchers.hpp"
#include "storage/RawStore.hpp"

namespace assay::capture {

std::vector<ConfigKey> CaptureModule::configKeys() const {
    return {{"capture.listen_host", "127.0.0.1", "the address instrument listeners bind to (keep it on the lab network)"},
            {"capture.folder_root", "", "the directory under which instruments' watched folders live (default: <data.dir>/inbox)"},
            {"capture.autostart", "true", "start the instrument listeners and folder watches that were running when the server stopped"}};
}

std::vector<std::shared_ptr<EvidenceCheck>> CaptureModule::evidenceChecks(const Config& config) const {
    return {makeRunEvidenceCheck(config.str("data.dir") + "/raw")};
}

std::vector<const MessageDef*> CaptureModule::messages() const { return msg::all(); }

void CaptureModule::shutdown() {
    if (listeners_) listeners_->stopAll();
    if (folders_) folders_->stopAll();
}

void CaptureModule::initialize(ModuleContext& ctx) {
    Permissions& perms = ctx.permissions();
    perms.grantRoles({"technician", "reviewer", "manager"}, "capture:read");
    perms.grantRoles({"technician", "manager"}, "capture:write");
    perms.grantRoles({"manager"}, "capture:manage");
    const std::string dir = ctx.config().str("data.dir") + "/raw";
    Poco::File(dir).createDirectories();
    raw_ = std::make_shared<RawStore>(dir);
    // The drivers: the built-in list, then whatever a plugin adds in its initialize() (after this).
    drivers_ = std::make_shared<InstrumentDrivers>();
    addBuiltinDrivers(*drivers_);
    ctx.services().publish<InstrumentDrivers>(drivers_);
    capture_ = std::make_shared<CaptureService>(ctx.db(), ctx.clock(), ctx.ids(), ctx.audit(),
                                                ctx.services().require<identity::OrganizationDirectory>(),
                                                ctx.services().require<accreditation::EquipmentStatus>(),
                                                ctx.services().require<accreditation::Register>(),
                                                ctx.services().require<testing::CapturedResults>(), *raw_,
                                                ctx.services().require<accreditation::Nonconformities>(), *drivers_);
    listeners_ = std::make_shared<AstmListeners>(*capture_, ctx.config().str("capture.listen_host"));
    std::string root = ctx.config().str("capture.folder_root");
    if (root.empty()) root = ctx.config().str("data.dir") + "/inbox";
    Poco::File(root).createDirectories();
    folders_ = std::make_shared<FolderWatchers>(*capture_, root);
    weighing_ = std::make_shared<Weighing>(*capture_);
    routeDeps_ = std::make_shared<CaptureDeps>(CaptureDeps{*capture_, *listeners_, *folders_, *weighing_});
    registerCaptureRoutes(ctx.router(), *routeDeps_);
    // An instrument that sent a message the server stored but never acknowledged (a crash
    // between the two) sends it again to the same port: its listener comes back with the server.
    if (ctx.config().boolean("capture.autostart")) {
        listeners_->startSaved();
        folders_->startSaved();
    }
}

}  // namespace assay::capture
