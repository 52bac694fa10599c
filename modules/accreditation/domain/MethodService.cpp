// MethodService: validation, tenancy, withdrawal and audit of the register's test methods and
// their verification / validation records.
#include "domain/MethodService.hpp"
#include "domain/AccreditationMessages.hpp"

#include "assay/Messages.hpp"
#include "assay/Error.hpp"
#include "assay/Text.hpp"
#include "domain/Dates.hpp"
#include "domain/LabTenancy.hpp"

namespace assay::accreditation {

std::vector<FieldError> MethodService::methodProblems(const MethodInput& in) {
    std::vector<FieldError> errors;
    if (in.standardId <= 0) errors.push_back({"standard_id", assay::msg::kRequired});
    if (in.name.empty()) errors.push_back({"name", assay::msg::kRequired});
    tooLong(errors, "name", in.name, 200);
    if (in.clause) tooLong(errors, "clause", *in.clause, 32);
    if (in.principle) tooLong(errors, "principle", *in.principle, 500);
    if (!isMethodKind(in.kind)) errors.push_back({"kind", msg::kMethodKind});
    if (in.equipmentTypes.empty()) errors.push_back({"equipment_types", "name at least one equipment type"});
    if (in.belowLodStyle && *in.belowLodStyle != "lod" && *in.belowLodStyle != "nd")
        errors.push_back({"below_lod_style", msg::kBelowLodStyle});
    for (std::size_t i = 0; i < in.equipmentTypes.size(); ++i) {
        const auto& t = in.equipmentTypes[i];
        if (t.empty() || t.size() > 50 || t.find(',') != std::string::npos)
            errors.push_back({"equipment_types[" + std::to_string(i) + "]", msg::kEquipmentTypeName});
    }
    return errors;
}

Method MethodService::createMethod(const Principal& p, const MethodInput& in, const std::string& requestId) {
    if (auto errors = methodProblems(in); !errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = requireLab(p);
    return db_.write([&](Tx& tx) {
        auto standard = repo_.findStandard(tx, lab, in.standardId);
        if (!standard) throw Error::invalidField("standard_id", msg::kNoSuchStandard);
        if (standard->ref.status != StandardStatus::Current)
            throw Error(ErrorCode::FailedPrecondition,
                        Message(msg::kMethodStandardNotCurrent, {{"standard", standard->ref.designation()}, {"status", toString(standard->ref.status)}}));
        return insertMethodIn(tx, p, lab, standard->ref, in, requestId);
    });
}

Method MethodService::insertMethodIn(Tx& tx, const Principal& p, std::int64_t lab, const StandardRef& standard,
                                       const MethodInput& in, const std::string& requestId) {
    Method m;
    m.ref.id = ids_.next();
    m.ref.labId = lab;
    m.ref.standard = standard;
    m.ref.clause = in.clause;
    m.ref.name = in.name;
    m.ref.kind = in.kind;
    m.ref.status = MethodStatus::Current;
    m.ref.equipmentTypes = in.equipmentTypes;
    m.ref.belowLodStyle = in.belowLodStyle;
    m.principle = in.principle;
    m.createdAtMs = m.updatedAtMs = toEpochMillis(clock_.now());
    repo_.insertMethod(tx, m);
    audit_.record(tx, &p, requestId,
                  {"method", std::to_string(m.ref.id), "create", "", std::nullopt,
                   m.ref.citation() + " " + m.ref.name + " (" + m.ref.kind + ")", std::nullopt});
    return m;
}

Method MethodService::method(const Principal& p, std::int64_t id) {
    const std::int64_t lab = requireLab(p);
    auto m = db_.read([&](Tx& tx) { return repo_.findMethod(tx, lab, id); });
    if (!m) throw Error::notFound("method");
    return *m;
}

std::vector<Method> MethodService::methods(const Principal& p, std::int64_t afterId, int limit) {
    const std::int64_t lab = requireLab(p);
    return db_.read([&](Tx& tx) { return repo_.listMethods(tx, lab, afterId, limit); });
}

Method MethodService::withdrawMethod(const Principal& p, std::int64_t id, int expectedVersion, const std::string& reason,
                                       const std::string& requestId) {
    const std::string why = requireText("reason", reason, assay::msg::kRequired, 500);
    const std::int64_t lab = requireLab(p);
    return db_.write([&](Tx& tx) {
        auto m = repo_.findMethod(tx, lab, id);
        if (!m) throw Error::notFound("method");
        if (m->version != expectedVersion) throw Error::preconditionFailed(msg::kMethodChanged);
        if (m->ref.status != MethodStatus::Current) throw Error::conflict(msg::kMethodAlreadyWithdrawn, {});
        Method next = *m;
        next.ref.status = MethodStatus::Withdrawn;
        next.updatedAtMs = toEpochMillis(clock_.now());
        if (!repo_.updateMethodStatus(tx, next, expectedVersion))
            throw Error::preconditionFailed(msg::kMethodChanged);
        next.version = expectedVersion + 1;
        audit_.record(tx, &p, requestId, {"method", std::to_string(id), "update", "status", "current", "withdrawn", why});
        return next;
    });
}

MethodRecord MethodService::addMethodRecord(const Principal& p, std::int64_t methodId, const MethodRecordInput& in,
                                              const std::string& requestId) {
    std::vector<FieldError> errors;
    if (!isRecordKind(in.kind)) errors.push_back({"kind", msg::kRecordKind});
    const auto date = parseIsoDate(in.recordDate);
    if (!date) errors.push_back({"record_date", assay::msg::kNotDate});
    else if (in.recordDate > isoDateInLab(clock_.now())) errors.push_back({"record_date", msg::kNotInFuture});
    if (in.recordNo.empty()) errors.push_back({"record_no", assay::msg::kRequired});
    if (!errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = requireLab(p);
    return db_.write([&](Tx& tx) {
        auto m = repo_.findMethod(tx, lab, methodId);
        if (!m) throw Error::notFound("method");
        if (m->ref.kind == "non_standard" && in.kind != "validation")
            throw Error::invalidField("kind", msg::kNeedsValidation);
        return insertMethodRecordIn(tx, p, lab, methodId, in, requestId);
    });
}

MethodRecord MethodService::insertMethodRecordIn(Tx& tx, const Principal& p, std::int64_t lab, std::int64_t methodId,
                                                   const MethodRecordInput& in, const std::string& requestId) {
    MethodRecord r{ids_.next(), lab, methodId, in.kind, in.recordDate, in.recordNo, in.summary, p.userId, toEpochMillis(clock_.now())};
    repo_.insertMethodRecord(tx, r);
    audit_.record(tx, &p, requestId,
                  {"method", std::to_string(methodId), "add_record", in.kind, std::nullopt, in.recordNo + " dated " + in.recordDate,
                   std::nullopt});
    return r;
}

std::vector<MethodRecord> MethodService::methodRecords(const Principal& p, std::int64_t methodId) {
    const std::int64_t lab = requireLab(p);
    return db_.read([&](Tx& tx) {
        if (!repo_.findMethod(tx, lab, methodId)) throw Error::notFound("method");
        return repo_.listMethodRecords(tx, lab, methodId);
    });
}

}  // namespace assay::accreditation
