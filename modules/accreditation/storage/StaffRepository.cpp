// StaffRepository: named queries bound with soci::use; portable to SQLite and MariaDB.
#include "storage/StaffRepository.hpp"

#include "assay/Columns.hpp"
#include "assay/Rows.hpp"

namespace assay::accreditation {

namespace {
constexpr const char* kInsertStaff =
    "INSERT INTO acc_staff (id, lab_id, name, user_id, person_key, id_number_masked, position, deactivated_on, "
    "deactivation_reason, created_at_ms, updated_at_ms, version) VALUES (:id, :lab_id, :name, :user_id, :person_key, "
    ":masked, :position, NULL, NULL, :created, :created2, 1)";
constexpr const char* kDeactivate =
    "UPDATE acc_staff SET deactivated_on = :on, deactivation_reason = :reason, updated_at_ms = :updated, "
    "version = version + 1 WHERE lab_id = :lab AND id = :id AND version = :expected AND deactivated_on IS NULL";
constexpr const char* kActiveLab = "SELECT lab_id FROM acc_active_persons WHERE person_key = :k";
constexpr const char* kClaim = "INSERT INTO acc_active_persons (person_key, lab_id, staff_id) VALUES (:k, :lab, :staff)";
constexpr const char* kRelease = "DELETE FROM acc_active_persons WHERE person_key = :k AND staff_id = :staff";
constexpr const char* kInsertRecord =
    "INSERT INTO acc_staff_records (id, lab_id, staff_id, kind, title, record_date, valid_until, result, created_by, "
    "created_at_ms) VALUES (:id, :lab, :staff, :kind, :title, :record_date, :valid_until, :result, :by, :created)";
constexpr const char* kInsertAuthorization =
    "INSERT INTO acc_authorizations (id, lab_id, staff_id, activity, method_id, valid_from, ended_on, basis, end_reason, "
    "created_by, created_at_ms) VALUES (:id, :lab, :staff, :activity, :method, :valid_from, NULL, :basis, NULL, :by, "
    ":created)";
constexpr const char* kEndAuthorization =
    "UPDATE acc_authorizations SET ended_on = :on, end_reason = :reason WHERE lab_id = :lab AND id = :id AND ended_on IS NULL";
constexpr const char* kInsertSignatory =
    "INSERT INTO acc_signatories (id, lab_id, staff_id, scheme, filed_on, filing_ref, ended_on, end_reason, created_by, "
    "created_at_ms) VALUES (:id, :lab, :staff, :scheme, :filed_on, :filing_ref, NULL, NULL, :by, :created)";
constexpr const char* kInsertScope =
    "INSERT INTO acc_signatory_scope (id, lab_id, signatory_id, parameter_id) VALUES (:id, :lab, :sig, :param)";
constexpr const char* kSignatoryScope =
    "SELECT parameter_id FROM acc_signatory_scope WHERE lab_id = :lab AND signatory_id = :sig ORDER BY parameter_id";
constexpr const char* kEndSignatory =
    "UPDATE acc_signatories SET ended_on = :on, end_reason = :reason WHERE lab_id = :lab AND id = :id AND ended_on IS NULL";

using columns::field;

const columns::ColumnMap<StaffMember> kStaff{{
    {"id", field<&StaffMember::id>},
    {"lab_id", field<&StaffMember::labId>},
    {"name", field<&StaffMember::name>},
    {"user_id", field<&StaffMember::userId>},
    {"person_key", field<&StaffMember::personKey>},
    {"id_number_masked", field<&StaffMember::idNumberMasked>},
    {"position", field<&StaffMember::position>},
    {"deactivated_on", field<&StaffMember::deactivatedOn>},
    {"deactivation_reason", field<&StaffMember::deactivationReason>},
    {"created_at_ms", field<&StaffMember::createdAtMs>},
    {"updated_at_ms", field<&StaffMember::updatedAtMs>},
    {"version", field<&StaffMember::version>},
}};

const columns::ColumnMap<StaffRecord> kRecords{{
    {"id", field<&StaffRecord::id>},
    {"staff_id", field<&StaffRecord::staffId>},
    {"kind", field<&StaffRecord::kind>},
    {"title", field<&StaffRecord::title>},
    {"record_date", field<&StaffRecord::recordDate>},
    {"valid_until", field<&StaffRecord::validUntil>},
    {"result", field<&StaffRecord::result>},
    {"created_at_ms", field<&StaffRecord::createdAtMs>},
}};

// An authorization (alias a) with the edition and clause of its method, for its citation.
struct AuthorizationRow {
    Authorization a;
    std::optional<std::string> standardNumber;
    int standardYear = 0;
    std::optional<std::string> methodClause;
};

const columns::ColumnMap<AuthorizationRow> kAuthorizations{{
    {"id", field<&AuthorizationRow::a, &Authorization::id>},
    {"staff_id", field<&AuthorizationRow::a, &Authorization::staffId>},
    {"activity", field<&AuthorizationRow::a, &Authorization::activity>},
    {"method_id", field<&AuthorizationRow::a, &Authorization::methodId>},
    {"valid_from", field<&AuthorizationRow::a, &Authorization::validFrom>},
    {"ended_on", field<&AuthorizationRow::a, &Authorization::endedOn>},
    {"basis", field<&AuthorizationRow::a, &Authorization::basis>},
    {"end_reason", field<&AuthorizationRow::a, &Authorization::endReason>},
    {"created_at_ms", field<&AuthorizationRow::a, &Authorization::createdAtMs>},
    {"s.number AS standard_number", field<&AuthorizationRow::standardNumber>},
    {"s.year AS standard_year", field<&AuthorizationRow::standardYear>},
    {"m.clause AS method_clause", field<&AuthorizationRow::methodClause>},
}};

const columns::ColumnMap<SignatoryAuthorization> kSignatories{{
    {"id", field<&SignatoryAuthorization::id>},
    {"staff_id", field<&SignatoryAuthorization::staffId>},
    {"scheme", field<&SignatoryAuthorization::scheme>},
    {"filed_on", field<&SignatoryAuthorization::filedOn>},
    {"filing_ref", field<&SignatoryAuthorization::filingRef>},
    {"ended_on", field<&SignatoryAuthorization::endedOn>},
    {"end_reason", field<&SignatoryAuthorization::endReason>},
    {"created_at_ms", field<&SignatoryAuthorization::createdAtMs>},
}};

using Opt = rows::NullableText;

bool executeUpdate(soci::statement& st) {
    st.execute(true);
    return st.get_affected_rows() == 1;
}
}  // namespace

void StaffRepository::insertStaff(Tx& tx, const StaffMember& s) {
    long long id = s.id, lab = s.labId, created = s.createdAtMs, user = s.userId.value_or(0);
    soci::indicator userInd = s.userId ? soci::i_ok : soci::i_null;
    Opt key(s.personKey), masked(s.idNumberMasked), position(s.position);
    tx.sql() << kInsertStaff, soci::use(id, "id"), soci::use(lab, "lab_id"), soci::use(s.name, "name"),
        soci::use(user, userInd, "user_id"), soci::use(key.value, key.ind, "person_key"),
        soci::use(masked.value, masked.ind, "masked"), soci::use(position.value, position.ind, "position"),
        soci::use(created, "created"), soci::use(created, "created2");
}

void StaffRepository::loadDetails(Tx& tx, StaffMember& s) {
    long long lab = s.labId, staff = s.id;
    {
        soci::rowset<soci::row> rs =
            (tx.sql().prepare << kRecords.select("FROM acc_staff_records WHERE lab_id = :lab AND staff_id = :staff "
                                                 "ORDER BY record_date, id"),
             soci::use(lab, "lab"), soci::use(staff, "staff"));
        s.records = kRecords.all(rs);
    }
    {
        soci::rowset<soci::row> rs =
            (tx.sql().prepare << kAuthorizations.select("FROM acc_authorizations a "
                                                        "LEFT JOIN acc_methods m ON m.id = a.method_id AND m.lab_id = a.lab_id "
                                                        "LEFT JOIN acc_standards s ON s.id = m.standard_id AND s.lab_id = m.lab_id "
                                                        "WHERE a.lab_id = :lab AND a.staff_id = :staff ORDER BY a.id",
                                                        {.alias = "a"}),
             soci::use(lab, "lab"), soci::use(staff, "staff"));
        for (auto& row : kAuthorizations.all(rs)) {
            if (row.standardNumber) {
                row.a.methodCitation = *row.standardNumber + "-" + std::to_string(row.standardYear);
                if (row.methodClause) row.a.methodCitation += " " + *row.methodClause;
            }
            s.authorizations.push_back(std::move(row.a));
        }
    }
    {
        soci::rowset<soci::row> rs =
            (tx.sql().prepare << kSignatories.select("FROM acc_signatories WHERE lab_id = :lab AND staff_id = :staff "
                                                     "ORDER BY id"),
             soci::use(lab, "lab"), soci::use(staff, "staff"));
        s.signatories = kSignatories.all(rs);
    }
    for (auto& sig : s.signatories) {
        long long id = sig.id;
        soci::rowset<soci::row> rs = (tx.sql().prepare << kSignatoryScope, soci::use(lab, "lab"), soci::use(id, "sig"));
        for (const auto& r : rs) sig.parameterIds.push_back(rows::i64(r, 0));
    }
}

std::optional<StaffMember> StaffRepository::find(Tx& tx, std::int64_t labId, std::int64_t id) {
    long long lab = labId, v = id;
    std::optional<StaffMember> s;
    {
        soci::rowset<soci::row> rs = (tx.sql().prepare << kStaff.select("FROM acc_staff WHERE lab_id = :lab AND id = :id"),
                                      soci::use(lab, "lab"), soci::use(v, "id"));
        s = kStaff.first(rs);
    }
    if (s) loadDetails(tx, *s);
    return s;
}

std::optional<StaffMember> StaffRepository::findByUser(Tx& tx, std::int64_t labId, std::int64_t userId) {
    long long lab = labId, user = userId;
    std::optional<StaffMember> s;
    {
        soci::rowset<soci::row> rs = (tx.sql().prepare << kStaff.select("FROM acc_staff WHERE lab_id = :lab AND user_id = :user"),
                                      soci::use(lab, "lab"), soci::use(user, "user"));
        s = kStaff.first(rs);
    }
    if (s) loadDetails(tx, *s);
    return s;
}

std::vector<std::int64_t> StaffRepository::authorizedFor(Tx& tx, std::int64_t labId, const std::string& activity,
                                                        std::int64_t methodId) {
    std::vector<std::int64_t> out;
    long long lab = labId, method = methodId;
    soci::rowset<long long> rs = (tx.sql().prepare << "SELECT DISTINCT staff_id FROM acc_authorizations WHERE lab_id = :lab "
                                                      "AND activity = :activity AND method_id = :method ORDER BY staff_id",
                                  soci::use(lab, "lab"), soci::use(activity, "activity"), soci::use(method, "method"));
    for (long long id : rs) out.push_back(id);
    return out;
}

std::vector<StaffMember> StaffRepository::list(Tx& tx, std::int64_t labId, std::int64_t afterId, int limit) {
    std::vector<StaffMember> out;
    long long lab = labId, after = afterId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kStaff.select("FROM acc_staff WHERE lab_id = :lab AND id > :after ORDER BY id LIMIT :lim"),
         soci::use(lab, "lab"), soci::use(after, "after"), soci::use(limit, "lim"));
    out = kStaff.all(rs);
    return out;
}

