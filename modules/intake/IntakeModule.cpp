// IntakeModule: the one place where the intake module is wired.
#include "domain/IntakeMessages.hpp"
#include "IntakeModule.hpp"

#include "api/OrderApi.hpp"
#include "api/SampleApi.hpp"
#include "api/SampleFilesApi.hpp"
#include "assay/Error.hpp"
#include "assay/ModuleContext.hpp"
#include "domain/OrderService.hpp"
#include "domain/SampleService.hpp"

namespace assay::intake {

std::vector<ConfigKey> IntakeModule::configKeys() const {
    return {{"intake.sample_code_format", "{LAB}{YYYY}{SEQ:06}",
             "sample codes: {LAB} the lab code, {YYYY}/{YY} the year (numbers restart each year), {SEQ:0n} the number padded to n"},
            {"intake.order_code_format", "{LAB}WT{YYYY}{SEQ:05}", "order (委托单) numbers, in the same fields as sample codes"},
            {"intake.default_site", "", "the site an order is tested at when it names none (as the scope names it)"},
            {"intake.default_retention_days", "90", "how long a retained sample is kept when its product category has no period"}};
}

std::vector<const MessageDef*> IntakeModule::messages() const { return msg::all(); }

void IntakeModule::initialize(ModuleContext& ctx) {
    const std::string format = ctx.config().str("intake.sample_code_format");
    if (!formatSampleCode(format, "LAB", 2026, 1))
        throw Error::invalidField("intake.sample_code_format", "'" + format + "' needs {SEQ} or {SEQ:0n} and knows only {LAB}, {YYYY}, {YY}");
    const std::string orderFormat = ctx.config().str("intake.order_code_format");
    if (!formatSampleCode(orderFormat, "LAB", 2026, 1))
        throw Error::invalidField("intake.order_code_format", "'" + orderFormat + "' needs {SEQ} or {SEQ:0n} and knows only {LAB}, {YYYY}, {YY}");
    const int retentionDays = static_cast<int>(ctx.config().integer("intake.default_retention_days", 1, 36500));
    Permissions& perms = ctx.permissions();
    // Customers read their own organization's orders and samples (the services scope them).
    perms.grantRoles({"technician", "reviewer", "signatory", "manager", "customer"}, "samples:read");
    perms.grantRoles({"technician", "manager"}, "samples:write");
    perms.grantRoles({"manager"}, "samples:manage");
    perms.grantRoles({"technician", "reviewer", "signatory", "manager", "customer"}, "orders:read");
    perms.grantRoles({"technician", "manager"}, "orders:write");
    auto& orgs = ctx.services().require<identity::OrganizationDirectory>();
    samples_ = std::make_shared<SampleService>(ctx.db(), ctx.clock(), ctx.ids(), ctx.audit(), orgs,
                                               ctx.services().require<accreditation::ProductCatalog>(), format, retentionDays);
    orders_ = std::make_shared<OrderService>(ctx.db(), ctx.clock(), ctx.ids(), ctx.audit(), orgs,
                                             ctx.services().require<accreditation::Register>(),
                                             ctx.services().require<accreditation::CapabilityCheck>(), *samples_, orderFormat,
                                             ctx.config().str("intake.default_site"));
    ctx.services().publish<OrderedItems>(orders_);
    ctx.services().publish<BookingDesk>(orders_);
    orders_->findAcceptedStepIn(ctx.services());
    ctx.services().publish<SampleProgress>(samples_);
    registerSampleRoutes(ctx.router(), *samples_);
    registerOrderRoutes(ctx.router(), *orders_);
    registerExport_ = std::make_shared<SampleRegisterExport>(*samples_);
    fileDeps_ = std::make_shared<SampleFileDeps>(SampleFileDeps{*samples_, *orders_, *registerExport_});
    registerSampleFileRoutes(ctx.router(), *fileDeps_);
}

}  // namespace assay::intake
