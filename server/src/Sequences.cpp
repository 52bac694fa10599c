// Sequences: one atomic upsert, then read back inside the same transaction.
#include "assay/Sequences.hpp"

namespace assay {

namespace {
constexpr const char* kUpsertSqlite =
    "INSERT INTO lab_sequences (lab_id, name, last_value) VALUES (:lab, :name, 1) "
    "ON CONFLICT (lab_id, name) DO UPDATE SET last_value = last_value + 1";
constexpr const char* kUpsertMysql =
    "INSERT INTO lab_sequences (lab_id, name, last_value) VALUES (:lab, :name, 1) "
    "ON DUPLICATE KEY UPDATE last_value = last_value + 1";
constexpr const char* kSelect = "SELECT last_value FROM lab_sequences WHERE lab_id = :lab AND name = :name";
}  // namespace

std::int64_t Sequences::next(Tx& tx, std::int64_t labId, const std::string& name) {
    long long lab = labId;
    tx.sql() << (tx.isSqlite() ? kUpsertSqlite : kUpsertMysql), soci::use(lab, "lab"), soci::use(name, "name");
    long long value = 0;
    tx.sql() << kSelect, soci::use(lab, "lab"), soci::use(name, "name"), soci::into(value);
    return value;
}

}  // namespace assay
