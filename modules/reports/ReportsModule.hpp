// ReportsModule: reports and certificates (see README.md).
//
// Purpose: wires the reports services (drafts, facts, issuing, amendments, verification), their
// routes and permission grants. Depends on identity, intake
// (accepted orders), testing (results) and accreditation (register, scope, standing, signatories).
#pragma once

#include <memory>

#include "assay/Module.hpp"

namespace assay::reports {

class ReportFacts;
class ReportService;
class ReportIssuing;
class ReportAmendments;
class ReportVerification;
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
    std::vector<const MessageDef*> messages() const override;  // domain/ReportsMessages.hpp
    void shutdown() override;
    // Reports against their signatures, hashes and audit trail (domain/ReportIntegrity).
    std::vector<std::shared_ptr<EvidenceCheck>> evidenceChecks(const Config& config) const override;

private:
    std::unique_ptr<ReportFacts> facts_;
    std::unique_ptr<ReportService> drafts_;
    std::unique_ptr<ReportIssuing> issuing_;
    std::unique_ptr<ReportAmendments> amendments_;
    std::unique_ptr<ReportVerification> verification_;
    std::unique_ptr<BatchIssue> batches_;
    std::unique_ptr<ReportRegisterExport> registerExport_;
    std::unique_ptr<ReportDeps> routeDeps_;  // what the report routes hold on to
};

}  // namespace assay::reports