bool StaffRepository::deactivate(Tx& tx, const StaffMember& s, int expectedVersion) {
    long long lab = s.labId, id = s.id, updated = s.updatedAtMs;
    int expected = expectedVersion;
    const std::string on = s.deactivatedOn.value_or(""), reason = s.deactivationReason.value_or("");
    soci::statement st = (tx.sql().prepare << kDeactivate, soci::use(on, "on"), soci::use(reason, "reason"),
                          soci::use(updated, "updated"), soci::use(lab, "lab"), soci::use(id, "id"),
                          soci::use(expected, "expected"));
    return executeUpdate(st);
}

std::optional<std::int64_t> StaffRepository::activeLabOf(Tx& tx, const std::string& personKey) {
    soci::rowset<soci::row> rs = (tx.sql().prepare << kActiveLab, soci::use(personKey, "k"));
    for (const auto& r : rs) return rows::i64(r, 0);
    return std::nullopt;
}

void StaffRepository::claimPerson(Tx& tx, const std::string& personKey, std::int64_t labId, std::int64_t staffId) {
    long long lab = labId, staff = staffId;
    tx.sql() << kClaim, soci::use(personKey, "k"), soci::use(lab, "lab"), soci::use(staff, "staff");
}

void StaffRepository::releasePerson(Tx& tx, const std::string& personKey, std::int64_t staffId) {
    long long staff = staffId;
    tx.sql() << kRelease, soci::use(personKey, "k"), soci::use(staff, "staff");
}

