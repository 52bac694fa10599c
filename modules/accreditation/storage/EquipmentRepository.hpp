// EquipmentRepository: all SQL of acc_equipment, acc_equipment_status, acc_calibrations,
// acc_equipment_checks and acc_reference_materials.
//
// Purpose: every query carries the lab id (tenant). Records are only inserted; the equipment
// row's status and version follow its latest status event. No transactions, permissions or
// audit here.
// Thread-safety: stateless; safe from any thread with its own Tx.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "assay/Db.hpp"
#include "domain/Equipment.hpp"

namespace assay::accreditation {

class EquipmentRepository {
public:
    void insert(Tx& tx, const Equipment& e);
    std::optional<Equipment> find(Tx& tx, std::int64_t labId, std::int64_t id);  // with its histories
    std::optional<Equipment> findByAsset(Tx& tx, std::int64_t labId, const std::string& assetNo);
    std::vector<Equipment> list(Tx& tx, std::int64_t labId, std::int64_t afterId, int limit);  // with histories
    // Every instrument of exactly this type, with histories, in id order.
    std::vector<Equipment> ofType(Tx& tx, std::int64_t labId, const std::string& equipmentType);
    bool updateStatus(Tx& tx, const Equipment& e, int expectedVersion);
    // Bumps the version (a record was added). False when expectedVersion is stale.
    bool touch(Tx& tx, std::int64_t labId, std::int64_t id, int expectedVersion, std::int64_t atMs);
    void insertStatus(Tx& tx, std::int64_t labId, std::int64_t equipmentId, const EquipmentStatusEvent& s, std::int64_t by);
    void insertCalibration(Tx& tx, std::int64_t labId, const Calibration& c, std::int64_t by);
    void insertCheck(Tx& tx, std::int64_t labId, const IntermediateCheck& c, std::int64_t by);

    void insertMaterial(Tx& tx, const ReferenceMaterial& m, std::int64_t by);
    std::optional<ReferenceMaterial> findMaterial(Tx& tx, std::int64_t labId, std::int64_t id);
    std::vector<ReferenceMaterial> listMaterials(Tx& tx, std::int64_t labId, std::int64_t afterId, int limit);

private:
    void loadHistories(Tx& tx, Equipment& e);
};

}  // namespace assay::accreditation
