// Method: a test method of the register and its verification / validation records.
//
// Purpose: values passed between MethodService, its repository and its handlers. A method
// is never deleted (withdrawn instead); its records are evidence and are only ever added.
// Thread-safety: value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "assay/accreditation/Register.hpp"

namespace assay::accreditation {

inline bool isMethodKind(const std::string& k) { return k == "standard" || k == "non_standard"; }
inline bool isRecordKind(const std::string& k) { return k == "verification" || k == "validation"; }

struct Method {
    MethodRef ref;
    std::optional<std::string> principle;
    std::int64_t createdAtMs = 0;
    std::int64_t updatedAtMs = 0;
    int version = 1;
};

struct MethodRecord {
    std::int64_t id = 0;
    std::int64_t labId = 0;
    std::int64_t methodId = 0;
    std::string kind;        // verification | validation
    std::string recordDate;  // YYYY-MM-DD
    std::string recordNo;
    std::optional<std::string> summary;
    std::int64_t createdBy = 0;
    std::int64_t createdAtMs = 0;
};

}  // namespace assay::accreditation