void StaffRepository::insertRecord(Tx& tx, std::int64_t labId, const StaffRecord& r, std::int64_t createdBy) {
    long long id = r.id, lab = labId, staff = r.staffId, by = createdBy, created = r.createdAtMs;
    Opt until(r.validUntil), result(r.result);
    tx.sql() << kInsertRecord, soci::use(id, "id"), soci::use(lab, "lab"), soci::use(staff, "staff"),
        soci::use(r.kind, "kind"), soci::use(r.title, "title"), soci::use(r.recordDate, "record_date"),
        soci::use(until.value, until.ind, "valid_until"), soci::use(result.value, result.ind, "result"),
        soci::use(by, "by"), soci::use(created, "created");
}

void StaffRepository::insertAuthorization(Tx& tx, std::int64_t labId, const Authorization& a, std::int64_t createdBy) {
    long long id = a.id, lab = labId, staff = a.staffId, method = a.methodId.value_or(0), by = createdBy,
              created = a.createdAtMs;
    soci::indicator methodInd = a.methodId ? soci::i_ok : soci::i_null;
    Opt basis(a.basis);
    tx.sql() << kInsertAuthorization, soci::use(id, "id"), soci::use(lab, "lab"), soci::use(staff, "staff"),
        soci::use(a.activity, "activity"), soci::use(method, methodInd, "method"), soci::use(a.validFrom, "valid_from"),
        soci::use(basis.value, basis.ind, "basis"), soci::use(by, "by"), soci::use(created, "created");
}

