// QualificationRepository: named queries bound with soci::use; portable to SQLite and MariaDB.
#include "storage/QualificationRepository.hpp"

#include "assay/Rows.hpp"

namespace assay::accreditation {

namespace {
constexpr const char* kInsert =
    "INSERT INTO acc_qualifications (id, lab_id, scheme, number, authority, valid_from, valid_to, status, "
    "ilac_mra_permitted, created_at_ms, updated_at_ms, version) VALUES (:id, :lab_id, :scheme, :number, :authority, "
    ":valid_from, :valid_to, :status, :mra, :created, :created2, 1)";
constexpr const char* kColumns =
    "SELECT id, lab_id, scheme, number, authority, valid_from, valid_to, status, ilac_mra_permitted, created_at_ms, "
    "updated_at_ms, version FROM acc_qualifications ";
constexpr const char* kUpdate =
    "UPDATE acc_qualifications SET number = :number, valid_from = :valid_from, valid_to = :valid_to, status = :status, "
    "updated_at_ms = :updated, version = version + 1 WHERE lab_id = :lab AND id = :id AND version = :expected";
constexpr const char* kInsertEvent =
    "INSERT INTO acc_qualification_events (id, lab_id, qualification_id, kind, effective_date, valid_from, valid_to, "
    "number, reason, created_by, created_at_ms) VALUES (:id, :lab_id, :q, :kind, :effective, :valid_from, :valid_to, "
    ":number, :reason, :created_by, :created)";
constexpr const char* kEvents =
    "SELECT id, lab_id, qualification_id, kind, effective_date, valid_from, valid_to, number, reason, created_by, "
    "created_at_ms FROM acc_qualification_events WHERE lab_id = :lab AND qualification_id = :q "
    "ORDER BY effective_date, id";

Qualification fromRow(const soci::row& r) {
    Qualification q;
    q.id = rows::i64(r, 0);
    q.labId = rows::i64(r, 1);
    q.scheme = rows::str(r, 2);
    q.number = rows::str(r, 3);
    q.authority = rows::str(r, 4);
    q.validFrom = rows::str(r, 5);
    q.validTo = rows::str(r, 6);
    q.status = rows::str(r, 7);
    q.ilacMraPermitted = rows::i64(r, 8) != 0;
    q.createdAtMs = rows::i64(r, 9);
    q.updatedAtMs = rows::i64(r, 10);
    q.version = static_cast<int>(rows::i64(r, 11));
    return q;
}

using Opt = rows::NullableText;
}  // namespace

void QualificationRepository::insert(Tx& tx, const Qualification& q) {
    long long id = q.id, lab = q.labId, created = q.createdAtMs;
    int mra = q.ilacMraPermitted ? 1 : 0;
    tx.sql() << kInsert, soci::use(id, "id"), soci::use(lab, "lab_id"), soci::use(q.scheme, "scheme"),
        soci::use(q.number, "number"), soci::use(q.authority, "authority"), soci::use(q.validFrom, "valid_from"),
        soci::use(q.validTo, "valid_to"), soci::use(q.status, "status"), soci::use(mra, "mra"),
        soci::use(created, "created"), soci::use(created, "created2");
}

std::vector<QualificationEvent> QualificationRepository::events(Tx& tx, std::int64_t labId, std::int64_t qid) {
    std::vector<QualificationEvent> out;
    long long lab = labId, q = qid;
    soci::rowset<soci::row> rs = (tx.sql().prepare << kEvents, soci::use(lab, "lab"), soci::use(q, "q"));
    for (const auto& r : rs) {
        QualificationEvent e;
        e.id = rows::i64(r, 0);
        e.labId = rows::i64(r, 1);
        e.qualificationId = rows::i64(r, 2);
        e.kind = rows::str(r, 3);
        e.effectiveDate = rows::str(r, 4);
        e.validFrom = rows::optStr(r, 5);
        e.validTo = rows::optStr(r, 6);
        e.number = rows::optStr(r, 7);
        e.reason = rows::optStr(r, 8);
        e.createdBy = rows::i64(r, 9);
        e.createdAtMs = rows::i64(r, 10);
        out.push_back(std::move(e));
    }
    return out;
}

std::optional<Qualification> QualificationRepository::find(Tx& tx, std::int64_t labId, std::int64_t id) {
    long long lab = labId, v = id;
    std::optional<Qualification> q;
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kColumns) + "WHERE lab_id = :lab AND id = :id",
                                  soci::use(lab, "lab"), soci::use(v, "id"));
    for (const auto& r : rs) q = fromRow(r);
    if (q) q->history = events(tx, labId, q->id);
    return q;
}

std::optional<Qualification> QualificationRepository::findByNumber(Tx& tx, std::int64_t labId, const std::string& scheme,
                                                                   const std::string& number) {
    long long lab = labId;
    std::optional<Qualification> q;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << std::string(kColumns) + "WHERE lab_id = :lab AND scheme = :scheme AND number = :number",
         soci::use(lab, "lab"), soci::use(scheme, "scheme"), soci::use(number, "number"));
    for (const auto& r : rs) q = fromRow(r);
    if (q) q->history = events(tx, labId, q->id);
    return q;
}

std::vector<Qualification> QualificationRepository::list(Tx& tx, std::int64_t labId, const std::string& scheme) {
    std::vector<Qualification> out;
    long long lab = labId;
    {
        soci::rowset<soci::row> rs =
            (tx.sql().prepare << std::string(kColumns) +
                                     "WHERE lab_id = :lab AND (:scheme = '' OR scheme = :scheme2) ORDER BY scheme, id",
             soci::use(lab, "lab"), soci::use(scheme, "scheme"), soci::use(scheme, "scheme2"));
        for (const auto& r : rs) out.push_back(fromRow(r));
    }
    for (auto& q : out) q.history = events(tx, labId, q.id);
    return out;
}

bool QualificationRepository::update(Tx& tx, const Qualification& q, int expectedVersion) {
    long long lab = q.labId, id = q.id, updated = q.updatedAtMs;
    int expected = expectedVersion;
    soci::statement st = (tx.sql().prepare << kUpdate, soci::use(q.number, "number"),
                          soci::use(q.validFrom, "valid_from"), soci::use(q.validTo, "valid_to"),
                          soci::use(q.status, "status"), soci::use(updated, "updated"), soci::use(lab, "lab"),
                          soci::use(id, "id"), soci::use(expected, "expected"));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

void QualificationRepository::insertEvent(Tx& tx, const QualificationEvent& e) {
    long long id = e.id, lab = e.labId, q = e.qualificationId, by = e.createdBy, created = e.createdAtMs;
    Opt from(e.validFrom), to(e.validTo), number(e.number), reason(e.reason);
    tx.sql() << kInsertEvent, soci::use(id, "id"), soci::use(lab, "lab_id"), soci::use(q, "q"),
        soci::use(e.kind, "kind"), soci::use(e.effectiveDate, "effective"),
        soci::use(from.value, from.ind, "valid_from"), soci::use(to.value, to.ind, "valid_to"),
        soci::use(number.value, number.ind, "number"), soci::use(reason.value, reason.ind, "reason"),
        soci::use(by, "created_by"), soci::use(created, "created");
}

}  // namespace assay::accreditation
