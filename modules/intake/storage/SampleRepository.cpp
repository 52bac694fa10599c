// SampleRepository: named queries bound with soci::use; portable to SQLite and MariaDB.
#include "storage/SampleRepository.hpp"

#include <deque>
#include <limits>

#include "assay/Columns.hpp"
#include "assay/Rows.hpp"

namespace assay::intake {

namespace {
using Opt = rows::NullableText;

constexpr const char* kInsert =
    "INSERT INTO int_samples (id, lab_id, code, parent_id, customer_org_id, name, product_category, brand, model, batch_no, "
    "manufacturer, manufacturer_uscc, production_date, quantity, unit, gtin, status, condition_on_receipt, deviation, "
    "customer_decision, received_at_ms, received_by, holder, created_at_ms, updated_at_ms, version, order_id, product) VALUES (:id, :lab, "
    ":code, :parent, :customer, :name, :category, :brand, :model, :batch, :manufacturer, :muscc, :pdate, :quantity, :unit, "
    ":gtin, :status, NULL, NULL, NULL, NULL, NULL, :holder, :created, :created2, 1, :order_id, :product)";
// A sample (alias s) with its parent's code (p) and its order's code (o).
constexpr const char* kSamplesFrom =
    "FROM int_samples s "
    "LEFT JOIN int_samples p ON p.id = s.parent_id AND p.lab_id = s.lab_id "
    "LEFT JOIN int_orders o ON o.id = s.order_id AND o.lab_id = s.lab_id ";
constexpr const char* kUpdate =
    "UPDATE int_samples SET status = :status, condition_on_receipt = :condition, deviation = :deviation, "
    "customer_decision = :decision, received_at_ms = :received_at, received_by = :received_by, holder = :holder, "
    "retain_until = :retain_until, disposal_method = :disposal, updated_at_ms = :updated, version = version + 1 WHERE lab_id = :lab AND id = :id AND version = :expected";
constexpr const char* kInsertCustody =
    "INSERT INTO int_custody_events (id, lab_id, sample_id, at_ms, by_user, by_name, from_holder, to_holder, reason) "
    "VALUES (:id, :lab, :sample, :at, :by, :by_name, :from_holder, :to_holder, :reason)";

constexpr const char* kRetentionPeriods =
    "SELECT product_category, days FROM int_retention_periods WHERE lab_id = :lab ORDER BY product_category";
constexpr const char* kRetentionDays =
    "SELECT days FROM int_retention_periods WHERE lab_id = :lab AND product_category = :category";
constexpr const char* kInsertRetention =
    "INSERT INTO int_retention_periods (lab_id, product_category, days, updated_at_ms) VALUES (:lab, :category, :days, :at)";
constexpr const char* kUpdateRetention =
    "UPDATE int_retention_periods SET days = :days, updated_at_ms = :at WHERE lab_id = :lab AND product_category = :category";

using columns::field;

const columns::ColumnMap<Sample> kSamples{{
    {"id", field<&Sample::id>},
    {"lab_id", field<&Sample::labId>},
    {"code", field<&Sample::code>},
    {"parent_id", field<&Sample::parentId>},
    {"p.code AS parent_code", field<&Sample::parentCode>},
    {"customer_org_id", field<&Sample::customerOrgId>},
    {"name", field<&Sample::name>},
    {"product_category", field<&Sample::productCategory>},
    {"brand", field<&Sample::brand>},
    {"model", field<&Sample::model>},
    {"batch_no", field<&Sample::batchNo>},
    {"manufacturer", field<&Sample::manufacturer>},
    {"manufacturer_uscc", field<&Sample::manufacturerUscc>},
    {"production_date", field<&Sample::productionDate>},
    {"quantity", field<&Sample::quantity>},
    {"unit", field<&Sample::unit>},
    {"gtin", field<&Sample::gtin>},
    {"status", field<&Sample::status>},
    {"condition_on_receipt", field<&Sample::condition>},
    {"deviation", field<&Sample::deviation>},
    {"customer_decision", field<&Sample::customerDecision>},
    {"received_at_ms", field<&Sample::receivedAtMs>},
    {"received_by", field<&Sample::receivedBy>},
    {"holder", field<&Sample::holder>},
    {"created_at_ms", field<&Sample::createdAtMs>},
    {"updated_at_ms", field<&Sample::updatedAtMs>},
    {"version", field<&Sample::version>},
    {"order_id", field<&Sample::orderId>},
    {"o.code AS order_code", field<&Sample::orderCode>},
    {"retain_until", field<&Sample::retainUntil>},
    {"disposal_method", field<&Sample::disposalMethod>},
    {"product", field<&Sample::product>},
    {"specification_id", field<&Sample::specificationId>},
}};

const columns::ColumnMap<CustodyEvent> kCustody{{
    {"id", field<&CustodyEvent::id>},
    {"sample_id", field<&CustodyEvent::sampleId>},
    {"at_ms", field<&CustodyEvent::atMs>},
    {"by_user", field<&CustodyEvent::byUser>},
    {"by_name", field<&CustodyEvent::byName>},
    {"from_holder", field<&CustodyEvent::fromHolder>},
    {"to_holder", field<&CustodyEvent::toHolder>},
    {"reason", field<&CustodyEvent::reason>},
}};
}  // namespace

void SampleRepository::insert(Tx& tx, const Sample& s) {
    long long id = s.id, lab = s.labId, parent = s.parentId.value_or(0), customer = s.customerOrgId.value_or(0), created = s.createdAtMs,
              order = s.orderId.value_or(0);
    soci::indicator parentInd = s.parentId ? soci::i_ok : soci::i_null, customerInd = s.customerOrgId ? soci::i_ok : soci::i_null,
                    orderInd = s.orderId ? soci::i_ok : soci::i_null;
    Opt brand(s.brand), model(s.model), batch(s.batchNo), manufacturer(s.manufacturer), muscc(s.manufacturerUscc),
        pdate(s.productionDate), quantity(s.quantity), unit(s.unit), gtin(s.gtin), product(s.product);
    tx.sql() << kInsert, soci::use(id, "id"), soci::use(lab, "lab"), soci::use(s.code, "code"), soci::use(parent, parentInd, "parent"),
        soci::use(customer, customerInd, "customer"), soci::use(s.name, "name"), soci::use(s.productCategory, "category"),
        soci::use(brand.value, brand.ind, "brand"), soci::use(model.value, model.ind, "model"),
        soci::use(batch.value, batch.ind, "batch"), soci::use(manufacturer.value, manufacturer.ind, "manufacturer"),
        soci::use(muscc.value, muscc.ind, "muscc"), soci::use(pdate.value, pdate.ind, "pdate"),
        soci::use(quantity.value, quantity.ind, "quantity"), soci::use(unit.value, unit.ind, "unit"),
        soci::use(gtin.value, gtin.ind, "gtin"), soci::use(s.status, "status"), soci::use(s.holder, "holder"),
        soci::use(created, "created"), soci::use(created, "created2"), soci::use(order, orderInd, "order_id"),
        soci::use(product.value, product.ind, "product");
}

bool SampleRepository::setSpecification(Tx& tx, std::int64_t labId, std::int64_t sampleId, std::optional<std::int64_t> specId,
                                        std::int64_t atMs) {
    long long lab = labId, id = sampleId, spec = specId.value_or(0), at = atMs;
    soci::indicator ind = specId ? soci::i_ok : soci::i_null;
    soci::statement st = (tx.sql().prepare << "UPDATE int_samples SET specification_id = :spec, updated_at_ms = :at, version = version + 1 "
                                              "WHERE lab_id = :lab AND id = :id",
                          soci::use(spec, ind, "spec"), soci::use(at, "at"), soci::use(lab, "lab"), soci::use(id, "id"));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

std::optional<Sample> SampleRepository::findByCode(Tx& tx, std::int64_t labId, const std::string& code) {
    long long lab = labId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kSamples.select(std::string(kSamplesFrom) + "WHERE s.lab_id = :lab "
                                                                         "AND s.code = :code", {.alias = "s"}),
         soci::use(lab, "lab"), soci::use(code, "code"));
    return kSamples.first(rs);
}

std::optional<Sample> SampleRepository::findVisible(Tx& tx, const SampleScope& scope, const std::string& code) {
    if (scope.labId) return findByCode(tx, scope.labId, code);
    long long customer = scope.customerOrgId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kSamples.select(std::string(kSamplesFrom) + "WHERE s.customer_org_id = :customer AND s.code = :code "
                                                                         "ORDER BY s.id", {.alias = "s"}),
         soci::use(customer, "customer"), soci::use(code, "code"));
    return kSamples.first(rs);
}

