// ParameterService: validation, tenancy and audit of the register's parameters (test items).
#include "domain/ParameterService.hpp"
#include "domain/AccreditationMessages.hpp"

#include "assay/Messages.hpp"
#include "assay/Error.hpp"
#include "assay/Text.hpp"
#include "domain/LabTenancy.hpp"

namespace assay::accreditation {

std::vector<FieldError> ParameterService::parameterProblems(const Parameter& in) {
    std::vector<FieldError> errors;
    const Decimal zero, hundred = Decimal::fromInt(100);
    if (in.nameZh.empty()) errors.push_back({"name_zh", assay::msg::kRequired});
    if (in.unit.empty()) errors.push_back({"unit", assay::msg::kRequired});
    tooLong(errors, "name_zh", in.nameZh, 100);
    if (in.nameEn) tooLong(errors, "name_en", *in.nameEn, 100);
    tooLong(errors, "unit", in.unit, 32);
    for (const auto& [field, value] : {std::pair<const char*, const std::optional<Decimal>*>{"lod", &in.lod}, {"loq", &in.loq},
                                       {"mu_value", &in.muValue}})
        if (*value) tooLong(errors, field, (*value)->toString(), 40);
    if (in.precisionKind == "decimals") {
        if (in.precisionDigits < -10 || in.precisionDigits > 10)
            errors.push_back({"precision_digits", msg::kDecimalsRange});
    } else if (in.precisionKind == "significant") {
        if (in.precisionDigits < 1 || in.precisionDigits > 10)
            errors.push_back({"precision_digits", msg::kSignificantRange});
    } else {
        errors.push_back({"precision_kind", msg::kPrecisionKind});
    }
    // GB/T 8170 3.4: 0.5- and 0.2-unit rounding are of a place, so they go with decimals only.
    if (in.roundingUnit != "1" && in.roundingUnit != "0.5" && in.roundingUnit != "0.2")
        errors.push_back({"rounding_unit", msg::kRoundingUnit});
    else if (in.roundingUnit != "1" && in.precisionKind == "significant")
        errors.push_back({"rounding_unit", "0.5- and 0.2-unit rounding are to a place: give precision_kind decimals"});
    if (in.lod && *in.lod <= zero) errors.push_back({"lod", assay::msg::kGreaterThanZero});
    if (in.loq && *in.loq <= zero) errors.push_back({"loq", assay::msg::kGreaterThanZero});
    if (in.lod && in.loq && *in.loq < *in.lod) errors.push_back({"loq", msg::kLoqBelowLod});
    if (in.muModel == "absolute" || in.muModel == "relative") {
        if (!in.muValue) errors.push_back({"mu_value", Message(msg::kMuValueRequired, {{"model", in.muModel}})});
        else if (*in.muValue <= zero) errors.push_back({"mu_value", assay::msg::kGreaterThanZero});
        else if (in.muModel == "relative" && *in.muValue > hundred) errors.push_back({"mu_value", msg::kRelativeAtMost100});
        if (!in.muBands.empty()) errors.push_back({"mu_ranges", msg::kOnlyRangeModel});
    } else if (in.muModel == "range") {
        if (in.muValue) errors.push_back({"mu_value", msg::kMuValueWithRange});
        if (in.muBands.empty() || in.muBands.size() > 10) errors.push_back({"mu_ranges", "1-10 bands are required"});
        for (std::size_t i = 0; i < in.muBands.size(); ++i) {
            const auto& b = in.muBands[i];
            const std::string f = "mu_ranges[" + std::to_string(i) + "]";
            const bool last = i + 1 == in.muBands.size();
            if (last && b.upTo) errors.push_back({f + ".up_to", msg::kLastBandOpen});
            if (!last && !b.upTo) errors.push_back({f + ".up_to", msg::kOnlyLastBandOpen});
            if (i > 0 && b.upTo && in.muBands[i - 1].upTo && *b.upTo <= *in.muBands[i - 1].upTo)
                errors.push_back({f + ".up_to", "bands must be in ascending order"});
            if (b.relativePercent <= zero || b.relativePercent > hundred)
                errors.push_back({f + ".relative", msg::kRelativePercent});
        }
    } else if (in.muModel == "none") {
        if (in.muValue || !in.muBands.empty()) errors.push_back({"mu_model", "none takes no value or bands"});
    } else {
        errors.push_back({"mu_model", msg::kMuModel});
    }
    return errors;
}

Parameter ParameterService::createParameter(const Principal& p, Parameter in, const std::string& requestId) {
    if (auto errors = parameterProblems(in); !errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = requireLab(p);
    return db_.write([&](Tx& tx) {
        if (repo_.findParameterByName(tx, lab, in.nameZh, in.unit))
            throw Error::conflict(Message(msg::kParameterTaken, {{"name", in.nameZh}, {"unit", in.unit}}));
        return insertParameterIn(tx, p, lab, in, requestId);
    });
}

Parameter ParameterService::insertParameterIn(Tx& tx, const Principal& p, std::int64_t lab, Parameter in, const std::string& requestId) {
    in.id = ids_.next();
    in.labId = lab;
    in.createdAtMs = toEpochMillis(clock_.now());
    in.version = 1;
    repo_.insertParameter(tx, in);
    audit_.record(tx, &p, requestId,
                  {"parameter", std::to_string(in.id), "create", "", std::nullopt,
                   in.nameZh + " [" + in.unit + "] " + in.precisionKind + "=" + std::to_string(in.precisionDigits) +
                       (in.roundingUnit == "1" ? "" : " by " + in.roundingUnit + " unit") +
                       " LOD=" + (in.lod ? in.lod->toString() : "-") + " LOQ=" + (in.loq ? in.loq->toString() : "-") +
                       " MU=" + in.muModel,
                  std::nullopt});
    return in;
}

Parameter ParameterService::parameter(const Principal& p, std::int64_t id) {
    const std::int64_t lab = requireLab(p);
    auto x = db_.read([&](Tx& tx) { return repo_.findParameter(tx, lab, id); });
    if (!x) throw Error::notFound("parameter");
    return *x;
}

std::vector<Parameter> ParameterService::parameters(const Principal& p, std::int64_t afterId, int limit) {
    const std::int64_t lab = requireLab(p);
    return db_.read([&](Tx& tx) { return repo_.listParameters(tx, lab, afterId, limit); });
}

std::optional<Parameter> ParameterService::parameterNamed(Tx& tx, std::int64_t lab, const std::string& name,
                                                         const std::string& unit, std::vector<FieldError>& errors) {
    std::vector<Parameter> found;
    for (const auto& x : repo_.listParameters(tx, lab, 0, 500))
        if (x.nameZh == name && (unit.empty() || x.unit == unit)) found.push_back(x);
    if (found.size() == 1) return found.front();
    errors.push_back({"parameter", found.empty() ? "no parameter '" + name + "'" + (unit.empty() ? "" : " in " + unit) + " in the register"
                                                 : "'" + name + "' exists with several units: give the unit column"});
    return std::nullopt;
}

}  // namespace assay::accreditation
