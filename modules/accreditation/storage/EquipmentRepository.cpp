// EquipmentRepository: named queries bound with soci::use; portable to SQLite and MariaDB.
#include "storage/EquipmentRepository.hpp"

#include "assay/Columns.hpp"
#include "assay/Rows.hpp"

namespace assay::accreditation {

namespace {
constexpr const char* kInsert =
    "INSERT INTO acc_equipment (id, lab_id, asset_no, name, equipment_type, model, serial_no, manufacturer, location, "
    "status, created_at_ms, updated_at_ms, version) VALUES (:id, :lab, :asset_no, :name, :type, :model, :serial_no, "
    ":manufacturer, :location, :status, :created, :created2, 1)";
constexpr const char* kUpdateStatus =
    "UPDATE acc_equipment SET status = :status, updated_at_ms = :updated, version = version + 1 "
    "WHERE lab_id = :lab AND id = :id AND version = :expected";
constexpr const char* kTouch =
    "UPDATE acc_equipment SET updated_at_ms = :updated, version = version + 1 WHERE lab_id = :lab AND id = :id AND version = :expected";
constexpr const char* kInsertStatus =
    "INSERT INTO acc_equipment_status (id, lab_id, equipment_id, status, effective_date, reason, created_by, created_at_ms) "
    "VALUES (:id, :lab, :eq, :status, :effective, :reason, :by, :created)";
constexpr const char* kInsertCalibration =
    "INSERT INTO acc_calibrations (id, lab_id, equipment_id, kind, certificate_no, provider, performed_on, due_on, result, "
    "as_found, note, created_by, created_at_ms) VALUES (:id, :lab, :eq, :kind, :cert, :provider, :performed_on, :due_on, "
    ":result, :as_found, :note, :by, :created)";
constexpr const char* kInsertCheck =
    "INSERT INTO acc_equipment_checks (id, lab_id, equipment_id, performed_on, result, note, created_by, created_at_ms) "
    "VALUES (:id, :lab, :eq, :performed_on, :result, :note, :by, :created)";
constexpr const char* kInsertMaterial =
    "INSERT INTO acc_reference_materials (id, lab_id, name, lot_no, certified_value, unit, supplier, expires_on, created_by, "
    "created_at_ms) VALUES (:id, :lab, :name, :lot, :value, :unit, :supplier, :expires, :by, :created)";

using Opt = rows::NullableText;

using columns::field;

const columns::ColumnMap<Equipment> kEquipment{{
    {"id", field<&Equipment::id>},
    {"lab_id", field<&Equipment::labId>},
    {"asset_no", field<&Equipment::assetNo>},
    {"name", field<&Equipment::name>},
    {"equipment_type", field<&Equipment::equipmentType>},
    {"model", field<&Equipment::model>},
    {"serial_no", field<&Equipment::serialNo>},
    {"manufacturer", field<&Equipment::manufacturer>},
    {"location", field<&Equipment::location>},
    {"status", field<&Equipment::status>},
    {"created_at_ms", field<&Equipment::createdAtMs>},
    {"updated_at_ms", field<&Equipment::updatedAtMs>},
    {"version", field<&Equipment::version>},
}};

const columns::ColumnMap<EquipmentStatusEvent> kStatusEvents{{
    {"id", field<&EquipmentStatusEvent::id>},
    {"status", field<&EquipmentStatusEvent::status>},
    {"effective_date", field<&EquipmentStatusEvent::effectiveDate>},
    {"reason", field<&EquipmentStatusEvent::reason>},
    {"created_at_ms", field<&EquipmentStatusEvent::createdAtMs>},
}};

const columns::ColumnMap<Calibration> kCalibrations{{
    {"id", field<&Calibration::id>},
    {"equipment_id", field<&Calibration::equipmentId>},
    {"kind", field<&Calibration::kind>},
    {"certificate_no", field<&Calibration::certificateNo>},
    {"provider", field<&Calibration::provider>},
    {"performed_on", field<&Calibration::performedOn>},
    {"due_on", field<&Calibration::dueOn>},
    {"result", field<&Calibration::result>},
    {"as_found", field<&Calibration::asFound>},
    {"note", field<&Calibration::note>},
    {"created_at_ms", field<&Calibration::createdAtMs>},
}};

const columns::ColumnMap<IntermediateCheck> kChecks{{
    {"id", field<&IntermediateCheck::id>},
    {"equipment_id", field<&IntermediateCheck::equipmentId>},
    {"performed_on", field<&IntermediateCheck::performedOn>},
    {"result", field<&IntermediateCheck::result>},
    {"note", field<&IntermediateCheck::note>},
    {"created_at_ms", field<&IntermediateCheck::createdAtMs>},
}};

const columns::ColumnMap<ReferenceMaterial> kMaterials{{
    {"id", field<&ReferenceMaterial::id>},
    {"lab_id", field<&ReferenceMaterial::labId>},
    {"name", field<&ReferenceMaterial::name>},
    {"lot_no", field<&ReferenceMaterial::lotNo>},
    {"certified_value", field<&ReferenceMaterial::certifiedValue>},
    {"unit", field<&ReferenceMaterial::unit>},
    {"supplier", field<&ReferenceMaterial::supplier>},
    {"expires_on", field<&ReferenceMaterial::expiresOn>},
    {"created_at_ms", field<&ReferenceMaterial::createdAtMs>},
}};

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
        soci::rowset<soci::row> rs =
            (tx.sql().prepare << kStatusEvents.select("FROM acc_equipment_status "
                                                      "WHERE lab_id = :lab AND equipment_id = :eq ORDER BY effective_date, id"),
             soci::use(lab, "lab"), soci::use(eq, "eq"));
        e.statusHistory = kStatusEvents.all(rs);
    }
    {
        soci::rowset<soci::row> rs =
            (tx.sql().prepare << kCalibrations.select("FROM acc_calibrations WHERE lab_id = :lab AND equipment_id = :eq "
                                                      "ORDER BY performed_on, id"),
             soci::use(lab, "lab"), soci::use(eq, "eq"));
        e.calibrations = kCalibrations.all(rs);
    }
    {
        soci::rowset<soci::row> rs =
            (tx.sql().prepare << kChecks.select("FROM acc_equipment_checks "
                                                "WHERE lab_id = :lab AND equipment_id = :eq ORDER BY performed_on, id"),
             soci::use(lab, "lab"), soci::use(eq, "eq"));
        e.checks = kChecks.all(rs);
    }
}

