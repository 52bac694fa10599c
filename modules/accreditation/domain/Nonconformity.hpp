// Nonconformity: one entry of the lab's NC register (不符合工作), with its impact list.
//
// Purpose: the value passed between NonconformityService, its repository and its handlers. An
// NC moves open -> action_taken (corrective action recorded) -> verified (the action's
// effectiveness checked) -> closed; nothing is deleted.
// Thread-safety: value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "assay/Enum.hpp"
#include "assay/StoredReasons.hpp"

namespace assay::accreditation {

inline bool isNcSource(const std::string& s) {
    return s == "equipment" || s == "pt" || s == "result" || s == "qc" || s == "audit" || s == "complaint" || s == "other";
}

struct NcImpact {
    std::int64_t id = 0;
    std::string kind;   // result | report
    std::string ref;
    std::string label;
    std::string itemDate;
};

// open -> action_taken -> verified -> closed, one step at a time, each with its date.
enum class NcStatus { Open, ActionTaken, Verified, Closed };
using assay::operator<<;

struct Nonconformity {
    std::int64_t id = 0;
    std::int64_t labId = 0;
    std::int64_t ncNo = 0;
    std::string source;
    std::string sourceRef;
    std::string description;
    std::string impact;
    std::optional<std::string> correctiveAction;
    std::optional<std::string> verification;
    NcStatus status = NcStatus::Open;
    std::string openedOn;
    std::optional<std::string> actionOn, verifiedOn, closedOn;
    std::int64_t createdAtMs = 0;
    std::int64_t updatedAtMs = 0;
    int version = 1;
    std::vector<NcImpact> impacts;
};

}  // namespace assay::accreditation

namespace assay {
template <>
struct EnumNames<accreditation::NcStatus> {
    static constexpr std::array<std::string_view, 4> names{"open", "action_taken", "verified", "closed"};
};
// An NC's description or impact the server writes (R16, R25, the default impact) is stored as its
// message (assay/StoredReasons.hpp) and shown in the reader's language; a text a person wrote is
// kept and shown as written.
inline std::string storedNcText(const Message& m) { return storeReasons({{"", m}}, 2000); }
inline std::string shownNcText(const std::string& stored, Lang lang) {
    return stored.rfind("[{\"", 0) == 0 ? renderReasons(loadReasons(stored), lang) : stored;
}

}  // namespace assay
