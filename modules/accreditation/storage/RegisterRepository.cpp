// RegisterRepository: named queries bound with soci::use; portable to SQLite and MariaDB.
#include "storage/RegisterRepository.hpp"

#include "assay/Rows.hpp"

namespace assay::accreditation {

namespace {
constexpr const char* kInsertStandard =
    "INSERT INTO acc_standards (id, lab_id, number, year, title, status, replaced_by, created_at_ms, updated_at_ms, "
    "version) VALUES (:id, :lab_id, :number, :year, :title, :status, :replaced_by, :created, :created, 1)";
constexpr const char* kStandardColumns =
    "SELECT id, lab_id, number, year, title, status, replaced_by, created_at_ms, updated_at_ms, version "
    "FROM acc_standards ";
constexpr const char* kUpdateStatus =
    "UPDATE acc_standards SET status = :status, replaced_by = :replaced_by, updated_at_ms = :updated, "
    "version = version + 1 WHERE lab_id = :lab_id AND id = :id AND version = :expected";

Standard fromRow(const soci::row& r) {
    Standard s;
    s.ref.id = rows::i64(r, 0);
    s.ref.labId = rows::i64(r, 1);
    s.ref.number = rows::str(r, 2);
    s.ref.year = static_cast<int>(rows::i64(r, 3));
    s.ref.title = rows::str(r, 4);
    s.ref.status = rows::str(r, 5);
    s.ref.replacedBy = rows::optI64(r, 6);
    s.createdAtMs = rows::i64(r, 7);
    s.updatedAtMs = rows::i64(r, 8);
    s.version = static_cast<int>(rows::i64(r, 9));
    return s;
}
}  // namespace

void RegisterRepository::insertStandard(Tx& tx, const Standard& s) {
    long long id = s.ref.id, lab = s.ref.labId, created = s.createdAtMs, replaced = s.ref.replacedBy.value_or(0);
    int year = s.ref.year;
    soci::indicator replacedInd = s.ref.replacedBy ? soci::i_ok : soci::i_null;
    tx.sql() << kInsertStandard, soci::use(id, "id"), soci::use(lab, "lab_id"), soci::use(s.ref.number, "number"),
        soci::use(year, "year"), soci::use(s.ref.title, "title"), soci::use(s.ref.status, "status"),
        soci::use(replaced, replacedInd, "replaced_by"), soci::use(created, "created");
}

std::optional<Standard> RegisterRepository::findStandard(Tx& tx, std::int64_t labId, std::int64_t id) {
    long long lab = labId, v = id;
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kStandardColumns) + "WHERE lab_id = :lab AND id = :id",
                                  soci::use(lab, "lab"), soci::use(v, "id"));
    for (const auto& r : rs) return fromRow(r);
    return std::nullopt;
}

std::optional<Standard> RegisterRepository::findStandardByEdition(Tx& tx, std::int64_t labId, const std::string& number,
                                                                  int year) {
    long long lab = labId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << std::string(kStandardColumns) + "WHERE lab_id = :lab AND number = :number AND year = :year",
         soci::use(lab, "lab"), soci::use(number, "number"), soci::use(year, "year"));
    for (const auto& r : rs) return fromRow(r);
    return std::nullopt;
}

std::vector<Standard> RegisterRepository::listStandards(Tx& tx, std::int64_t labId, std::int64_t afterId, int limit,
                                                        const std::optional<std::string>& status) {
    std::vector<Standard> out;
    long long lab = labId, after = afterId;
    const std::string st = status.value_or("");
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << std::string(kStandardColumns) +
                                 "WHERE lab_id = :lab AND id > :after AND (:status = '' OR status = :status2) "
                                 "ORDER BY id LIMIT :lim",
         soci::use(lab, "lab"), soci::use(after, "after"), soci::use(st, "status"), soci::use(st, "status2"),
         soci::use(limit, "lim"));
    for (const auto& r : rs) out.push_back(fromRow(r));
    return out;
}

bool RegisterRepository::updateStandardStatus(Tx& tx, const Standard& s, int expectedVersion) {
    long long lab = s.ref.labId, id = s.ref.id, updated = s.updatedAtMs, replaced = s.ref.replacedBy.value_or(0);
    soci::indicator replacedInd = s.ref.replacedBy ? soci::i_ok : soci::i_null;
    int expected = expectedVersion;
    soci::statement st = (tx.sql().prepare << kUpdateStatus, soci::use(s.ref.status, "status"),
                          soci::use(replaced, replacedInd, "replaced_by"), soci::use(updated, "updated"),
                          soci::use(lab, "lab_id"), soci::use(id, "id"), soci::use(expected, "expected"));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

}  // namespace assay::accreditation
