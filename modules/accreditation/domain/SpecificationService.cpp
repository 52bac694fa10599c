// SpecificationService: validation, tenancy, versioning and audit of the register's
// specifications (limit sets).
#include "domain/SpecificationService.hpp"
#include "domain/AccreditationMessages.hpp"

#include "assay/Messages.hpp"
#include "assay/Error.hpp"
#include "assay/Text.hpp"
#include "domain/LabTenancy.hpp"

namespace assay::accreditation {

std::vector<FieldError> SpecificationService::specificationProblems(const Specification& in) {
    std::vector<FieldError> errors;
    if (in.name.empty()) errors.push_back({"name", assay::msg::kRequired});
    tooLong(errors, "name", in.name, 200);
    if (in.comparisonMode != "full" && in.comparisonMode != "rounded")
        errors.push_back({"comparison_mode", msg::kComparisonMode});
    if (in.decisionRule != "simple" && in.decisionRule != "guard_band")
        errors.push_back({"decision_rule", msg::kSpecDecisionRule});
    if (in.limits.empty() || in.limits.size() > 500) errors.push_back({"limits", "1-500 limits are required"});
    for (std::size_t i = 0; i < in.limits.size(); ++i) {
        const auto& l = in.limits[i];
        const std::string f = "limits[" + std::to_string(i) + "]";
        if (l.parameterId <= 0) errors.push_back({f + ".parameter_id", assay::msg::kRequired});
        if (l.productCategory.empty()) errors.push_back({f + ".product_category", assay::msg::kRequired});
        tooLong(errors, f + ".product_category", l.productCategory, 100);
        if (l.clause) tooLong(errors, f + ".clause", *l.clause, 64);
        if (l.minValue) tooLong(errors, f + ".min", l.minValue->toString(), 40);
        if (l.maxValue) tooLong(errors, f + ".max", l.maxValue->toString(), 40);
        if (!l.minValue && !l.maxValue) errors.push_back({f, "give min, max or both"});
        if (l.minValue && (!l.minOp || (*l.minOp != ">=" && *l.minOp != ">")))
            errors.push_back({f + ".min_op", msg::kMinOp});
        if (l.maxValue && (!l.maxOp || (*l.maxOp != "<=" && *l.maxOp != "<")))
            errors.push_back({f + ".max_op", msg::kMaxOp});
        if (!l.minValue && l.minOp) errors.push_back({f + ".min", msg::kMinWithOp});
        if (!l.maxValue && l.maxOp) errors.push_back({f + ".max", msg::kMaxWithOp});
        if (l.minValue && l.maxValue && *l.minValue > *l.maxValue) errors.push_back({f + ".min", msg::kMinAboveMax});
    }
    return errors;
}

Specification SpecificationService::createSpecification(const Principal& p, Specification in, const std::string& requestId) {
    if (auto errors = specificationProblems(in); !errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = requireLab(p);
    return db_.write([&](Tx& tx) {
        std::vector<FieldError> errors;
        if (in.standardId && !repo_.findStandard(tx, lab, *in.standardId))
            errors.push_back({"standard_id", msg::kNoSuchStandard});
        for (std::size_t i = 0; i < in.limits.size(); ++i)
            if (!repo_.findParameter(tx, lab, in.limits[i].parameterId))
                errors.push_back({"limits[" + std::to_string(i) + "].parameter_id", msg::kNoSuchParameter});
        if (!errors.empty()) throw Error::invalid(errors);
        return insertSpecificationIn(tx, p, lab, in, requestId);
    });
}

Specification SpecificationService::insertSpecificationIn(Tx& tx, const Principal& p, std::int64_t lab, Specification in,
                                                     const std::string& requestId) {
    const auto latest = repo_.latestSpecification(tx, lab, in.name);
    in.id = ids_.next();
    in.labId = lab;
    in.version = latest ? latest->second + 1 : 1;
    in.status = "current";
    in.createdAtMs = toEpochMillis(clock_.now());
    for (auto& l : in.limits) l.id = ids_.next();
    if (latest) {
        repo_.supersedeSpecification(tx, lab, latest->first);
        audit_.record(tx, &p, requestId, {"specification", std::to_string(latest->first), "update", "status", "current",
                                          "superseded", "version " + std::to_string(in.version) + " created"});
    }
    repo_.insertSpecification(tx, in);
    audit_.record(tx, &p, requestId,
                  {"specification", std::to_string(in.id), "create", "", std::nullopt,
                   in.name + " v" + std::to_string(in.version) + " (" + std::to_string(in.limits.size()) + " limits, " +
                       in.comparisonMode + ", " + in.decisionRule + ")",
                   std::nullopt});
    return in;
}

Specification SpecificationService::specification(const Principal& p, std::int64_t id) {
    const std::int64_t lab = requireLab(p);
    auto s = db_.read([&](Tx& tx) { return repo_.findSpecification(tx, lab, id); });
    if (!s) throw Error::notFound("specification");
    return *s;
}

std::vector<Specification> SpecificationService::specifications(const Principal& p, std::int64_t afterId, int limit) {
    const std::int64_t lab = requireLab(p);
    return db_.read([&](Tx& tx) { return repo_.listSpecifications(tx, lab, afterId, limit); });
}

}  // namespace assay::accreditation
