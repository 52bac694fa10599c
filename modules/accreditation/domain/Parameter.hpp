// Parameter: a test item (检测项目) of the register with its reporting rules.
//
// Purpose: how a result of this parameter is reported: unit, precision (decimals or significant
// figures, rounded by GB/T 8170), LOD/LOQ (exact decimals; below the LOD a result is reported
// as "<LOD" / 未检出, never as 0), and the measurement-uncertainty model: absolute (in the
// unit), relative (percent of the value), or by range (a relative percent per value band, the
// last band open-ended).
// Thread-safety: value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "assay/Decimal.hpp"

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
    int precisionDigits = 0;
    std::optional<Decimal> lod, loq;
    std::string muModel = "none";       // none | absolute | relative | range
    std::optional<Decimal> muValue;     // absolute: in the unit; relative: percent
    std::vector<MuBand> muBands;        // range
    std::int64_t createdAtMs = 0;
    int version = 1;

    // The value rounded for the report by this parameter's precision (GB/T 8170).
    Decimal reported(const Decimal& v) const {
        return precisionKind == "decimals" ? v.roundToDecimals(precisionDigits) : v.roundToSignificant(precisionDigits);
    }
};

// "0.1:25;*:15" <-> bands.
std::string encodeMuBands(const std::vector<MuBand>& bands);
std::optional<std::vector<MuBand>> decodeMuBands(const std::string& text);

}  // namespace assay::accreditation
