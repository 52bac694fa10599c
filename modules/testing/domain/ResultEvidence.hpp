// ResultEvidence: what the audit trail records about a result and its entry record, and the
// comparison of the stored rows with it (R20, R21).
//
// Purpose: every change of a result (entry, retest, correction, check, approval, invalidation)
// writes, in its own transaction, a seal event: {"result", id, "seal", "evidence", -,
// "status=<status> sha256=<evidence hash> [entry=<entry id>:<entry SHA-256>]"}. The evidence hash
// covers every column of the result row as stored and, for a manual value, every field of its
// entry record (the raw data), so one changed digit anywhere changes it. resultIntegrity()
// compares a row with the latest seal in its events; a result from before seals were written is
// compared with the value and status its older events name. The results page flags a result
// that no longer matches (tampered, with the reason), and ResultEvidenceCheck reports it to
// `assayctl audit verify`, together with entry records whose SHA-256 no longer matches their
// fields or the one a seal recorded.
// Thread-safety: pure functions, and a check that holds nothing between calls.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "assay/Audit.hpp"
#include "assay/Evidence.hpp"
#include "assay/Principal.hpp"
#include "domain/Result.hpp"
#include "storage/ResultRepository.hpp"

namespace assay::testing {

// "0.12 -> 0.12 (pass)": the value typed, the reported text and the conformity, as the result's
// value events name them.
std::string describeResult(const Result& r);

// The SHA-256 of everything the result row states (every column, as stored) and of its manual
// entry record (every field), hex.
std::string resultEvidenceSha256(const Result& r, const std::optional<EntryRecord>& entry);
// The SHA-256 an entry record carries: over its id, test item, typed text, user and server time.
std::string entryRecordSha256(const EntryRecord& e);

// The seal's new value for a result as stored (its entry record when the raw data is a manual entry).
std::string resultSealText(const Result& r, const std::optional<EntryRecord>& entry);
// Reads the result (and its entry record) as stored in tx and records its seal: called in the
// transaction that changed the result, after the change.
void sealResult(Tx& tx, AuditLog& audit, ResultRepository& repo, const Principal* actor, const std::string& requestId, std::int64_t labId,
                std::int64_t resultId);

struct ResultIntegrity {
    bool recorded = false;               // the trail records the result's state (a seal, or older value and status events)
    std::optional<std::string> problem;  // what no longer matches, when something does
    std::map<std::int64_t, std::string> sealedEntries;  // entry record id -> the SHA-256 a seal recorded for it
};
// The row (with its entry record: absent for a capture run or a missing record) against its events.
ResultIntegrity resultIntegrity(const Result& r, const std::optional<EntryRecord>& entry, const std::vector<AuditRecord>& events);
// The same, reading the entry record and the events in tx.
ResultIntegrity checkResult(Tx& tx, AuditLog& audit, ResultRepository& repo, const Result& r);

// For `assayctl audit verify`: every result and every entry record.
std::shared_ptr<EvidenceCheck> makeResultEvidenceCheck();

}  // namespace assay::testing
