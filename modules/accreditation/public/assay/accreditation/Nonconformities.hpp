// Nonconformities: the accreditation module's published way for other modules to open a
// nonconformity (不符合工作) in the lab's NC register: a flagged R15 result, a failing QC batch,
// a complaint.
// Thread-safety: implementations are safe from any thread.
#pragma once

#include "assay/Db.hpp"

#include <cstdint>
#include <string>

namespace assay::accreditation {

struct NewNonconformity {
    std::int64_t labId = 0;
    std::string source;       // equipment | pt | result | qc | audit | complaint | other
    std::string sourceRef;    // what raised it (an equipment asset number, a result id ...)
    std::string description;
    std::string impact;       // the impact assessment known so far
    std::string openedOn;     // YYYY-MM-DD
};

class Nonconformities {
public:
    virtual ~Nonconformities() = default;
    // Opens an NC (numbered per lab) and returns its id. Audited with actor "system" and requestId.
    // Writes in the caller's transaction tx (it commits or rolls back with the caller's use case).
    virtual std::int64_t open(Tx& tx, const NewNonconformity& nc, const std::string& requestId) = 0;
};

}  // namespace assay::accreditation
