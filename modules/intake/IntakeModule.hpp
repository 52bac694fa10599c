// IntakeModule: samples and their custody (see README.md); orders, contract review, labels,
// retention and bulk intake arrive with the next slices of issue 4.
//
// Purpose: wires SampleService, its routes and permission grants. Depends on identity
// (organizations, users) and accreditation (the register, capability checks).
#pragma once

#include <memory>

#include "assay/Module.hpp"

namespace assay::intake {

class SampleService;

class IntakeModule final : public Module {
public:
    std::string id() const override { return "intake"; }
    std::vector<std::string> dependencies() const override { return {"host", "identity", "accreditation"}; }
    std::vector<ConfigKey> configKeys() const override;
    void initialize(ModuleContext& ctx) override;

private:
    std::shared_ptr<SampleService> samples_;
};

}  // namespace assay::intake
