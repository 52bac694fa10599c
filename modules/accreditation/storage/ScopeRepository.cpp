// ScopeRepository: named queries bound with soci::use; portable to SQLite and MariaDB.
#include "storage/ScopeRepository.hpp"

#include <algorithm>

#include "assay/Rows.hpp"

namespace assay::accreditation {

namespace {
constexpr const char* kInsertChange =
    "INSERT INTO acc_scope_changes (id, lab_id, change_no, kind, scheme, effective_date, reference, reason, created_by, "
    "created_at_ms) VALUES (:id, :lab_id, :change_no, :kind, :scheme, :effective, :reference, :reason, :created_by, "
    ":created)";
constexpr const char* kChangeColumns =
    "SELECT id, lab_id, change_no, kind, scheme, effective_date, reference, reason, created_by, created_at_ms "
    "FROM acc_scope_changes ";
constexpr const char* kInsertRow =
    "INSERT INTO acc_scope_rows (id, lab_id, row_key, revision, scheme, site, category, product, parameter_id, "
    "standard_id, clause, limitation, note, mra_covered, effective_from, ended_on, change_id, ended_by_change_id, "
    "created_at_ms) VALUES (:id, :lab_id, :row_key, :revision, :scheme, :site, :category, :product, :parameter_id, "
    ":standard_id, :clause, :limitation, :note, :mra, :effective_from, NULL, :change_id, NULL, :created)";
constexpr const char* kEndRow =
    "UPDATE acc_scope_rows SET ended_on = :ended_on, ended_by_change_id = :change_id "
    "WHERE lab_id = :lab AND id = :id AND ended_on IS NULL";
// Joined with the standard edition and the parameter's name.
constexpr const char* kRowColumns =
    "SELECT r.id, r.lab_id, r.row_key, r.revision, r.scheme, r.site, r.category, r.product, r.parameter_id, "
    "p.name_zh, r.standard_id, s.number, s.year, s.title, s.status, r.clause, r.limitation, r.note, r.mra_covered, "
    "r.effective_from, r.ended_on, r.change_id, r.ended_by_change_id, r.created_at_ms "
    "FROM acc_scope_rows r JOIN acc_standards s ON s.id = r.standard_id AND s.lab_id = r.lab_id "
    "JOIN acc_parameters p ON p.id = r.parameter_id AND p.lab_id = r.lab_id ";

constexpr const char* kInsertSuspension =
    "INSERT INTO acc_scope_suspensions (id, lab_id, row_key, from_date, lifted_on, reason, pt_round_id, nc_id, created_at_ms) "
    "VALUES (:id, :lab, :row_key, :from_date, NULL, :reason, :pt, :nc, :created)";
constexpr const char* kSuspensions =
    "SELECT id, row_key, from_date, lifted_on, reason, pt_round_id, nc_id FROM acc_scope_suspensions WHERE lab_id = :lab "
    "ORDER BY from_date, id";
constexpr const char* kLiftByNc =
    "UPDATE acc_scope_suspensions SET lifted_on = :lifted WHERE lab_id = :lab AND nc_id = :nc AND lifted_on IS NULL";

ScopeRow rowFrom(const soci::row& r) {
    ScopeRow x;
    x.id = rows::i64(r, 0);
    x.labId = rows::i64(r, 1);
    x.rowKey = rows::i64(r, 2);
    x.revision = static_cast<int>(rows::i64(r, 3));
    x.scheme = rows::str(r, 4);
    x.site = rows::str(r, 5);
    x.category = rows::str(r, 6);
    x.product = rows::str(r, 7);
    x.parameterId = rows::i64(r, 8);
    x.parameterName = rows::str(r, 9);
    x.standard.id = rows::i64(r, 10);
    x.standard.labId = x.labId;
    x.standard.number = rows::str(r, 11);
    x.standard.year = static_cast<int>(rows::i64(r, 12));
    x.standard.title = rows::str(r, 13);
    x.standard.status = rows::str(r, 14);
    x.clause = rows::optStr(r, 15);
    x.limitation = rows::optStr(r, 16);
    x.note = rows::optStr(r, 17);
    x.mraCovered = rows::i64(r, 18) != 0;
    x.effectiveFrom = rows::str(r, 19);
    x.endedOn = rows::optStr(r, 20);
    x.changeId = rows::i64(r, 21);
    x.endedByChangeId = rows::optI64(r, 22);
    x.createdAtMs = rows::i64(r, 23);
    return x;
}

ScopeChange changeFrom(const soci::row& r) {
    ScopeChange c;
    c.id = rows::i64(r, 0);
    c.labId = rows::i64(r, 1);
    c.changeNo = rows::i64(r, 2);
    c.kind = rows::str(r, 3);
    c.scheme = rows::str(r, 4);
    c.effectiveDate = rows::str(r, 5);
    c.reference = rows::optStr(r, 6);
    c.reason = rows::str(r, 7);
    c.createdBy = rows::i64(r, 8);
    c.createdAtMs = rows::i64(r, 9);
    return c;
}

using Opt = rows::NullableText;

std::vector<ScopeRow> query(Tx& tx, const std::string& where, long long lab, long long other) {
    std::vector<ScopeRow> out;
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kRowColumns) + where, soci::use(lab, "lab"),
                                  soci::use(other, "other"));
    for (const auto& r : rs) out.push_back(rowFrom(r));
    return out;
}
}  // namespace

