// SampleRepository: named queries bound with soci::use; portable to SQLite and MariaDB.
#include "storage/SampleRepository.hpp"

#include <deque>
#include <limits>

#include "assay/Rows.hpp"

namespace assay::intake {

namespace {
using Opt = rows::NullableText;

constexpr const char* kInsert =
    "INSERT INTO int_samples (id, lab_id, code, parent_id, customer_org_id, name, product_category, brand, model, batch_no, "
    "manufacturer, manufacturer_uscc, production_date, quantity, unit, gtin, status, condition_on_receipt, deviation, "
    "customer_decision, received_at_ms, received_by, holder, created_at_ms, updated_at_ms, version, order_id) VALUES (:id, :lab, "
    ":code, :parent, :customer, :name, :category, :brand, :model, :batch, :manufacturer, :muscc, :pdate, :quantity, :unit, "
    ":gtin, :status, NULL, NULL, NULL, NULL, NULL, :holder, :created, :created2, 1, :order_id)";
constexpr const char* kColumns =
    "SELECT s.id, s.lab_id, s.code, s.parent_id, p.code, s.customer_org_id, s.name, s.product_category, s.brand, s.model, "
    "s.batch_no, s.manufacturer, s.manufacturer_uscc, s.production_date, s.quantity, s.unit, s.gtin, s.status, "
    "s.condition_on_receipt, s.deviation, s.customer_decision, s.received_at_ms, s.received_by, s.holder, s.created_at_ms, "
    "s.updated_at_ms, s.version, s.order_id, o.code, s.retain_until, s.disposal_method FROM int_samples s "
    "LEFT JOIN int_samples p ON p.id = s.parent_id AND p.lab_id = s.lab_id "
    "LEFT JOIN int_orders o ON o.id = s.order_id AND o.lab_id = s.lab_id ";
constexpr const char* kUpdate =
    "UPDATE int_samples SET status = :status, condition_on_receipt = :condition, deviation = :deviation, "
    "customer_decision = :decision, received_at_ms = :received_at, received_by = :received_by, holder = :holder, "
    "retain_until = :retain_until, disposal_method = :disposal, updated_at_ms = :updated, version = version + 1 WHERE lab_id = :lab AND id = :id AND version = :expected";
constexpr const char* kInsertCustody =
    "INSERT INTO int_custody_events (id, lab_id, sample_id, at_ms, by_user, by_name, from_holder, to_holder, reason) "
    "VALUES (:id, :lab, :sample, :at, :by, :by_name, :from_holder, :to_holder, :reason)";
constexpr const char* kCustody =
    "SELECT id, sample_id, at_ms, by_user, by_name, from_holder, to_holder, reason FROM int_custody_events "
    "WHERE lab_id = :lab AND sample_id = :sample ORDER BY at_ms, id";

constexpr const char* kRetentionPeriods =
    "SELECT product_category, days FROM int_retention_periods WHERE lab_id = :lab ORDER BY product_category";
constexpr const char* kRetentionDays =
    "SELECT days FROM int_retention_periods WHERE lab_id = :lab AND product_category = :category";
constexpr const char* kInsertRetention =
    "INSERT INTO int_retention_periods (lab_id, product_category, days, updated_at_ms) VALUES (:lab, :category, :days, :at)";
constexpr const char* kUpdateRetention =
    "UPDATE int_retention_periods SET days = :days, updated_at_ms = :at WHERE lab_id = :lab AND product_category = :category";

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
    s.orderId = rows::optI64(r, 27);
    s.orderCode = rows::optStr(r, 28);
    s.retainUntil = rows::optStr(r, 29);
    s.disposalMethod = rows::optStr(r, 30);
    return s;
}
}  // namespace

