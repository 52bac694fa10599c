// AuditLog: append to and verify the SHA-256 hash chain of audit events.
#include "assay/Audit.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include "AuditColumns.hpp"
#include "assay/Principal.hpp"

namespace assay {

namespace {
constexpr const char* kBumpHead = "UPDATE audit_head SET last_seq = last_seq + 1 WHERE id = 1";
constexpr const char* kReadHead = "SELECT last_seq, last_hash FROM audit_head WHERE id = 1";
constexpr const char* kSetHeadHash = "UPDATE audit_head SET last_hash = :hash WHERE id = 1";
constexpr const char* kInsert =
    "INSERT INTO audit_events (seq, id, at_ms, actor_user_id, actor_name, org_id, request_id, entity, "
    "entity_id, action, field, old_value, new_value, reason, prev_hash, hash) VALUES (:seq, :id, :at, "
    ":actor_id, :actor_name, :org_id, :request_id, :entity, :entity_id, :action, :field, :old_value, "
    ":new_value, :reason, :prev_hash, :hash)";
constexpr const char* kFindByEntity =
    "WHERE entity = :entity AND entity_id = :entity_id AND seq > :after AND (:all_orgs = 1 OR org_id = :org) "
    "ORDER BY seq LIMIT :lim";
constexpr const char* kUpToHeadInOrder = "WHERE seq <= :head ORDER BY seq";

// Each field is length-prefixed ("s<bytes>:<value>") and NULL is "n", so no value can be
// shifted into a neighbouring field and "" differs from NULL.
void put(std::string& out, const std::optional<std::string>& v) {
    if (!v) {
        out += 'n';
        return;
    }
    out += 's';
    out += std::to_string(v->size());
    out += ':';
    out += *v;
}
void put(std::string& out, const std::string& v) { put(out, std::optional<std::string>(v)); }
void put(std::string& out, std::optional<std::int64_t> v) {
    put(out, v ? std::optional<std::string>(std::to_string(*v)) : std::nullopt);
}

}  // namespace

const columns::ColumnMap<AuditRecord>& auditColumns() {
    using columns::field;
    static const columns::ColumnMap<AuditRecord> map{{
        {"seq", field<&AuditRecord::seq>},
        {"id", field<&AuditRecord::id>},
        {"at_ms", field<&AuditRecord::atMillis>},
        {"actor_user_id", field<&AuditRecord::actorUserId>},
        {"actor_name", field<&AuditRecord::actorName>},
        {"org_id", field<&AuditRecord::orgId>},
        {"request_id", field<&AuditRecord::requestId>},
        {"entity", field<&AuditRecord::event, &AuditEvent::entity>},
        {"entity_id", field<&AuditRecord::event, &AuditEvent::entityId>},
        {"action", field<&AuditRecord::event, &AuditEvent::action>},
        {"field", field<&AuditRecord::event, &AuditEvent::field>},
        {"old_value", field<&AuditRecord::event, &AuditEvent::oldValue>},
        {"new_value", field<&AuditRecord::event, &AuditEvent::newValue>},
        {"reason", field<&AuditRecord::event, &AuditEvent::reason>},
        {"prev_hash", field<&AuditRecord::prevHash>},
        {"hash", field<&AuditRecord::hash>},
    }};
    return map;
}

const char* AuditLog::selectColumns() {
    static const std::string text = auditColumns().select("FROM audit_events ");
    return text.c_str();
}

AuditRecord AuditLog::fromRow(const soci::row& r) { return auditColumns().read(r); }

const std::string& AuditLog::genesisHash() {
    static const std::string h(64, '0');
    return h;
}

std::string AuditLog::chainHash(const AuditRecord& r, const std::string& prevHash) {
    std::string c;
    put(c, prevHash);
    put(c, std::optional<std::int64_t>(r.seq));
    put(c, std::optional<std::int64_t>(r.id));
    put(c, std::optional<std::int64_t>(r.atMillis));
    put(c, r.actorUserId);
    put(c, r.actorName);
    put(c, r.orgId);
    put(c, r.requestId);
    put(c, r.event.entity);
    put(c, r.event.entityId);
    put(c, r.event.action);
    put(c, r.event.field);
    put(c, r.event.oldValue);
    put(c, r.event.newValue);
    put(c, r.event.reason);
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    sha.update(c);
    return Poco::DigestEngine::digestToHex(sha.digest());
}

void AuditLog::record(Tx& tx, const Principal* actor, const std::string& requestId, const AuditEvent& e) {
    auto& sql = tx.sql();
    sql << kBumpHead;  // takes the lock first: appends are strictly ordered
    long long seq = 0;
    std::string prev;
    sql << kReadHead, soci::into(seq), soci::into(prev);

    AuditRecord r;
    r.seq = seq;
    r.id = ids_.next();
    r.atMillis = toEpochMillis(clock_.now());
    if (actor) {
        r.actorUserId = actor->userId;
        r.actorName = actor->username;
        r.orgId = actor->orgId;
    } else {
        r.actorName = "system";
    }
    r.requestId = requestId;
    r.event = e;
    r.prevHash = prev;
    r.hash = chainHash(r, prev);

    long long id = r.id, at = r.atMillis;
    long long actorId = r.actorUserId.value_or(0), orgId = r.orgId.value_or(0);
    soci::indicator actorInd = r.actorUserId ? soci::i_ok : soci::i_null;
    soci::indicator orgInd = r.orgId ? soci::i_ok : soci::i_null;
    std::string oldV = e.oldValue.value_or(""), newV = e.newValue.value_or(""), reason = e.reason.value_or("");
    soci::indicator oldInd = e.oldValue ? soci::i_ok : soci::i_null;
    soci::indicator newInd = e.newValue ? soci::i_ok : soci::i_null;
    soci::indicator reasonInd = e.reason ? soci::i_ok : soci::i_null;
    sql << kInsert, soci::use(seq, "seq"), soci::use(id, "id"), soci::use(at, "at"),
        soci::use(actorId, actorInd, "actor_id"), soci::use(r.actorName, "actor_name"),
        soci::use(orgId, orgInd, "org_id"), soci::use(r.requestId, "request_id"),
        soci::use(e.entity, "entity"), soci::use(e.entityId, "entity_id"), soci::use(e.action, "action"),
        soci::use(e.field, "field"), soci::use(oldV, oldInd, "old_value"), soci::use(newV, newInd, "new_value"),
        soci::use(reason, reasonInd, "reason"), soci::use(prev, "prev_hash"), soci::use(r.hash, "hash");
    sql << kSetHeadHash, soci::use(r.hash, "hash");
    for (const auto& o : observers_) o(tx, r);
}

std::vector<AuditRecord> AuditLog::find(Tx& tx, const std::string& entity, const std::string& entityId,
                                        std::int64_t afterSeq, int limit, std::optional<std::int64_t> orgId) {
    long long after = afterSeq, org = orgId.value_or(0);
    int lim = limit, all = orgId ? 0 : 1;
    soci::rowset<soci::row> rs = (tx.sql().prepare << auditColumns().select(std::string("FROM audit_events ") + kFindByEntity),
                                  soci::use(entity, "entity"), soci::use(entityId, "entity_id"),
                                  soci::use(after, "after"), soci::use(all, "all_orgs"), soci::use(org, "org"),
                                  soci::use(lim, "lim"));
    return auditColumns().all(rs);
}

AuditVerifyReport AuditLog::verify(Tx& tx) {
    // The head is read first: every event up to it was committed with it, so appends that
    // commit while the walk runs (READ COMMITTED on MariaDB) are simply not part of this check.
    AuditVerifyReport rep;
    long long headSeq = 0;
    std::string headHash;
    tx.sql() << kReadHead, soci::into(headSeq), soci::into(headHash);
    rep.headSeq = headSeq;
    std::string running = genesisHash();
    std::int64_t expected = 1;
    soci::rowset<soci::row> rs = (tx.sql().prepare << auditColumns().select(std::string("FROM audit_events ") + kUpToHeadInOrder),
                                  soci::use(headSeq, "head"));
    auto read = auditColumns().reader();
    for (const auto& row : rs) {
        AuditRecord r = read(row);
        ++rep.checked;
        if (r.seq > expected) {
            rep.problems.push_back({expected, "deleted: events " + std::to_string(expected) + ".." +
                                                  std::to_string(r.seq - 1) + " are missing"});
        }
        if (r.prevHash != running) {
            rep.problems.push_back({r.seq, "chain broken: prev_hash does not match the event before "
                                           "(an event was inserted, removed or re-hashed)"});
        }
        if (chainHash(r, r.prevHash) != r.hash) {
            rep.problems.push_back({r.seq, "altered: content does not match its hash"});
        }
        running = r.hash;
        expected = r.seq + 1;
    }
    if (headSeq != expected - 1) {
        rep.problems.push_back({expected, "deleted: the head says the last event is " + std::to_string(headSeq) +
                                              " but the chain ends at " + std::to_string(expected - 1)});
    } else if (headHash != running) {
        rep.problems.push_back({headSeq, "altered: the head hash does not match the last event"});
    }
    // Rows past the head as it is now were not appended through record(): inserted.
    long long headNow = 0, beyond = 0;
    std::string ignored;
    tx.sql() << kReadHead, soci::into(headNow), soci::into(ignored);
    tx.sql() << "SELECT COUNT(*) FROM audit_events WHERE seq > :head", soci::use(headNow, "head"), soci::into(beyond);
    if (beyond > 0)
        rep.problems.push_back({headNow + 1, "inserted: " + std::to_string(beyond) + " event(s) beyond the head"});
    return rep;
}

}  // namespace assay