void ScopeRepository::insertChange(Tx& tx, const ScopeChange& c) {
    long long id = c.id, lab = c.labId, no = c.changeNo, by = c.createdBy, created = c.createdAtMs;
    Opt reference(c.reference);
    tx.sql() << kInsertChange, soci::use(id, "id"), soci::use(lab, "lab_id"), soci::use(no, "change_no"),
        soci::use(c.kind, "kind"), soci::use(c.scheme, "scheme"), soci::use(c.effectiveDate, "effective"),
        soci::use(reference.value, reference.ind, "reference"), soci::use(c.reason, "reason"),
        soci::use(by, "created_by"), soci::use(created, "created");
}

std::optional<ScopeChange> ScopeRepository::findChange(Tx& tx, std::int64_t labId, std::int64_t id) {
    long long lab = labId, v = id;
    std::optional<ScopeChange> c;
    {
        soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kChangeColumns) + "WHERE lab_id = :lab AND id = :id",
                                      soci::use(lab, "lab"), soci::use(v, "id"));
        for (const auto& r : rs) c = changeFrom(r);
    }
    if (!c) return c;
    c->added = query(tx, "WHERE r.lab_id = :lab AND r.change_id = :other ORDER BY r.id", lab, v);
    c->ended = query(tx, "WHERE r.lab_id = :lab AND r.ended_by_change_id = :other ORDER BY r.id", lab, v);
    return c;
}

std::vector<ScopeChange> ScopeRepository::listChanges(Tx& tx, std::int64_t labId, std::int64_t afterId, int limit) {
    std::vector<ScopeChange> out;
    long long lab = labId, after = afterId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << std::string(kChangeColumns) + "WHERE lab_id = :lab AND id > :after ORDER BY id LIMIT :lim",
         soci::use(lab, "lab"), soci::use(after, "after"), soci::use(limit, "lim"));
    for (const auto& r : rs) out.push_back(changeFrom(r));
    return out;
}

void ScopeRepository::insertRow(Tx& tx, const ScopeRow& r) {
    long long id = r.id, lab = r.labId, key = r.rowKey, param = r.parameterId, standard = r.standard.id,
              change = r.changeId, created = r.createdAtMs;
    int revision = r.revision, mra = r.mraCovered ? 1 : 0;
    Opt clause(r.clause), limitation(r.limitation), note(r.note);
    tx.sql() << kInsertRow, soci::use(id, "id"), soci::use(lab, "lab_id"), soci::use(key, "row_key"),
        soci::use(revision, "revision"), soci::use(r.scheme, "scheme"), soci::use(r.site, "site"),
        soci::use(r.category, "category"), soci::use(r.product, "product"), soci::use(param, "parameter_id"),
        soci::use(standard, "standard_id"), soci::use(clause.value, clause.ind, "clause"),
        soci::use(limitation.value, limitation.ind, "limitation"), soci::use(note.value, note.ind, "note"),
        soci::use(mra, "mra"), soci::use(r.effectiveFrom, "effective_from"), soci::use(change, "change_id"),
        soci::use(created, "created");
}

bool ScopeRepository::endRow(Tx& tx, std::int64_t labId, std::int64_t id, const std::string& endedOn,
                             std::int64_t changeId) {
    long long lab = labId, v = id, change = changeId;
    soci::statement st = (tx.sql().prepare << kEndRow, soci::use(endedOn, "ended_on"), soci::use(change, "change_id"),
                          soci::use(lab, "lab"), soci::use(v, "id"));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

std::optional<ScopeRow> ScopeRepository::latestRevision(Tx& tx, std::int64_t labId, std::int64_t rowKey) {
    auto all = revisions(tx, labId, rowKey);
    if (all.empty()) return std::nullopt;
    return all.back();
}

std::vector<ScopeRow> ScopeRepository::revisions(Tx& tx, std::int64_t labId, std::int64_t rowKey) {
    auto out = query(tx, "WHERE r.lab_id = :lab AND r.row_key = :other ORDER BY r.revision", labId, rowKey);
    attachSuspensions(tx, labId, out);
    return out;
}

void ScopeRepository::attachSuspensions(Tx& tx, std::int64_t labId, std::vector<ScopeRow>& rows) {
    if (rows.empty()) return;
    long long lab = labId;
    std::vector<ScopeSuspension> all;
    soci::rowset<soci::row> rs = (tx.sql().prepare << kSuspensions, soci::use(lab, "lab"));
    for (const auto& r : rs)
        all.push_back({rows::i64(r, 0), rows::i64(r, 1), rows::str(r, 2), rows::optStr(r, 3), rows::str(r, 4),
                       rows::optI64(r, 5), rows::optI64(r, 6)});
    if (all.empty()) return;
    for (auto& row : rows)
        for (const auto& x : all)
            if (x.rowKey == row.rowKey) row.suspensions.push_back(x);
}

std::vector<ScopeRow> ScopeRepository::rowsForParameterOn(Tx& tx, std::int64_t labId, std::int64_t parameterId,
                                                          const std::string& date) {
    std::vector<ScopeRow> out;
    long long lab = labId, param = parameterId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << std::string(kRowColumns) +
                                 "WHERE r.lab_id = :lab AND r.parameter_id = :param AND r.effective_from <= :d "
                                 "AND (r.ended_on IS NULL OR r.ended_on > :d2) ORDER BY r.id",
         soci::use(lab, "lab"), soci::use(param, "param"), soci::use(date, "d"), soci::use(date, "d2"));
    for (const auto& r : rs) out.push_back(rowFrom(r));
    attachSuspensions(tx, labId, out);
    return out;
}

