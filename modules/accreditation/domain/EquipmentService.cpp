// EquipmentService: validation, records, R15 verdicts, R16 impact assessment and due alerts.
#include "domain/AccreditationMessages.hpp"
#include "domain/EquipmentService.hpp"

#include <algorithm>

#include "assay/Messages.hpp"
#include "assay/Text.hpp"
#include "domain/Dates.hpp"
#include "domain/LabTenancy.hpp"

namespace assay::accreditation {

namespace {

long daysBetween(const std::string& from, const std::string& to) {
    return static_cast<long>((*parseIsoDate(to) - *parseIsoDate(from)).count());
}

std::string who(const Equipment& e) { return e.name + " (" + e.assetNo + ")"; }
}  // namespace

std::vector<FieldError> EquipmentService::equipmentProblems(const EquipmentInput& in) {
    std::vector<FieldError> errors;
    if (in.assetNo.empty()) errors.push_back({"asset_no", assay::msg::kRequired});
    if (in.name.empty()) errors.push_back({"name", assay::msg::kRequired});
    if (in.equipmentType.empty() || in.equipmentType.find(',') != std::string::npos)
        errors.push_back({"equipment_type", msg::kEquipmentType});
    if (!isDate(in.inServiceFrom)) errors.push_back({"in_service_from", assay::msg::kNotDate});
    return errors;
}

Equipment EquipmentService::create(const Principal& p, const EquipmentInput& in, const std::string& requestId) {
    if (auto errors = equipmentProblems(in); !errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = requireLab(p);
    return db_.write([&](Tx& tx) {
        if (repo_.findByAsset(tx, lab, in.assetNo)) throw Error::conflict(Message(msg::kAssetTaken, {{"asset", in.assetNo}}));
        Equipment e;
        e.id = ids_.next();
        e.labId = lab;
        e.assetNo = in.assetNo;
        e.name = in.name;
        e.equipmentType = in.equipmentType;
        e.model = in.model;
        e.serialNo = in.serialNo;
        e.manufacturer = in.manufacturer;
        e.location = in.location;
        e.status = ServiceStatus::InService;
        e.createdAtMs = e.updatedAtMs = toEpochMillis(clock_.now());
        repo_.insert(tx, e);
        EquipmentStatusEvent s{ids_.next(), ServiceStatus::InService, in.inServiceFrom, std::string("registered"), e.createdAtMs};
        repo_.insertStatus(tx, lab, e.id, s, p.userId);
        e.statusHistory.push_back(s);
        audit_.record(tx, &p, requestId,
                      {"equipment", std::to_string(e.id), "create", "", std::nullopt,
                       e.assetNo + " " + e.name + " (" + e.equipmentType + ") in service from " + in.inServiceFrom, std::nullopt});
        return e;
    });
}

Equipment EquipmentService::get(const Principal& p, std::int64_t id) {
    const std::int64_t lab = requireLab(p);
    auto e = db_.read([&](Tx& tx) { return repo_.find(tx, lab, id); });
    if (!e) throw Error::notFound("equipment");
    return *e;
}

std::vector<Equipment> EquipmentService::list(const Principal& p, std::int64_t afterId, int limit) {
    const std::int64_t lab = requireLab(p);
    return db_.read([&](Tx& tx) { return repo_.list(tx, lab, afterId, limit); });
}

template <class Write>
EquipmentChange EquipmentService::withImpact(const Principal& p, std::int64_t lab, std::int64_t id, bool raises,
                                             const std::string& eventDate, const Message& what,
                                             const std::string& requestId, Write write) {
    return db_.write([&](Tx& tx) {
        auto e = repo_.find(tx, lab, id);
        if (!e) throw Error::notFound("equipment");
        EquipmentChange c;
        c.equipment = write(tx, *e);
        if (!raises) return c;
        // R16, in the same transaction: the window, the items, the NC, the reports under review.
        const std::optional<std::string> from = lastGoodBefore(*e, eventDate);
        std::vector<ImpactedItem> items;
        for (const auto& s : sources_)
            for (auto& item : s->usedSince(tx, lab, id, from.value_or(""), eventDate)) items.push_back(std::move(item));
        std::vector<NcImpact> impacts;
        std::size_t results = 0, reports = 0;
        for (const auto& i : items) {
            impacts.push_back({0, i.kind, i.ref, i.label, i.date});
            (i.kind == "report" ? reports : results)++;
        }
        NewNonconformity nc;
        nc.labId = lab;
        nc.source = "equipment";
        nc.sourceRef = e->assetNo;
        nc.description = storedNcText(Message(msg::kNcEquipment, {{"equipment", who(*e)}, {"what", what}}));
        nc.impact = storedNcText(from ? Message(msg::kNcImpactSinceGood, {{"results", results}, {"reports", reports}, {"from", *from}, {"to", eventDate}})
                                      : Message(msg::kNcImpactSinceFirst, {{"results", results}, {"reports", reports}, {"to", eventDate}}));
        nc.openedOn = eventDate;
        c.nc = ncs_.openIn(tx, &p, nc, impacts, requestId);
        c.impactFrom = from;
        if (!items.empty())
            for (const auto& s : sources_) s->putUnderReview(tx, lab, items, c.nc->id);
        return c;
    });
}

std::vector<FieldError> EquipmentService::statusProblems(const std::string& status, const std::string& effectiveDate,
                                                        const std::string& reason) {
    std::vector<FieldError> errors;
    if (!parseEnum<ServiceStatus>(status)) errors.push_back({"status", msg::kEquipmentStatus});
    if (!isDate(effectiveDate)) errors.push_back({"effective_date", assay::msg::kNotDate});
    requiredText(errors, "reason", reason, assay::msg::kRequired, 500);
    return errors;
}

EquipmentChange EquipmentService::setStatus(const Principal& p, std::int64_t id, int expectedVersion, const std::string& status,
                                            const std::string& effectiveDate, const std::string& reasonGiven,
                                            const std::string& requestId) {
    if (auto errors = statusProblems(status, effectiveDate, reasonGiven); !errors.empty()) throw Error::invalid(errors);
    const std::string reason = trimmed(reasonGiven);
    const std::int64_t lab = requireLab(p);
    const ServiceStatus to = *parseEnum<ServiceStatus>(status);
    return withImpact(p, lab, id, to == ServiceStatus::OutOfService, effectiveDate, Message(msg::kNcOutOfService, {{"date", effectiveDate}, {"reason", reason}}),
                      requestId, [&](Tx& tx, Equipment e) {
                          if (e.version != expectedVersion) throw Error::preconditionFailed(msg::kEquipmentChanged);
                          if (e.status == ServiceStatus::Retired) throw Error::conflict(msg::kRetiredNoStatus, {});
                          // Retirement passes through out of service, so R16 always runs for an
                          // instrument taken out of use.
                          if (to == ServiceStatus::Retired && e.status == ServiceStatus::InService)
                              throw Error::conflict(msg::kOutOfServiceFirst,
                                                    {"out_of_service"});
                          if (e.status == to) throw Error::conflict(Message(msg::kStatusAlready, {{"status", status}}),
                                                                    {to == ServiceStatus::InService ? "out_of_service" : "in_service", "retired"});
                          if (effectiveDate < e.statusHistory.back().effectiveDate)
                              throw Error::invalidField("effective_date", Message(msg::kBeforeLastStatus, {{"date", e.statusHistory.back().effectiveDate}}));
                          const std::string old = toString(e.status);
                          e.status = to;
                          e.updatedAtMs = toEpochMillis(clock_.now());
                          if (!repo_.updateStatus(tx, e, expectedVersion))
                              throw Error::preconditionFailed(msg::kEquipmentChanged);
                          EquipmentStatusEvent s{ids_.next(), to, effectiveDate, reason, e.updatedAtMs};
                          repo_.insertStatus(tx, lab, id, s, p.userId);
                          e.statusHistory.push_back(s);
                          e.version = expectedVersion + 1;
                          audit_.record(tx, &p, requestId,
                                        {"equipment", std::to_string(id), "update", "status", old, status + " from " + effectiveDate, reason});
                          return e;
                      });
}

std::vector<FieldError> EquipmentService::calibrationProblems(const CalibrationInput& in, const std::string& today) {
    std::vector<FieldError> errors;
    if (in.kind != "calibration" && in.kind != "verification") errors.push_back({"kind", msg::kCalibrationKind});
    if (in.certificateNo.empty()) errors.push_back({"certificate_no", assay::msg::kRequired});
    if (in.provider.empty()) errors.push_back({"provider", assay::msg::kRequired});
    if (!isDate(in.performedOn)) errors.push_back({"performed_on", assay::msg::kNotDate});
    else if (in.performedOn > today) errors.push_back({"performed_on", assay::msg::kInFuture});
    if (!isDate(in.dueOn) || (isDate(in.performedOn) && in.dueOn <= in.performedOn))
        errors.push_back({"due_on", msg::kDueAfterPerformed});
    if (in.result != "pass" && in.result != "fail") errors.push_back({"result", msg::kResultAsLeft});
    if (in.asFound != "in_tolerance" && in.asFound != "out_of_tolerance")
        errors.push_back({"as_found", msg::kAsFound});
    return errors;
}

EquipmentChange EquipmentService::addCalibration(const Principal& p, std::int64_t id, int expectedVersion,
                                                 const CalibrationInput& in, const std::string& requestId) {
    if (auto errors = calibrationProblems(in, today()); !errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = requireLab(p);
    const bool raises = in.asFound == "out_of_tolerance";
    return withImpact(p, lab, id, raises, in.performedOn,
                      Message(msg::kNcOutOfTolerance, {{"kind", Message(in.kind == "calibration" ? msg::kKindCalibration : msg::kKindVerification)},
                                                        {"certificate", in.certificateNo}, {"date", in.performedOn}}), requestId,
                      [&](Tx& tx, Equipment e) {
                          if (e.version != expectedVersion) throw Error::preconditionFailed(msg::kEquipmentChanged);
                          if (e.status == ServiceStatus::Retired) throw Error::conflict(msg::kRetiredNoCalibration, {});
                          Calibration c{ids_.next(), id, in.kind, in.certificateNo, in.provider, in.performedOn, in.dueOn,
                                        in.result, in.asFound, in.note, toEpochMillis(clock_.now())};
                          repo_.insertCalibration(tx, lab, c, p.userId);
                          if (!repo_.touch(tx, lab, id, expectedVersion, c.createdAtMs))
                              throw Error::preconditionFailed(msg::kEquipmentChanged);
                          e.calibrations.push_back(c);
                          std::sort(e.calibrations.begin(), e.calibrations.end(),
                                    [](const Calibration& a, const Calibration& b) { return a.performedOn < b.performedOn; });
                          e.version = expectedVersion + 1;
                          audit_.record(tx, &p, requestId,
                                        {"equipment", std::to_string(id), "add_calibration", in.kind, std::nullopt,
                                         in.certificateNo + " by " + in.provider + " on " + in.performedOn + ", due " + in.dueOn +
                                             ", " + in.result + ", as found " + in.asFound,
                                         std::nullopt});
                          return e;
                      });
}

std::vector<FieldError> EquipmentService::checkProblems(const CheckInput& in, const std::string& today) {
    std::vector<FieldError> errors;
    if (!isDate(in.performedOn)) errors.push_back({"performed_on", assay::msg::kNotDate});
    else if (in.performedOn > today) errors.push_back({"performed_on", assay::msg::kInFuture});
    if (in.result != "pass" && in.result != "fail") errors.push_back({"result", msg::kPassOrFail});
    return errors;
}

EquipmentChange EquipmentService::addCheck(const Principal& p, std::int64_t id, int expectedVersion, const CheckInput& in,
                                           const std::string& requestId) {
    if (auto errors = checkProblems(in, today()); !errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = requireLab(p);
    return withImpact(p, lab, id, in.result == "fail", in.performedOn, Message(msg::kNcFailedCheck, {{"date", in.performedOn}}),
                      requestId, [&](Tx& tx, Equipment e) {
                          if (e.version != expectedVersion) throw Error::preconditionFailed(msg::kEquipmentChanged);
                          IntermediateCheck c{ids_.next(), id, in.performedOn, in.result, in.note, toEpochMillis(clock_.now())};
                          repo_.insertCheck(tx, lab, c, p.userId);
                          if (!repo_.touch(tx, lab, id, expectedVersion, c.createdAtMs))
                              throw Error::preconditionFailed(msg::kEquipmentChanged);
                          e.checks.push_back(c);
                          e.version = expectedVersion + 1;
                          audit_.record(tx, &p, requestId,
                                        {"equipment", std::to_string(id), "add_check", "", std::nullopt,
                                         "intermediate check " + in.performedOn + " " + in.result, std::nullopt});
                          return e;
                      });
}

std::vector<FieldError> EquipmentService::materialProblems(const MaterialInput& in) {
    std::vector<FieldError> errors;
    if (in.name.empty()) errors.push_back({"name", assay::msg::kRequired});
    if (in.lotNo.empty()) errors.push_back({"lot_no", assay::msg::kRequired});
    if (!isDate(in.expiresOn)) errors.push_back({"expires_on", assay::msg::kNotDate});
    return errors;
}

ReferenceMaterial EquipmentService::createMaterial(const Principal& p, const MaterialInput& in, const std::string& requestId) {
    if (auto errors = materialProblems(in); !errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = requireLab(p);
    return db_.write([&](Tx& tx) {
        ReferenceMaterial m;
        m.id = ids_.next();
        m.labId = lab;
        m.name = in.name;
        m.lotNo = in.lotNo;
        m.certifiedValue = in.certifiedValue;
        m.unit = in.unit;
        m.supplier = in.supplier;
        m.expiresOn = in.expiresOn;
        m.createdAtMs = toEpochMillis(clock_.now());
        repo_.insertMaterial(tx, m, p.userId);
        audit_.record(tx, &p, requestId,
                      {"reference_material", std::to_string(m.id), "create", "", std::nullopt,
                       m.name + " lot " + m.lotNo + (m.certifiedValue ? " " + m.certifiedValue->toString() + " " + m.unit.value_or("") : "") +
                           " expires " + m.expiresOn,
                       std::nullopt});
        return m;
    });
}

std::vector<ReferenceMaterial> EquipmentService::materials(const Principal& p, std::int64_t afterId, int limit) {
    const std::int64_t lab = requireLab(p);
    return db_.read([&](Tx& tx) { return repo_.listMaterials(tx, lab, afterId, limit); });
}

EquipmentVerdict EquipmentService::usable(const Principal& p, std::int64_t id, const std::string& date) {
    if (!isDate(date)) throw Error::invalidField("date", Message(assay::msg::kNotDate));
    const std::int64_t lab = requireLab(p);
    auto e = db_.read([&](Tx& tx) { return repo_.find(tx, lab, id); });
    if (!e) throw Error::notFound("equipment");
    return usableOn(*e, date, policy_);
}

EquipmentVerdict EquipmentService::equipmentUsableOn(Tx& tx, std::int64_t labId, std::int64_t equipmentId, const std::string& date) {
    auto no = [&](Message why) { return EquipmentVerdict{false, "R15", why.english(), policy_, why}; };
    if (!isDate(date)) return no(Message(msg::kTestDateNotDate, {{"date", date}}));
    auto e = repo_.find(tx, labId, equipmentId);
    if (!e) return no(msg::kEquipmentNotInRegister);
    return usableOn(*e, date, policy_);
}

std::optional<EquipmentFacts> EquipmentService::equipmentFacts(Tx& tx, std::int64_t labId, std::int64_t equipmentId, const std::string& today) {
    auto e = repo_.find(tx, labId, equipmentId);
    if (!e) return std::nullopt;
    EquipmentFacts f;
    f.name = e->name;
    f.assetNo = e->assetNo;
    f.equipmentType = e->equipmentType;
    f.model = e->model;
    f.manufacturer = e->manufacturer;
    f.location = e->location;
    const Calibration* cal = nullptr;
    for (const auto& c : e->calibrations)
        if (c.performedOn <= today) cal = &c;
    if (cal) f.calibrationDue = cal->dueOn;
    const auto v = usableOn(*e, today, policy_);
    f.usableToday = v.usable;
    if (!v.usable) {
        f.why = v.why;
        return f;
    }
    // Usable from today until the calibration falls due or a recorded status takes it out of
    // service; the records hold nothing else that changes with the date alone.
    std::string through = cal->dueOn;
    for (const auto& s : e->statusHistory)
        if (s.effectiveDate > today && s.status != ServiceStatus::InService && s.effectiveDate <= through)
            through = addDays(s.effectiveDate, -1);
    f.usableThrough = through;
    return f;
}

EquipmentVerdict EquipmentService::referenceMaterialUsableOn(Tx& tx, std::int64_t labId, std::int64_t materialId, const std::string& date) {
    auto no = [&](Message why) { return EquipmentVerdict{false, "R15", why.english(), policy_, why}; };
    if (!isDate(date)) return no(Message(msg::kTestDateNotDate, {{"date", date}}));
    auto m = repo_.findMaterial(tx, labId, materialId);
    if (!m) return no(msg::kMaterialNotInRegister);
    return usableOn(*m, date, policy_);
}

EquipmentVerdict EquipmentService::typeUsableOn(Tx& tx, std::int64_t labId, const std::string& equipmentType, const std::string& date) {
    std::vector<Message> reasons;
    for (const auto& e : repo_.ofType(tx, labId, equipmentType)) {
        auto v = usableOn(e, date, policy_);
        if (v.usable) return {true, "", "", "", {}};
        reasons.push_back(v.why);
    }
    Message why(msg::kNoEquipmentOfType, {{"type", equipmentType}});
    if (!reasons.empty()) {
        // "A: reason; B: reason" as one parameter, each rendered in the reader's language.
        Message list = reasons.front();
        for (std::size_t i = 1; i < reasons.size(); ++i) list = Message(msg::kAlso, {{"first", list}, {"next", reasons[i]}});
        why = Message(msg::kNoUsableOfType, {{"type", equipmentType}, {"reasons", list}});
    }
    return {false, "R15", why.english(), policy_, why};
}

std::vector<DueItem> EquipmentService::dueWithin(const Principal& p, int within) {
    const std::int64_t lab = requireLab(p);
    const std::string day = today();
    std::vector<DueItem> out;
    db_.read([&](Tx& tx) {
        out.clear();  // the body may run again after a retry
        for (std::int64_t after = 0;;) {
            auto page = repo_.list(tx, lab, after, 500);
            for (const auto& e : page) {
                if (e.status != ServiceStatus::InService) continue;
                auto due = currentDueDate(e, day);
                if (!due) continue;
                const long left = daysBetween(day, *due);
                if (left <= within) out.push_back({"calibration_due", "equipment", e.id, who(e), *due, left});
            }
            if (page.size() < 500) break;
            after = page.back().id;
        }
        for (std::int64_t after = 0;;) {
            auto page = repo_.listMaterials(tx, lab, after, 500);
            for (const auto& m : page) {
                const long left = daysBetween(day, m.expiresOn);
                if (left <= within)
                    out.push_back({"reference_material_expiry", "reference_material", m.id, m.name + " lot " + m.lotNo, m.expiresOn, left});
            }
            if (page.size() < 500) break;
            after = page.back().id;
        }
    });
    std::sort(out.begin(), out.end(), [](const DueItem& a, const DueItem& b) { return a.daysLeft < b.daysLeft; });
    return out;
}

}  // namespace assay::accreditation
