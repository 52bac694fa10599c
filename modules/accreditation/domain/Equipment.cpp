// Equipment: the R15 usability verdict and the R16 impact window.
#include "domain/Equipment.hpp"

namespace assay::accreditation {

namespace {
EquipmentVerdict no(const std::string& policy, std::string reason) { return {false, "R15", std::move(reason), policy}; }
}  // namespace

EquipmentVerdict usableOn(const Equipment& e, const std::string& date, const std::string& policy) {
    const std::string who = e.name + " (" + e.assetNo + ")";
    std::optional<EquipmentStatusEvent> status;
    for (const auto& s : e.statusHistory)
        if (s.effectiveDate <= date) status = s;
    if (!status) return no(policy, who + " was not yet in the register on " + date);
    if (status->status != ServiceStatus::InService)
        return no(policy, who + " is " + (status->status == ServiceStatus::Retired ? "retired" : "out of service") + " since " +
                              status->effectiveDate + (status->reason ? " (" + *status->reason + ")" : ""));
    const Calibration* cal = nullptr;
    for (const auto& c : e.calibrations)
        if (c.performedOn <= date) cal = &c;
    if (!cal) return no(policy, who + " has no calibration or verification on or before " + date);
    if (!cal->good())
        return no(policy, who + " failed its " + cal->kind + " of " + cal->performedOn + " (certificate " + cal->certificateNo + ")");
    if (cal->dueOn < date)
        return no(policy, who + " was due for " + cal->kind + " on " + cal->dueOn + " (certificate " + cal->certificateNo + ")");
    for (const auto& c : e.checks)
        if (c.performedOn <= date && c.performedOn >= cal->performedOn && c.result == "fail") {
            bool passedLater = false;
            for (const auto& later : e.checks)
                if (later.performedOn <= date && later.performedOn > c.performedOn && later.result == "pass") passedLater = true;
            if (!passedLater) return no(policy, who + " failed its intermediate check of " + c.performedOn);
        }
    return {true, "", "", ""};
}

EquipmentVerdict usableOn(const ReferenceMaterial& m, const std::string& date, const std::string& policy) {
    if (m.expiresOn < date)
        return no(policy, "reference material " + m.name + " lot " + m.lotNo + " expired after " + m.expiresOn);
    return {true, "", "", ""};
}

std::optional<std::string> lastGoodBefore(const Equipment& e, const std::string& eventDate) {
    std::optional<std::string> best;
    for (const auto& c : e.calibrations)
        if (c.performedOn < eventDate && c.good() && (!best || c.performedOn > *best)) best = c.performedOn;
    for (const auto& k : e.checks)
        if (k.performedOn < eventDate && k.result == "pass" && (!best || k.performedOn > *best)) best = k.performedOn;
    return best;
}

std::optional<std::string> currentDueDate(const Equipment& e, const std::string& today) {
    const Calibration* cal = nullptr;
    for (const auto& c : e.calibrations)
        if (c.performedOn <= today) cal = &c;
    if (!cal) return std::nullopt;
    return cal->dueOn;
}

}  // namespace assay::accreditation
