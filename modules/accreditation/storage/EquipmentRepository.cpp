// EquipmentRepository: named queries bound with soci::use; portable to SQLite and MariaDB.
#include "storage/EquipmentRepository.hpp"

#include "assay/Rows.hpp"

namespace assay::accreditation {

namespace {
constexpr const char* kInsert =
    "INSERT INTO acc_equipment (id, lab_id, asset_no, name, equipment_type, model, serial_no, manufacturer, location, "
    "status, created_at_ms, updated_at_ms, version) VALUES (:id, :lab, :asset_no, :name, :type, :model, :serial_no, "
    ":manufacturer, :location, :status, :created, :created2, 1)";
constexpr const char* kColumns =
    "SELECT id, lab_id, asset_no, name, equipment_type, model, serial_no, manufacturer, location, status, created_at_ms, "
    "updated_at_ms, version FROM acc_equipment ";
constexpr const char* kUpdateStatus =
    "UPDATE acc_equipment SET status = :status, updated_at_ms = :updated, version = version + 1 "
    "WHERE lab_id = :lab AND id = :id AND version = :expected";
constexpr const char* kTouch =
    "UPDATE acc_equipment SET updated_at_ms = :updated, version = version + 1 WHERE lab_id = :lab AND id = :id AND version = :expected";
constexpr const char* kInsertStatus =
    "INSERT INTO acc_equipment_status (id, lab_id, equipment_id, status, effective_date, reason, created_by, created_at_ms) "
    "VALUES (:id, :lab, :eq, :status, :effective, :reason, :by, :created)";
constexpr const char* kStatuses =
    "SELECT id, status, effective_date, reason, created_at_ms FROM acc_equipment_status "
    "WHERE lab_id = :lab AND equipment_id = :eq ORDER BY effective_date, id";
constexpr const char* kInsertCalibration =
    "INSERT INTO acc_calibrations (id, lab_id, equipment_id, kind, certificate_no, provider, performed_on, due_on, result, "
    "as_found, note, created_by, created_at_ms) VALUES (:id, :lab, :eq, :kind, :cert, :provider, :performed_on, :due_on, "
    ":result, :as_found, :note, :by, :created)";
constexpr const char* kCalibrations =
    "SELECT id, equipment_id, kind, certificate_no, provider, performed_on, due_on, result, as_found, note, created_at_ms "
    "FROM acc_calibrations WHERE lab_id = :lab AND equipment_id = :eq ORDER BY performed_on, id";
constexpr const char* kInsertCheck =
    "INSERT INTO acc_equipment_checks (id, lab_id, equipment_id, performed_on, result, note, created_by, created_at_ms) "
    "VALUES (:id, :lab, :eq, :performed_on, :result, :note, :by, :created)";
constexpr const char* kChecks =
    "SELECT id, equipment_id, performed_on, result, note, created_at_ms FROM acc_equipment_checks "
    "WHERE lab_id = :lab AND equipment_id = :eq ORDER BY performed_on, id";
constexpr const char* kInsertMaterial =
    "INSERT INTO acc_reference_materials (id, lab_id, name, lot_no, certified_value, unit, supplier, expires_on, created_by, "
    "created_at_ms) VALUES (:id, :lab, :name, :lot, :value, :unit, :supplier, :expires, :by, :created)";
constexpr const char* kMaterialColumns =
    "SELECT id, lab_id, name, lot_no, certified_value, unit, supplier, expires_on, created_at_ms FROM acc_reference_materials ";

using Opt = rows::NullableText;

Equipment fromRow(const soci::row& r) {
    Equipment e;
    e.id = rows::i64(r, 0);
    e.labId = rows::i64(r, 1);
    e.assetNo = rows::str(r, 2);
    e.name = rows::str(r, 3);
    e.equipmentType = rows::str(r, 4);
    e.model = rows::optStr(r, 5);
    e.serialNo = rows::optStr(r, 6);
    e.manufacturer = rows::optStr(r, 7);
    e.location = rows::optStr(r, 8);
    e.status = rows::str(r, 9);
    e.createdAtMs = rows::i64(r, 10);
    e.updatedAtMs = rows::i64(r, 11);
    e.version = static_cast<int>(rows::i64(r, 12));
    return e;
}

ReferenceMaterial materialFrom(const soci::row& r) {
    ReferenceMaterial m;
    m.id = rows::i64(r, 0);
    m.labId = rows::i64(r, 1);
    m.name = rows::str(r, 2);
    m.lotNo = rows::str(r, 3);
    if (auto v = rows::optStr(r, 4)) m.certifiedValue = Decimal::parse(*v);
    m.unit = rows::optStr(r, 5);
    m.supplier = rows::optStr(r, 6);
    m.expiresOn = rows::str(r, 7);
    m.createdAtMs = rows::i64(r, 8);
    return m;
}

bool executeUpdate(soci::statement& st) {
    st.execute(true);
    return st.get_affected_rows() == 1;
}
}  // namespace

void EquipmentRepository::insert(Tx& tx, const Equipment& e) {
    long long id = e.id, lab = e.labId, created = e.createdAtMs;
    Opt model(e.model), serial(e.serialNo), manufacturer(e.manufacturer), location(e.location);
    tx.sql() << kInsert, soci::use(id, "id"), soci::use(lab, "lab"), soci::use(e.assetNo, "asset_no"),
        soci::use(e.name, "name"), soci::use(e.equipmentType, "type"), soci::use(model.value, model.ind, "model"),
        soci::use(serial.value, serial.ind, "serial_no"), soci::use(manufacturer.value, manufacturer.ind, "manufacturer"),
        soci::use(location.value, location.ind, "location"), soci::use(e.status, "status"), soci::use(created, "created"),
        soci::use(created, "created2");
}

void EquipmentRepository::loadHistories(Tx& tx, Equipment& e) {
    long long lab = e.labId, eq = e.id;
    {
        soci::rowset<soci::row> rs = (tx.sql().prepare << kStatuses, soci::use(lab, "lab"), soci::use(eq, "eq"));
        for (const auto& r : rs)
            e.statusHistory.push_back({rows::i64(r, 0), rows::str(r, 1), rows::str(r, 2), rows::optStr(r, 3), rows::i64(r, 4)});
    }
    {
        soci::rowset<soci::row> rs = (tx.sql().prepare << kCalibrations, soci::use(lab, "lab"), soci::use(eq, "eq"));
        for (const auto& r : rs)
            e.calibrations.push_back({rows::i64(r, 0), rows::i64(r, 1), rows::str(r, 2), rows::str(r, 3), rows::str(r, 4),
                                      rows::str(r, 5), rows::str(r, 6), rows::str(r, 7), rows::str(r, 8), rows::optStr(r, 9),
                                      rows::i64(r, 10)});
    }
    {
        soci::rowset<soci::row> rs = (tx.sql().prepare << kChecks, soci::use(lab, "lab"), soci::use(eq, "eq"));
        for (const auto& r : rs)
            e.checks.push_back({rows::i64(r, 0), rows::i64(r, 1), rows::str(r, 2), rows::str(r, 3), rows::optStr(r, 4), rows::i64(r, 5)});
    }
}

std::optional<Equipment> EquipmentRepository::find(Tx& tx, std::int64_t labId, std::int64_t id) {
    long long lab = labId, v = id;
    std::optional<Equipment> e;
    {
        soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kColumns) + "WHERE lab_id = :lab AND id = :id",
                                      soci::use(lab, "lab"), soci::use(v, "id"));
        for (const auto& r : rs) e = fromRow(r);
    }
    if (e) loadHistories(tx, *e);
    return e;
}

