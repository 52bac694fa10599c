// TestingModule: test items, results and their review (see README.md).
//
// Purpose: wires ResultService, its routes and permission grants. Depends on identity (users,
// organizations), accreditation (the register, staff authorizations) and intake (ordered items).
#pragma once

#include <memory>

#include "assay/Module.hpp"

namespace assay::testing {

class ResultService;
class QcService;

class TestingModule final : public Module {
public:
    std::string id() const override { return "testing"; }
    std::vector<std::string> dependencies() const override { return {"host", "identity", "accreditation", "intake"}; }
    std::vector<ConfigKey> configKeys() const override;
    void initialize(ModuleContext& ctx) override;
    // Results and their entry records against their audit seals (domain/ResultEvidence).
    std::vector<std::shared_ptr<EvidenceCheck>> evidenceChecks(const Config& config) const override;

private:
    std::shared_ptr<ResultService> results_;
    std::shared_ptr<QcService> qc_;
};

}  // namespace assay::testing
