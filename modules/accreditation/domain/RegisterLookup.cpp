// RegisterLookup: reads of the register for other modules, in the caller's transaction.
#include "domain/AccreditationMessages.hpp"
#include "domain/RegisterLookup.hpp"

#include "domain/Dates.hpp"
#include "domain/StandardService.hpp"
#include "domain/Specification.hpp"

namespace assay::accreditation {

namespace {
ParameterRef toRef(const Parameter& p) {
    return ParameterRef{p.id, p.labId, p.nameZh, p.nameEn, p.unit, p.precisionKind, p.precisionDigits, p.roundingUnit, p.lod, p.loq};
}

std::optional<LimitRef> coveringLimit(const Specification& spec, std::int64_t parameterId, const std::string& product,
                                      const std::string& category) {
    for (const std::string* covers : {&product, &category})
        for (const auto& l : spec.limits)
            if (l.parameterId == parameterId && l.productCategory == *covers)
                return LimitRef{spec.id, spec.name, spec.version, spec.comparisonMode, spec.decisionRule, l.parameterId,
                                l.productCategory, l.minOp, l.maxOp, l.minValue, l.maxValue, l.clause, spec.standardId};
    return std::nullopt;
}
}  // namespace

std::optional<StandardRef> RegisterLookup::standard(Tx& tx, std::int64_t labId, std::int64_t standardId) {
    auto s = repo_.findStandard(tx, labId, standardId);
    return s ? std::optional<StandardRef>(s->ref) : std::nullopt;
}

std::map<std::int64_t, StandardRef> RegisterLookup::standards(Tx& tx, std::int64_t labId, const std::vector<std::int64_t>& ids) {
    std::map<std::int64_t, StandardRef> out;
    for (const auto& s : repo_.findStandards(tx, labId, ids)) out.emplace(s.ref.id, s.ref);
    return out;
}

std::optional<StandardRef> RegisterLookup::standardByDesignation(Tx& tx, std::int64_t labId, const std::string& designation) {
    auto parts = StandardService::parseDesignation(designation);
    if (!parts) return std::nullopt;
    auto s = repo_.findStandardByEdition(tx, labId, parts->first, parts->second);
    return s ? std::optional<StandardRef>(s->ref) : std::nullopt;
}

std::optional<ParameterRef> RegisterLookup::parameter(Tx& tx, std::int64_t labId, std::int64_t parameterId) {
    auto found = repo_.findParameter(tx, labId, parameterId);
    return found ? std::optional<ParameterRef>(toRef(*found)) : std::nullopt;
}

std::map<std::int64_t, ParameterRef> RegisterLookup::parameters(Tx& tx, std::int64_t labId, const std::vector<std::int64_t>& ids) {
    std::map<std::int64_t, ParameterRef> out;
    for (const auto& p : repo_.findParameters(tx, labId, ids)) out.emplace(p.id, toRef(p));
    return out;
}

bool RegisterLookup::standardHasMethods(Tx& tx, std::int64_t labId, std::int64_t standardId) {
    return repo_.countMethodsOfStandard(tx, labId, standardId) > 0;
}

std::set<std::int64_t> RegisterLookup::standardsWithMethods(Tx& tx, std::int64_t labId, const std::vector<std::int64_t>& standardIds) {
    const auto found = repo_.standardsWithMethods(tx, labId, standardIds);
    return std::set<std::int64_t>(found.begin(), found.end());
}

std::optional<MethodRef> RegisterLookup::method(Tx& tx, std::int64_t labId, std::int64_t methodId) {
    auto m = repo_.findMethod(tx, labId, methodId);
    return m ? std::optional<MethodRef>(m->ref) : std::nullopt;
}

std::map<std::int64_t, MethodRef> RegisterLookup::methods(Tx& tx, std::int64_t labId, const std::vector<std::int64_t>& ids) {
    std::map<std::int64_t, MethodRef> out;
    for (const auto& m : repo_.findMethods(tx, labId, ids)) out.emplace(m.ref.id, m.ref);
    return out;
}

RuleVerdict RegisterLookup::methodUsableOn(Tx& tx, std::int64_t labId, std::int64_t methodId, const std::string& date) {
    auto no = [](Message why) { return RuleVerdict{false, "R23", why.english(), why}; };
    if (!parseIsoDate(date)) return no(Message(msg::kTestDateNotDate, {{"date", date}}));
    auto m = repo_.findMethod(tx, labId, methodId);
    if (!m) return no(msg::kMethodNotInRegister);
    if (m->ref.status != MethodStatus::Current) return no(Message(msg::kMethodWithdrawn, {{"method", m->ref.citation()}}));
    const bool validationOnly = m->ref.kind == "non_standard";
    if (repo_.countRecordsOnOrBefore(tx, labId, methodId, date, validationOnly) == 0)
        return no(Message(validationOnly ? msg::kMethodNoValidation : msg::kMethodNoVerification,
                          {{"method", m->ref.citation()}, {"date", date}}));
    return {true, "", "", {}};
}

std::optional<Decimal> RegisterLookup::expandedUncertainty(Tx& tx, std::int64_t labId, std::int64_t parameterId, const Decimal& value) {
    auto p = repo_.findParameter(tx, labId, parameterId);
    if (!p || p->muModel == "none") return std::nullopt;
    const Decimal hundred = Decimal::fromInt(100);
    auto relative = [&](const Decimal& percent) { return (value.abs() * percent).divide(hundred, 16); };
    if (p->muModel == "absolute") return p->muValue;
    if (p->muModel == "relative") return p->muValue ? relative(*p->muValue) : std::nullopt;
    for (const auto& band : p->muBands)  // range: ascending bands, the last one open-ended
        if (!band.upTo || value.abs() <= *band.upTo) return relative(band.relativePercent);
    return std::nullopt;
}

std::optional<LimitRef> RegisterLookup::limit(Tx& tx, std::int64_t labId, std::int64_t specId, std::int64_t parameterId,
                                              const std::string& product, const std::string& category) {
    auto spec = repo_.findSpecification(tx, labId, specId);
    if (!spec) return std::nullopt;
    return coveringLimit(*spec, parameterId, product, category);
}

std::vector<std::optional<LimitRef>> RegisterLookup::limits(Tx& tx, std::int64_t labId, const std::vector<LimitQuery>& queries) {
    std::map<std::int64_t, std::optional<Specification>> specs;  // each distinct specification read once
    std::vector<std::optional<LimitRef>> out;
    out.reserve(queries.size());
    for (const auto& q : queries) {
        auto it = specs.find(q.specId);
        if (it == specs.end()) it = specs.emplace(q.specId, repo_.findSpecification(tx, labId, q.specId)).first;
        out.push_back(it->second ? coveringLimit(*it->second, q.parameterId, q.product, q.category) : std::nullopt);
    }
    return out;
}

std::string judgeLimit(const LimitRef& limit, const Decimal& value, const std::optional<Decimal>& u) {
    SpecLimit l;
    l.parameterId = limit.parameterId;
    l.productCategory = limit.productCategory;
    l.minOp = limit.minOp;
    l.minValue = limit.minValue;
    l.maxOp = limit.maxOp;
    l.maxValue = limit.maxValue;
    return conformityName(accreditation::judge(l, value, limit.comparisonMode, limit.decisionRule, u));
}

std::optional<Decimal> RegisterLookup::priceOn(Tx& tx, std::int64_t labId, std::int64_t parameterId, std::int64_t methodId,
                                               const std::string& date) {
    for (const auto& price : prices_.forItem(tx, labId, parameterId, methodId))
        if (price.validOn(date)) return price.amount;
    return std::nullopt;
}

}  // namespace assay::accreditation