std::optional<Equipment> EquipmentRepository::find(Tx& tx, std::int64_t labId, std::int64_t id) {
    long long lab = labId, v = id;
    std::optional<Equipment> e;
    {
        soci::rowset<soci::row> rs =
            (tx.sql().prepare << kEquipment.select("FROM acc_equipment WHERE lab_id = :lab AND id = :id"),
             soci::use(lab, "lab"), soci::use(v, "id"));
        e = kEquipment.first(rs);
    }
    if (e) loadHistories(tx, *e);
    return e;
}

std::optional<Equipment> EquipmentRepository::findByAsset(Tx& tx, std::int64_t labId, const std::string& assetNo) {
    long long lab = labId;
    std::optional<Equipment> e;
    {
        soci::rowset<soci::row> rs =
            (tx.sql().prepare << kEquipment.select("FROM acc_equipment WHERE lab_id = :lab AND asset_no = :asset"),
             soci::use(lab, "lab"), soci::use(assetNo, "asset"));
        e = kEquipment.first(rs);
    }
    if (e) loadHistories(tx, *e);
    return e;
}

std::vector<Equipment> EquipmentRepository::list(Tx& tx, std::int64_t labId, std::int64_t afterId, int limit) {
    std::vector<Equipment> out;
    long long lab = labId, after = afterId;
    {
        soci::rowset<soci::row> rs =
            (tx.sql().prepare << kEquipment.select("FROM acc_equipment WHERE lab_id = :lab AND id > :after ORDER BY id "
                                                   "LIMIT :lim"),
             soci::use(lab, "lab"), soci::use(after, "after"), soci::use(limit, "lim"));
        out = kEquipment.all(rs);
    }
    for (auto& e : out) loadHistories(tx, e);
    return out;
}

std::vector<Equipment> EquipmentRepository::ofType(Tx& tx, std::int64_t labId, const std::string& equipmentType) {
    std::vector<Equipment> out;
    long long lab = labId;
    {
        soci::rowset<soci::row> rs =
            (tx.sql().prepare << kEquipment.select("FROM acc_equipment WHERE lab_id = :lab AND equipment_type = :type "
                                                   "ORDER BY id"),
             soci::use(lab, "lab"), soci::use(equipmentType, "type"));
        auto read = kEquipment.reader();
        for (const auto& r : rs)
            // MariaDB's utf8mb4_unicode_ci matches case-insensitively; the type must match exactly.
            if (auto e = read(r); e.equipmentType == equipmentType) out.push_back(std::move(e));
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
    return kMaterials.firstOf(tx.sql(), "FROM acc_reference_materials WHERE lab_id = :lab AND id = :key", labId, id);
}

std::vector<ReferenceMaterial> EquipmentRepository::listMaterials(Tx& tx, std::int64_t labId, std::int64_t afterId, int limit) {
    std::vector<ReferenceMaterial> out;
    long long lab = labId, after = afterId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kMaterials.select("FROM acc_reference_materials WHERE lab_id = :lab AND id > :after ORDER BY id "
                                               "LIMIT :lim"),
         soci::use(lab, "lab"), soci::use(after, "after"), soci::use(limit, "lim"));
    out = kMaterials.all(rs);
    return out;
}

}  // namespace assay::accreditation
