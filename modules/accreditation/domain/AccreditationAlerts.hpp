// AccreditationAlerts: what expires or falls due, and what is still open, for the lab's alert page.
//
// Purpose: the use case behind GET /api/accreditation/alerts, out of the handler: R4 qualification
// expiry (within the horizon), calibrations and reference materials due (R15), questionable PT
// results (R25) and coverage gaps (R26), and the nonconformities not closed.
// Thread-safety: safe from any request thread (it only calls the services).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "assay/Principal.hpp"
#include "domain/EquipmentService.hpp"
#include "domain/NonconformityService.hpp"
#include "domain/ProficiencyService.hpp"
#include "domain/QualificationService.hpp"

namespace assay::accreditation {

struct Alert {
    std::string kind;    // qualification_expiry, calibration_due, ..., pt_questionable, no_satisfactory_pt ...
    std::string rule;    // R4 R15 R25 R26
    std::string level;   // overdue | 30 | 90 | 180 | expired | warning
    std::string entity;  // what entityId names
    std::int64_t entityId = 0;
    std::string title;
    std::string dueDate;
    long daysLeft = 0;
    std::string message;
};

struct AlertList {
    std::string date;  // the lab's date today
    int within = 180;
    std::vector<Alert> items;
    std::vector<Nonconformity> openNonconformities;
};

class AccreditationAlerts {
public:
    AccreditationAlerts(QualificationService& qualifications, EquipmentService& equipment, NonconformityService& ncs,
                        ProficiencyService& proficiency)
        : qualifications_(qualifications), equipment_(equipment), ncs_(ncs), proficiency_(proficiency) {}

    // The alerts within `within` days (0..3650, checked by the caller), in the order: qualifications,
    // equipment and materials, questionable PT, coverage gaps.
    AlertList alerts(const Principal& p, int within);

private:
    QualificationService& qualifications_;
    EquipmentService& equipment_;
    NonconformityService& ncs_;
    ProficiencyService& proficiency_;
};

}  // namespace assay::accreditation
