// RunEvidence: a capture run's raw file against what the audit trail recorded (R20).
//
// Purpose: a run's bytes are stored unchanged as a file named by their SHA-256 (RawStore); the
// run's create event names that SHA-256, and from now on a seal follows it in the same
// transaction: {"capture_run", id, "seal", "evidence", -, "status=<received|rejected> sha256=<file>
// content=<content key> size=<bytes>"}. runProblem() compares the run's row with the latest seal (or, for a run from
// before seals, the SHA-256 its create event names) and the file on disk with the row: a changed
// hash, size or content key, a missing file or one whose bytes no longer hash to its name.
// Thread-safety: pure functions; the check holds nothing between calls and only reads files.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "assay/Audit.hpp"
#include "assay/Evidence.hpp"
#include "domain/Capture.hpp"

namespace assay::capture {

// The seal's new value for a run as stored.
std::string runSealText(const Run& r);

struct RunIntegrity {
    bool recorded = false;               // the trail names the run's SHA-256
    std::optional<std::string> problem;  // what no longer matches
};
// The row against its events; the file (its bytes, or empty when absent) against the row.
RunIntegrity runIntegrity(const Run& r, const std::vector<AuditRecord>& events, const std::optional<std::string>& fileBytes);

// For `assayctl audit verify`: every run of every lab, its files read from rawDir
// (`<data.dir>/raw`, never created or written).
std::shared_ptr<EvidenceCheck> makeRunEvidenceCheck(std::string rawDir);

}  // namespace assay::capture
