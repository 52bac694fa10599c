// Specification: limit judgement (GB/T 8170-2008 chapter 4) with optional guard band.
#include "domain/Specification.hpp"

#include <algorithm>

namespace assay::accreditation {

const char* conformityName(Conformity c) {
    switch (c) {
        case Conformity::Pass: return "pass";
        case Conformity::Fail: return "fail";
        case Conformity::NoJudgement: return "no_judgement";
    }
    return "no_judgement";
}

namespace {
bool withinMin(const SpecLimit& l, const Decimal& v) {
    if (!l.minValue) return true;
    return *l.minOp == ">" ? v > *l.minValue : v >= *l.minValue;
}
bool withinMax(const SpecLimit& l, const Decimal& v) {
    if (!l.maxValue) return true;
    return *l.maxOp == "<" ? v < *l.maxValue : v <= *l.maxValue;
}
bool within(const SpecLimit& l, const Decimal& v) { return withinMin(l, v) && withinMax(l, v); }

// The value as compared: rounded to as many decimals as the limit is written with (修约值比较法).
Decimal compared(const SpecLimit& l, const Decimal& v, const std::string& mode) {
    if (mode != "rounded") return v;
    int decimals = 0;
    if (l.maxValue) decimals = std::max(decimals, l.maxValue->decimals());
    if (l.minValue) decimals = std::max(decimals, l.minValue->decimals());
    return v.roundToDecimals(decimals);
}
}  // namespace

Conformity judge(const SpecLimit& limit, const Decimal& value, const std::string& comparisonMode,
                 const std::string& decisionRule, const std::optional<Decimal>& u) {
    const Decimal v = compared(limit, value, comparisonMode);
    if (decisionRule != "guard_band") return within(limit, v) ? Conformity::Pass : Conformity::Fail;
    if (!u) return Conformity::NoJudgement;
    const Decimal low = v - *u, high = v + *u;
    if (within(limit, low) && within(limit, high)) return Conformity::Pass;
    // Wholly outside: the whole interval beyond the upper bound, or below the lower bound.
    const bool allAbove = limit.maxValue && !withinMax(limit, low);
    const bool allBelow = limit.minValue && !withinMin(limit, high);
    return allAbove || allBelow ? Conformity::Fail : Conformity::NoJudgement;
}

}  // namespace assay::accreditation
