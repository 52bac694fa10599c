// Price: one entry of the lab's price list (报价依据): a parameter tested by a method, at a price
// in CNY (a decimal string, never a float), valid from a date through another (or open-ended).
// Purpose: the value passed between PriceService, PriceRepository and the handlers.
// Thread-safety: a value type.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "assay/Decimal.hpp"

namespace assay::accreditation {

struct Price {
    std::int64_t id = 0;
    std::int64_t labId = 0;
    std::int64_t parameterId = 0;
    std::int64_t methodId = 0;
    Decimal amount;          // CNY
    std::string validFrom;   // YYYY-MM-DD
    std::optional<std::string> validTo;  // inclusive; empty = open-ended
    std::int64_t createdAtMs = 0;
    bool validOn(const std::string& d) const { return validFrom <= d && (!validTo || d <= *validTo); }
    // True when the two validity periods share a day.
    bool overlaps(const Price& o) const {
        return validFrom <= o.validTo.value_or("9999-12-31") && o.validFrom <= validTo.value_or("9999-12-31");
    }
};

}  // namespace assay::accreditation
