// AuditQuery: the audit trail read by period, user, entity type, entity and action.
//
// Purpose: an assessor reviews the trail across entities ("every result changed in November",
// "everything tech.wang did"). find() answers one keyset page of the events that match an
// AuditFilter, in time order (at, then seq; or the reverse), inside the caller's transaction.
// The tenant is part of the filter, inside the query, so a lab's staff see only their lab's
// events and every page is full. The WHERE clause is put together from fixed fragments, one per
// filter present, every value bound: each combination is served by an index of
// schema/host/0003_audit_review. Kept apart from AuditLog (appending and verifying the chain).
// Thread-safety: stateless; safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "assay/Audit.hpp"
#include "assay/Db.hpp"

namespace assay {

struct AuditFilter {
    std::optional<std::int64_t> orgId;   // the tenant: only events recorded for it; empty: every organization
    std::optional<std::int64_t> fromMs;  // at >= fromMs (epoch ms)
    std::optional<std::int64_t> toMs;    // at < toMs
    std::optional<std::string> actor;    // the actor's name as recorded: a username, "system", "apikey:<prefix>"
    std::optional<std::string> entity;   // entity type
    std::optional<std::string> entityId;
    std::optional<std::string> action;
    bool newestFirst = false;
};

class AuditQuery {
public:
    // At most `limit` events matching f that come after the event numbered afterSeq in the
    // filter's order (afterSeq 0: from the start). Pages neither repeat nor miss events while
    // events are appended, as appends carry the server's time (an append made while the clock
    // stood stepped back sorts before a cursor already passed: keep the clock on NTP).
    // Errors: 400 naming "cursor" when afterSeq is no event; database errors propagate.
    static std::vector<AuditRecord> find(Tx& tx, const AuditFilter& f, std::int64_t afterSeq, int limit);
};

}  // namespace assay
