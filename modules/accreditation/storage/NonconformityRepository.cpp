// NonconformityRepository: named queries bound with soci::use; portable to SQLite and MariaDB.
#include "storage/NonconformityRepository.hpp"

#include "assay/Columns.hpp"
#include "assay/Rows.hpp"

namespace assay::accreditation {

namespace {
constexpr const char* kInsert =
    "INSERT INTO acc_nonconformities (id, lab_id, nc_no, source, source_ref, description, impact, corrective_action, "
    "verification, status, opened_on, action_on, verified_on, closed_on, created_at_ms, updated_at_ms, version) VALUES "
    "(:id, :lab, :no, :source, :source_ref, :description, :impact, NULL, NULL, 'open', :opened_on, NULL, NULL, NULL, "
    ":created, :created2, 1)";
constexpr const char* kInsertImpact =
    "INSERT INTO acc_nc_impacts (id, lab_id, nc_id, kind, ref, label, item_date) VALUES (:id, :lab, :nc, :kind, :ref, "
    ":label, :item_date)";
constexpr const char* kUpdate =
    "UPDATE acc_nonconformities SET status = :status, corrective_action = :action, verification = :verification, "
    "action_on = :action_on, verified_on = :verified_on, closed_on = :closed_on, updated_at_ms = :updated, "
    "version = version + 1 WHERE lab_id = :lab AND id = :id AND version = :expected";

using columns::field;

const columns::ColumnMap<Nonconformity> kNonconformities{{
    {"id", field<&Nonconformity::id>},
    {"lab_id", field<&Nonconformity::labId>},
    {"nc_no", field<&Nonconformity::ncNo>},
    {"source", field<&Nonconformity::source>},
    {"source_ref", field<&Nonconformity::sourceRef>},
    {"description", field<&Nonconformity::description>},
    {"impact", field<&Nonconformity::impact>},
    {"corrective_action", field<&Nonconformity::correctiveAction>},
    {"verification", field<&Nonconformity::verification>},
    {"status", field<&Nonconformity::status>},
    {"opened_on", field<&Nonconformity::openedOn>},
    {"action_on", field<&Nonconformity::actionOn>},
    {"verified_on", field<&Nonconformity::verifiedOn>},
    {"closed_on", field<&Nonconformity::closedOn>},
    {"created_at_ms", field<&Nonconformity::createdAtMs>},
    {"updated_at_ms", field<&Nonconformity::updatedAtMs>},
    {"version", field<&Nonconformity::version>},
}};

const columns::ColumnMap<NcImpact> kImpacts{{
    {"id", field<&NcImpact::id>},
    {"kind", field<&NcImpact::kind>},
    {"ref", field<&NcImpact::ref>},
    {"label", field<&NcImpact::label>},
    {"item_date", field<&NcImpact::itemDate>},
}};

using Opt = rows::NullableText;
}  // namespace

void NonconformityRepository::insert(Tx& tx, const Nonconformity& nc) {
    long long id = nc.id, lab = nc.labId, no = nc.ncNo, created = nc.createdAtMs;
    tx.sql() << kInsert, soci::use(id, "id"), soci::use(lab, "lab"), soci::use(no, "no"), soci::use(nc.source, "source"),
        soci::use(nc.sourceRef, "source_ref"), soci::use(nc.description, "description"), soci::use(nc.impact, "impact"),
        soci::use(nc.openedOn, "opened_on"), soci::use(created, "created"), soci::use(created, "created2");
    for (const auto& i : nc.impacts) {
        long long iid = i.id;
        tx.sql() << kInsertImpact, soci::use(iid, "id"), soci::use(lab, "lab"), soci::use(id, "nc"), soci::use(i.kind, "kind"),
            soci::use(i.ref, "ref"), soci::use(i.label, "label"), soci::use(i.itemDate, "item_date");
    }
}

std::optional<Nonconformity> NonconformityRepository::find(Tx& tx, std::int64_t labId, std::int64_t id) {
    long long lab = labId, v = id;
    std::optional<Nonconformity> n;
    {
        soci::rowset<soci::row> rs =
            (tx.sql().prepare << kNonconformities.select("FROM acc_nonconformities WHERE lab_id = :lab AND id = :id"),
             soci::use(lab, "lab"), soci::use(v, "id"));
        n = kNonconformities.first(rs);
    }
    if (!n) return n;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kImpacts.select("FROM acc_nc_impacts WHERE lab_id = :lab AND nc_id = :nc ORDER BY item_date, id"),
         soci::use(lab, "lab"), soci::use(v, "nc"));
    n->impacts = kImpacts.all(rs);
    return n;
}

std::vector<Nonconformity> NonconformityRepository::list(Tx& tx, std::int64_t labId, std::optional<NcStatus> filter,
                                                         std::int64_t afterId, int limit) {
    const std::string status = filter ? toString(*filter) : "";  // "" = any
    std::vector<Nonconformity> out;
    long long lab = labId, after = afterId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kNonconformities.select("FROM acc_nonconformities WHERE lab_id = :lab AND (:status = '' "
                                                     "OR status = :status2) AND id > :after ORDER BY id LIMIT :lim"),
         soci::use(lab, "lab"), soci::use(status, "status"), soci::use(status, "status2"), soci::use(after, "after"),
         soci::use(limit, "lim"));
    out = kNonconformities.all(rs);
    return out;
}

bool NonconformityRepository::update(Tx& tx, const Nonconformity& nc, int expectedVersion) {
    long long lab = nc.labId, id = nc.id, updated = nc.updatedAtMs;
    int expected = expectedVersion;
    Opt action(nc.correctiveAction), verification(nc.verification), actionOn(nc.actionOn), verifiedOn(nc.verifiedOn),
        closedOn(nc.closedOn);
    soci::statement st =
        (tx.sql().prepare << kUpdate, soci::use(nc.status, "status"), soci::use(action.value, action.ind, "action"),
         soci::use(verification.value, verification.ind, "verification"),
         soci::use(actionOn.value, actionOn.ind, "action_on"), soci::use(verifiedOn.value, verifiedOn.ind, "verified_on"),
         soci::use(closedOn.value, closedOn.ind, "closed_on"), soci::use(updated, "updated"), soci::use(lab, "lab"),
         soci::use(id, "id"), soci::use(expected, "expected"));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

}  // namespace assay::accreditation
