// ReportsModule: reports and certificates (see README.md).
//
// Purpose: wires ReportService, its routes and permission grants. Depends on identity, intake
// (accepted orders), testing (results) and accreditation (register, scope, standing, signatories).
#pragma once

#include <memory>

#include "assay/Module.hpp"

namespace assay::reports {

class ReportService;
class BatchIssue;
class ReportRegisterExport;
struct ReportDeps;

class ReportsModule final : public Module {
public:
    ReportsModule();
    ~ReportsModule() override;
    std::string id() const override { return "reports"; }
    std::vector<std::string> dependencies() const override { return {"host", "identity", "accreditation", "intake", "testing"}; }
    std::vector<ConfigKey> configKeys() const override;
    void initialize(ModuleContext& ctx) override;
    void shutdown() override;
    // Reports against their signatures, hashes and audit trail (domain/ReportIntegrity).
    std::vector<std::shared_ptr<EvidenceCheck>> evidenceChecks(const Config& config) const override;

private:
    std::shared_ptr<ReportService> reports_;
    std::unique_ptr<BatchIssue> batches_;
    std::shared_ptr<ReportRegisterExport> registerExport_;
    std::shared_ptr<ReportDeps> routeDeps_;  // what the report routes hold on to
};

}  // namespace assay::reports
