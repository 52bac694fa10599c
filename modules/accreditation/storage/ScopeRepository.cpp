// ScopeRepository: named queries bound with soci::use; portable to SQLite and MariaDB.
#include "storage/ScopeRepository.hpp"

#include <algorithm>

#include "assay/Columns.hpp"
#include "assay/Rows.hpp"

namespace assay::accreditation {

namespace {
constexpr const char* kInsertChange =
    "INSERT INTO acc_scope_changes (id, lab_id, change_no, kind, scheme, effective_date, reference, reason, created_by, "
    "created_at_ms) VALUES (:id, :lab_id, :change_no, :kind, :scheme, :effective, :reference, :reason, :created_by, "
    ":created)";
constexpr const char* kInsertRow =
    "INSERT INTO acc_scope_rows (id, lab_id, row_key, revision, scheme, site, category, product, parameter_id, "
    "standard_id, clause, limitation, note, mra_covered, effective_from, ended_on, change_id, ended_by_change_id, "
    "created_at_ms) VALUES (:id, :lab_id, :row_key, :revision, :scheme, :site, :category, :product, :parameter_id, "
    ":standard_id, :clause, :limitation, :note, :mra, :effective_from, NULL, :change_id, NULL, :created)";
constexpr const char* kEndRow =
    "UPDATE acc_scope_rows SET ended_on = :ended_on, ended_by_change_id = :change_id "
    "WHERE lab_id = :lab AND id = :id AND ended_on IS NULL";
// A scope row (alias r) joined with the standard edition (s) and the parameter's name (p).
constexpr const char* kRowsFrom =
    "FROM acc_scope_rows r JOIN acc_standards s ON s.id = r.standard_id AND s.lab_id = r.lab_id "
    "JOIN acc_parameters p ON p.id = r.parameter_id AND p.lab_id = r.lab_id ";

constexpr const char* kInsertSuspension =
    "INSERT INTO acc_scope_suspensions (id, lab_id, row_key, from_date, lifted_on, reason, pt_round_id, nc_id, created_at_ms) "
    "VALUES (:id, :lab, :row_key, :from_date, NULL, :reason, :pt, :nc, :created)";
constexpr const char* kLiftByNc =
    "UPDATE acc_scope_suspensions SET lifted_on = :lifted WHERE lab_id = :lab AND nc_id = :nc AND lifted_on IS NULL";

using columns::field;

const columns::ColumnMap<ScopeRow> kRows{{
    {"id", field<&ScopeRow::id>},
    {"lab_id", [](ScopeRow& x, const columns::Cell& c) { x.labId = x.standard.labId = c.i64(); }},
    {"row_key", field<&ScopeRow::rowKey>},
    {"revision", field<&ScopeRow::revision>},
    {"scheme", field<&ScopeRow::scheme>},
    {"site", field<&ScopeRow::site>},
    {"category", field<&ScopeRow::category>},
    {"product", field<&ScopeRow::product>},
    {"parameter_id", field<&ScopeRow::parameterId>},
    {"p.name_zh", field<&ScopeRow::parameterName>},
    {"standard_id", field<&ScopeRow::standard, &StandardRef::id>},
    {"s.number", field<&ScopeRow::standard, &StandardRef::number>},
    {"s.year", field<&ScopeRow::standard, &StandardRef::year>},
    {"s.title", field<&ScopeRow::standard, &StandardRef::title>},
    {"s.status", field<&ScopeRow::standard, &StandardRef::status>},
    {"clause", field<&ScopeRow::clause>},
    {"limitation", field<&ScopeRow::limitation>},
    {"note", field<&ScopeRow::note>},
    {"mra_covered", field<&ScopeRow::mraCovered>},
    {"effective_from", field<&ScopeRow::effectiveFrom>},
    {"ended_on", field<&ScopeRow::endedOn>},
    {"change_id", field<&ScopeRow::changeId>},
    {"ended_by_change_id", field<&ScopeRow::endedByChangeId>},
    {"created_at_ms", field<&ScopeRow::createdAtMs>},
}};

const columns::ColumnMap<ScopeChange> kChanges{{
    {"id", field<&ScopeChange::id>},
    {"lab_id", field<&ScopeChange::labId>},
    {"change_no", field<&ScopeChange::changeNo>},
    {"kind", field<&ScopeChange::kind>},
    {"scheme", field<&ScopeChange::scheme>},
    {"effective_date", field<&ScopeChange::effectiveDate>},
    {"reference", field<&ScopeChange::reference>},
    {"reason", field<&ScopeChange::reason>},
    {"created_by", field<&ScopeChange::createdBy>},
    {"created_at_ms", field<&ScopeChange::createdAtMs>},
}};

const columns::ColumnMap<ScopeSuspension> kSuspensions{{
    {"id", field<&ScopeSuspension::id>},
    {"row_key", field<&ScopeSuspension::rowKey>},
    {"from_date", field<&ScopeSuspension::fromDate>},
    {"lifted_on", field<&ScopeSuspension::liftedOn>},
    {"reason", field<&ScopeSuspension::reason>},
    {"pt_round_id", field<&ScopeSuspension::ptRoundId>},
    {"nc_id", field<&ScopeSuspension::ncId>},
}};

using Opt = rows::NullableText;

std::vector<ScopeRow> query(Tx& tx, const std::string& where, long long lab, long long other) {
    soci::rowset<soci::row> rs = (tx.sql().prepare << kRows.select(kRowsFrom + where, {.alias = "r"}), soci::use(lab, "lab"),
                                  soci::use(other, "other"));
    return kRows.all(rs);
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
        soci::rowset<soci::row> rs =
            (tx.sql().prepare << kChanges.select("FROM acc_scope_changes WHERE lab_id = :lab AND id = :id"),
             soci::use(lab, "lab"), soci::use(v, "id"));
        c = kChanges.first(rs);
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
        (tx.sql().prepare << kChanges.select("FROM acc_scope_changes WHERE lab_id = :lab AND id > :after ORDER BY id LIMIT :lim"),
         soci::use(lab, "lab"), soci::use(after, "after"), soci::use(limit, "lim"));
    out = kChanges.all(rs);
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
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kSuspensions.select("FROM acc_scope_suspensions WHERE lab_id = :lab ORDER BY from_date, id"),
         soci::use(lab, "lab"));
    const std::vector<ScopeSuspension> all = kSuspensions.all(rs);
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
        (tx.sql().prepare << kRows.select(std::string(kRowsFrom) + "WHERE r.lab_id = :lab AND r.parameter_id = :param "
                                                                   "AND r.effective_from <= :d "
                                 "AND (r.ended_on IS NULL OR r.ended_on > :d2) ORDER BY r.id", {.alias = "r"}),
         soci::use(lab, "lab"), soci::use(param, "param"), soci::use(date, "d"), soci::use(date, "d2"));
    out = kRows.all(rs);
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

std::vector<ScopeRow> ScopeRepository::rowsForParameter(Tx& tx, std::int64_t labId, Scheme scheme,
                                                        std::int64_t parameterId) {
    std::vector<ScopeRow> out;
    long long lab = labId, param = parameterId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kRows.select(std::string(kRowsFrom) + "WHERE r.lab_id = :lab AND r.scheme = :scheme "
                                                                   "AND r.parameter_id = :param ORDER BY r.id", {.alias = "r"}),
         soci::use(lab, "lab"), soci::use(scheme, "scheme"), soci::use(param, "param"));
    out = kRows.all(rs);
    attachSuspensions(tx, labId, out);
    return out;
}

std::vector<ScopeProduct> ScopeRepository::products(Tx& tx, std::int64_t labId) {
    long long lab = labId;
    std::vector<ScopeProduct> out;
    soci::rowset<soci::row> rs = (tx.sql().prepare << "SELECT DISTINCT category, product, scheme FROM acc_scope_rows WHERE lab_id = :lab",
                                  soci::use(lab, "lab"));
    for (const auto& r : rs) {
        ScopeProduct p{r.get<std::string>(0), r.get<std::string>(1), Scheme::Cma};
        if (auto s = parseEnum<Scheme>(r.get<std::string>(2))) p.scheme = *s;
        out.push_back(std::move(p));
    }
    return out;
}

std::vector<std::string> ScopeRepository::specifiedProducts(Tx& tx, std::int64_t labId) {
    long long lab = labId;
    std::vector<std::string> out;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << "SELECT DISTINCT product_category FROM acc_spec_limits WHERE lab_id = :lab", soci::use(lab, "lab"));
    for (const auto& r : rs) out.push_back(r.get<std::string>(0));
    return out;
}