void SampleRepository::insert(Tx& tx, const Sample& s) {
    long long id = s.id, lab = s.labId, parent = s.parentId.value_or(0), customer = s.customerOrgId.value_or(0), created = s.createdAtMs,
              order = s.orderId.value_or(0);
    soci::indicator parentInd = s.parentId ? soci::i_ok : soci::i_null, customerInd = s.customerOrgId ? soci::i_ok : soci::i_null,
                    orderInd = s.orderId ? soci::i_ok : soci::i_null;
    Opt brand(s.brand), model(s.model), batch(s.batchNo), manufacturer(s.manufacturer), muscc(s.manufacturerUscc),
        pdate(s.productionDate), quantity(s.quantity), unit(s.unit), gtin(s.gtin);
    tx.sql() << kInsert, soci::use(id, "id"), soci::use(lab, "lab"), soci::use(s.code, "code"), soci::use(parent, parentInd, "parent"),
        soci::use(customer, customerInd, "customer"), soci::use(s.name, "name"), soci::use(s.productCategory, "category"),
        soci::use(brand.value, brand.ind, "brand"), soci::use(model.value, model.ind, "model"),
        soci::use(batch.value, batch.ind, "batch"), soci::use(manufacturer.value, manufacturer.ind, "manufacturer"),
        soci::use(muscc.value, muscc.ind, "muscc"), soci::use(pdate.value, pdate.ind, "pdate"),
        soci::use(quantity.value, quantity.ind, "quantity"), soci::use(unit.value, unit.ind, "unit"),
        soci::use(gtin.value, gtin.ind, "gtin"), soci::use(s.status, "status"), soci::use(s.holder, "holder"),
        soci::use(created, "created"), soci::use(created, "created2"), soci::use(order, orderInd, "order_id");
}

std::optional<Sample> SampleRepository::findByCode(Tx& tx, std::int64_t labId, const std::string& code) {
    long long lab = labId;
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kColumns) + "WHERE s.lab_id = :lab AND s.code = :code",
                                  soci::use(lab, "lab"), soci::use(code, "code"));
    for (const auto& r : rs) return fromRow(r);
    return std::nullopt;
}

std::optional<Sample> SampleRepository::findVisible(Tx& tx, const SampleScope& scope, const std::string& code) {
    if (scope.labId) return findByCode(tx, scope.labId, code);
    long long customer = scope.customerOrgId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << std::string(kColumns) + "WHERE s.customer_org_id = :customer AND s.code = :code ORDER BY s.id",
         soci::use(customer, "customer"), soci::use(code, "code"));
    for (const auto& r : rs) return fromRow(r);
    return std::nullopt;
}

std::vector<Sample> SampleRepository::ofOrder(Tx& tx, std::int64_t labId, std::int64_t orderId) {
    std::vector<Sample> out;
    long long lab = labId, order = orderId;
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kColumns) + "WHERE s.lab_id = :lab AND s.order_id = :order ORDER BY s.id",
                                  soci::use(lab, "lab"), soci::use(order, "order"));
    for (const auto& r : rs) out.push_back(fromRow(r));
    return out;
}

