// QcRepository: named queries bound with soci::use; portable to SQLite and MariaDB.
#include "storage/QcRepository.hpp"

#include <limits>

#include "assay/Columns.hpp"
#include "assay/Rows.hpp"

namespace assay::testing {

namespace {
using Opt = rows::NullableText;

constexpr const char* kInsertBatch =
    "INSERT INTO tst_batches (id, lab_id, name, parameter_id, method_id, status, disposition_reason, disposed_by, disposed_name, "
    "disposed_at_ms, created_by, created_at_ms, updated_at_ms, version) VALUES (:id, :lab, :name, :parameter, :method, 'open', "
    "NULL, NULL, NULL, NULL, :by, :created, :created2, 1)";
constexpr const char* kUpdateBatch =
    "UPDATE tst_batches SET status = :status, disposition_reason = :reason, disposed_by = :by, disposed_name = :by_name, "
    "disposed_at_ms = :at, updated_at_ms = :updated, version = version + 1 WHERE lab_id = :lab AND id = :id AND version = :expected";
constexpr const char* kJoin =
    "UPDATE tst_test_items SET batch_id = :batch, version = version + 1 WHERE lab_id = :lab AND id = :id AND batch_id IS NULL";
constexpr const char* kLock = "UPDATE tst_batches SET updated_at_ms = updated_at_ms WHERE lab_id = :lab AND id = :id";
constexpr const char* kDetach =
    "UPDATE tst_test_items SET batch_id = NULL, version = version + 1 WHERE lab_id = :lab AND batch_id = :batch";
constexpr const char* kItemsOf = "SELECT id FROM tst_test_items WHERE lab_id = :lab AND batch_id = :batch ORDER BY id";
constexpr const char* kInsertQc =
    "INSERT INTO tst_qc_results (id, lab_id, batch_id, parameter_id, method_id, kind, material, value, criteria, figure, target, "
    "sd, outcome, detail, measured_by, measured_name, measured_at_ms) VALUES (:id, :lab, :batch, :parameter, :method, :kind, "
    ":material, :value, :criteria, :figure, :target, :sd, :outcome, :detail, :by, :by_name, :at)";

using columns::field;

const columns::ColumnMap<Batch> kBatches{{
    {"id", field<&Batch::id>},
    {"lab_id", field<&Batch::labId>},
    {"name", field<&Batch::name>},
    {"parameter_id", field<&Batch::parameterId>},
    {"method_id", field<&Batch::methodId>},
    {"status", field<&Batch::status>},
    {"disposition_reason", field<&Batch::dispositionReason>},
    {"disposed_by", field<&Batch::disposedBy>},
    {"disposed_name", field<&Batch::disposedName>},
    {"disposed_at_ms", field<&Batch::disposedAtMs>},
    {"created_by", field<&Batch::createdBy>},
    {"created_at_ms", field<&Batch::createdAtMs>},
    {"updated_at_ms", field<&Batch::updatedAtMs>},
    {"version", field<&Batch::version>},
}};

const columns::ColumnMap<QcResult> kQcResults{{
    {"id", field<&QcResult::id>},
    {"batch_id", field<&QcResult::batchId>},
    {"kind", field<&QcResult::kind>},
    {"material", field<&QcResult::material>},
    {"value", field<&QcResult::value>},
    {"criteria", field<&QcResult::criteria>},
    {"figure", field<&QcResult::figure>},
    {"target", field<&QcResult::target>},
    {"sd", field<&QcResult::sd>},
    {"outcome", [](QcResult& q, const columns::Cell& c) { q.pass = c.str() == "pass"; }},
    {"detail", field<&QcResult::detail>},
    {"measured_by", field<&QcResult::measuredBy>},
    {"measured_name", field<&QcResult::measuredName>},
    {"measured_at_ms", field<&QcResult::measuredAtMs>},
}};
}  // namespace

void QcRepository::insertBatch(Tx& tx, const Batch& b) {
    long long id = b.id, lab = b.labId, parameter = b.parameterId, method = b.methodId, by = b.createdBy, created = b.createdAtMs;
    tx.sql() << kInsertBatch, soci::use(id, "id"), soci::use(lab, "lab"), soci::use(b.name, "name"), soci::use(parameter, "parameter"),
        soci::use(method, "method"), soci::use(by, "by"), soci::use(created, "created"), soci::use(created, "created2");
}

std::optional<Batch> QcRepository::findBatch(Tx& tx, std::int64_t labId, std::int64_t id) {
    return kBatches.firstOf(tx.sql(), "FROM tst_batches WHERE lab_id = :lab AND id = :key", labId, id);
}

std::vector<Batch> QcRepository::batches(Tx& tx, std::int64_t labId, std::int64_t beforeId, int limit) {
    std::vector<Batch> out;
    long long lab = labId, before = beforeId == 0 ? std::numeric_limits<long long>::max() : beforeId;
    soci::rowset<soci::row> rs = (tx.sql().prepare << kBatches.select("FROM tst_batches WHERE lab_id = :lab AND id < :before "
                                                                                 "ORDER BY id DESC LIMIT :lim"),
                                  soci::use(lab, "lab"), soci::use(before, "before"), soci::use(limit, "lim"));
    out = kBatches.all(rs);
    return out;
}

bool QcRepository::updateBatch(Tx& tx, const Batch& b, int expectedVersion) {
    long long lab = b.labId, id = b.id, by = b.disposedBy.value_or(0), at = b.disposedAtMs.value_or(0), updated = b.updatedAtMs;
    int expected = expectedVersion;
    soci::indicator byInd = b.disposedBy ? soci::i_ok : soci::i_null, atInd = b.disposedAtMs ? soci::i_ok : soci::i_null;
    Opt reason(b.dispositionReason), name(b.disposedName);
    soci::statement st = (tx.sql().prepare << kUpdateBatch, soci::use(b.status, "status"), soci::use(reason.value, reason.ind, "reason"),
                          soci::use(by, byInd, "by"), soci::use(name.value, name.ind, "by_name"), soci::use(at, atInd, "at"),
                          soci::use(updated, "updated"), soci::use(lab, "lab"), soci::use(id, "id"), soci::use(expected, "expected"));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

void QcRepository::lockBatch(Tx& tx, std::int64_t labId, std::int64_t batchId) {
    long long lab = labId, id = batchId;
    tx.sql() << kLock, soci::use(lab, "lab"), soci::use(id, "id");
}

void QcRepository::detachItems(Tx& tx, std::int64_t labId, std::int64_t batchId) {
    long long lab = labId, batch = batchId;
    tx.sql() << kDetach, soci::use(lab, "lab"), soci::use(batch, "batch");
}

bool QcRepository::joinBatch(Tx& tx, std::int64_t labId, std::int64_t itemId, std::int64_t batchId) {
    long long lab = labId, id = itemId, batch = batchId;
    soci::statement st = (tx.sql().prepare << kJoin, soci::use(batch, "batch"), soci::use(lab, "lab"), soci::use(id, "id"));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

std::vector<std::int64_t> QcRepository::itemsOf(Tx& tx, std::int64_t labId, std::int64_t batchId) {
    std::vector<std::int64_t> out;
    long long lab = labId, batch = batchId;
    soci::rowset<soci::row> rs = (tx.sql().prepare << kItemsOf, soci::use(lab, "lab"), soci::use(batch, "batch"));
    for (const auto& r : rs) out.push_back(rows::i64(r, 0));
    return out;
}

void QcRepository::insertQc(Tx& tx, std::int64_t labId, std::int64_t parameterId, std::int64_t methodId, const QcResult& q) {
    long long id = q.id, lab = labId, batch = q.batchId, parameter = parameterId, method = methodId, by = q.measuredBy, at = q.measuredAtMs;
    const std::string value = q.value.toString(), outcome = q.pass ? "pass" : "fail";
    Opt figure(q.figure), target(q.target), sd(q.sd);
    tx.sql() << kInsertQc, soci::use(id, "id"), soci::use(lab, "lab"), soci::use(batch, "batch"), soci::use(parameter, "parameter"),
        soci::use(method, "method"), soci::use(q.kind, "kind"), soci::use(q.material, "material"), soci::use(value, "value"),
        soci::use(q.criteria, "criteria"), soci::use(figure.value, figure.ind, "figure"), soci::use(target.value, target.ind, "target"),
        soci::use(sd.value, sd.ind, "sd"), soci::use(outcome, "outcome"), soci::use(q.detail, "detail"), soci::use(by, "by"),
        soci::use(q.measuredName, "by_name"), soci::use(at, "at");
}

std::vector<QcResult> QcRepository::qcOf(Tx& tx, std::int64_t labId, std::int64_t batchId) {
    return kQcResults.allOf(tx.sql(), "FROM tst_qc_results WHERE lab_id = :lab AND batch_id = :key ORDER BY id", labId, batchId);
}

std::vector<QcResult> QcRepository::series(Tx& tx, std::int64_t labId, std::int64_t parameterId, std::int64_t methodId,
                                           const std::string& material, int limit) {
    std::vector<QcResult> out;
    long long lab = labId, parameter = parameterId, method = methodId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kQcResults.select("FROM tst_qc_results WHERE lab_id = :lab AND parameter_id = :parameter "
                                               "AND method_id = :method AND material = :material "
                                 "AND kind = 'reference' ORDER BY measured_at_ms DESC, id DESC LIMIT :lim"),
         soci::use(lab, "lab"), soci::use(parameter, "parameter"), soci::use(method, "method"), soci::use(material, "material"),
         soci::use(limit, "lim"));
    out = kQcResults.all(rs);
    return std::vector<QcResult>(out.rbegin(), out.rend());
}

}  // namespace assay::testing
