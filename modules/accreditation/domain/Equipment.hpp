// Equipment: the lab's instruments with their dated status, calibrations / verifications
// (检定 / 校准) and intermediate checks (期间核查), and reference materials (标准物质).
//
// Purpose: the values passed between EquipmentService, its repository and its handlers, and the
// pure R15 / R16 rules: whether an instrument is usable on a date, and since when results are
// affected when it is found out of tolerance or set out of service (the last good calibration
// or check). Dates are "YYYY-MM-DD"; a calibration is valid through its due date (inclusive).
// Thread-safety: value types and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "assay/Decimal.hpp"
#include "assay/Enum.hpp"
#include "assay/accreditation/EquipmentStatus.hpp"

namespace assay::accreditation {

// in_service <-> out_of_service -> retired (retirement passes through out of service, R16).
enum class ServiceStatus { InService, OutOfService, Retired };
using assay::operator<<;

struct EquipmentStatusEvent {
    std::int64_t id = 0;
    ServiceStatus status = ServiceStatus::InService;
    std::string effectiveDate;
    std::optional<std::string> reason;
    std::int64_t createdAtMs = 0;
};

struct Calibration {
    std::int64_t id = 0;
    std::int64_t equipmentId = 0;
    std::string kind;           // calibration (校准) | verification (检定)
    std::string certificateNo;
    std::string provider;
    std::string performedOn;
    std::string dueOn;          // valid through this date
    std::string result;         // pass | fail: the state as left (usable afterwards or not)
    std::string asFound;        // in_tolerance | out_of_tolerance: out of tolerance triggers R16
    std::optional<std::string> note;
    std::int64_t createdAtMs = 0;
    bool good() const { return result == "pass"; }
};

struct IntermediateCheck {
    std::int64_t id = 0;
    std::int64_t equipmentId = 0;
    std::string performedOn;
    std::string result;         // pass | fail
    std::optional<std::string> note;
    std::int64_t createdAtMs = 0;
};

struct Equipment {
    std::int64_t id = 0;
    std::int64_t labId = 0;
    std::string assetNo;
    std::string name;
    std::string equipmentType;  // matches the register's method equipment types
    std::optional<std::string> model, serialNo, manufacturer, location;
    ServiceStatus status = ServiceStatus::InService;  // the latest recorded status
    std::int64_t createdAtMs = 0;
    std::int64_t updatedAtMs = 0;
    int version = 1;
    std::vector<EquipmentStatusEvent> statusHistory;  // oldest first
    std::vector<Calibration> calibrations;             // by performed date
    std::vector<IntermediateCheck> checks;             // by performed date
};

struct ReferenceMaterial {
    std::int64_t id = 0;
    std::int64_t labId = 0;
    std::string name;
    std::string lotNo;
    std::optional<Decimal> certifiedValue;
    std::optional<std::string> unit;
    std::optional<std::string> supplier;
    std::string expiresOn;      // usable through this date
    std::int64_t createdAtMs = 0;
};

// R15 on the equipment's records as they stood on date: in service, calibrated with a due date
// on or after date, the latest calibration good, the latest intermediate check not failed (unless
// a good calibration came after it). policy is copied into the verdict when not usable.
EquipmentVerdict usableOn(const Equipment& e, const std::string& date, const std::string& policy);
EquipmentVerdict usableOn(const ReferenceMaterial& m, const std::string& date, const std::string& policy);

// R16: the date of the last good calibration or passed check strictly before eventDate; empty
// when there is none (then every earlier result is affected).
std::optional<std::string> lastGoodBefore(const Equipment& e, const std::string& eventDate);

// What falls due: the due date of the calibration in force today (latest performed on or before
// today), if any.
std::optional<std::string> currentDueDate(const Equipment& e, const std::string& today);

}  // namespace assay::accreditation

namespace assay {
template <>
struct EnumNames<accreditation::ServiceStatus> {
    static constexpr std::array<std::string_view, 3> names{"in_service", "out_of_service", "retired"};
};
}  // namespace assay
