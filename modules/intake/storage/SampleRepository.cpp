// SampleRepository: named queries bound with soci::use; portable to SQLite and MariaDB.
#include "storage/SampleRepository.hpp"

#include "assay/Rows.hpp"

namespace assay::intake {

namespace {
using Opt = rows::NullableText;

constexpr const char* kInsert =
    "INSERT INTO int_samples (id, lab_id, code, parent_id, customer_org_id, name, product_category, brand, model, batch_no, "
    "manufacturer, manufacturer_uscc, production_date, quantity, unit, gtin, status, condition_on_receipt, deviation, "
    "customer_decision, received_at_ms, received_by, holder, created_at_ms, updated_at_ms, version) VALUES (:id, :lab, :code, "
    ":parent, :customer, :name, :category, :brand, :model, :batch, :manufacturer, :muscc, :pdate, :quantity, :unit, :gtin, "
    ":status, NULL, NULL, NULL, NULL, NULL, :holder, :created, :created2, 1)";
constexpr const char* kColumns =
    "SELECT s.id, s.lab_id, s.code, s.parent_id, p.code, s.customer_org_id, s.name, s.product_category, s.brand, s.model, "
    "s.batch_no, s.manufacturer, s.manufacturer_uscc, s.production_date, s.quantity, s.unit, s.gtin, s.status, "
    "s.condition_on_receipt, s.deviation, s.customer_decision, s.received_at_ms, s.received_by, s.holder, s.created_at_ms, "
    "s.updated_at_ms, s.version FROM int_samples s LEFT JOIN int_samples p ON p.id = s.parent_id AND p.lab_id = s.lab_id ";
constexpr const char* kUpdate =
    "UPDATE int_samples SET status = :status, condition_on_receipt = :condition, deviation = :deviation, "
    "customer_decision = :decision, received_at_ms = :received_at, received_by = :received_by, holder = :holder, "
    "updated_at_ms = :updated, version = version + 1 WHERE lab_id = :lab AND id = :id AND version = :expected";
constexpr const char* kInsertCustody =
    "INSERT INTO int_custody_events (id, lab_id, sample_id, at_ms, by_user, by_name, from_holder, to_holder, reason) "
    "VALUES (:id, :lab, :sample, :at, :by, :by_name, :from_holder, :to_holder, :reason)";
constexpr const char* kCustody =
    "SELECT id, sample_id, at_ms, by_user, by_name, from_holder, to_holder, reason FROM int_custody_events "
    "WHERE lab_id = :lab AND sample_id = :sample ORDER BY at_ms, id";

Sample fromRow(const soci::row& r) {
    Sample s;
    s.id = rows::i64(r, 0);
    s.labId = rows::i64(r, 1);
    s.code = rows::str(r, 2);
    s.parentId = rows::optI64(r, 3);
    s.parentCode = rows::optStr(r, 4);
    s.customerOrgId = rows::optI64(r, 5);
    s.name = rows::str(r, 6);
    s.productCategory = rows::str(r, 7);
    s.brand = rows::optStr(r, 8);
    s.model = rows::optStr(r, 9);
    s.batchNo = rows::optStr(r, 10);
    s.manufacturer = rows::optStr(r, 11);
    s.manufacturerUscc = rows::optStr(r, 12);
    s.productionDate = rows::optStr(r, 13);
    if (auto q = rows::optStr(r, 14)) s.quantity = Decimal::parse(*q);
    s.unit = rows::optStr(r, 15);
    s.gtin = rows::optStr(r, 16);
    s.status = rows::str(r, 17);
    s.condition = rows::optStr(r, 18);
    s.deviation = rows::optStr(r, 19);
    s.customerDecision = rows::optStr(r, 20);
    s.receivedAtMs = rows::optI64(r, 21);
    s.receivedBy = rows::optI64(r, 22);
    s.holder = rows::str(r, 23);
    s.createdAtMs = rows::i64(r, 24);
    s.updatedAtMs = rows::i64(r, 25);
    s.version = static_cast<int>(rows::i64(r, 26));
    return s;
}
}  // namespace

void SampleRepository::insert(Tx& tx, const Sample& s) {
    long long id = s.id, lab = s.labId, parent = s.parentId.value_or(0), customer = s.customerOrgId.value_or(0), created = s.createdAtMs;
    soci::indicator parentInd = s.parentId ? soci::i_ok : soci::i_null, customerInd = s.customerOrgId ? soci::i_ok : soci::i_null;
    Opt brand(s.brand), model(s.model), batch(s.batchNo), manufacturer(s.manufacturer), muscc(s.manufacturerUscc),
        pdate(s.productionDate), quantity(s.quantity), unit(s.unit), gtin(s.gtin);
    tx.sql() << kInsert, soci::use(id, "id"), soci::use(lab, "lab"), soci::use(s.code, "code"), soci::use(parent, parentInd, "parent"),
        soci::use(customer, customerInd, "customer"), soci::use(s.name, "name"), soci::use(s.productCategory, "category"),
        soci::use(brand.value, brand.ind, "brand"), soci::use(model.value, model.ind, "model"),
        soci::use(batch.value, batch.ind, "batch"), soci::use(manufacturer.value, manufacturer.ind, "manufacturer"),
        soci::use(muscc.value, muscc.ind, "muscc"), soci::use(pdate.value, pdate.ind, "pdate"),
        soci::use(quantity.value, quantity.ind, "quantity"), soci::use(unit.value, unit.ind, "unit"),
        soci::use(gtin.value, gtin.ind, "gtin"), soci::use(s.status, "status"), soci::use(s.holder, "holder"),
        soci::use(created, "created"), soci::use(created, "created2");
}

std::optional<Sample> SampleRepository::findByCode(Tx& tx, std::int64_t labId, const std::string& code) {
    long long lab = labId;
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kColumns) + "WHERE s.lab_id = :lab AND s.code = :code",
                                  soci::use(lab, "lab"), soci::use(code, "code"));
    for (const auto& r : rs) return fromRow(r);
    return std::nullopt;
}

