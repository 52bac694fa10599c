// IntakeModule: orders and contract review, samples, receipt, custody, retention, bulk intake,
// labels and the sample register export (see README.md).
//
// Purpose: wires SampleService, OrderService, their routes and permission grants. Depends on
// identity (organizations, users) and accreditation (the register, capability checks).
#pragma once

#include <memory>

#include "assay/Module.hpp"

namespace assay::intake {

class SampleService;
class OrderService;
class SampleRegisterExport;
struct SampleFileDeps;

class IntakeModule final : public Module {
public:
    std::string id() const override { return "intake"; }
    std::vector<std::string> dependencies() const override { return {"host", "identity", "accreditation"}; }
    std::vector<ConfigKey> configKeys() const override;
    void initialize(ModuleContext& ctx) override;
    std::vector<const MessageDef*> messages() const override;  // domain/IntakeMessages.hpp

private:
    std::shared_ptr<SampleService> samples_;
    std::shared_ptr<OrderService> orders_;
    std::shared_ptr<SampleRegisterExport> registerExport_;
    std::shared_ptr<SampleFileDeps> fileDeps_;  // what the file routes hold on to
};

}  // namespace assay::intake
