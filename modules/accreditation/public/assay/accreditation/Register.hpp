// Register: the accreditation module's published view of the lab register.
//
// Purpose: intake, testing and reports look up standards (and, as the register grows, methods,
// parameters, specifications and prices) through this interface, never through the module's
// domain headers. Published in the ServiceRegistry by AccreditationModule.
// Thread-safety: implementations are safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace assay::accreditation {

struct StandardRef {
    std::int64_t id = 0;
    std::int64_t labId = 0;
    std::string number;   // "GB 5009.12"
    int year = 0;         // 2023
    std::string title;
    std::string status;   // current | withdrawn | replaced
    std::optional<std::int64_t> replacedBy;
    // "GB 5009.12-2023": the standard number with its edition year, as reports print it.
    std::string designation() const { return number + "-" + std::to_string(year); }
};

class Register {
public:
    virtual ~Register() = default;
    // Empty when the lab has no such standard.
    virtual std::optional<StandardRef> standard(std::int64_t labId, std::int64_t standardId) = 0;
    // By designation "GB 5009.12-2023" (number and year). Empty when absent or malformed.
    virtual std::optional<StandardRef> standardByDesignation(std::int64_t labId, const std::string& designation) = 0;
};

}  // namespace assay::accreditation
