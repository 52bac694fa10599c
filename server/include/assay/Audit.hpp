// Audit: the tamper-evident audit trail.
//
// Purpose: every state change in a domain service writes an AuditEvent through AuditLog::record,
// inside the same transaction as the change, so the change and its evidence commit together or
// not at all. Events form one SHA-256 hash chain: each row stores hash = SHA-256(prev_hash ||
// canonical content) and its position seq (1, 2, 3 ...). The single row of audit_head holds the
// last seq and hash; record() updates it first, which takes the row lock (MariaDB) or the write
// lock (SQLite), so concurrent transactions append in a strict order. verify() walks the chain
// and reports every altered, inserted or deleted row. Nothing here ever deletes an event.
// Thread-safety: AuditLog is stateless apart from its collaborators; safe from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "assay/Clock.hpp"
#include "assay/Db.hpp"
#include "assay/IdGenerator.hpp"

namespace assay {

struct Principal;

struct AuditEvent {
    std::string entity;                    // "user", "sample", "report" ...
    std::string entityId;                  // internal id or human key
    std::string action;                    // "create", "update", "login", "sign" ...
    std::string field;                     // "" for whole-entity events
    std::optional<std::string> oldValue;   // absent = no value before
    std::optional<std::string> newValue;
    std::optional<std::string> reason;
};

struct AuditRecord {
    std::int64_t seq = 0;
    std::int64_t id = 0;
    std::int64_t atMillis = 0;
    std::optional<std::int64_t> actorUserId;
    std::string actorName;
    std::optional<std::int64_t> orgId;
    std::string requestId;
    AuditEvent event;
    std::string prevHash;
    std::string hash;
};

struct AuditProblem {
    std::int64_t seq;
    std::string problem;  // "altered", "inserted or reordered", "deleted" ...
};

struct AuditVerifyReport {
    std::int64_t checked = 0;
    std::int64_t headSeq = 0;
    std::vector<AuditProblem> problems;
    bool ok() const { return problems.empty(); }
};

class AuditLog {
public:
    AuditLog(const Clock& clock, IdGenerator& ids) : clock_(clock), ids_(ids) {}

    // "SELECT <every column> FROM audit_events " and the record of one such row: the one reader of
    // audit rows (AuditLog::find/verify and AuditQuery share them).
    static const char* selectColumns();
    static AuditRecord fromRow(const soci::row& r);

    // Appends one event inside tx. actor may be null for system actions (actorName "system").
    // Errors: database errors propagate (the caller's transaction then rolls back).
    void record(Tx& tx, const Principal* actor, const std::string& requestId, const AuditEvent& e);

    // Events for one entity, oldest first, at most limit, after seq afterSeq (keyset paging).
    // orgId: only events recorded for that organization (tenant); empty: all.
    std::vector<AuditRecord> find(Tx& tx, const std::string& entity, const std::string& entityId,
                                  std::int64_t afterSeq, int limit, std::optional<std::int64_t> orgId = std::nullopt);

    // Observers see every event recorded from then on, inside its transaction, after the row was
    // written (a module that must follow another's changes, e.g. the platform link marking the
    // lab's catalogue for publication). An observer writes only through tx and must not throw for
    // events it does not follow; what it throws rolls the use case back. Add at start-up only
    // (a module's initialize()).
    using Observer = std::function<void(Tx&, const AuditRecord&)>;
    void addObserver(Observer observer) { observers_.push_back(std::move(observer)); }

    // Walks the whole chain in seq order.
    AuditVerifyReport verify(Tx& tx);

    // The canonical hash of a record's content given the previous hash (hex SHA-256).
    static std::string chainHash(const AuditRecord& r, const std::string& prevHash);
    static const std::string& genesisHash();

private:
    const Clock& clock_;
    IdGenerator& ids_;
    std::vector<Observer> observers_;
};

}  // namespace assay
