// CapturedResults: the testing module's published door for results that come from an
// instrument (capture), never through testing's domain headers.
//
// Purpose: capture finds the test item a captured value belongs to (by the sample code and the
// register's parameter) and, when an authorized person accepts it, enters the value as the
// item's result with its raw data being the capture run (raw kind "capture", R21), under the
// same rules as a manual entry: the assignee only and authorized on the test date (R13), the
// method verified (R23), values kept as sent and never 0 below the LOD. Published by
// TestingModule.
// Thread-safety: implementations are safe from any thread.
#pragma once

#include "assay/Db.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "assay/Principal.hpp"

namespace assay::testing {

struct CaptureTarget {
    std::int64_t itemId = 0;
    std::int64_t methodId = 0;
    std::optional<std::int64_t> assigneeUserId;
    std::optional<std::string> testDate;
    bool hasResult = false;  // a result that is not invalidated: the capture is a retest
};

// R15 under the lab's flag policy: the equipment was not usable on the test date, the result is
// kept with why and the nonconformity opened for it (such a result carries no CMA/CNAS mark).
struct EquipmentFlag {
    std::optional<std::string> reason;
    std::optional<std::int64_t> ncId;
};

class CapturedResults {
public:
    virtual ~CapturedResults() = default;
    // Every method works in the caller's transaction tx and opens none of its own.
    // The lab's test item for the sample and parameter; empty when there is none.
    virtual std::optional<CaptureTarget> target(Tx& tx, std::int64_t labId, const std::string& sampleCode, std::int64_t parameterId) = 0;
    // The targets of many (sample code, parameter) pairs at once (a run's readings): one read
    // instead of one per reading. Pairs without a test item are absent.
    using TargetKey = std::pair<std::string, std::int64_t>;
    virtual std::map<TargetKey, CaptureTarget> targets(Tx& tx, std::int64_t labId, const std::vector<TargetKey>& wanted) = 0;
    // Enters the captured value as the item's result (a retest with retestReason when it has one).
    // Returns the result id. Errors: as a manual entry (400 value, 409, 422 R13 / R23).
    virtual std::int64_t enterCaptured(Tx& tx, const Principal& p, std::int64_t itemId, const std::string& value, std::int64_t runId,
                                       const std::optional<std::string>& retestReason, const std::string& requestId,
                                       const EquipmentFlag& flag = {}) = 0;
};

}  // namespace assay::testing
