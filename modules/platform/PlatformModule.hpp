// PlatformModule: the shared testing-resource platform and the lab's link to it (issue 14,
// PLATFORM.md). Role `lab`: the link (keys, enrolment, the `platform` outbox transport, the
// inbox poll). Role `platform`: enrolment, the signed feed, the public catalogue, verification
// records, the labs' inboxes. Role `both`: the two, the lab part talking to the platform part over
// loopback HTTP like a remote lab.
#pragma once

#include <memory>

#include "assay/Module.hpp"

namespace assay::platform {

class LinkService;
class PlatformService;
class FeedIngest;
class LinkWorker;
class Mailer;
class PortalService;
class LabBookings;
struct LinkDeps;
struct PlatformDeps;
struct PortalDeps;
struct LabBookingRouteDeps;
class InstrumentBookings;
class InstrumentSweeper;
class LabInstruments;
struct InstrumentDeps;
struct LabInstrumentDeps;

class PlatformModule final : public Module {
public:
    PlatformModule();
    ~PlatformModule() override;
    std::string id() const override { return "platform"; }
    std::vector<std::string> dependencies() const override { return {"identity", "accreditation", "intake", "reports"}; }
    std::vector<ConfigKey> configKeys() const override;
    std::vector<const MessageDef*> messages() const override;
    void initialize(ModuleContext& ctx) override;
    void seedDemo(ModuleContext& ctx) override;
    void shutdown() override;

private:
    std::string role_;
    std::shared_ptr<LinkService> link_;
    std::shared_ptr<PlatformService> platform_;
    std::shared_ptr<FeedIngest> feed_;
    std::shared_ptr<LinkWorker> worker_;
    std::unique_ptr<LinkDeps> linkDeps_;
    std::unique_ptr<PlatformDeps> platformDeps_;
    std::shared_ptr<Mailer> mailer_;
    std::shared_ptr<PortalService> portal_;
    std::shared_ptr<LabBookings> bookings_;
    std::unique_ptr<PortalDeps> portalDeps_;
    std::unique_ptr<LabBookingRouteDeps> labBookingDeps_;
    std::shared_ptr<InstrumentBookings> instrumentBookings_;
    std::shared_ptr<InstrumentSweeper> sweeper_;
    std::shared_ptr<LabInstruments> labInstruments_;
    std::unique_ptr<InstrumentDeps> instrumentDeps_;
    std::unique_ptr<LabInstrumentDeps> labInstrumentDeps_;
};

}  // namespace assay::platform