void ScopeRepository::insertSuspension(Tx& tx, std::int64_t labId, const ScopeSuspension& x) {
    long long id = x.id, lab = labId, key = x.rowKey, pt = x.ptRoundId.value_or(0), nc = x.ncId.value_or(0),
              created = x.createdAtMs;
    soci::indicator ptInd = x.ptRoundId ? soci::i_ok : soci::i_null, ncInd = x.ncId ? soci::i_ok : soci::i_null;
    tx.sql() << kInsertSuspension, soci::use(id, "id"), soci::use(lab, "lab"), soci::use(key, "row_key"),
        soci::use(x.fromDate, "from_date"), soci::use(x.reason, "reason"), soci::use(pt, ptInd, "pt"),
        soci::use(nc, ncInd, "nc"), soci::use(created, "created");
}

long long ScopeRepository::liftSuspensionsOfNc(Tx& tx, std::int64_t labId, std::int64_t ncId, const std::string& liftedOn) {
    long long lab = labId, nc = ncId;
    soci::statement st = (tx.sql().prepare << kLiftByNc, soci::use(liftedOn, "lifted"), soci::use(lab, "lab"), soci::use(nc, "nc"));
    st.execute(true);
    return st.get_affected_rows();
}

std::vector<ScopeRow> ScopeRepository::rowsForParameter(Tx& tx, std::int64_t labId, const std::string& scheme,
                                                        std::int64_t parameterId) {
    std::vector<ScopeRow> out;
    long long lab = labId, param = parameterId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << std::string(kRowColumns) +
                                 "WHERE r.lab_id = :lab AND r.scheme = :scheme AND r.parameter_id = :param ORDER BY r.id",
         soci::use(lab, "lab"), soci::use(scheme, "scheme"), soci::use(param, "param"));
    for (const auto& r : rs) out.push_back(rowFrom(r));
    attachSuspensions(tx, labId, out);
    return out;
}

std::vector<ScopeRow> ScopeRepository::rowsForParameters(Tx& tx, std::int64_t labId, const std::vector<std::int64_t>& parameterIds) {
    std::vector<ScopeRow> out;
    long long lab = labId;
    std::vector<long long> keys(parameterIds.begin(), parameterIds.end());
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    rows::forEachIn(tx.sql(), std::string(kRowColumns) + "WHERE r.lab_id = :lab AND r.parameter_id", keys, "ORDER BY r.id",
                    [&](auto& prep) { prep, soci::use(lab, "lab"); }, [&](const soci::row& r) { out.push_back(rowFrom(r)); });
    attachSuspensions(tx, labId, out);
    return out;
}

std::vector<ScopeRow> ScopeRepository::rowsInForce(Tx& tx, std::int64_t labId, const std::string& scheme,
                                                   const std::string& date, std::int64_t afterId, int limit) {
    std::vector<ScopeRow> out;
    long long lab = labId, after = afterId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << std::string(kRowColumns) +
                                 "WHERE r.lab_id = :lab AND (:scheme = '' OR r.scheme = :scheme2) AND r.id > :after "
                                 "AND r.effective_from <= :d AND (r.ended_on IS NULL OR r.ended_on > :d2) "
                                 "ORDER BY r.id LIMIT :lim",
         soci::use(lab, "lab"), soci::use(scheme, "scheme"), soci::use(scheme, "scheme2"), soci::use(after, "after"),
         soci::use(date, "d"), soci::use(date, "d2"), soci::use(limit, "lim"));
    for (const auto& r : rs) out.push_back(rowFrom(r));
    attachSuspensions(tx, labId, out);
    return out;
}

}  // namespace assay::accreditation