std::optional<Equipment> EquipmentRepository::findByAsset(Tx& tx, std::int64_t labId, const std::string& assetNo) {
    long long lab = labId;
    std::optional<Equipment> e;
    {
        soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kColumns) + "WHERE lab_id = :lab AND asset_no = :asset",
                                      soci::use(lab, "lab"), soci::use(assetNo, "asset"));
        for (const auto& r : rs) e = fromRow(r);
    }
    if (e) loadHistories(tx, *e);
    return e;
}

std::vector<Equipment> EquipmentRepository::list(Tx& tx, std::int64_t labId, std::int64_t afterId, int limit) {
    std::vector<Equipment> out;
    long long lab = labId, after = afterId;
    {
        soci::rowset<soci::row> rs =
            (tx.sql().prepare << std::string(kColumns) + "WHERE lab_id = :lab AND id > :after ORDER BY id LIMIT :lim",
             soci::use(lab, "lab"), soci::use(after, "after"), soci::use(limit, "lim"));
        for (const auto& r : rs) out.push_back(fromRow(r));
    }
    for (auto& e : out) loadHistories(tx, e);
    return out;
}

std::vector<Equipment> EquipmentRepository::ofType(Tx& tx, std::int64_t labId, const std::string& equipmentType) {
    std::vector<Equipment> out;
    long long lab = labId;
    {
        soci::rowset<soci::row> rs =
            (tx.sql().prepare << std::string(kColumns) + "WHERE lab_id = :lab AND equipment_type = :type ORDER BY id",
             soci::use(lab, "lab"), soci::use(equipmentType, "type"));
        for (const auto& r : rs)
            // MariaDB's utf8mb4_unicode_ci matches case-insensitively; the type must match exactly.
            if (auto e = fromRow(r); e.equipmentType == equipmentType) out.push_back(std::move(e));
    }
    for (auto& e : out) loadHistories(tx, e);
    return out;
}

