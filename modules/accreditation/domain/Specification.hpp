// Specification: a versioned limit set (e.g. GB 2762-2022 contaminant limits) and the limit
// judgement of GB/T 8170-2008 chapter 4.
//
// Purpose: each limit binds a parameter and a product category to an optional lower bound
// (">=" or ">") and an optional upper bound ("<=" or "<"), as exact decimals. The comparison
// mode says how a result is compared: "full" (全数值比较法, the default: the unrounded value is
// compared) or "rounded" (修约值比较法: the value rounded to the limit's own digits is
// compared). The decision rule is "simple" acceptance or a "guard_band" using the expanded
// uncertainty U: pass only if [value - U, value + U] lies inside the limits, fail only if it
// lies wholly outside, otherwise no judgement (不判定).
// Thread-safety: value types and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "assay/Decimal.hpp"

namespace assay::accreditation {

struct SpecLimit {
    std::int64_t id = 0;
    std::int64_t parameterId = 0;
    std::string productCategory;       // 大米 / rice
    std::optional<std::string> minOp;  // ">=" or ">"
    std::optional<Decimal> minValue;
    std::optional<std::string> maxOp;  // "<=" or "<"
    std::optional<Decimal> maxValue;
    std::optional<std::string> clause; // "表1 4.1"
};

struct Specification {
    std::int64_t id = 0;
    std::int64_t labId = 0;
    std::string name;
    int version = 1;
    std::optional<std::int64_t> standardId;
    std::string comparisonMode = "full";  // full | rounded
    std::string decisionRule = "simple";  // simple | guard_band
    std::string status = "current";       // current | superseded
    std::int64_t createdAtMs = 0;
    std::vector<SpecLimit> limits;
};

enum class Conformity { Pass, Fail, NoJudgement };
const char* conformityName(Conformity c);  // "pass" | "fail" | "no_judgement"
inline std::ostream& operator<<(std::ostream& out, Conformity c) { return out << conformityName(c); }

// Judges a full-precision value against one limit. mode "rounded" rounds the value to the
// limit's decimals first (GB/T 8170 4.3.3). With decision rule "guard_band", u is the expanded
// uncertainty (same unit); without u the guard band cannot be applied: no judgement.
Conformity judge(const SpecLimit& limit, const Decimal& value, const std::string& comparisonMode,
                 const std::string& decisionRule, const std::optional<Decimal>& u);

}  // namespace assay::accreditation
