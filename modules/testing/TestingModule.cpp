// TestingModule: the one place where the testing module is wired.
#include "domain/TestingMessages.hpp"
#include "TestingModule.hpp"

#include "api/QcApi.hpp"
#include "api/ResultApi.hpp"
#include "assay/Error.hpp"
#include "assay/Faults.hpp"
#include "assay/ModuleContext.hpp"
#include "domain/FormulaService.hpp"
#include "domain/QcService.hpp"
#include "domain/ResultEvidence.hpp"
#include "domain/ResultQueries.hpp"
#include "domain/ResultService.hpp"
#include "domain/TestItemService.hpp"
#include "assay/intake/OrderAcceptance.hpp"

namespace assay::testing {

namespace {
// The order's test items, made in the transaction that accepts it; without a specification, which
// is named when the items are first asked for with one (POST /api/testing/items), before a result.
class ItemsOnAcceptance final : public intake::OrderAcceptedStep {
public:
    explicit ItemsOnAcceptance(TestItemService& items) : items_(items) {}
    void onAccepted(Tx& tx, const Principal& p, std::int64_t labId, const std::string& orderCode,
                    const std::string& requestId) override {
        items_.createFromOrderIn(tx, p, labId, orderCode, std::nullopt, requestId);
        faults::hit("order.accept.items_made");
    }

private:
    TestItemService& items_;
};
}  // namespace

std::vector<ConfigKey> TestingModule::configKeys() const {
    return {{"testing.below_lod_style", "lod", "how a value below the LOD is reported: lod (\"<0.005\") or nd (未检出)"}};
}

std::vector<const MessageDef*> TestingModule::messages() const { return msg::all(); }

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
    auto& reg = ctx.services().require<accreditation::Register>();
    auto& staff = ctx.services().require<accreditation::StaffAuthorization>();
    items_ = std::make_shared<TestItemService>(ctx.db(), ctx.clock(), ctx.ids(), ctx.audit(),
                                               ctx.services().require<identity::UserDirectory>(), reg, staff,
                                               ctx.services().require<intake::OrderedItems>());
    results_ = std::make_shared<ResultService>(ctx.db(), ctx.clock(), ctx.ids(), ctx.audit(), reg, staff, style);
    results_->publishTo(ctx.services().require<Outbox>());
    // A sample's status follows its work: assigned -> in_testing, all approved -> tested.
    auto& progress = ctx.services().require<intake::SampleProgress>();
    items_->followSamples(progress);
    results_->followSamples(progress);
    ctx.services().publish<CapturedResults>(results_);
    queries_ = std::make_shared<ResultQueries>(ctx.db(), ctx.audit());
    ctx.services().publish<ReportResults>(queries_);
    formulas_ = std::make_shared<FormulaService>(ctx.db(), ctx.clock(), ctx.ids(), ctx.audit(), reg);
    routeDeps_ = std::make_shared<ResultDeps>(ResultDeps{*items_, *results_, *queries_, *formulas_});
    qc_ = std::make_shared<QcService>(ctx.db(), ctx.clock(), ctx.ids(), ctx.audit(),
                                      ctx.services().require<identity::OrganizationDirectory>());
    // Accepting an order makes its test items in the same transaction (intake runs this step).
    ctx.services().publish<intake::OrderAcceptedStep>(std::make_shared<ItemsOnAcceptance>(*items_));
    registerResultRoutes(ctx.router(), *routeDeps_);
    registerQcRoutes(ctx.router(), *qc_);
}

std::vector<std::shared_ptr<EvidenceCheck>> TestingModule::evidenceChecks(const Config&) const { return {makeResultEvidenceCheck()}; }

}  // namespace assay::testing
