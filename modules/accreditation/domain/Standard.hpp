// Standard: one edition of a standard in a lab's register (number + year), with its status.
//
// Purpose: the value passed between StandardService, its repository and its handlers. A
// standard is never deleted: it is withdrawn, or replaced by a newer edition (R5 depends on the
// exact edition a scope row and a result cite).
// Thread-safety: a value type.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "assay/accreditation/Register.hpp"

namespace assay::accreditation {


struct Standard {
    StandardRef ref;
    std::int64_t createdAtMs = 0;
    std::int64_t updatedAtMs = 0;
    int version = 1;
};

}  // namespace assay::accreditation
