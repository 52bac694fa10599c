// Dates: the one check for the "YYYY-MM-DD" dates of accreditation records.
//
// Purpose: a date must be a real calendar date written with 10 characters, in a plausible range
// (1949-10-01 .. 2199-12-31), so that stored dates compare correctly as text on both backends and
// always fit their VARCHAR(10) columns. Thread-safety: a pure function.
#pragma once

#include <string>

#include "assay/Clock.hpp"

namespace assay::accreditation {

inline bool isDate(const std::string& s) {
    return s.size() == 10 && parseIsoDate(s).has_value() && s >= "1949-10-01" && s <= "2199-12-31";
}

}  // namespace assay::accreditation