std::vector<Sample> SampleRepository::ofOrder(Tx& tx, std::int64_t labId, std::int64_t orderId) {
    long long lab = labId, order = orderId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kSamples.select(std::string(kSamplesFrom) + "WHERE s.lab_id = :lab AND s.order_id = :order "
                                                                         "ORDER BY s.id", {.alias = "s"}),
         soci::use(lab, "lab"), soci::use(order, "order"));
    return kSamples.all(rs);
}

std::vector<Sample> SampleRepository::search(Tx& tx, const SampleScope& scope, const SampleFilter& f, std::int64_t beforeId, int limit) {
    // The WHERE clause is put together from fixed fragments, one per filter present, so each
    // filter combination is an index-friendly query; every value is bound, never spliced.
    std::string sql = kSamples.select(kSamplesFrom, {.alias = "s"});
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
    if (f.status) sql += " AND s.status = :status", text("status", toString(*f.status));
    if (f.product) sql += " AND s.product = :product", text("product", *f.product);
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
    auto read = kSamples.reader();
    if (st.execute(true)) {
        do out.push_back(read(row));
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
    return kCustody.allOf(tx.sql(), "FROM int_custody_events WHERE lab_id = :lab AND sample_id = :key "
                                             "ORDER BY at_ms, id", labId, sampleId);
}

}  // namespace assay::intake