std::vector<ScopeRow> ScopeRepository::rowsForParameters(Tx& tx, std::int64_t labId, const std::vector<std::int64_t>& parameterIds) {
    std::vector<ScopeRow> out;
    long long lab = labId;
    std::vector<long long> keys(parameterIds.begin(), parameterIds.end());
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    rows::forEachIn(tx.sql(), kRows.select(std::string(kRowsFrom) + "WHERE r.lab_id = :lab AND r.parameter_id", {.alias = "r"}), keys,
                    "ORDER BY r.id",
                    [&](auto& prep) { prep, soci::use(lab, "lab"); },
                    [&, read = kRows.reader()](const soci::row& r) mutable { out.push_back(read(r)); });
    attachSuspensions(tx, labId, out);
    return out;
}

std::vector<ScopeRow> ScopeRepository::rowsInForce(Tx& tx, std::int64_t labId, std::optional<Scheme> scheme,
                                                   const std::string& date, std::int64_t afterId, int limit) {
    std::vector<ScopeRow> out;
    long long lab = labId, after = afterId;
    const std::string name = scheme ? toString(*scheme) : "";  // "" = both
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kRows.select(std::string(kRowsFrom) + "WHERE r.lab_id = :lab AND (:scheme = '' "
                                                                   "OR r.scheme = :scheme2) AND r.id > :after "
                                 "AND r.effective_from <= :d AND (r.ended_on IS NULL OR r.ended_on > :d2) "
                                 "ORDER BY r.id LIMIT :lim", {.alias = "r"}),
         soci::use(lab, "lab"), soci::use(name, "scheme"), soci::use(name, "scheme2"), soci::use(after, "after"),
         soci::use(date, "d"), soci::use(date, "d2"), soci::use(limit, "lim"));
    out = kRows.all(rs);
    attachSuspensions(tx, labId, out);
    return out;
}

}  // namespace assay::accreditation
