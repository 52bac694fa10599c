// Scheme: the two accreditations a Chinese lab holds, each with its own scope, signatories,
// certificate and report mark: CMA (检验检测机构资质认定, mandatory) and CNAS (实验室认可, voluntary).
//
// Purpose: one closed type for every scope row, qualification, signatory filing and mark, so a
// third spelling cannot be stored or asked for. Its names ("CMA", "CNAS") are the API's and the
// database's.
#pragma once

#include <array>
#include <string_view>

#include "assay/Enum.hpp"

namespace assay::accreditation {
enum class Scheme { Cma, Cnas };
using assay::operator<<;
}  // namespace assay::accreditation

namespace assay {
template <>
struct EnumNames<accreditation::Scheme> {
    static constexpr std::array<std::string_view, 2> names{"CMA", "CNAS"};
};
}  // namespace assay
