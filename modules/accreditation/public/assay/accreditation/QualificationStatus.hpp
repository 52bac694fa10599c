// QualificationStatus: the accreditation module's published answer to "is the lab's CMA
// certificate / CNAS accreditation in force on date D?".
//
// Purpose: reports evaluate R1(a) (CMA certificate valid on the issue date), R7 (CNAS
// accreditation valid and not suspended) and R8 (ILAC-MRA combined mark permitted) through this
// interface, never through the module's domain headers. Published by AccreditationModule.
// Thread-safety: implementations are safe from any thread.
#pragma once

#include "assay/Db.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace assay::accreditation {

struct QualificationStanding {
    bool valid = false;
    std::string scheme;                  // CMA | CNAS
    std::string status;                  // valid | suspended | revoked | expired | not_yet_valid | none
    std::optional<std::int64_t> qualificationId;
    std::string number;                  // "202619000123", "CNAS L1234"
    std::optional<std::string> validTo;  // the last day of the certificate period in force (有效期至)
    bool ilacMraPermitted = false;       // CNAS only (R8)
    std::string reason;                  // why it is not valid, naming the date
};

class QualificationStatus {
public:
    virtual ~QualificationStatus() = default;
    // The lab's standing in scheme (CMA or CNAS) on date (YYYY-MM-DD). With several records of
    // one scheme, a valid one wins; otherwise the most recently granted one is described.
    // status "none" when the lab holds no record of that scheme.
    virtual QualificationStanding standingOn(Tx& tx, std::int64_t labId, const std::string& scheme, const std::string& date) = 0;
};

}  // namespace assay::accreditation
