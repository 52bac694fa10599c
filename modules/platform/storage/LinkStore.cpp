// LinkStore: the lab side's SQL.
#include "storage/LinkStore.hpp"

#include "assay/Rows.hpp"

namespace assay::platform {

std::optional<Link> LinkStore::link(Tx& tx, std::int64_t labId) {
    long long lab = labId;
    std::optional<Link> out;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << "SELECT lab_id, platform_url, state, region, turnaround_days, enrolment_id, requested_at_ms, decided_at_ms, "
                             "refused_reason, inbox_position, last_poll_error FROM plat_link WHERE lab_id = :lab",
         soci::use(lab, "lab"));
    for (const auto& r : rs) {
        Link l;
        l.labId = rows::i64(r, 0);
        l.platformUrl = rows::optStr(r, 1);
        l.state = rows::str(r, 2);
        l.region = rows::optStr(r, 3);
        if (auto d = rows::optI64(r, 4)) l.turnaroundDays = static_cast<int>(*d);
        l.enrolmentId = rows::optI64(r, 5);
        l.requestedAtMs = rows::optI64(r, 6);
        l.decidedAtMs = rows::optI64(r, 7);
        l.refusedReason = rows::optStr(r, 8);
        l.inboxPosition = rows::i64(r, 9);
        l.lastPollError = rows::optStr(r, 10);
        out = std::move(l);
    }
    if (!out) return out;
    soci::rowset<soci::row> ks = (tx.sql().prepare << "SELECT key_id, public_pem, private_pem, created_at_ms, retired_at_ms, from_seq "
                                                      "FROM plat_link_keys WHERE lab_id = :lab ORDER BY created_at_ms DESC, key_id",
                                  soci::use(lab, "lab"));
    for (const auto& r : ks)
        out->keys.push_back({rows::str(r, 0), rows::str(r, 1), rows::str(r, 2), rows::i64(r, 3), rows::optI64(r, 4), rows::i64(r, 5)});
    return out;
}

void LinkStore::ensureLink(Tx& tx, std::int64_t labId) {
    if (link(tx, labId)) return;
    long long lab = labId;
    tx.sql() << "INSERT INTO plat_link (lab_id, state) VALUES (:lab, 'none')", soci::use(lab, "lab");
}

void LinkStore::setRequested(Tx& tx, const Link& l) {
    long long lab = l.labId, enrol = l.enrolmentId.value_or(0), at = l.requestedAtMs.value_or(0), days = l.turnaroundDays.value_or(0);
    rows::NullableText url(l.platformUrl), region(l.region);
    soci::indicator daysInd = l.turnaroundDays ? soci::i_ok : soci::i_null;
    tx.sql() << "UPDATE plat_link SET state = 'requested', platform_url = :url, region = :region, turnaround_days = :days, "
                "enrolment_id = :enrol, requested_at_ms = :at, decided_at_ms = NULL, refused_reason = NULL, inbox_position = 0, "
                "version = version + 1 WHERE lab_id = :lab",
        soci::use(url.value, url.ind, "url"), soci::use(region.value, region.ind, "region"), soci::use(days, daysInd, "days"),
        soci::use(enrol, "enrol"), soci::use(at, "at"), soci::use(lab, "lab");
}

void LinkStore::setDecision(Tx& tx, std::int64_t labId, const std::string& state, const std::optional<std::string>& reason,
                            std::int64_t atMs) {
    long long lab = labId, at = atMs;
    rows::NullableText why(reason);
    tx.sql() << "UPDATE plat_link SET state = :state, refused_reason = :why, decided_at_ms = :at, catalogue_dirty = 1, "
                "version = version + 1 WHERE lab_id = :lab",
        soci::use(state, "state"), soci::use(why.value, why.ind, "why"), soci::use(at, "at"), soci::use(lab, "lab");
}

bool LinkStore::advanceInbox(Tx& tx, std::int64_t labId, std::int64_t from, std::int64_t to) {
    long long lab = labId, f = from, t = to;
    soci::statement st = (tx.sql().prepare << "UPDATE plat_link SET inbox_position = :t WHERE lab_id = :lab AND inbox_position = :f",
                          soci::use(t, "t"), soci::use(lab, "lab"), soci::use(f, "f"));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

void LinkStore::setPollError(Tx& tx, std::int64_t labId, const std::optional<std::string>& error) {
    long long lab = labId;
    rows::NullableText e(error);
    tx.sql() << "UPDATE plat_link SET last_poll_error = :e WHERE lab_id = :lab", soci::use(e.value, e.ind, "e"), soci::use(lab, "lab");
}

void LinkStore::markDirty(Tx& tx, std::int64_t labId) {
    long long lab = labId;
    tx.sql() << "UPDATE plat_link SET catalogue_dirty = 1 WHERE lab_id = :lab AND catalogue_dirty = 0", soci::use(lab, "lab");
}

bool LinkStore::claimPublication(Tx& tx, std::int64_t labId, const std::string& today) {
    long long lab = labId;
    soci::statement st =
        (tx.sql().prepare << "UPDATE plat_link SET catalogue_dirty = 0, catalogue_date = :today WHERE lab_id = :lab AND state = 'approved' "
                             "AND (catalogue_dirty = 1 OR catalogue_date IS NULL OR catalogue_date <> :today2)",
         soci::use(today, "today"), soci::use(lab, "lab"), soci::use(today, "today2"));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

std::vector<std::int64_t> LinkStore::labsInState(Tx& tx, const std::string& a, const std::string& b) {
    std::vector<std::int64_t> out;
    soci::rowset<soci::row> rs = (tx.sql().prepare << "SELECT lab_id FROM plat_link WHERE state IN (:a, :b) ORDER BY lab_id",
                                  soci::use(a, "a"), soci::use(b, "b"));
    for (const auto& r : rs) out.push_back(rows::i64(r, 0));
    return out;
}

void LinkStore::insertKey(Tx& tx, std::int64_t labId, const LinkKey& k) {
    long long lab = labId, at = k.createdAtMs, from = k.fromSeq;
    tx.sql() << "INSERT INTO plat_link_keys (lab_id, key_id, public_pem, private_pem, created_at_ms, from_seq) "
                "VALUES (:lab, :k, :pub, :priv, :at, :from)",
        soci::use(lab, "lab"), soci::use(k.keyId, "k"), soci::use(k.publicPem, "pub"), soci::use(k.privatePem, "priv"), soci::use(at, "at"),
        soci::use(from, "from");
}

void LinkStore::retireKeys(Tx& tx, std::int64_t labId, std::int64_t atMs) {
    long long lab = labId, at = atMs;
    tx.sql() << "UPDATE plat_link_keys SET retired_at_ms = :at WHERE lab_id = :lab AND retired_at_ms IS NULL", soci::use(at, "at"),
        soci::use(lab, "lab");
}

}  // namespace assay::platform