std::vector<Sample> SampleRepository::list(Tx& tx, std::int64_t labId, std::int64_t beforeId, int limit, const std::string& status) {
    std::vector<Sample> out;
    long long lab = labId, before = beforeId == 0 ? std::numeric_limits<long long>::max() : beforeId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << std::string(kColumns) +
                                 "WHERE s.lab_id = :lab AND s.id < :before AND (:status = '' OR s.status = :status2) "
                                 "ORDER BY s.id DESC LIMIT :lim",
         soci::use(lab, "lab"), soci::use(before, "before"), soci::use(status, "status"), soci::use(status, "status2"),
         soci::use(limit, "lim"));
    for (const auto& r : rs) out.push_back(fromRow(r));
    return out;
}

bool SampleRepository::update(Tx& tx, const Sample& s, int expectedVersion) {
    long long lab = s.labId, id = s.id, updated = s.updatedAtMs, receivedAt = s.receivedAtMs.value_or(0),
              receivedBy = s.receivedBy.value_or(0);
    int expected = expectedVersion;
    soci::indicator atInd = s.receivedAtMs ? soci::i_ok : soci::i_null, byInd = s.receivedBy ? soci::i_ok : soci::i_null;
    Opt condition(s.condition), deviation(s.deviation), decision(s.customerDecision);
    soci::statement st = (tx.sql().prepare << kUpdate, soci::use(s.status, "status"),
                          soci::use(condition.value, condition.ind, "condition"), soci::use(deviation.value, deviation.ind, "deviation"),
                          soci::use(decision.value, decision.ind, "decision"), soci::use(receivedAt, atInd, "received_at"),
                          soci::use(receivedBy, byInd, "received_by"), soci::use(s.holder, "holder"), soci::use(updated, "updated"),
                          soci::use(lab, "lab"), soci::use(id, "id"), soci::use(expected, "expected"));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

void SampleRepository::insertCustody(Tx& tx, std::int64_t labId, const CustodyEvent& e) {
    long long id = e.id, lab = labId, sample = e.sampleId, at = e.atMs, by = e.byUser;
    tx.sql() << kInsertCustody, soci::use(id, "id"), soci::use(lab, "lab"), soci::use(sample, "sample"), soci::use(at, "at"),
        soci::use(by, "by"), soci::use(e.byName, "by_name"), soci::use(e.fromHolder, "from_holder"),
        soci::use(e.toHolder, "to_holder"), soci::use(e.reason, "reason");
}

std::vector<CustodyEvent> SampleRepository::custody(Tx& tx, std::int64_t labId, std::int64_t sampleId) {
    std::vector<CustodyEvent> out;
    long long lab = labId, sample = sampleId;
    soci::rowset<soci::row> rs = (tx.sql().prepare << kCustody, soci::use(lab, "lab"), soci::use(sample, "sample"));
    for (const auto& r : rs)
        out.push_back({rows::i64(r, 0), rows::i64(r, 1), rows::i64(r, 2), rows::i64(r, 3), rows::str(r, 4), rows::str(r, 5),
                       rows::str(r, 6), rows::str(r, 7)});
    return out;
}

}  // namespace assay::intake
