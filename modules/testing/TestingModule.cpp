// TestingModule: the one place where the testing module is wired.
#include "TestingModule.hpp"

#include "api/QcApi.hpp"
#include "api/ResultApi.hpp"
#include "assay/Error.hpp"
#include "assay/ModuleContext.hpp"
#include "domain/QcService.hpp"
#include "domain/ResultEvidence.hpp"
#include "domain/ResultService.hpp"

namespace assay::testing {

std::vector<ConfigKey> TestingModule::configKeys() const {
    return {{"testing.below_lod_style", "lod", "how a value below the LOD is reported: lod (\"<0.005\") or nd (未检出)"}};
}

void TestingModule::initialize(ModuleContext& ctx) {
    const std::string style = ctx.config().str("testing.below_lod_style");
    if (style != "lod" && style != "nd") throw Error::invalidField("testing.below_lod_style", "must be lod or nd");
    Permissions& perms = ctx.permissions();
    perms.grantRoles({"technician", "reviewer", "signatory", "manager"}, "results:read");
    perms.grantRoles({"technician", "manager"}, "results:write");
    perms.grantRoles({"technician", "manager"}, "results:assign");
    perms.grantRoles({"technician", "reviewer", "manager"}, "results:check");
    perms.grantRoles({"reviewer", "manager"}, "results:approve");
    perms.grantRoles({"manager"}, "results:formulas");
    perms.grantRoles({"manager"}, "results:qc");
    results_ = std::make_shared<ResultService>(
        ctx.db(), ctx.clock(), ctx.ids(), ctx.audit(), ctx.services().require<identity::OrganizationDirectory>(),
        ctx.services().require<identity::UserDirectory>(), ctx.services().require<accreditation::Register>(),
        ctx.services().require<accreditation::StaffAuthorization>(), ctx.services().require<intake::OrderedItems>(), style);
    results_->publishTo(ctx.services().require<Outbox>());
    ctx.services().publish<CapturedResults>(results_);
    ctx.services().publish<ReportResults>(results_);
    qc_ = std::make_shared<QcService>(ctx.db(), ctx.clock(), ctx.ids(), ctx.audit(),
                                      ctx.services().require<identity::OrganizationDirectory>());
    registerResultRoutes(ctx.router(), *results_);
    registerQcRoutes(ctx.router(), *qc_);
}

std::vector<std::shared_ptr<EvidenceCheck>> TestingModule::evidenceChecks(const Config&) const { return {makeResultEvidenceCheck()}; }

}  // namespace assay::testing
