// QualificationStatus: the accreditation module's published answer to "is the lab's CMA
// certificate / CNAS accreditation in force on date D?".
//
// Purpose: reports evaluate R1(a) (CMA certificate valid on the issue date), R7 (CNAS
// accreditation valid and not suspended) and R8 (ILAC-MRA combined mark permitted) through this
// interface, never through the module's domain headers. Published by AccreditationModule.
// Thread-safety: implementations are safe from any thread.
#pragma once

#include "assay/Db.hpp"
#include "assay/accreditation/Scheme.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace assay::accreditation {

// A certificate as recorded (valid, suspended, revoked) and as it stands on a date (also expired,
// not yet valid, or none: the lab holds no record of the scheme).
enum class CertificateStatus { Valid, Suspended, Revoked, Expired, NotYetValid, None };
using assay::operator<<;

struct QualificationStanding {
    bool valid = false;
    Scheme scheme = Scheme::Cma;
    CertificateStatus status = CertificateStatus::None;
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
    virtual QualificationStanding standingOn(Tx& tx, std::int64_t labId, Scheme scheme, const std::string& date) = 0;
};

}  // namespace assay::accreditation

namespace assay {
template <>
struct EnumNames<accreditation::CertificateStatus> {
    static constexpr std::array<std::string_view, 6> names{"valid", "suspended", "revoked", "expired", "not_yet_valid", "none"};
};
}  // namespace assay
