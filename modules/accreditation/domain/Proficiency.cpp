// Proficiency: S / Q / U classification and PT coverage.
#include "domain/Proficiency.hpp"

#include <chrono>

#include "assay/Clock.hpp"

namespace assay::accreditation {

std::string classify(const std::string& scoreKind, const Decimal& score) {
    const Decimal a = score.abs();
    if (scoreKind == "En") return a <= *Decimal::parse("1") ? "S" : "U";
    if (a <= *Decimal::parse("2")) return "S";
    if (a < *Decimal::parse("3")) return "Q";
    return "U";
}

std::vector<CoverageGap> coverageGaps(const std::set<std::string>& subFields, const std::vector<PtRound>& rounds,
                                      const std::string& today, int months) {
    std::vector<CoverageGap> gaps;
    const auto t = parseIsoDate(today);
    if (!t) return gaps;
    const std::chrono::year_month_day ymd{*t};
    std::chrono::year_month_day from = ymd - std::chrono::months{months};
    if (!from.ok()) from = std::chrono::year_month_day{std::chrono::year_month_day_last{from.year(), std::chrono::month_day_last{from.month()}}};
    const std::string since = formatIsoDate(std::chrono::sys_days{from});
    for (const auto& field : subFields) {
        std::optional<std::string> last;
        for (const auto& r : rounds)
            if (r.subField == field && r.classification == "S" && r.reportedOn && (!last || *r.reportedOn > *last)) last = r.reportedOn;
        if (!last || *last < since)
            gaps.push_back({"no_satisfactory_pt", field, last, std::nullopt,
                            "sub-field " + field + " has no satisfactory PT result since " + since +
                                (last ? " (the last was on " + *last + ")" : " (none on record)")});
    }
    for (const auto& r : rounds)
        if (r.mandated && !r.reportedOn && r.deadline && *r.deadline < today)
            gaps.push_back({"missed_mandated_round", r.subField, std::nullopt, r.id,
                            "mandated PT round " + r.provider + " " + r.roundCode + " passed its deadline " + *r.deadline +
                                " without a result"});
    return gaps;
}

}  // namespace assay::accreditation
