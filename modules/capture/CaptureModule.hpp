// CaptureModule: instrument data capture (see README.md).
//
// Purpose: wires the instrument driver registry (published as assay::InstrumentDrivers, the
// built-ins added from drivers/BuiltinDrivers.cpp), the raw store, CaptureService, its routes and
// permission grants. Depends on
// identity, accreditation (equipment status, the register) and testing (captured results).
#pragma once

#include <memory>

#include "assay/InstrumentDriver.hpp"
#include "assay/Module.hpp"

namespace assay::capture {

class CaptureService;
class RawStore;
class AstmListeners;
class FolderWatchers;
class Weighing;
struct CaptureDeps;

class CaptureModule final : public Module {
public:
    std::string id() const override { return "capture"; }
    std::vector<std::string> dependencies() const override { return {"host", "identity", "accreditation", "testing"}; }
    std::vector<ConfigKey> configKeys() const override;
    void initialize(ModuleContext& ctx) override;
    void shutdown() override;
    std::vector<const MessageDef*> messages() const override;  // domain/CaptureMessages.hpp
    // Capture runs and their raw files against the audit trail (domain/RunEvidence).
    std::vector<std::shared_ptr<EvidenceCheck>> evidenceChecks(const Config& config) const override;

private:
    std::shared_ptr<InstrumentDrivers> drivers_;  // published: plugins add their drivers
    std::shared_ptr<RawStore> raw_;
    std::shared_ptr<CaptureService> capture_;
    std::shared_ptr<AstmListeners> listeners_;
    std::shared_ptr<FolderWatchers> folders_;
    std::shared_ptr<Weighing> weighing_;
    std::shared_ptr<CaptureDeps> routeDeps_;  // what the routes hold on to
};

}  // namespace assay::capture
