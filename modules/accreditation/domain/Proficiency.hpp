// Proficiency: proficiency testing (能力验证) rounds, their results and the rules on them.
//
// Purpose: the value passed between ProficiencyService, its repository and its handlers, and the
// pure rules: the S / Q / U classification of a z or En score (R25) and the coverage of the
// accredited sub-fields by satisfactory results (R26).
// Thread-safety: value types and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "assay/Decimal.hpp"

namespace assay::accreditation {

struct PtRound {
    std::int64_t id = 0;
    std::int64_t labId = 0;
    std::string provider;
    std::string schemeName;
    std::string roundCode;
    std::int64_t parameterId = 0;
    std::string parameterName;  // for display
    std::optional<std::string> product;
    std::string subField;       // matched against the scope's categories (R26)
    bool mandated = false;      // a round the CMA authority requires
    std::optional<std::string> deadline;
    std::optional<std::string> unit;
    std::optional<Decimal> assignedValue;
    std::optional<Decimal> labResult;
    std::optional<std::string> scoreKind;  // z | En
    std::optional<Decimal> score;
    std::optional<std::string> classification;  // S | Q | U
    std::optional<std::string> reportedOn;
    std::optional<std::int64_t> ncId;
    std::int64_t createdAtMs = 0;
    std::int64_t updatedAtMs = 0;
    int version = 1;
};

// R25: z: S when |z| <= 2, Q when 2 < |z| < 3, U when |z| >= 3 (ISO 13528); En: S when
// |En| <= 1, U otherwise. Exact decimal comparison.
std::string classify(const std::string& scoreKind, const Decimal& score);

// R26 on date today: for each sub-field, whether a satisfactory result was reported within the
// last `months` months; and the mandated rounds whose deadline passed without a result.
struct CoverageGap {
    std::string kind;       // no_satisfactory_pt | missed_mandated_round
    std::string subField;
    std::optional<std::string> lastSatisfactory;  // reported date of the last S result, if any
    std::optional<std::int64_t> roundId;
    std::string message;
};
std::vector<CoverageGap> coverageGaps(const std::set<std::string>& subFields, const std::vector<PtRound>& rounds,
                                      const std::string& today, int months);

}  // namespace assay::accreditation
