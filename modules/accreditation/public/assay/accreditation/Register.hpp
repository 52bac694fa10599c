// Register: the accreditation module's published view of the lab register.
//
// Purpose: intake, testing and reports look up standards, methods, the R23 verdict and prices through this interface, never through the module's
// domain headers. Published in the ServiceRegistry by AccreditationModule.
// Thread-safety: implementations are safe from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "assay/Db.hpp"
#include "assay/Decimal.hpp"
#include "assay/Message.hpp"
#include "assay/Enum.hpp"

namespace assay::accreditation {

// A standard edition is current until withdrawn, or replaced by a newer edition of its number.
enum class StandardStatus { Current, Withdrawn, Replaced };
// A method is current until withdrawn (R23: a withdrawn method is not used).
enum class MethodStatus { Current, Withdrawn };
using assay::operator<<;

struct StandardRef {
    std::int64_t id = 0;
    std::int64_t labId = 0;
    std::string number;   // "GB 5009.12"
    int year = 0;         // 2023
    std::string title;
    StandardStatus status = StandardStatus::Current;
    std::optional<std::int64_t> replacedBy;
    // "GB 5009.12-2023": the standard number with its edition year, as reports print it.
    std::string designation() const { return number + "-" + std::to_string(year); }
};

struct MethodRef {
    std::int64_t id = 0;
    std::int64_t labId = 0;
    StandardRef standard;
    std::optional<std::string> clause;  // "第一法" / "4.1"
    std::string name;
    std::string kind;                   // standard | non_standard (lab-developed or modified)
    MethodStatus status = MethodStatus::Current;
    std::vector<std::string> equipmentTypes;
    std::optional<std::string> belowLodStyle;  // lod ("<0.005") | nd (未检出); empty: the lab's setting
    // "GB 5009.12-2023 第一法": what reports print as the method used.
    std::string citation() const { return standard.designation() + (clause ? " " + *clause : ""); }
};

// A value rounded for the report by GB/T 8170: kind "significant" to `digits` significant
// figures; kind "decimals" to `digits` decimals (negative: to tens, hundreds ...) in steps of
// `unit` of that place: "1", "0.5" (3.4.1, 60.25 -> 60.0 to the units) or "0.2" (3.4.2, 830 -> 840
// to the hundreds).
inline Decimal reportedValue(const Decimal& v, const std::string& kind, int digits, const std::string& unit) {
    if (kind != "decimals") return v.roundToSignificant(digits);
    return unit == "0.5" ? v.roundToHalfUnit(digits) : unit == "0.2" ? v.roundToFifthUnit(digits) : v.roundToDecimals(digits);
}

struct ParameterRef {
    std::int64_t id = 0;
    std::int64_t labId = 0;
    std::string nameZh;                 // 铅(以Pb计)
    std::optional<std::string> nameEn;  // Lead (as Pb)
    std::string unit;                   // mg/kg
    std::string precisionKind;          // decimals | significant
    int precisionDigits = 0;
    std::string roundingUnit = "1";     // decimals only: 1 | 0.5 | 0.2 of the place (GB/T 8170 3.4)
    std::optional<Decimal> lod, loq;
    // The value rounded for the report by this parameter's precision (GB/T 8170).
    Decimal reported(const Decimal& v) const { return reportedValue(v, precisionKind, precisionDigits, roundingUnit); }
};

// One limit of a specification for a parameter and product, with how results are judged.
struct LimitRef {
    std::int64_t specificationId = 0;
    std::string specification;            // "GB 2762-2022 污染物限量"
    int specificationVersion = 1;
    std::string comparisonMode;           // full | rounded (GB/T 8170 ch. 4)
    std::string decisionRule;             // simple | guard_band
    std::int64_t parameterId = 0;
    std::string productCategory;
    std::optional<std::string> minOp, maxOp;  // ">=" / ">", "<=" / "<"
    std::optional<Decimal> minValue, maxValue;
    std::optional<std::string> clause;
    std::optional<std::int64_t> standardId;  // the limit (judgement) standard of the specification, e.g. GB 2762-2022 (R6)
    // "≤0.2" / "≥1.0" / "0.5–1.0" as a report prints the requirement.
    std::string text() const {
        auto op = [](const std::optional<std::string>& o) {
            return std::string(!o ? "" : *o == "<=" ? "≤" : *o == "<" ? "<" : *o == ">=" ? "≥" : ">");
        };
        if (minValue && maxValue) return minValue->toString() + "–" + maxValue->toString();
        if (maxValue) return op(maxOp) + maxValue->toString();
        if (minValue) return op(minOp) + minValue->toString();
        return std::string();
    }
};

// The answer to a rule question: ok, or the rule id and the reason it fails.
struct RuleVerdict {
    bool ok = true;
    std::string rule;    // "R23"
    std::string reason;  // English (logs); why in the reader's language
    Message why;
};

class Register {
public:
    virtual ~Register() = default;
    // Every method reads in the caller's transaction tx and opens none of its own; the batch
    // reads (standards, parameters, methods, standardsWithMethods, limits) answer for many ids
    // with a number of queries that does not grow with their count (one per 200 ids).