bool EquipmentRepository::updateStatus(Tx& tx, const Equipment& e, int expectedVersion) {
    long long lab = e.labId, id = e.id, updated = e.updatedAtMs;
    int expected = expectedVersion;
    soci::statement st = (tx.sql().prepare << kUpdateStatus, soci::use(e.status, "status"), soci::use(updated, "updated"),
                          soci::use(lab, "lab"), soci::use(id, "id"), soci::use(expected, "expected"));
    return executeUpdate(st);
}

bool EquipmentRepository::touch(Tx& tx, std::int64_t labId, std::int64_t id, int expectedVersion, std::int64_t atMs) {
    long long lab = labId, v = id, at = atMs;
    int expected = expectedVersion;
    soci::statement st = (tx.sql().prepare << kTouch, soci::use(at, "updated"), soci::use(lab, "lab"), soci::use(v, "id"),
                          soci::use(expected, "expected"));
    return executeUpdate(st);
}

void EquipmentRepository::insertStatus(Tx& tx, std::int64_t labId, std::int64_t equipmentId, const EquipmentStatusEvent& s,
                                       std::int64_t by) {
    long long id = s.id, lab = labId, eq = equipmentId, actor = by, created = s.createdAtMs;
    Opt reason(s.reason);
    tx.sql() << kInsertStatus, soci::use(id, "id"), soci::use(lab, "lab"), soci::use(eq, "eq"), soci::use(s.status, "status"),
        soci::use(s.effectiveDate, "effective"), soci::use(reason.value, reason.ind, "reason"), soci::use(actor, "by"),
        soci::use(created, "created");
}

void EquipmentRepository::insertCalibration(Tx& tx, std::int64_t labId, const Calibration& c, std::int64_t by) {
    long long id = c.id, lab = labId, eq = c.equipmentId, actor = by, created = c.createdAtMs;
    Opt note(c.note);
    tx.sql() << kInsertCalibration, soci::use(id, "id"), soci::use(lab, "lab"), soci::use(eq, "eq"), soci::use(c.kind, "kind"),
        soci::use(c.certificateNo, "cert"), soci::use(c.provider, "provider"), soci::use(c.performedOn, "performed_on"),
        soci::use(c.dueOn, "due_on"), soci::use(c.result, "result"), soci::use(c.asFound, "as_found"),
        soci::use(note.value, note.ind, "note"), soci::use(actor, "by"), soci::use(created, "created");
}

void EquipmentRepository::insertCheck(Tx& tx, std::int64_t labId, const IntermediateCheck& c, std::int64_t by) {
    long long id = c.id, lab = labId, eq = c.equipmentId, actor = by, created = c.createdAtMs;
    Opt note(c.note);
    tx.sql() << kInsertCheck, soci::use(id, "id"), soci::use(lab, "lab"), soci::use(eq, "eq"),
        soci::use(c.performedOn, "performed_on"), soci::use(c.result, "result"), soci::use(note.value, note.ind, "note"),
        soci::use(actor, "by"), soci::use(created, "created");
}

void EquipmentRepository::insertMaterial(Tx& tx, const ReferenceMaterial& m, std::int64_t by) {
    long long id = m.id, lab = m.labId, actor = by, created = m.createdAtMs;
    Opt value(m.certifiedValue ? std::optional<std::string>(m.certifiedValue->toString()) : std::nullopt), unit(m.unit),
        supplier(m.supplier);
    tx.sql() << kInsertMaterial, soci::use(id, "id"), soci::use(lab, "lab"), soci::use(m.name, "name"),
        soci::use(m.lotNo, "lot"), soci::use(value.value, value.ind, "value"), soci::use(unit.value, unit.ind, "unit"),
        soci::use(supplier.value, supplier.ind, "supplier"), soci::use(m.expiresOn, "expires"), soci::use(actor, "by"),
        soci::use(created, "created");
}

std::optional<ReferenceMaterial> EquipmentRepository::findMaterial(Tx& tx, std::int64_t labId, std::int64_t id) {
    long long lab = labId, v = id;
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kMaterialColumns) + "WHERE lab_id = :lab AND id = :id",
                                  soci::use(lab, "lab"), soci::use(v, "id"));
    for (const auto& r : rs) return materialFrom(r);
    return std::nullopt;
}

std::vector<ReferenceMaterial> EquipmentRepository::listMaterials(Tx& tx, std::int64_t labId, std::int64_t afterId, int limit) {
    std::vector<ReferenceMaterial> out;
    long long lab = labId, after = afterId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << std::string(kMaterialColumns) + "WHERE lab_id = :lab AND id > :after ORDER BY id LIMIT :lim",
         soci::use(lab, "lab"), soci::use(after, "after"), soci::use(limit, "lim"));
    for (const auto& r : rs) out.push_back(materialFrom(r));
    return out;
}

}  // namespace assay::accreditation
