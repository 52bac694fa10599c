// Parameter: a test item (检测项目) of the register with its reporting rules.
//
// Purpose: how a result of this parameter is reported: unit, precision (decimals, in steps of 1,
// 0.5 or 0.2 of the place, or significant figures, rounded by GB/T 8170), LOD/LOQ (exact
// decimals; below the LOD a result is reported as "<LOD" / 未检出, never as 0), and the
// measurement-uncertainty model: absolute (in the unit), relative (percent of the value), or by
// range (a relative percent per value band, the last band open-ended).
// Thread-safety: value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "assay/Decimal.hpp"
#include "assay/accreditation/Register.hpp"

namespace assay::accreditation {

struct MuBand {
    std::optional<Decimal> upTo;  // empty: open-ended (the last band)
    Decimal relativePercent;
};

struct Parameter {
    std::int64_t id = 0;
    std::int64_t labId = 0;
    std::string nameZh;                 // 铅(以Pb计)
    std::optional<std::string> nameEn;  // Lead (as Pb)
    std::string unit;                   // mg/kg
    std::string precisionKind;          // decimals | significant
    int precisionDigits = 0;            // decimals: -10..10 (negative: tens, hundreds ...); significant: 1..10
    std::string roundingUnit = "1";     // decimals only: 1 | 0.5 | 0.2 of the place (GB/T 8170 3.4)
    std::optional<Decimal> lod, loq;
    std::string muModel = "none";       // none | absolute | relative | range
    std::optional<Decimal> muValue;     // absolute: in the unit; relative: percent
    std::vector<MuBand> muBands;        // range
    std::int64_t createdAtMs = 0;
    int version = 1;

    // The value rounded for the report by this parameter's precision (GB/T 8170).
    Decimal reported(const Decimal& v) const { return reportedValue(v, precisionKind, precisionDigits, roundingUnit); }
    // The precision as the register prints it: "2 位有效数字", "2 位小数", or else the rounding
    // interval (修约间隔): "修约间隔 0.5" (0.5 unit of the units), "修约间隔 20" (0.2 unit of the hundreds).
    std::string precisionText() const {
        if (precisionKind != "decimals") return std::to_string(precisionDigits) + " 位有效数字";
        if (roundingUnit == "1" && precisionDigits >= 0) return std::to_string(precisionDigits) + " 位小数";
        const Decimal unitValue = Decimal::parse(roundingUnit).value_or(Decimal::fromInt(1));
        return "修约间隔 " + (unitValue * Decimal(1, -precisionDigits)).toString();
    }
};

// "0.1:25;*:15" <-> bands.
std::string encodeMuBands(const std::vector<MuBand>& bands);
std::optional<std::vector<MuBand>> decodeMuBands(const std::string& text);

}  // namespace assay::accreditation
