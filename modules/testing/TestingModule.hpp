// TestingModule: test items, results and their review (see README.md).
//
// Purpose: wires TestItemService, ResultService (published as CapturedResults), ResultQueries
// (published as ReportResults), FormulaService and QcService, their routes and permission grants. Depends on identity (users,
// organizations), accreditation (the register, staff authorizations) and intake (ordered items).
#pragma once

#include <memory>

#include "assay/Module.hpp"

namespace assay::testing {

class TestItemService;
class ResultService;
class ResultQueries;
class FormulaService;
struct ResultDeps;
class QcService;

class TestingModule final : public Module {
public:
    std::string id() const override { return "testing"; }
    std::vector<std::string> dependencies() const override { return {"host", "identity", "accreditation", "intake"}; }
    std::vector<ConfigKey> configKeys() const override;
    void initialize(ModuleContext& ctx) override;
    std::vector<const MessageDef*> messages() const override;  // domain/TestingMessages.hpp
    // Results and their entry records against their audit seals (domain/ResultEvidence).
    std::vector<std::shared_ptr<EvidenceCheck>> evidenceChecks(const Config& config) const override;

private:
    std::shared_ptr<TestItemService> items_;
    std::shared_ptr<ResultService> results_;
    std::shared_ptr<ResultQueries> queries_;
    std::shared_ptr<FormulaService> formulas_;
    std::shared_ptr<ResultDeps> routeDeps_;  // the result routes' services
    std::shared_ptr<QcService> qc_;
};

}  // namespace assay::testing
