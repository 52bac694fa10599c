// AccreditationModule: the lab register and accreditation records (see README.md).
//
// Purpose: wires RegisterService (published as accreditation::Register), its routes and its
// permission grants; seeds the demo lab's register. Depends on identity (organizations).
#pragma once

#include <memory>

#include "assay/Module.hpp"

namespace assay::accreditation {

class RegisterService;

class AccreditationModule final : public Module {
public:
    std::string id() const override { return "accreditation"; }
    std::vector<std::string> dependencies() const override { return {"host", "identity"}; }
    void initialize(ModuleContext& ctx) override;
    void seedDemo(ModuleContext& ctx) override;

private:
    std::shared_ptr<RegisterService> register_;
};

}  // namespace assay::accreditation
