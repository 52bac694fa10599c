// Equipment: the R15 usability verdict and the R16 impact window.
#include "domain/Equipment.hpp"

#include "domain/AccreditationMessages.hpp"

namespace assay::accreditation {

namespace {
EquipmentVerdict no(const std::string& policy, Message why) { return {false, "R15", why.english(), policy, why}; }
Message kindName(const std::string& kind) { return Message(kind == "verification" ? msg::kKindVerification : msg::kKindCalibration); }
}  // namespace

EquipmentVerdict usableOn(const Equipment& e, const std::string& date, const std::string& policy) {
    const std::string who = e.name + " (" + e.assetNo + ")";
    std::optional<EquipmentStatusEvent> status;
    for (const auto& s : e.statusHistory)
        if (s.effectiveDate <= date) status = s;
    if (!status) return no(policy, Message(msg::kEquipmentNotYet, {{"equipment", who}, {"date", date}}));
    if (status->status != ServiceStatus::InService) {
        const MessageArg why = status->reason ? MessageArg(Message(msg::kBecause, {{"reason", *status->reason}})) : MessageArg("");
        return no(policy, Message(status->status == ServiceStatus::Retired ? msg::kEquipmentRetired : msg::kEquipmentOutOfService,
                                  {{"equipment", who}, {"since", status->effectiveDate}, {"why", why}}));
    }
    const Calibration* cal = nullptr;
    for (const auto& c : e.calibrations)
        if (c.performedOn <= date) cal = &c;
    if (!cal) return no(policy, Message(msg::kEquipmentNoCalibration, {{"equipment", who}, {"date", date}}));
    if (!cal->good())
        return no(policy, Message(msg::kEquipmentFailedCalibration, {{"equipment", who}, {"kind", kindName(cal->kind)},
                                                                     {"on", cal->performedOn}, {"certificate", cal->certificateNo}}));
    if (cal->dueOn < date)
        return no(policy, Message(msg::kEquipmentCalibrationDue, {{"equipment", who}, {"kind", kindName(cal->kind)},
                                                                  {"due", cal->dueOn}, {"certificate", cal->certificateNo}}));
    for (const auto& c : e.checks)
        if (c.performedOn <= date && c.performedOn >= cal->performedOn && c.result == "fail") {
            bool passedLater = false;
            for (const auto& later : e.checks)
                if (later.performedOn <= date && later.performedOn > c.performedOn && later.result == "pass") passedLater = true;
            if (!passedLater) return no(policy, Message(msg::kEquipmentFailedCheck, {{"equipment", who}, {"on", c.performedOn}}));
        }
    return {true, "", "", "", {}};
}

EquipmentVerdict usableOn(const ReferenceMaterial& m, const std::string& date, const std::string& policy) {
    if (m.expiresOn < date)
        return no(policy, Message(msg::kMaterialExpired, {{"material", m.name}, {"lot", m.lotNo}, {"expires", m.expiresOn}}));
    return {true, "", "", "", {}};
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