    // Empty when the lab has no such standard.
    virtual std::optional<StandardRef> standard(Tx& tx, std::int64_t labId, std::int64_t standardId) = 0;
    virtual std::map<std::int64_t, StandardRef> standards(Tx& tx, std::int64_t labId, const std::vector<std::int64_t>& ids) = 0;
    // By designation "GB 5009.12-2023" (number and year). Empty when absent or malformed.
    virtual std::optional<StandardRef> standardByDesignation(Tx& tx, std::int64_t labId, const std::string& designation) = 0;

    // Empty when the lab has no such parameter.
    virtual std::optional<ParameterRef> parameter(Tx& tx, std::int64_t labId, std::int64_t parameterId) = 0;
    virtual std::map<std::int64_t, ParameterRef> parameters(Tx& tx, std::int64_t labId, const std::vector<std::int64_t>& ids) = 0;
    // R6: whether the register holds any test method of this standard (a limit standard such as
    // GB 2762 has none; a product standard with its own test methods has).
    virtual bool standardHasMethods(Tx& tx, std::int64_t labId, std::int64_t standardId) = 0;
    // The ids among standardIds that have at least one method.
    virtual std::set<std::int64_t> standardsWithMethods(Tx& tx, std::int64_t labId, const std::vector<std::int64_t>& standardIds) = 0;
    virtual std::optional<MethodRef> method(Tx& tx, std::int64_t labId, std::int64_t methodId) = 0;
    virtual std::map<std::int64_t, MethodRef> methods(Tx& tx, std::int64_t labId, const std::vector<std::int64_t>& ids) = 0;
    // R23: may a result tested on date (YYYY-MM-DD) cite this method? Only a current method with,
    // dated on or before that date, a verification record (standard methods; a validation also
    // counts) or a validation record (non-standard methods).
    virtual RuleVerdict methodUsableOn(Tx& tx, std::int64_t labId, std::int64_t methodId, const std::string& date) = 0;
    // The expanded measurement uncertainty U of a value by the parameter's MU model (absolute:
    // the value in the unit; relative: that percent of the value; range: the percent of the
    // band the value falls in). Empty without a model (none) or an unknown parameter.
    virtual std::optional<Decimal> expandedUncertainty(Tx& tx, std::int64_t labId, std::int64_t parameterId, const Decimal& value) = 0;
    // The limit of specification specId for parameterId that covers the product (its name or
    // category, tried in that order). Empty when the specification has none.
    virtual std::optional<LimitRef> limit(Tx& tx, std::int64_t labId, std::int64_t specId, std::int64_t parameterId,
                                          const std::string& product, const std::string& category) = 0;
    // The same for many lines at once: one answer per query, in order (empty where none covers).
    // Reads each distinct specification once.
    struct LimitQuery {
        std::int64_t specId = 0, parameterId = 0;
        std::string product, category;
    };
    virtual std::vector<std::optional<LimitRef>> limits(Tx& tx, std::int64_t labId, const std::vector<LimitQuery>& queries) = 0;
    // The price list's price in CNY for a parameter tested by a method on date (the quote, 报价).
    // Empty when no price is valid then.
    virtual std::optional<Decimal> priceOn(Tx& tx, std::int64_t labId, std::int64_t parameterId, std::int64_t methodId,
                                           const std::string& date) = 0;
};

// GB/T 8170 ch. 4 judgement of value against the limit by its comparison mode and decision rule;
// u is the expanded uncertainty (guard_band needs it). "pass" | "fail" | "no_judgement". Pure: a
// function, not a method of Register, since it reads nothing (no transaction to take).
std::string judgeLimit(const LimitRef& limit, const Decimal& value, const std::optional<Decimal>& u);

}  // namespace assay::accreditation

namespace assay {
template <>
struct EnumNames<accreditation::StandardStatus> {
    static constexpr std::array<std::string_view, 3> names{"current", "withdrawn", "replaced"};
};
template <>
struct EnumNames<accreditation::MethodStatus> {
    static constexpr std::array<std::string_view, 2> names{"current", "withdrawn"};
};
}  // namespace assay
