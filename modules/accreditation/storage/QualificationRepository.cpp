// QualificationRepository: named queries bound with soci::use; portable to SQLite and MariaDB.
#include "storage/QualificationRepository.hpp"

#include "assay/Columns.hpp"
#include "assay/Rows.hpp"

namespace assay::accreditation {

namespace {
constexpr const char* kInsert =
    "INSERT INTO acc_qualifications (id, lab_id, scheme, number, authority, valid_from, valid_to, status, "
    "ilac_mra_permitted, created_at_ms, updated_at_ms, version) VALUES (:id, :lab_id, :scheme, :number, :authority, "
    ":valid_from, :valid_to, :status, :mra, :created, :created2, 1)";
constexpr const char* kUpdate =
    "UPDATE acc_qualifications SET number = :number, valid_from = :valid_from, valid_to = :valid_to, status = :status, "
    "updated_at_ms = :updated, version = version + 1 WHERE lab_id = :lab AND id = :id AND version = :expected";
constexpr const char* kInsertEvent =
    "INSERT INTO acc_qualification_events (id, lab_id, qualification_id, kind, effective_date, valid_from, valid_to, "
    "number, reason, created_by, created_at_ms) VALUES (:id, :lab_id, :q, :kind, :effective, :valid_from, :valid_to, "
    ":number, :reason, :created_by, :created)";

using columns::field;

const columns::ColumnMap<Qualification> kQualifications{{
    {"id", field<&Qualification::id>},
    {"lab_id", field<&Qualification::labId>},
    {"scheme", field<&Qualification::scheme>},
    {"number", field<&Qualification::number>},
    {"authority", field<&Qualification::authority>},
    {"valid_from", field<&Qualification::validFrom>},
    {"valid_to", field<&Qualification::validTo>},
    {"status", field<&Qualification::status>},
    {"ilac_mra_permitted", field<&Qualification::ilacMraPermitted>},
    {"created_at_ms", field<&Qualification::createdAtMs>},
    {"updated_at_ms", field<&Qualification::updatedAtMs>},
    {"version", field<&Qualification::version>},
}};

const columns::ColumnMap<QualificationEvent> kEvents{{
    {"id", field<&QualificationEvent::id>},
    {"lab_id", field<&QualificationEvent::labId>},
    {"qualification_id", field<&QualificationEvent::qualificationId>},
    {"kind", field<&QualificationEvent::kind>},
    {"effective_date", field<&QualificationEvent::effectiveDate>},
    {"valid_from", field<&QualificationEvent::validFrom>},
    {"valid_to", field<&QualificationEvent::validTo>},
    {"number", field<&QualificationEvent::number>},
    {"reason", field<&QualificationEvent::reason>},
    {"created_by", field<&QualificationEvent::createdBy>},
    {"created_at_ms", field<&QualificationEvent::createdAtMs>},
}};

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
    return kEvents.allOf(tx.sql(), "FROM acc_qualification_events WHERE lab_id = :lab AND qualification_id = :key "
                                            "ORDER BY effective_date, id", labId, qid);
}

std::optional<Qualification> QualificationRepository::find(Tx& tx, std::int64_t labId, std::int64_t id) {
    long long lab = labId, v = id;
    std::optional<Qualification> q;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kQualifications.select("FROM acc_qualifications WHERE lab_id = :lab AND id = :id"),
         soci::use(lab, "lab"), soci::use(v, "id"));
    q = kQualifications.first(rs);
    if (q) q->history = events(tx, labId, q->id);
    return q;
}

std::optional<Qualification> QualificationRepository::findByNumber(Tx& tx, std::int64_t labId, Scheme scheme,
                                                                   const std::string& number) {
    long long lab = labId;
    std::optional<Qualification> q;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kQualifications.select("FROM acc_qualifications WHERE lab_id = :lab AND scheme = :scheme "
                                                    "AND number = :number"),
         soci::use(lab, "lab"), soci::use(scheme, "scheme"), soci::use(number, "number"));
    q = kQualifications.first(rs);
    if (q) q->history = events(tx, labId, q->id);
    return q;
}

std::vector<Qualification> QualificationRepository::list(Tx& tx, std::int64_t labId, std::optional<Scheme> scheme) {
    std::vector<Qualification> out;
    long long lab = labId;
    const std::string name = scheme ? toString(*scheme) : "";  // "" = both
    {
        soci::rowset<soci::row> rs =
            (tx.sql().prepare << kQualifications.select("FROM acc_qualifications WHERE lab_id = :lab AND (:scheme = '' "
                                                        "OR scheme = :scheme2) ORDER BY scheme, id"),
             soci::use(lab, "lab"), soci::use(name, "scheme"), soci::use(name, "scheme2"));
        out = kQualifications.all(rs);
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
