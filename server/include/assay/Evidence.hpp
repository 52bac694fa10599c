// Evidence: cross-checks of evidence rows against what the audit trail recorded for them.
//
// Purpose: the audit chain (AuditLog::verify) proves that no event was altered, inserted or
// deleted; it says nothing about the rows the events describe. An issued report, a result, an
// entry record or a raw instrument file is evidence too, and someone with write access to the
// database could change it without touching the chain. Each module that keeps such rows writes,
// in the same transaction as every change, an event recording the row's state after it (a
// "seal": its status and the SHA-256 of its evidence fields, or the hash it is known by), and
// provides an EvidenceCheck (Module::evidenceChecks) that compares every row with the latest
// state the trail recorded for it. `assayctl audit verify` runs the chain check and then every
// module's evidence checks, so the host never depends on a module.
//
// The seal: AuditEvent{entity, id, "seal", "evidence", no old value, "key=value key=value ..."};
// values are single tokens (statuses, ids, hex hashes), so formatSeal/parseSeal round-trip.
// Thread-safety: EvidenceCheck implementations are called from one thread at a time; the
// helpers here are pure functions.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "assay/Audit.hpp"
#include "assay/Db.hpp"

namespace assay {

inline constexpr const char* kSealAction = "seal";
inline constexpr const char* kSealField = "evidence";

struct EvidenceProblem {
    std::string entity;    // "report", "result", "entry_record", "capture_run" ...
    std::string entityId;  // as the audit trail names it
    std::string problem;   // what no longer matches, in words
};

struct EvidenceReport {
    std::vector<std::string> covered;  // the checks that ran (their names)
    std::int64_t checked = 0;          // rows compared with what the audit trail recorded for them
    std::int64_t unrecorded = 0;       // rows from before their events recorded a hash or state: not comparable
    std::vector<EvidenceProblem> problems;
    bool ok() const { return problems.empty(); }
};

// One module's cross-check. Called without the module's initialize() (assayctl only opens the
// database): it may use the configuration it was made with and what check() is handed. It reads,
// never writes. A row that differs is confirmed in a second read before it is reported, so a
// change committing while a live server is checked is not a false alarm.
class EvidenceCheck {
public:
    virtual ~EvidenceCheck() = default;
    virtual std::string name() const = 0;  // e.g. "issued reports and their status"
    // Errors: database errors propagate.
    virtual void check(Db& db, AuditLog& audit, EvidenceReport& out) = 0;
};

// "k1=v1 k2=v2": the seal's new value. Values must not contain spaces.
inline std::string formatSeal(const std::vector<std::pair<std::string, std::string>>& fields) {
    std::string out;
    for (const auto& [k, v] : fields) out += (out.empty() ? "" : " ") + k + "=" + v;
    return out;
}

inline std::map<std::string, std::string> parseSeal(const std::string& text) {
    std::map<std::string, std::string> out;
    std::size_t i = 0;
    while (i < text.size()) {
        auto end = text.find(' ', i);
        if (end == std::string::npos) end = text.size();
        const std::string token = text.substr(i, end - i);
        if (const auto eq = token.find('='); eq != std::string::npos) out[token.substr(0, eq)] = token.substr(eq + 1);
        i = end + 1;
    }
    return out;
}

inline bool isSeal(const AuditRecord& r) { return r.event.action == kSealAction && r.event.field == kSealField && r.event.newValue; }

// Every event of one entity, oldest first.
inline std::vector<AuditRecord> auditTrailOf(Tx& tx, AuditLog& audit, const std::string& entity, const std::string& entityId) {
    std::vector<AuditRecord> out;
    constexpr int kPage = 500;
    std::int64_t after = 0;
    for (;;) {
        auto page = audit.find(tx, entity, entityId, after, kPage);
        for (auto& r : page) out.push_back(std::move(r));
        if (page.size() < static_cast<std::size_t>(kPage)) return out;
        after = out.back().seq;
    }
}

}  // namespace assay
