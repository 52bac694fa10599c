// IntakeModule: the one place where the intake module is wired.
#include "IntakeModule.hpp"

#include "api/SampleApi.hpp"
#include "assay/Error.hpp"
#include "assay/ModuleContext.hpp"
#include "domain/SampleService.hpp"

namespace assay::intake {

std::vector<ConfigKey> IntakeModule::configKeys() const {
    return {{"intake.sample_code_format", "{LAB}{YYYY}{SEQ:06}",
             "sample codes: {LAB} the lab code, {YYYY}/{YY} the year (numbers restart each year), {SEQ:0n} the number padded to n"}};
}

void IntakeModule::initialize(ModuleContext& ctx) {
    const std::string format = ctx.config().str("intake.sample_code_format");
    if (!formatSampleCode(format, "LAB", 2026, 1))
        throw Error::invalidField("intake.sample_code_format", "'" + format + "' needs {SEQ} or {SEQ:0n} and knows only {LAB}, {YYYY}, {YY}");
    Permissions& perms = ctx.permissions();
    perms.grantRoles({"technician", "reviewer", "signatory", "manager"}, "samples:read");
    perms.grantRoles({"technician", "manager"}, "samples:write");
    samples_ = std::make_shared<SampleService>(ctx.db(), ctx.clock(), ctx.ids(), ctx.audit(),
                                               ctx.services().require<identity::OrganizationDirectory>(), format);
    registerSampleRoutes(ctx.router(), *samples_);
}

}  // namespace assay::intake
