// AuditQuery: keyset pages of the audit trail under a filter.
#include "assay/AuditQuery.hpp"

#include <deque>
#include <utility>

#include "assay/Error.hpp"
#include "assay/Rows.hpp"

namespace assay {

namespace {
constexpr const char* kColumns =
    "SELECT seq, id, at_ms, actor_user_id, actor_name, org_id, request_id, entity, entity_id, action, "
    "field, old_value, new_value, reason, prev_hash, hash FROM audit_events WHERE 1 = 1";
constexpr const char* kCursorTime = "SELECT at_ms FROM audit_events WHERE seq = :seq";

AuditRecord fromRow(const soci::row& r) {
    AuditRecord a;
    a.seq = rows::i64(r, 0);
    a.id = rows::i64(r, 1);
    a.atMillis = rows::i64(r, 2);
    a.actorUserId = rows::optI64(r, 3);
    a.actorName = rows::str(r, 4);
    a.orgId = rows::optI64(r, 5);
    a.requestId = rows::str(r, 6);
    a.event.entity = rows::str(r, 7);
    a.event.entityId = rows::str(r, 8);
    a.event.action = rows::str(r, 9);
    a.event.field = rows::str(r, 10);
    a.event.oldValue = rows::optStr(r, 11);
    a.event.newValue = rows::optStr(r, 12);
    a.event.reason = rows::optStr(r, 13);
    a.prevHash = rows::str(r, 14);
    a.hash = rows::str(r, 15);
    return a;
}
}  // namespace

std::vector<AuditRecord> AuditQuery::find(Tx& tx, const AuditFilter& f, std::int64_t afterSeq, int limit) {
    std::string sql = kColumns;
    std::deque<std::string> texts;
    std::deque<long long> numbers;
    std::vector<std::pair<std::string, std::size_t>> textUses, numberUses;
    auto num = [&](const char* name, long long v) { numbers.push_back(v); numberUses.emplace_back(name, numbers.size() - 1); };
    auto text = [&](const char* name, const std::string& v) { texts.push_back(v); textUses.emplace_back(name, texts.size() - 1); };

    if (f.orgId) sql += " AND org_id = :org", num("org", *f.orgId);
    if (f.actor) sql += " AND actor_name = :actor", text("actor", *f.actor);
    if (f.entity) sql += " AND entity = :entity", text("entity", *f.entity);
    if (f.entityId) sql += " AND entity_id = :entity_id", text("entity_id", *f.entityId);
    if (f.action) sql += " AND action = :action", text("action", *f.action);
    if (f.fromMs) sql += " AND at_ms >= :from_ms", num("from_ms", *f.fromMs);
    if (f.toMs) sql += " AND at_ms < :to_ms", num("to_ms", *f.toMs);
    if (afterSeq > 0) {
        // The keyset is (at_ms, seq): the cursor's time comes from its event.
        long long seq = afterSeq, at = 0;
        soci::indicator ind = soci::i_null;
        tx.sql() << kCursorTime, soci::use(seq, "seq"), soci::into(at, ind);
        if (!tx.sql().got_data() || ind != soci::i_ok) throw Error::invalidField("cursor", "no such cursor");
        // Written as a range on at_ms plus a tie-break, which both backends serve from the index.
        sql += f.newestFirst ? " AND at_ms <= :c_at1 AND (at_ms < :c_at2 OR seq < :c_seq)"
                             : " AND at_ms >= :c_at1 AND (at_ms > :c_at2 OR seq > :c_seq)";
        num("c_at1", at);
        num("c_at2", at);
        num("c_seq", seq);
    }
    sql += f.newestFirst ? " ORDER BY at_ms DESC, seq DESC LIMIT :lim" : " ORDER BY at_ms, seq LIMIT :lim";
    num("lim", limit);

    soci::row row;
    soci::statement st(tx.sql());
    st.exchange(soci::into(row));
    for (const auto& [name, i] : numberUses) st.exchange(soci::use(numbers[i], name));
    for (const auto& [name, i] : textUses) st.exchange(soci::use(texts[i], name));
    st.alloc();
    st.prepare(sql);
    st.define_and_bind();
    std::vector<AuditRecord> out;
    if (st.execute(true)) {
        do out.push_back(fromRow(row));
        while (st.fetch());
    }
    return out;
}

}  // namespace assay
