// EquipmentService: the equipment register, its calibrations, checks and status, reference
// materials, and the R15 / R16 rules.
//
// Purpose: managers register instruments (in service from a date), record calibrations or
// verifications with their certificate, due date and as-found state, intermediate checks, and
// status changes with a date and reason. An out-of-tolerance calibration, a failed check or an
// out-of-service event runs the R16 impact assessment in the same transaction as the record:
// every result since the last good calibration or check, gathered from the registered
// EquipmentUsageSources, goes into a nonconformity, and the sources put the issued reports among
// them under review. Retirement passes through out of service. Implements EquipmentStatus (R15, with the lab policy
// accreditation.r15_policy: block or flag) and EquipmentUsageRegistry.
// Tenancy: the principal's own lab; another lab's equipment is a 404.
// Thread-safety: safe from any request thread; sources are added at start-up.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "assay/Audit.hpp"
#include "assay/Db.hpp"
#include "assay/Error.hpp"
#include "assay/IdGenerator.hpp"
#include "assay/Principal.hpp"
#include "assay/accreditation/EquipmentStatus.hpp"
#include "domain/Equipment.hpp"
#include "domain/NonconformityService.hpp"
#include "storage/EquipmentRepository.hpp"

namespace assay::accreditation {

struct EquipmentInput {
    std::string assetNo, name, equipmentType;
    std::optional<std::string> model, serialNo, manufacturer, location;
    std::string inServiceFrom;
};

struct CalibrationInput {
    std::string kind;  // calibration | verification
    std::string certificateNo, provider, performedOn, dueOn;
    std::string result;   // pass | fail (as left)
    std::string asFound;  // in_tolerance | out_of_tolerance
    std::optional<std::string> note;
};

struct CheckInput {
    std::string performedOn, result;
    std::optional<std::string> note;
};

struct MaterialInput {
    std::string name, lotNo;
    std::optional<Decimal> certifiedValue;
    std::optional<std::string> unit, supplier;
    std::string expiresOn;
};

// An equipment change, with the R16 outcome when it raised one.
struct EquipmentChange {
    Equipment equipment;
    std::optional<Nonconformity> nc;
    std::optional<std::string> impactFrom;  // the last good calibration or check (exclusive); empty = from the start
};

struct DueItem {
    std::string kind;    // calibration_due | reference_material_expiry
    std::string entity;  // equipment | reference_material
    std::int64_t id = 0;
    std::string title;
    std::string dueDate;
    long daysLeft = 0;
};

class EquipmentService final : public EquipmentStatus, public EquipmentUsageRegistry {
public:
    // Problems of a reference material.
    static std::vector<FieldError> materialProblems(const MaterialInput& in);
    // Problems of an intermediate check.
    static std::vector<FieldError> checkProblems(const CheckInput& in, const std::string& today);
    // Problems of a calibration record; today: the lab date (no future dates).
    static std::vector<FieldError> calibrationProblems(const CalibrationInput& in, const std::string& today);
    // Problems of a status change.
    static std::vector<FieldError> statusProblems(const std::string& status, const std::string& effectiveDate, const std::string& reason);
    // Problems of the input visible without the database (also merged by the handlers).
    static std::vector<FieldError> equipmentProblems(const EquipmentInput& in);
    EquipmentService(Db& db, const Clock& clock, IdGenerator& ids, AuditLog& audit,
                     NonconformityService& ncs, std::string policy)
        : db_(db), clock_(clock), ids_(ids), audit_(audit), ncs_(ncs), policy_(std::move(policy)) {}

    std::string today() const { return isoDateInLab(clock_.now()); }
    // The R15 lab policy (accreditation.r15_policy): block or flag.
    const std::string& policy() const { return policy_; }
    // Errors: 400 naming each bad field; 409 when the asset number is taken.
    Equipment create(const Principal& p, const EquipmentInput& in, const std::string& requestId);
    Equipment get(const Principal& p, std::int64_t id);
    std::vector<Equipment> list(const Principal& p, std::int64_t afterId, int limit);
    // Errors: 400 (status, effective_date before the last status change, reason); 404; 409 when
    // the status does not change, the equipment is retired, or an in-service instrument is
    // retired without first being set out of service; 412.
    EquipmentChange setStatus(const Principal& p, std::int64_t id, int expectedVersion, const std::string& status,
                              const std::string& effectiveDate, const std::string& reason, const std::string& requestId);
    // Errors: 400 naming each bad field (dates: performed in the future, due not after
    // performed); 404; 409 when retired; 412.
    EquipmentChange addCalibration(const Principal& p, std::int64_t id, int expectedVersion, const CalibrationInput& in,
                                   const std::string& requestId);
    EquipmentChange addCheck(const Principal& p, std::int64_t id, int expectedVersion, const CheckInput& in,
                             const std::string& requestId);
    ReferenceMaterial createMaterial(const Principal& p, const MaterialInput& in, const std::string& requestId);
    std::vector<ReferenceMaterial> materials(const Principal& p, std::int64_t afterId, int limit);
    // R15 for the principal's lab. Errors: 400 for a bad date; 404.
    EquipmentVerdict usable(const Principal& p, std::int64_t id, const std::string& date);
    // Calibrations falling due and reference materials expiring within `within` days (overdue
    // ones included), soonest first.
    std::vector<DueItem> dueWithin(const Principal& p, int within);

    // R15 for an equipment type: usable when at least one instrument of the type is usable on
    // date; otherwise the reasons of each (or "no instrument of this type").
    EquipmentVerdict typeUsableOn(Tx& tx, std::int64_t labId, const std::string& equipmentType, const std::string& date);

    // EquipmentStatus.
    EquipmentVerdict equipmentUsableOn(Tx& tx, std::int64_t labId, std::int64_t equipmentId, const std::string& date) override;
    std::optional<EquipmentFacts> equipmentFacts(Tx& tx, std::int64_t labId, std::int64_t equipmentId, const std::string& today) override;
    EquipmentVerdict referenceMaterialUsableOn(Tx& tx, std::int64_t labId, std::int64_t materialId, const std::string& date) override;
    // EquipmentUsageRegistry.
    void addSource(std::shared_ptr<EquipmentUsageSource> source) override { sources_.push_back(std::move(source)); }


private:
    // Runs a change that may raise R16: the record, the impact window and items, the NC and the
    // reports put under review, all in one transaction.
    template <class Write>
    EquipmentChange withImpact(const Principal& p, std::int64_t lab, std::int64_t id, bool raises, const std::string& eventDate,
                               const Message& what, const std::string& requestId, Write write);
    Db& db_;
    const Clock& clock_;
    IdGenerator& ids_;
    AuditLog& audit_;
    NonconformityService& ncs_;
    std::string policy_;
    EquipmentRepository repo_;
    std::vector<std::shared_ptr<EquipmentUsageSource>> sources_;
};

}  // namespace assay::accreditation
