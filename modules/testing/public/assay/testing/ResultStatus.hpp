// ResultStatus: where a result stands in its review (R13, R20): entered -> checked -> approved;
// any but approved may be corrected (back to entered); any may be invalidated with a reason and
// the item retested as a new attempt.
//
// Purpose: published because reports read it (a report carries approved results only).
#pragma once

#include <array>
#include <string_view>

#include "assay/Enum.hpp"

namespace assay::testing {
enum class ResultStatus { Entered, Checked, Approved, Invalidated };
using assay::operator<<;
}  // namespace assay::testing

namespace assay {
template <>
struct EnumNames<testing::ResultStatus> {
    static constexpr std::array<std::string_view, 4> names{"entered", "checked", "approved", "invalidated"};
};
}  // namespace assay