bool StaffRepository::endAuthorization(Tx& tx, std::int64_t labId, std::int64_t id, const std::string& endedOn,
                                       const std::string& reason) {
    long long lab = labId, v = id;
    soci::statement st = (tx.sql().prepare << kEndAuthorization, soci::use(endedOn, "on"), soci::use(reason, "reason"),
                          soci::use(lab, "lab"), soci::use(v, "id"));
    return executeUpdate(st);
}

void StaffRepository::insertSignatory(Tx& tx, std::int64_t labId, const SignatoryAuthorization& a, std::int64_t createdBy,
                                      const std::vector<std::int64_t>& scopeIds) {
    long long id = a.id, lab = labId, staff = a.staffId, by = createdBy, created = a.createdAtMs;
    tx.sql() << kInsertSignatory, soci::use(id, "id"), soci::use(lab, "lab"), soci::use(staff, "staff"),
        soci::use(a.scheme, "scheme"), soci::use(a.filedOn, "filed_on"), soci::use(a.filingRef, "filing_ref"),
        soci::use(by, "by"), soci::use(created, "created");
    for (std::size_t i = 0; i < a.parameterIds.size(); ++i) {
        long long sid = scopeIds[i], param = a.parameterIds[i];
        tx.sql() << kInsertScope, soci::use(sid, "id"), soci::use(lab, "lab"), soci::use(id, "sig"), soci::use(param, "param");
    }
}

bool StaffRepository::endSignatory(Tx& tx, std::int64_t labId, std::int64_t id, const std::string& endedOn,
                                   const std::string& reason) {
    long long lab = labId, v = id;
    soci::statement st = (tx.sql().prepare << kEndSignatory, soci::use(endedOn, "on"), soci::use(reason, "reason"),
                          soci::use(lab, "lab"), soci::use(v, "id"));
    return executeUpdate(st);
}

}  // namespace assay::accreditation
