// CapabilityCheck: the accreditation module's published answer to contract review's question
// (合同评审): can the lab do this test item on this date, and is it inside its CMA and CNAS scope?
//
// Purpose: intake reviews each requested item through this one call: the method is usable (R23),
// someone is authorized to perform it (R13), an instrument of every type the method needs is
// usable (R15), and the CMA and CNAS scope verdicts (R1, R5, R25). Published by
// AccreditationModule.
// Thread-safety: implementations are safe from any thread.
#pragma once

#include "assay/Db.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "assay/accreditation/Register.hpp"
#include "assay/accreditation/ScopeCheck.hpp"

namespace assay::accreditation {

struct CapabilityQuery {
    std::int64_t labId = 0;
    std::int64_t parameterId = 0;
    std::int64_t methodId = 0;
    std::string product;
    std::optional<std::string> category;
    std::string site;
    std::string date;  // the planned test date
};

struct CapabilityVerdict {
    bool canPerform = false;          // method, staff and equipment all fine
    RuleVerdict method;               // R23
    RuleVerdict staff;                // R13: someone is authorized to perform it
    RuleVerdict equipment;            // R15: a usable instrument of every required type
    std::vector<std::string> performers;  // who may perform it on the date
    ScopeVerdict cma;
    ScopeVerdict cnas;
};

class CapabilityCheck {
public:
    virtual ~CapabilityCheck() = default;
    // Reads in the caller's transaction tx.
    virtual CapabilityVerdict check(Tx& tx, const CapabilityQuery& q) = 0;
};

}  // namespace assay::accreditation
