// CapabilityService: method, staff, equipment and scope, in one verdict.
#include "assay/Messages.hpp"
#include "domain/AccreditationMessages.hpp"
#include "domain/CapabilityService.hpp"

#include "domain/Dates.hpp"
#include "domain/LabTenancy.hpp"

namespace assay::accreditation {

CapabilityVerdict CapabilityService::check(const Principal& p, CapabilityQuery q) {
    std::vector<FieldError> errors;
    if (q.parameterId <= 0) errors.push_back({"parameter_id", assay::msg::kRequiredId});
    if (q.methodId <= 0) errors.push_back({"method_id", assay::msg::kRequiredId});
    if (q.product.empty()) errors.push_back({"product", assay::msg::kRequired});
    if (q.site.empty()) errors.push_back({"site", assay::msg::kRequired});
    if (!isDate(q.date)) errors.push_back({"date", assay::msg::kNotDate});
    if (!errors.empty()) throw Error::invalid(errors);
    q.labId = requireLab(p);
    return db_.read([&](Tx& tx) { return check(tx, q); });
}

CapabilityVerdict CapabilityService::check(Tx& tx, const CapabilityQuery& q) {
    CapabilityVerdict v;
    v.method = reg_.methodUsableOn(tx, q.labId, q.methodId, q.date);
    auto method = reg_.method(tx, q.labId, q.methodId);
    v.performers = staff_.performersOn(tx, q.labId, q.methodId, q.date);
    if (v.performers.empty()) {
        const Message why(msg::kNobodyAuthorized, {{"date", q.date}});
        v.staff = RuleVerdict{false, "R13", why.english(), why};
    }
    v.equipment = {true, "", "", {}};
    if (method)
        for (const auto& type : method->equipmentTypes) {
            auto e = equipment_.typeUsableOn(tx, q.labId, type, q.date);
            if (!e.usable) {
                v.equipment = {false, "R15", e.reason, e.why};
                break;
            }
        }
    v.canPerform = v.method.ok && v.staff.ok && v.equipment.ok;
    ScopeQuery s{q.labId, Scheme::Cma, q.site, q.product, q.category, q.parameterId,
                 method ? method->standard.designation() : std::string(), method ? method->clause : std::nullopt, q.date};
    ScopeQuery cnas = s;
    cnas.scheme = Scheme::Cnas;
    const auto verdicts = scope_.checkMany(tx, {s, cnas});
    v.cma = verdicts[0];
    v.cnas = verdicts[1];
    return v;
}

}  // namespace assay::accreditation
