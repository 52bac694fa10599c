// StaffRepository: named queries bound with soci::use; portable to SQLite and MariaDB.
#include "storage/StaffRepository.hpp"

#include "assay/Rows.hpp"

namespace assay::accreditation {

namespace {
constexpr const char* kInsertStaff =
    "INSERT INTO acc_staff (id, lab_id, name, user_id, person_key, id_number_masked, position, deactivated_on, "
    "deactivation_reason, created_at_ms, updated_at_ms, version) VALUES (:id, :lab_id, :name, :user_id, :person_key, "
    ":masked, :position, NULL, NULL, :created, :created2, 1)";
constexpr const char* kStaffColumns =
    "SELECT id, lab_id, name, user_id, person_key, id_number_masked, position, deactivated_on, deactivation_reason, "
    "created_at_ms, updated_at_ms, version FROM acc_staff ";
constexpr const char* kDeactivate =
    "UPDATE acc_staff SET deactivated_on = :on, deactivation_reason = :reason, updated_at_ms = :updated, "
    "version = version + 1 WHERE lab_id = :lab AND id = :id AND version = :expected AND deactivated_on IS NULL";
constexpr const char* kActiveLab = "SELECT lab_id FROM acc_active_persons WHERE person_key = :k";
constexpr const char* kClaim = "INSERT INTO acc_active_persons (person_key, lab_id, staff_id) VALUES (:k, :lab, :staff)";
constexpr const char* kRelease = "DELETE FROM acc_active_persons WHERE person_key = :k AND staff_id = :staff";
constexpr const char* kInsertRecord =
    "INSERT INTO acc_staff_records (id, lab_id, staff_id, kind, title, record_date, valid_until, result, created_by, "
    "created_at_ms) VALUES (:id, :lab, :staff, :kind, :title, :record_date, :valid_until, :result, :by, :created)";
constexpr const char* kRecords =
    "SELECT id, staff_id, kind, title, record_date, valid_until, result, created_at_ms FROM acc_staff_records "
    "WHERE lab_id = :lab AND staff_id = :staff ORDER BY record_date, id";
constexpr const char* kInsertAuthorization =
    "INSERT INTO acc_authorizations (id, lab_id, staff_id, activity, method_id, valid_from, ended_on, basis, end_reason, "
    "created_by, created_at_ms) VALUES (:id, :lab, :staff, :activity, :method, :valid_from, NULL, :basis, NULL, :by, "
    ":created)";
constexpr const char* kAuthorizations =
    "SELECT a.id, a.staff_id, a.activity, a.method_id, a.valid_from, a.ended_on, a.basis, a.end_reason, a.created_at_ms, "
    "s.number, s.year, m.clause FROM acc_authorizations a "
    "LEFT JOIN acc_methods m ON m.id = a.method_id AND m.lab_id = a.lab_id "
    "LEFT JOIN acc_standards s ON s.id = m.standard_id AND s.lab_id = m.lab_id "
    "WHERE a.lab_id = :lab AND a.staff_id = :staff ORDER BY a.id";
constexpr const char* kEndAuthorization =
    "UPDATE acc_authorizations SET ended_on = :on, end_reason = :reason WHERE lab_id = :lab AND id = :id AND ended_on IS NULL";
constexpr const char* kInsertSignatory =
    "INSERT INTO acc_signatories (id, lab_id, staff_id, scheme, filed_on, filing_ref, ended_on, end_reason, created_by, "
    "created_at_ms) VALUES (:id, :lab, :staff, :scheme, :filed_on, :filing_ref, NULL, NULL, :by, :created)";
constexpr const char* kInsertScope =
    "INSERT INTO acc_signatory_scope (id, lab_id, signatory_id, parameter_id) VALUES (:id, :lab, :sig, :param)";
constexpr const char* kSignatories =
    "SELECT id, staff_id, scheme, filed_on, filing_ref, ended_on, end_reason, created_at_ms FROM acc_signatories "
    "WHERE lab_id = :lab AND staff_id = :staff ORDER BY id";
constexpr const char* kSignatoryScope =
    "SELECT parameter_id FROM acc_signatory_scope WHERE lab_id = :lab AND signatory_id = :sig ORDER BY parameter_id";
constexpr const char* kEndSignatory =
    "UPDATE acc_signatories SET ended_on = :on, end_reason = :reason WHERE lab_id = :lab AND id = :id AND ended_on IS NULL";

StaffMember staffFrom(const soci::row& r) {
    StaffMember s;
    s.id = rows::i64(r, 0);
    s.labId = rows::i64(r, 1);
    s.name = rows::str(r, 2);
    s.userId = rows::optI64(r, 3);
    s.personKey = rows::optStr(r, 4);
    s.idNumberMasked = rows::optStr(r, 5);
    s.position = rows::optStr(r, 6);
    s.deactivatedOn = rows::optStr(r, 7);
    s.deactivationReason = rows::optStr(r, 8);
    s.createdAtMs = rows::i64(r, 9);
    s.updatedAtMs = rows::i64(r, 10);
    s.version = static_cast<int>(rows::i64(r, 11));
    return s;
}

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
        soci::rowset<soci::row> rs = (tx.sql().prepare << kRecords, soci::use(lab, "lab"), soci::use(staff, "staff"));
        for (const auto& r : rs)
            s.records.push_back({rows::i64(r, 0), rows::i64(r, 1), rows::str(r, 2), rows::str(r, 3), rows::str(r, 4),
                                 rows::optStr(r, 5), rows::optStr(r, 6), rows::i64(r, 7)});
    }
    {
        soci::rowset<soci::row> rs = (tx.sql().prepare << kAuthorizations, soci::use(lab, "lab"), soci::use(staff, "staff"));
        for (const auto& r : rs) {
            Authorization a;
            a.id = rows::i64(r, 0);
            a.staffId = rows::i64(r, 1);
            a.activity = rows::str(r, 2);
            a.methodId = rows::optI64(r, 3);
            a.validFrom = rows::str(r, 4);
            a.endedOn = rows::optStr(r, 5);
            a.basis = rows::optStr(r, 6);
            a.endReason = rows::optStr(r, 7);
            a.createdAtMs = rows::i64(r, 8);
            if (auto number = rows::optStr(r, 9)) {
                a.methodCitation = *number + "-" + std::to_string(rows::i64(r, 10));
                if (auto clause = rows::optStr(r, 11)) a.methodCitation += " " + *clause;
            }
            s.authorizations.push_back(std::move(a));
        }
    }
    {
        soci::rowset<soci::row> rs = (tx.sql().prepare << kSignatories, soci::use(lab, "lab"), soci::use(staff, "staff"));
        for (const auto& r : rs)
            s.signatories.push_back({rows::i64(r, 0), rows::i64(r, 1), rows::str(r, 2), {}, rows::str(r, 3), rows::str(r, 4),
                                     rows::optStr(r, 5), rows::optStr(r, 6), rows::i64(r, 7)});
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
        soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kStaffColumns) + "WHERE lab_id = :lab AND id = :id",
                                      soci::use(lab, "lab"), soci::use(v, "id"));
        for (const auto& r : rs) s = staffFrom(r);
    }
    if (s) loadDetails(tx, *s);
    return s;
}

std::optional<StaffMember> StaffRepository::findByUser(Tx& tx, std::int64_t labId, std::int64_t userId) {
    long long lab = labId, user = userId;
    std::optional<StaffMember> s;
    {
        soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kStaffColumns) + "WHERE lab_id = :lab AND user_id = :user",
                                      soci::use(lab, "lab"), soci::use(user, "user"));
        for (const auto& r : rs) s = staffFrom(r);
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
        (tx.sql().prepare << std::string(kStaffColumns) + "WHERE lab_id = :lab AND id > :after ORDER BY id LIMIT :lim",
         soci::use(lab, "lab"), soci::use(after, "after"), soci::use(limit, "lim"));
    for (const auto& r : rs) out.push_back(staffFrom(r));
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