std::vector<Sample> SampleRepository::search(Tx& tx, const SampleScope& scope, const SampleFilter& f, std::int64_t beforeId, int limit) {
    // The WHERE clause is put together from fixed fragments, one per filter present, so each
    // filter combination is an index-friendly query; every value is bound, never spliced.
    std::string sql = kColumns;
    std::deque<std::string> texts;
    std::deque<long long> numbers;
    std::vector<std::pair<std::string, std::size_t>> textUses, numberUses;
    auto num = [&](const char* name, long long v) { numbers.push_back(v); numberUses.emplace_back(name, numbers.size() - 1); };
    auto text = [&](const char* name, const std::string& v) { texts.push_back(v); textUses.emplace_back(name, texts.size() - 1); };
    if (scope.labId) {
        sql += "WHERE s.lab_id = :lab";
        num("lab", scope.labId);
    } else {
        sql += "WHERE s.customer_org_id = :scope_customer";
        num("scope_customer", scope.customerOrgId);
    }
    sql += " AND s.id < :before";
    num("before", beforeId == 0 ? std::numeric_limits<long long>::max() : beforeId);
    if (f.code) sql += " AND s.code = :code", text("code", *f.code);
    if (f.status) sql += " AND s.status = :status", text("status", *f.status);
    if (f.productCategory) sql += " AND s.product_category = :category", text("category", *f.productCategory);
    if (f.customerOrgId) sql += " AND s.customer_org_id = :customer", num("customer", *f.customerOrgId);
    if (f.fromMs) sql += " AND s.created_at_ms >= :from_ms", num("from_ms", *f.fromMs);
    if (f.toMs) sql += " AND s.created_at_ms < :to_ms", num("to_ms", *f.toMs);
    if (f.text) {
        std::string pattern = "%";
        for (char c : *f.text) {
            if (c == '%' || c == '_' || c == '!') pattern += '!';
            pattern += c;
        }
        pattern += '%';
        sql += " AND (s.code LIKE :q1 ESCAPE '!' OR s.name LIKE :q2 ESCAPE '!' OR s.batch_no LIKE :q3 ESCAPE '!' "
               "OR s.manufacturer LIKE :q4 ESCAPE '!' OR s.brand LIKE :q5 ESCAPE '!')";
        for (const char* n : {"q1", "q2", "q3", "q4", "q5"}) text(n, pattern);
    }
    sql += " ORDER BY s.id DESC LIMIT :lim";
    num("lim", limit);

    soci::row row;
    soci::statement st(tx.sql());
    st.exchange(soci::into(row));
    for (const auto& [name, i] : numberUses) st.exchange(soci::use(numbers[i], name));
    for (const auto& [name, i] : textUses) st.exchange(soci::use(texts[i], name));
    st.alloc();
    st.prepare(sql);
    st.define_and_bind();
    std::vector<Sample> out;
    if (st.execute(true)) {
        do out.push_back(fromRow(row));
        while (st.fetch());
    }
    return out;
}

bool SampleRepository::update(Tx& tx, const Sample& s, int expectedVersion) {
    long long lab = s.labId, id = s.id, updated = s.updatedAtMs, receivedAt = s.receivedAtMs.value_or(0),
              receivedBy = s.receivedBy.value_or(0);
    int expected = expectedVersion;
    soci::indicator atInd = s.receivedAtMs ? soci::i_ok : soci::i_null, byInd = s.receivedBy ? soci::i_ok : soci::i_null;
    Opt condition(s.condition), deviation(s.deviation), decision(s.customerDecision), retain(s.retainUntil),
        disposal(s.disposalMethod);
    soci::statement st = (tx.sql().prepare << kUpdate, soci::use(s.status, "status"),
                          soci::use(condition.value, condition.ind, "condition"), soci::use(deviation.value, deviation.ind, "deviation"),
                          soci::use(decision.value, decision.ind, "decision"), soci::use(receivedAt, atInd, "received_at"),
                          soci::use(receivedBy, byInd, "received_by"), soci::use(s.holder, "holder"),
                          soci::use(retain.value, retain.ind, "retain_until"), soci::use(disposal.value, disposal.ind, "disposal"),
                          soci::use(updated, "updated"),
                          soci::use(lab, "lab"), soci::use(id, "id"), soci::use(expected, "expected"));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

std::vector<std::pair<std::string, int>> SampleRepository::retentionPeriods(Tx& tx, std::int64_t labId) {
    std::vector<std::pair<std::string, int>> out;
    long long lab = labId;
    soci::rowset<soci::row> rs = (tx.sql().prepare << kRetentionPeriods, soci::use(lab, "lab"));
    for (const auto& r : rs) out.emplace_back(rows::str(r, 0), static_cast<int>(rows::i64(r, 1)));
    return out;
}

std::optional<int> SampleRepository::retentionDays(Tx& tx, std::int64_t labId, const std::string& productCategory) {
    long long lab = labId;
    soci::rowset<soci::row> rs = (tx.sql().prepare << kRetentionDays, soci::use(lab, "lab"), soci::use(productCategory, "category"));
    for (const auto& r : rs) return static_cast<int>(rows::i64(r, 0));
    return std::nullopt;
}

void SampleRepository::putRetention(Tx& tx, std::int64_t labId, const std::string& productCategory, int days, std::int64_t atMs,
                                    bool exists) {
    long long lab = labId, at = atMs;
    tx.sql() << (exists ? kUpdateRetention : kInsertRetention), soci::use(lab, "lab"), soci::use(productCategory, "category"),
        soci::use(days, "days"), soci::use(at, "at");
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
