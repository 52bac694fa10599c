// ReportsModule: the one place where the reports module is wired.
#include "domain/ReportsMessages.hpp"
#include "ReportsModule.hpp"

#include "api/BatchApi.hpp"
#include "api/ReportApi.hpp"
#include "assay/Error.hpp"
#include "assay/ModuleContext.hpp"
#include "assay/Sequences.hpp"
#include "domain/ReportEvents.hpp"
#include "domain/ReportIntegrity.hpp"
#include "domain/ReportFacts.hpp"
#include "domain/ReportService.hpp"
#include "jobs/BatchIssue.hpp"

namespace assay::reports {

ReportsModule::ReportsModule() = default;
ReportsModule::~ReportsModule() = default;

std::vector<ConfigKey> ReportsModule::configKeys() const {
    return {{"reports.cma_out_of_scope_policy", "block",
             "R2: block (no CMA mark when a result is outside the CMA scope) or flag (the mark, with those results starred and "
             "footnoted 不在资质认定范围内)"},
            {"reports.english_only_cma_policy", "warn", "R34: an English-only report with the CMA mark: warn or block"},
            {"reports.public_base_url", "http://127.0.0.1:8080", "the public address the report's QR code points at (<base>/verify/<code>)"},
            {"reports.conformity_standard_policy", "allow_limit_standards",
             "R6: on a CMA-marked report a conformity statement is against a standard in the CMA scope (scope_only), or also a limit "
             "standard without test methods such as GB 2762 (allow_limit_standards)"},
            {"reports.retention_years", "6", "R22: years an issued report is kept after its issue date (at least 6; a sector rule may ask more)"},
            {"reports.number_format", "{LAB}-R{YYYY}{SEQ:06}",
             "report numbers, given at issue: {LAB} the lab code, {YYYY}/{YY} the year (numbers restart each year), {SEQ:0n}"}};
}

std::vector<const MessageDef*> ReportsModule::messages() const { return msg::all(); }

void ReportsModule::initialize(ModuleContext& ctx) {
    ReportPolicies policies{ctx.config().str("reports.cma_out_of_scope_policy"), ctx.config().str("reports.english_only_cma_policy"),
                            ctx.config().str("reports.number_format"), ctx.config().str("reports.public_base_url"),
                            static_cast<int>(ctx.config().integer("reports.retention_years", 6, 100)),  // R22: at least 6
                            ctx.config().str("reports.conformity_standard_policy")};
    if (policies.conformityStandard != "scope_only" && policies.conformityStandard != "allow_limit_standards")
        throw Error::invalidField("reports.conformity_standard_policy",
                                  "must be scope_only or allow_limit_standards, not '" + policies.conformityStandard + "'");
    if (!formatNumber(policies.numberFormat, "LAB", 2026, 1))
        throw Error::invalidField("reports.number_format", "'" + policies.numberFormat + "' needs {SEQ} or {SEQ:0n} and knows only {LAB}, {YYYY}, {YY}");
    if (policies.cmaOutOfScope != "block" && policies.cmaOutOfScope != "flag")
        throw Error::invalidField("reports.cma_out_of_scope_policy", "must be block or flag, not '" + policies.cmaOutOfScope + "'");
    if (policies.englishOnlyCma != "warn" && policies.englishOnlyCma != "block")
        throw Error::invalidField("reports.english_only_cma_policy", "must be warn or block, not '" + policies.englishOnlyCma + "'");
    Permissions& perms = ctx.permissions();
    perms.grantRoles({"technician", "reviewer", "signatory", "manager"}, "reports:read");
    perms.grantRoles({"reviewer", "signatory", "manager"}, "reports:write");
    perms.grantRoles({"signatory", "manager"}, "reports:sign");
    perms.grantRoles({"manager"}, "reports:approve");  // R36: the technical manager
    auto& services = ctx.services();
    ReportSources sources{services.require<identity::OrganizationDirectory>(), services.require<identity::UserDirectory>(),
                          services.require<intake::OrderedItems>(),          services.require<testing::ReportResults>(),
                          services.require<accreditation::Register>(),       services.require<accreditation::ScopeCheck>(),
                          services.require<accreditation::QualificationStatus>(), services.require<accreditation::StaffAuthorization>()};
    auto& reauth = services.require<identity::Reauthentication>();
    facts_ = std::make_unique<ReportFacts>(sources, policies);
    drafts_ = std::make_unique<ReportService>(ctx.db(), ctx.clock(), ctx.ids(), ctx.audit(), *facts_, policies);
    issuing_ = std::make_unique<ReportIssuing>(ctx.db(), ctx.clock(), ctx.ids(), ctx.audit(), *facts_, reauth, policies);
    issuing_->publishTo(services.require<Outbox>());
    issuing_->followSamples(services.require<intake::SampleProgress>());
    amendments_ = std::make_unique<ReportAmendments>(ctx.db(), ctx.clock(), ctx.ids(), ctx.audit(), *facts_, reauth);
    amendments_->publishTo(services.require<Outbox>());
    verification_ = std::make_unique<ReportVerification>(ctx.db(), ctx.audit(), sources.orgs, sources.users);
    registerExport_ = std::make_unique<ReportRegisterExport>(*drafts_);
    routeDeps_ = std::make_unique<ReportDeps>(ReportDeps{*drafts_, *issuing_, *amendments_, *verification_, *registerExport_});
    registerReportRoutes(ctx.router(), *routeDeps_);
    batches_ = std::make_unique<BatchIssue>(*issuing_, ctx.clock());
    registerBatchRoutes(ctx.router(), *batches_);
    services.publish<OrderReports>(std::make_shared<OrderReportsView>());
}

std::vector<std::shared_ptr<EvidenceCheck>> ReportsModule::evidenceChecks(const Config&) const { return {makeReportEvidenceCheck()}; }

void ReportsModule::shutdown() {
    if (batches_) batches_->stop();  // the report in hand is finished; the rest stay drafts
}

}  // namespace assay::reports
