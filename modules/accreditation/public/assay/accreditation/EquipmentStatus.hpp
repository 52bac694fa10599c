// EquipmentStatus: the accreditation module's published answer to "may this instrument or
// reference material be used for a result tested on date D?" (R15), and the seam through which
// the modules that hold results join the R16 impact assessment.
//
// Purpose: testing and capture ask before a result is accepted; the verdict says whether the lab
// policy blocks the result or lets it through flagged under a nonconformity (then without a CMA
// or CNAS mark). When an instrument is set out of service or a calibration finds it out of
// tolerance, the accreditation module asks every registered EquipmentUsageSource for the results
// since the last good calibration or check and tells them to put the issued reports among them
// under review, all inside the one transaction that records the change and opens the NC (every
// module shares the database), so the assessment is stored whole or not at all. Published by
// AccreditationModule.
// Thread-safety: implementations are safe from any thread; sources are registered at start-up.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "assay/Db.hpp"
#include "assay/Message.hpp"

namespace assay::accreditation {

struct EquipmentVerdict {
    bool usable = false;
    std::string rule;     // "R15" when not usable
    std::string reason;   // names the date and the record that decides
    std::string policy;   // the lab policy when not usable: "block" or "flag" (result allowed, NC, no mark)
    Message why;          // the reason in the catalogue (reason is its English text)
};

// What a shared instrument's page shows of the register's record (issue 16): its names, and
// from when to when it is usable (R40: in service with a valid calibration for a whole window).
struct EquipmentFacts {
    std::string name, assetNo, equipmentType;
    std::optional<std::string> model, manufacturer, location;
    bool usableToday = false;
    std::optional<std::string> calibrationDue;  // the current calibration's due date
    std::optional<std::string> usableThrough;   // the last day it stays usable on the records, from today
    Message why;                                // why not usable today (empty when usable)
};

class EquipmentStatus {
public:
    virtual ~EquipmentStatus() = default;
    // Both read in the caller's transaction tx.
    virtual EquipmentVerdict equipmentUsableOn(Tx& tx, std::int64_t labId, std::int64_t equipmentId, const std::string& date) = 0;
    virtual EquipmentVerdict referenceMaterialUsableOn(Tx& tx, std::int64_t labId, std::int64_t materialId, const std::string& date) = 0;
    // The instrument's facts on today; none for an unknown instrument.
    virtual std::optional<EquipmentFacts> equipmentFacts(Tx& tx, std::int64_t labId, std::int64_t equipmentId, const std::string& today) = 0;
};

// One result or report touched by an equipment problem.
struct ImpactedItem {
    std::string kind;    // "result" | "report"
    std::string ref;     // its id or human number
    std::string label;   // what a manager reads in the impact list
    std::string date;    // the test or issue date
};

// Implemented by the modules that record which equipment a result used (testing, capture) and
// which reports carry those results (reports).
class EquipmentUsageSource {
public:
    virtual ~EquipmentUsageSource() = default;
    // Results (and reports) that used the equipment with a test date in [fromDate, toDate];
    // fromDate empty = since the beginning.
    // Runs inside the caller's transaction tx.
    virtual std::vector<ImpactedItem> usedSince(Tx& tx, std::int64_t labId, std::int64_t equipmentId,
                                                const std::string& fromDate, const std::string& toDate) = 0;
    // R16: sets the issued reports among items to under_review, citing the nonconformity, inside
    // the caller's transaction tx (an error rolls the whole change back).
    virtual void putUnderReview(Tx& tx, std::int64_t labId, const std::vector<ImpactedItem>& items, std::int64_t ncId) = 0;
};

// Where sources register (published by AccreditationModule; modules initialized after it add
// themselves in initialize()).
class EquipmentUsageRegistry {
public:
    virtual ~EquipmentUsageRegistry() = default;
    virtual void addSource(std::shared_ptr<EquipmentUsageSource> source) = 0;
};

}  // namespace assay::accreditation
