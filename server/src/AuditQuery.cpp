// AuditQuery: keyset pages of the audit trail under a filter.
#include "assay/AuditQuery.hpp"

#include <deque>
#include <utility>

#include "AuditColumns.hpp"
#include "assay/Error.hpp"

namespace assay {

namespace {
constexpr const char* kCursorTime = "SELECT at_ms FROM audit_events WHERE seq = :seq";

}  // namespace

std::vector<AuditRecord> AuditQuery::find(Tx& tx, const AuditFilter& f, std::int64_t afterSeq, int limit) {
    std::string sql = auditColumns().select("FROM audit_events WHERE 1 = 1");
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
    auto read = auditColumns().reader();
    if (st.execute(true)) {
        do out.push_back(read(row));
        while (st.fetch());
    }
    return out;
}

}  // namespace assay
