// RegisterService: validation, tenancy, status changes and audit of the lab register.
#include "domain/RegisterService.hpp"

#include <algorithm>
#include <map>
#include <regex>

#include "assay/Csv.hpp"
#include "assay/Error.hpp"
#include "domain/Dates.hpp"
#include "domain/LabTenancy.hpp"
#include "assay/Text.hpp"

namespace assay::accreditation {

namespace {
// Chinese and international standard numbers: GB 5009.12, GB/T 8170, SN/T 0448, DB44/T 1234,
// JJG 196, ISO 17025, CNAS-CL01. The edition year is a separate field.
const std::regex kNumber(R"(^[A-Z][A-Z0-9]{0,9}(/[A-Z]{1,3})?[ -][0-9A-Z][0-9A-Z.\-]{0,40}$)");

std::string describe(const Standard& s) { return s.ref.designation() + " " + s.ref.title; }
}  // namespace

std::vector<FieldError> RegisterService::standardProblems(const StandardInput& in) {
    std::vector<FieldError> errors;
    tooLong(errors, "title", in.title, 300);
    if (tooLong(errors, "number", in.number, 64)) {
        // not matched: a long value would only feed the regex
    } else if (!std::regex_match(in.number, kNumber))
        errors.push_back({"number", "must be a standard number such as 'GB 5009.12' or 'GB/T 8170', without the year"});
    else if (std::regex_search(in.number, std::regex(R"(-(19|20)[0-9]{2}$)")))
        errors.push_back({"number", "give the edition year in 'year', not in the number"});
    if (in.year < 1950 || in.year > 2100) errors.push_back({"year", "must be the edition year, 1950-2100"});
    if (in.title.empty()) errors.push_back({"title", "required"});
    return errors;
}

std::optional<std::pair<std::string, int>> RegisterService::parseDesignation(const std::string& d) {
    // By hand, not std::regex: libstdc++'s regex recurses per character, and a long cell from an
    // upload would overflow the stack.
    if (d.size() < 6 || d.size() > 80) return std::nullopt;
    const std::size_t dash = d.rfind('-');
    if (dash == std::string::npos || dash == 0 || d.size() - dash != 5) return std::nullopt;
    const std::string year = d.substr(dash + 1);
    if (!std::all_of(year.begin(), year.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
    if (year.compare(0, 2, "19") != 0 && year.compare(0, 2, "20") != 0) return std::nullopt;
    return std::make_pair(d.substr(0, dash), std::stoi(year));
}

std::int64_t RegisterService::labOf(const Principal& p) { return requireLab(p); }

Standard RegisterService::createStandard(const Principal& p, const StandardInput& in, const std::string& requestId) {
    if (auto errors = standardProblems(in); !errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = labOf(p);
    return db_.write([&](Tx& tx) {
        if (repo_.findStandardByEdition(tx, lab, in.number, in.year))
            throw Error::conflict("the register already holds " + in.number + "-" + std::to_string(in.year));
        return insertStandardIn(tx, p, lab, in, requestId);
    });
}

Standard RegisterService::insertStandardIn(Tx& tx, const Principal& p, std::int64_t lab, const StandardInput& in,
                                           const std::string& requestId) {
    Standard s;
    s.ref = {ids_.next(), lab, in.number, in.year, in.title, "current", std::nullopt};
    s.createdAtMs = s.updatedAtMs = toEpochMillis(clock_.now());
    repo_.insertStandard(tx, s);
    audit_.record(tx, &p, requestId, {"standard", std::to_string(s.ref.id), "create", "", std::nullopt, describe(s), std::nullopt});
    return s;
}

Standard RegisterService::standard(const Principal& p, std::int64_t id) {
    const std::int64_t lab = labOf(p);
    auto s = db_.read([&](Tx& tx) { return repo_.findStandard(tx, lab, id); });
    if (!s) throw Error::notFound("standard");
    return *s;
}

std::vector<Standard> RegisterService::standards(const Principal& p, std::int64_t afterId, int limit,
                                                 const std::optional<std::string>& status) {
    if (status && !isStandardStatus(*status)) throw Error::invalidField("status", "must be current, withdrawn or replaced");
    const std::int64_t lab = labOf(p);
    return db_.read([&](Tx& tx) { return repo_.listStandards(tx, lab, afterId, limit, status); });
}

Standard RegisterService::changeStandardStatus(const Principal& p, std::int64_t id, int expectedVersion,
                                               const std::string& status, std::optional<std::int64_t> replacedBy,
                                               const std::string& reason, const std::string& requestId) {
    std::vector<FieldError> errors;
    if (status != "withdrawn" && status != "replaced") errors.push_back({"status", "must be withdrawn or replaced"});
    if (status == "replaced" && !replacedBy) errors.push_back({"replaced_by", "required when the status is replaced"});
    if (status == "withdrawn" && replacedBy) errors.push_back({"replaced_by", "only with the status replaced"});
    const std::string why = requiredText(errors, "reason", reason, "required", 500);
    if (!errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = labOf(p);
    return db_.write([&](Tx& tx) {
        auto s = repo_.findStandard(tx, lab, id);
        if (!s) throw Error::notFound("standard");
        if (s->version != expectedVersion) throw Error::preconditionFailed("the standard was changed by someone else");
        if (s->ref.status != "current")
            throw Error::conflict("a " + s->ref.status + " standard cannot change status", {});
        if (replacedBy) {
            auto by = repo_.findStandard(tx, lab, *replacedBy);
            if (!by) throw Error::invalidField("replaced_by", "no such standard in this lab's register");
            if (by->ref.id == id || by->ref.status != "current" || by->ref.number != s->ref.number)
                throw Error::conflict("the replacement must be another current edition of " + s->ref.number);
        }
        Standard next = *s;
        next.ref.status = status;
        next.ref.replacedBy = replacedBy;
        next.updatedAtMs = toEpochMillis(clock_.now());
        if (!repo_.updateStandardStatus(tx, next, expectedVersion))
            throw Error::preconditionFailed("the standard was changed by someone else");
        next.version = expectedVersion + 1;
        audit_.record(tx, &p, requestId,
                      {"standard", std::to_string(id), "update", "status", s->ref.status,
                       status + (replacedBy ? " by " + std::to_string(*replacedBy) : ""), why});
        return next;
    });
}

std::vector<FieldError> RegisterService::methodProblems(const MethodInput& in) {
    std::vector<FieldError> errors;
    if (in.standardId <= 0) errors.push_back({"standard_id", "required"});
    if (in.name.empty()) errors.push_back({"name", "required"});
    tooLong(errors, "name", in.name, 200);
    if (in.clause) tooLong(errors, "clause", *in.clause, 32);
    if (in.principle) tooLong(errors, "principle", *in.principle, 500);
    if (!isMethodKind(in.kind)) errors.push_back({"kind", "must be standard or non_standard"});
    if (in.equipmentTypes.empty()) errors.push_back({"equipment_types", "name at least one equipment type"});
    if (in.belowLodStyle && *in.belowLodStyle != "lod" && *in.belowLodStyle != "nd")
        errors.push_back({"below_lod_style", "must be lod (\"<0.005\") or nd (未检出)"});
    for (std::size_t i = 0; i < in.equipmentTypes.size(); ++i) {
        const auto& t = in.equipmentTypes[i];
        if (t.empty() || t.size() > 50 || t.find(',') != std::string::npos)
            errors.push_back({"equipment_types[" + std::to_string(i) + "]", "must be 1-50 characters without commas"});
    }
    return errors;
}

Method RegisterService::createMethod(const Principal& p, const MethodInput& in, const std::string& requestId) {
    if (auto errors = methodProblems(in); !errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = labOf(p);
    return db_.write([&](Tx& tx) {
        auto standard = repo_.findStandard(tx, lab, in.standardId);
        if (!standard) throw Error::invalidField("standard_id", "no such standard in this lab's register");
        if (standard->ref.status != "current")
            throw Error(ErrorCode::FailedPrecondition,
                        standard->ref.designation() + " is " + standard->ref.status + "; a new method needs a current standard");
        return insertMethodIn(tx, p, lab, standard->ref, in, requestId);
    });
}

Method RegisterService::insertMethodIn(Tx& tx, const Principal& p, std::int64_t lab, const StandardRef& standard,
                                       const MethodInput& in, const std::string& requestId) {
    Method m;
    m.ref.id = ids_.next();
    m.ref.labId = lab;
    m.ref.standard = standard;
    m.ref.clause = in.clause;
    m.ref.name = in.name;
    m.ref.kind = in.kind;
    m.ref.status = "current";
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

Method RegisterService::method(const Principal& p, std::int64_t id) {
    const std::int64_t lab = labOf(p);
    auto m = db_.read([&](Tx& tx) { return repo_.findMethod(tx, lab, id); });
    if (!m) throw Error::notFound("method");
    return *m;
}

std::vector<Method> RegisterService::methods(const Principal& p, std::int64_t afterId, int limit) {
    const std::int64_t lab = labOf(p);
    return db_.read([&](Tx& tx) { return repo_.listMethods(tx, lab, afterId, limit); });
}

Method RegisterService::withdrawMethod(const Principal& p, std::int64_t id, int expectedVersion, const std::string& reason,
                                       const std::string& requestId) {
    const std::string why = requireText("reason", reason, "required", 500);
    const std::int64_t lab = labOf(p);
    return db_.write([&](Tx& tx) {
        auto m = repo_.findMethod(tx, lab, id);
        if (!m) throw Error::notFound("method");
        if (m->version != expectedVersion) throw Error::preconditionFailed("the method was changed by someone else");
        if (m->ref.status != "current") throw Error::conflict("the method is already withdrawn", {});
        Method next = *m;
        next.ref.status = "withdrawn";
        next.updatedAtMs = toEpochMillis(clock_.now());
        if (!repo_.updateMethodStatus(tx, next, expectedVersion))
            throw Error::preconditionFailed("the method was changed by someone else");
        next.version = expectedVersion + 1;
        audit_.record(tx, &p, requestId, {"method", std::to_string(id), "update", "status", "current", "withdrawn", why});
        return next;
    });
}

MethodRecord RegisterService::addMethodRecord(const Principal& p, std::int64_t methodId, const MethodRecordInput& in,
                                              const std::string& requestId) {
    std::vector<FieldError> errors;
    if (!isRecordKind(in.kind)) errors.push_back({"kind", "must be verification or validation"});
    const auto date = parseIsoDate(in.recordDate);
    if (!date) errors.push_back({"record_date", "must be a date YYYY-MM-DD"});
    else if (in.recordDate > isoDateInLab(clock_.now())) errors.push_back({"record_date", "must not be in the future"});
    if (in.recordNo.empty()) errors.push_back({"record_no", "required"});
    if (!errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = labOf(p);
    return db_.write([&](Tx& tx) {
        auto m = repo_.findMethod(tx, lab, methodId);
        if (!m) throw Error::notFound("method");
        if (m->ref.kind == "non_standard" && in.kind != "validation")
            throw Error::invalidField("kind", "a non-standard (lab-developed or modified) method needs a validation record (R23)");
        return insertMethodRecordIn(tx, p, lab, methodId, in, requestId);
    });
}

MethodRecord RegisterService::insertMethodRecordIn(Tx& tx, const Principal& p, std::int64_t lab, std::int64_t methodId,
                                                   const MethodRecordInput& in, const std::string& requestId) {
    MethodRecord r{ids_.next(), lab, methodId, in.kind, in.recordDate, in.recordNo, in.summary, p.userId, toEpochMillis(clock_.now())};
    repo_.insertMethodRecord(tx, r);
    audit_.record(tx, &p, requestId,
                  {"method", std::to_string(methodId), "add_record", in.kind, std::nullopt, in.recordNo + " dated " + in.recordDate,
                   std::nullopt});
    return r;
}

std::vector<MethodRecord> RegisterService::methodRecords(const Principal& p, std::int64_t methodId) {
    const std::int64_t lab = labOf(p);
    return db_.read([&](Tx& tx) {
        if (!repo_.findMethod(tx, lab, methodId)) throw Error::notFound("method");
        return repo_.listMethodRecords(tx, lab, methodId);
    });
}

std::vector<FieldError> RegisterService::parameterProblems(const Parameter& in) {
    std::vector<FieldError> errors;
    const Decimal zero, hundred = Decimal::fromInt(100);
    if (in.nameZh.empty()) errors.push_back({"name_zh", "required"});
    if (in.unit.empty()) errors.push_back({"unit", "required"});
    tooLong(errors, "name_zh", in.nameZh, 100);
    if (in.nameEn) tooLong(errors, "name_en", *in.nameEn, 100);
    tooLong(errors, "unit", in.unit, 32);
    for (const auto& [field, value] : {std::pair<const char*, const std::optional<Decimal>*>{"lod", &in.lod}, {"loq", &in.loq},
                                       {"mu_value", &in.muValue}})
        if (*value) tooLong(errors, field, (*value)->toString(), 40);
    if (in.precisionKind == "decimals") {
        if (in.precisionDigits < -10 || in.precisionDigits > 10)
            errors.push_back({"precision_digits", "must be -10 to 10 decimals (negative: tens, hundreds ...)"});
    } else if (in.precisionKind == "significant") {
        if (in.precisionDigits < 1 || in.precisionDigits > 10)
            errors.push_back({"precision_digits", "must be 1-10 significant figures"});
    } else {
        errors.push_back({"precision_kind", "must be decimals or significant"});
    }
    // GB/T 8170 3.4: 0.5- and 0.2-unit rounding are of a place, so they go with decimals only.
    if (in.roundingUnit != "1" && in.roundingUnit != "0.5" && in.roundingUnit != "0.2")
        errors.push_back({"rounding_unit", "must be \"1\", \"0.5\" or \"0.2\" (units of the place rounded to, GB/T 8170 3.4)"});
    else if (in.roundingUnit != "1" && in.precisionKind == "significant")
        errors.push_back({"rounding_unit", "0.5- and 0.2-unit rounding are to a place: give precision_kind decimals"});
    if (in.lod && *in.lod <= zero) errors.push_back({"lod", "must be greater than 0"});
    if (in.loq && *in.loq <= zero) errors.push_back({"loq", "must be greater than 0"});
    if (in.lod && in.loq && *in.loq < *in.lod) errors.push_back({"loq", "must not be below the LOD"});
    if (in.muModel == "absolute" || in.muModel == "relative") {
        if (!in.muValue) errors.push_back({"mu_value", "required for the " + in.muModel + " model"});
        else if (*in.muValue <= zero) errors.push_back({"mu_value", "must be greater than 0"});
        else if (in.muModel == "relative" && *in.muValue > hundred) errors.push_back({"mu_value", "a relative uncertainty is a percent, at most 100"});
        if (!in.muBands.empty()) errors.push_back({"mu_ranges", "only with the range model"});
    } else if (in.muModel == "range") {
        if (in.muValue) errors.push_back({"mu_value", "not with the range model; give mu_ranges"});
        if (in.muBands.empty() || in.muBands.size() > 10) errors.push_back({"mu_ranges", "1-10 bands are required"});
        for (std::size_t i = 0; i < in.muBands.size(); ++i) {
            const auto& b = in.muBands[i];
            const std::string f = "mu_ranges[" + std::to_string(i) + "]";
            const bool last = i + 1 == in.muBands.size();
            if (last && b.upTo) errors.push_back({f + ".up_to", "the last band must be open-ended (null)"});
            if (!last && !b.upTo) errors.push_back({f + ".up_to", "only the last band may be open-ended"});
            if (i > 0 && b.upTo && in.muBands[i - 1].upTo && *b.upTo <= *in.muBands[i - 1].upTo)
                errors.push_back({f + ".up_to", "bands must be in ascending order"});
            if (b.relativePercent <= zero || b.relativePercent > hundred)
                errors.push_back({f + ".relative", "must be a percent greater than 0, at most 100"});
        }
    } else if (in.muModel == "none") {
        if (in.muValue || !in.muBands.empty()) errors.push_back({"mu_model", "none takes no value or bands"});
    } else {
        errors.push_back({"mu_model", "must be none, absolute, relative or range"});
    }
    return errors;
}

Parameter RegisterService::createParameter(const Principal& p, Parameter in, const std::string& requestId) {
    if (auto errors = parameterProblems(in); !errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = labOf(p);
    return db_.write([&](Tx& tx) {
        if (repo_.findParameterByName(tx, lab, in.nameZh, in.unit))
            throw Error::conflict("the register already has " + in.nameZh + " in " + in.unit);
        return insertParameterIn(tx, p, lab, in, requestId);
    });
}

Parameter RegisterService::insertParameterIn(Tx& tx, const Principal& p, std::int64_t lab, Parameter in, const std::string& requestId) {
    in.id = ids_.next();
    in.labId = lab;
    in.createdAtMs = toEpochMillis(clock_.now());
    in.version = 1;
    repo_.insertParameter(tx, in);
    audit_.record(tx, &p, requestId,
                  {"parameter", std::to_string(in.id), "create", "", std::nullopt,
                   in.nameZh + " [" + in.unit + "] " + in.precisionKind + "=" + std::to_string(in.precisionDigits) +
                       (in.roundingUnit == "1" ? "" : " by " + in.roundingUnit + " unit") +
                       " LOD=" + (in.lod ? in.lod->toString() : "-") + " LOQ=" + (in.loq ? in.loq->toString() : "-") +
                       " MU=" + in.muModel,
                  std::nullopt});
    return in;
}

Parameter RegisterService::parameter(const Principal& p, std::int64_t id) {
    const std::int64_t lab = labOf(p);
    auto x = db_.read([&](Tx& tx) { return repo_.findParameter(tx, lab, id); });
    if (!x) throw Error::notFound("parameter");
    return *x;
}

std::vector<Parameter> RegisterService::parameters(const Principal& p, std::int64_t afterId, int limit) {
    const std::int64_t lab = labOf(p);
    return db_.read([&](Tx& tx) { return repo_.listParameters(tx, lab, afterId, limit); });
}

std::vector<FieldError> RegisterService::specificationProblems(const Specification& in) {
    std::vector<FieldError> errors;
    if (in.name.empty()) errors.push_back({"name", "required"});
    tooLong(errors, "name", in.name, 200);
    if (in.comparisonMode != "full" && in.comparisonMode != "rounded")
        errors.push_back({"comparison_mode", "must be full (全数值比较法) or rounded (修约值比较法)"});
    if (in.decisionRule != "simple" && in.decisionRule != "guard_band")
        errors.push_back({"decision_rule", "must be simple or guard_band"});
    if (in.limits.empty() || in.limits.size() > 500) errors.push_back({"limits", "1-500 limits are required"});
    for (std::size_t i = 0; i < in.limits.size(); ++i) {
        const auto& l = in.limits[i];
        const std::string f = "limits[" + std::to_string(i) + "]";
        if (l.parameterId <= 0) errors.push_back({f + ".parameter_id", "required"});
        if (l.productCategory.empty()) errors.push_back({f + ".product_category", "required"});
        tooLong(errors, f + ".product_category", l.productCategory, 100);
        if (l.clause) tooLong(errors, f + ".clause", *l.clause, 64);
        if (l.minValue) tooLong(errors, f + ".min", l.minValue->toString(), 40);
        if (l.maxValue) tooLong(errors, f + ".max", l.maxValue->toString(), 40);
        if (!l.minValue && !l.maxValue) errors.push_back({f, "give min, max or both"});
        if (l.minValue && (!l.minOp || (*l.minOp != ">=" && *l.minOp != ">")))
            errors.push_back({f + ".min_op", "must be >= or >"});
        if (l.maxValue && (!l.maxOp || (*l.maxOp != "<=" && *l.maxOp != "<")))
            errors.push_back({f + ".max_op", "must be <= or <"});
        if (!l.minValue && l.minOp) errors.push_back({f + ".min", "required with min_op"});
        if (!l.maxValue && l.maxOp) errors.push_back({f + ".max", "required with max_op"});
        if (l.minValue && l.maxValue && *l.minValue > *l.maxValue) errors.push_back({f + ".min", "must not exceed max"});
    }
    return errors;
}

Specification RegisterService::createSpecification(const Principal& p, Specification in, const std::string& requestId) {
    if (auto errors = specificationProblems(in); !errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = labOf(p);
    return db_.write([&](Tx& tx) {
        std::vector<FieldError> errors;
        if (in.standardId && !repo_.findStandard(tx, lab, *in.standardId))
            errors.push_back({"standard_id", "no such standard in this lab's register"});
        for (std::size_t i = 0; i < in.limits.size(); ++i)
            if (!repo_.findParameter(tx, lab, in.limits[i].parameterId))
                errors.push_back({"limits[" + std::to_string(i) + "].parameter_id", "no such parameter in this lab's register"});
        if (!errors.empty()) throw Error::invalid(errors);
        return insertSpecificationIn(tx, p, lab, in, requestId);
    });
}

Specification RegisterService::insertSpecificationIn(Tx& tx, const Principal& p, std::int64_t lab, Specification in,
                                                     const std::string& requestId) {
    const auto latest = repo_.latestSpecification(tx, lab, in.name);
    in.id = ids_.next();
    in.labId = lab;
    in.version = latest ? latest->second + 1 : 1;
    in.status = "current";
    in.createdAtMs = toEpochMillis(clock_.now());
    for (auto& l : in.limits) l.id = ids_.next();
    if (latest) {
        repo_.supersedeSpecification(tx, lab, latest->first);
        audit_.record(tx, &p, requestId, {"specification", std::to_string(latest->first), "update", "status", "current",
                                          "superseded", "version " + std::to_string(in.version) + " created"});
    }
    repo_.insertSpecification(tx, in);
    audit_.record(tx, &p, requestId,
                  {"specification", std::to_string(in.id), "create", "", std::nullopt,
                   in.name + " v" + std::to_string(in.version) + " (" + std::to_string(in.limits.size()) + " limits, " +
                       in.comparisonMode + ", " + in.decisionRule + ")",
                   std::nullopt});
    return in;
}

Specification RegisterService::specification(const Principal& p, std::int64_t id) {
    const std::int64_t lab = labOf(p);
    auto s = db_.read([&](Tx& tx) { return repo_.findSpecification(tx, lab, id); });
    if (!s) throw Error::notFound("specification");
    return *s;
}

std::vector<Specification> RegisterService::specifications(const Principal& p, std::int64_t afterId, int limit) {
    const std::int64_t lab = labOf(p);
    return db_.read([&](Tx& tx) { return repo_.listSpecifications(tx, lab, afterId, limit); });
}

int RegisterService::importRegister(const Principal& p, const std::string& kind, const std::string& encoding,
                                    const std::string& bytes, const std::string& requestId) {
    static const std::map<std::string, std::map<std::string, std::string>> kColumns{
        {"standards", {{"标准编号", "standard"}, {"standard", "standard"}, {"标题", "title"}, {"标准名称", "title"}, {"title", "title"}}},
        {"parameters",
         {{"项目", "name_zh"}, {"name_zh", "name_zh"}, {"英文名称", "name_en"}, {"name_en", "name_en"}, {"单位", "unit"}, {"unit", "unit"},
          {"修约方式", "precision_kind"}, {"precision_kind", "precision_kind"}, {"修约位数", "precision_digits"},
          {"precision_digits", "precision_digits"}, {"修约单位", "rounding_unit"}, {"rounding_unit", "rounding_unit"},
          {"检出限", "lod"}, {"lod", "lod"}, {"定量限", "loq"}, {"loq", "loq"},
          {"不确定度模型", "mu_model"}, {"mu_model", "mu_model"}, {"不确定度", "mu_value"}, {"mu_value", "mu_value"}}},
        {"methods",
         {{"依据的标准", "standard"}, {"standard", "standard"}, {"方法", "clause"}, {"clause", "clause"}, {"方法名称", "name"},
          {"name", "name"}, {"原理", "principle"}, {"principle", "principle"}, {"类型", "kind"}, {"kind", "kind"},
          {"设备类型", "equipment_types"}, {"equipment_types", "equipment_types"}, {"验证日期", "record_date"},
          {"record_date", "record_date"}, {"记录编号", "record_no"}, {"record_no", "record_no"}}},
        {"specifications",
         {{"规范", "name"}, {"name", "name"}, {"依据的标准", "standard"}, {"standard", "standard"}, {"项目", "parameter"},
          {"parameter", "parameter"}, {"单位", "unit"}, {"unit", "unit"}, {"产品", "product_category"},
          {"product_category", "product_category"}, {"下限符号", "min_op"}, {"min_op", "min_op"}, {"下限", "min"}, {"min", "min"},
          {"上限符号", "max_op"}, {"max_op", "max_op"}, {"上限", "max"}, {"max", "max"}, {"条款", "clause"}, {"clause", "clause"},
          {"判定方式", "comparison_mode"}, {"comparison_mode", "comparison_mode"}, {"判定规则", "decision_rule"},
          {"decision_rule", "decision_rule"}}},
        {"prices",
         {{"项目", "parameter"}, {"parameter", "parameter"}, {"单位", "unit"}, {"unit", "unit"}, {"方法名称", "method"},
          {"method", "method"}, {"价格", "price"}, {"price", "price"}, {"生效日期", "valid_from"}, {"valid_from", "valid_from"},
          {"截止日期", "valid_to"}, {"valid_to", "valid_to"}}}};
    auto columns = kColumns.find(kind);
    if (columns == kColumns.end())
        throw Error::invalidField("kind", "must be standards, parameters, methods, specifications or prices");
    if (encoding != "auto" && encoding != "utf-8" && encoding != "gb18030")
        throw Error::invalidField("encoding", "must be auto, utf-8 or gb18030");
    auto text = decodeText(bytes, encoding);
    if (!text) throw Error::invalidField("body", "the file is not UTF-8 or GB18030 text");
    CsvResult csv = parseCsv(*text);
    std::vector<FieldError> errors;
    for (const auto& d : csv.diagnostics) errors.push_back({"body", d});
    if (csv.rows.size() < 2) errors.push_back({"body", "a header row and at least one row are needed"});
    if (csv.rows.size() > 1001) errors.push_back({"body", "at most 1000 rows per import"});
    const std::vector<std::string> required =
        kind == "standards"    ? std::vector<std::string>{"standard", "title"}
        : kind == "parameters"     ? std::vector<std::string>{"name_zh", "unit", "precision_kind", "precision_digits", "mu_model"}
        : kind == "methods"        ? std::vector<std::string>{"standard", "name", "equipment_types"}
        : kind == "specifications" ? std::vector<std::string>{"name", "parameter", "product_category"}
                                   : std::vector<std::string>{"parameter", "method", "price", "valid_from"};
    const CsvColumns col = csvColumns(csv.rows.empty() ? CsvRow{} : csv.rows[0], columns->second, required, errors);
    csvTextProblems(csv, col, {"principle"}, errors);
    if (!errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = labOf(p);
    return db_.write([&](Tx& tx) {
        errors.clear();  // the body may run again after a BUSY or deadlock retry
        int added = 0;
        if (kind == "specifications") {
            added = importSpecifications(tx, p, lab, csv, col, errors, requestId);
            if (!errors.empty()) throw Error::invalid(errors);
            return added;
        }
        for (std::size_t r = 1; r < csv.rows.size(); ++r) {
            const auto& row = csv.rows[r];
            const std::string at = "line[" + std::to_string(row.line) + "].";
            const Cell cell = [&](const std::string& name) { return csvCell(row, col, name); };
            std::vector<FieldError> rowErrors = kind == "standards"    ? importStandardRow(tx, p, lab, cell, requestId)
                                                : kind == "parameters" ? importParameterRow(tx, p, lab, cell, requestId)
                                                : kind == "methods"    ? importMethodRow(tx, p, lab, cell, requestId)
                                                                       : importPriceRow(tx, p, lab, cell, requestId);
            for (auto& e : rowErrors) errors.push_back({at + e.field, e.problem});
            if (rowErrors.empty()) ++added;
        }
        if (errors.size() > 200) {  // enough to fix the file; the rest after the next try
            const std::size_t more = errors.size() - 200;
            errors.resize(200);
            errors.push_back({"body", std::to_string(more) + " more problems not listed"});
        }
        if (!errors.empty()) throw Error::invalid(errors);  // nothing of the file is stored
        return added;
    });
}

std::vector<FieldError> RegisterService::importStandardRow(Tx& tx, const Principal& p, std::int64_t lab, const Cell& cell,
                                                           const std::string& requestId) {
    auto d = parseDesignation(cell("standard"));
    StandardInput in{d ? d->first : cell("standard"), d ? d->second : 0, cell("title")};
    std::vector<FieldError> errors;
    if (!d) errors.push_back({"standard", "must be the number with its year, e.g. GB 5009.12-2023"});
    for (const auto& e : standardProblems(in))
        if (d || e.field == "title") errors.push_back({e.field == "number" || e.field == "year" ? "standard" : e.field, e.problem});
    if (errors.empty() && repo_.findStandardByEdition(tx, lab, in.number, in.year))
        errors.push_back({"standard", in.number + "-" + std::to_string(in.year) + " is in the register already"});
    if (errors.empty()) insertStandardIn(tx, p, lab, in, requestId);
    return errors;
}

std::vector<FieldError> RegisterService::importParameterRow(Tx& tx, const Principal& p, std::int64_t lab, const Cell& cell,
                                                            const std::string& requestId) {
    Parameter x;
    x.nameZh = cell("name_zh");
    if (!cell("name_en").empty()) x.nameEn = cell("name_en");
    x.unit = cell("unit");
    const std::string kindCell = cell("precision_kind");
    x.precisionKind = kindCell == "小数位" ? "decimals" : kindCell == "有效数字" ? "significant" : kindCell;
    const std::string unitCell = cell("rounding_unit");  // empty: 1; "0.5单位" as the standard names it
    x.roundingUnit = unitCell.empty() ? "1" : unitCell == "0.5单位" ? "0.5" : unitCell == "0.2单位" ? "0.2" : unitCell;
    std::vector<FieldError> errors;
    try {
        std::size_t used = 0;
        x.precisionDigits = std::stoi(cell("precision_digits"), &used);
        if (used != cell("precision_digits").size()) throw std::invalid_argument("digits");
    } catch (const std::exception&) {
        errors.push_back({"precision_digits", "must be an integer"});
    }
    for (const char* name : {"lod", "loq", "mu_value"}) {
        if (cell(name).empty()) continue;
        auto v = Decimal::parse(cell(name));
        if (!v) errors.push_back({name, "must be a decimal number"});
        else if (std::string(name) == "lod") x.lod = v;
        else if (std::string(name) == "loq") x.loq = v;
        else x.muValue = v;
    }
    x.muModel = cell("mu_model").empty() ? "none" : cell("mu_model");
    for (const auto& e : parameterProblems(x))
        if (std::none_of(errors.begin(), errors.end(), [&](const FieldError& o) { return o.field == e.field; })) errors.push_back(e);
    if (errors.empty() && repo_.findParameterByName(tx, lab, x.nameZh, x.unit))
        errors.push_back({"name_zh", x.nameZh + " in " + x.unit + " is in the register already"});
    if (errors.empty()) insertParameterIn(tx, p, lab, x, requestId);
    return errors;
}

std::vector<FieldError> RegisterService::importMethodRow(Tx& tx, const Principal& p, std::int64_t lab, const Cell& cell,
                                                         const std::string& requestId) {
    std::vector<FieldError> errors;
    auto d = parseDesignation(cell("standard"));
    auto standard = d ? repo_.findStandardByEdition(tx, lab, d->first, d->second) : std::nullopt;
    if (!standard) errors.push_back({"standard", "no standard '" + cell("standard") + "' (number-year) in the register"});
    else if (standard->ref.status != "current") errors.push_back({"standard", standard->ref.designation() + " is " + standard->ref.status});
    MethodInput in;
    in.standardId = standard ? standard->ref.id : 1;
    if (!cell("clause").empty()) in.clause = cell("clause");
    in.name = cell("name");
    if (!cell("principle").empty()) in.principle = cell("principle");
    const std::string kind = cell("kind");
    in.kind = kind == "标准方法" || kind.empty() ? "standard" : kind == "非标方法" ? "non_standard" : kind;
    // Equipment types separated by 、 ; or |.
    std::string types = cell("equipment_types");
    for (const std::string sep : {"、", ";", "|"})
        for (std::size_t at = types.find(sep); at != std::string::npos; at = types.find(sep)) types.replace(at, sep.size(), ",");
    for (std::size_t i = 0; i <= types.size();) {
        std::size_t j = types.find(',', i);
        if (j == std::string::npos) j = types.size();
        std::string t = types.substr(i, j - i);
        while (!t.empty() && t.front() == ' ') t.erase(0, 1);
        while (!t.empty() && t.back() == ' ') t.pop_back();
        if (!t.empty()) in.equipmentTypes.push_back(t);
        i = j + 1;
    }
    for (const auto& e : methodProblems(in))
        if (e.field != "standard_id") errors.push_back(e);
    // The verification (standard) or validation (non-standard) record that makes it usable (R23).
    std::optional<MethodRecordInput> record;
    if (!cell("record_date").empty() || !cell("record_no").empty()) {
        record = MethodRecordInput{in.kind == "non_standard" ? "validation" : "verification", cell("record_date"), cell("record_no"),
                                   std::nullopt};
        if (!isDate(record->recordDate) || record->recordDate > isoDateInLab(clock_.now()))
            errors.push_back({"record_date", "must be a date YYYY-MM-DD, not in the future"});
        if (record->recordNo.empty()) errors.push_back({"record_no", "required with a record date"});
        tooLong(errors, "record_no", record->recordNo, 64);
    }
    if (!errors.empty()) return errors;
    for (const auto& m : repo_.findMethodsByName(tx, lab, in.name))
        if (m.ref.standard.id == in.standardId) return {{"name", "the method is in the register already"}};
    Method m = insertMethodIn(tx, p, lab, standard->ref, in, requestId);
    if (record) insertMethodRecordIn(tx, p, lab, m.ref.id, *record, requestId);
    return errors;
}

std::optional<Parameter> RegisterService::parameterNamed(Tx& tx, std::int64_t lab, const std::string& name,
                                                         const std::string& unit, std::vector<FieldError>& errors) {
    std::vector<Parameter> found;
    for (const auto& x : repo_.listParameters(tx, lab, 0, 500))
        if (x.nameZh == name && (unit.empty() || x.unit == unit)) found.push_back(x);
    if (found.size() == 1) return found.front();
    errors.push_back({"parameter", found.empty() ? "no parameter '" + name + "'" + (unit.empty() ? "" : " in " + unit) + " in the register"
                                                 : "'" + name + "' exists with several units: give the unit column"});
    return std::nullopt;
}

int RegisterService::importSpecifications(Tx& tx, const Principal& p, std::int64_t lab, const CsvResult& csv,
                                          const CsvColumns& col, std::vector<FieldError>& errors,
                                          const std::string& requestId) {
    // Rows of one specification name form one new version, in file order.
    std::vector<std::string> order;
    std::map<std::string, std::vector<const CsvRow*>> groups;
    for (std::size_t r = 1; r < csv.rows.size(); ++r) {
        const std::string name = csvCell(csv.rows[r], col, "name");
        if (!groups.count(name)) order.push_back(name);
        groups[name].push_back(&csv.rows[r]);
    }
    int added = 0;
    for (const auto& name : order) {
        const auto& rows = groups[name];
        const std::string first = "line[" + std::to_string(rows.front()->line) + "].";
        auto cell0 = [&](const std::string& c) { return csvCell(*rows.front(), col, c); };
        Specification sp;
        sp.name = name;
        const std::string mode = cell0("comparison_mode"), rule = cell0("decision_rule");
        sp.comparisonMode = mode.empty() || mode == "全数值比较法" || mode == "全数值" ? "full" : mode == "修约值比较法" || mode == "修约值" ? "rounded" : mode;
        sp.decisionRule = rule.empty() || rule == "简单接受" ? "simple" : rule == "保护带" ? "guard_band" : rule;
        std::vector<FieldError> found;
        if (!cell0("standard").empty()) {
            auto d = parseDesignation(cell0("standard"));
            auto st = d ? repo_.findStandardByEdition(tx, lab, d->first, d->second) : std::nullopt;
            if (!st) errors.push_back({first + "standard", "no standard '" + cell0("standard") + "' (number-year) in the register"});
            else sp.standardId = st->ref.id;
        }
        for (const CsvRow* row : rows) {
            const std::string at = "line[" + std::to_string(row->line) + "].";
            auto cell = [&](const std::string& c) { return csvCell(*row, col, c); };
            SpecLimit l;
            std::vector<FieldError> rowErrors;
            if (auto prm = parameterNamed(tx, lab, cell("parameter"), cell("unit"), rowErrors)) l.parameterId = prm->id;
            else l.parameterId = -1;  // reported; keeps specificationProblems from repeating "required"
            l.productCategory = cell("product_category");
            for (const char* bound : {"min", "max"}) {
                const std::string v = cell(bound);
                if (v.empty()) continue;
                auto d = Decimal::parse(v);
                if (!d) rowErrors.push_back({bound, "must be a decimal number"});
                else if (std::string(bound) == "min") l.minValue = d;
                else l.maxValue = d;
            }
            if (!cell("min_op").empty()) l.minOp = cell("min_op") == "≥" ? ">=" : cell("min_op");
            if (!cell("max_op").empty()) l.maxOp = cell("max_op") == "≤" ? "<=" : cell("max_op");
            if (!cell("clause").empty()) l.clause = cell("clause");
            for (auto& e : rowErrors) errors.push_back({at + e.field, e.problem});
            sp.limits.push_back(l);
        }
        for (const auto& e : specificationProblems(sp)) {
            if (e.field.rfind("limits[", 0) == 0) {
                const std::size_t close = e.field.find(']');
                const std::size_t i = std::stoul(e.field.substr(7, close - 7));
                std::string rest = e.field.substr(close + 1);
                if (rest == ".parameter_id") continue;  // reported by name above
                errors.push_back({"line[" + std::to_string(rows[i]->line) + "]" + (rest.empty() ? ".limit" : rest), e.problem});
            } else if (e.field != "limits") {
                errors.push_back({first + e.field, e.problem});
            }
        }
        if (errors.empty()) {
            insertSpecificationIn(tx, p, lab, sp, requestId);
            ++added;
        }
    }
    return added;
}

std::vector<FieldError> RegisterService::importPriceRow(Tx& tx, const Principal& p, std::int64_t lab, const Cell& cell,
                                                        const std::string& requestId) {
    std::vector<FieldError> errors;
    Price in;
    auto param = parameterNamed(tx, lab, cell("parameter"), cell("unit"), errors);
    std::optional<Method> method;
    const auto named = repo_.findMethodsByName(tx, lab, cell("method"));
    if (named.size() == 1) method = named.front();
    else if (named.empty()) errors.push_back({"method", "no method named '" + cell("method") + "' in the register"});
    else errors.push_back({"method", "several methods are named '" + cell("method") + "'"});
    auto amount = Decimal::parse(cell("price"));
    if (!amount) errors.push_back({"price", "must be a decimal amount in CNY, e.g. 150.00"});
    in.parameterId = param ? param->id : 1;
    in.methodId = method ? method->ref.id : 1;
    in.amount = amount.value_or(Decimal());
    in.validFrom = cell("valid_from");
    if (!cell("valid_to").empty()) in.validTo = cell("valid_to");
    for (const auto& e : priceProblems(in))
        if (e.field != "parameter_id" && e.field != "method_id" && (amount || e.field != "price")) errors.push_back(e);
    if (!errors.empty()) return errors;
    repo_.lockMethod(tx, lab, in.methodId);
    if (auto overlap = overlappingPrice(tx, lab, in)) return {{"valid_from", *overlap}};
    insertPriceIn(tx, p, lab, in, *param, *method, requestId);
    return errors;
}

std::vector<FieldError> RegisterService::priceProblems(const Price& in) {
    std::vector<FieldError> errors;
    if (in.parameterId <= 0) errors.push_back({"parameter_id", "required"});
    if (in.methodId <= 0) errors.push_back({"method_id", "required"});
    if (in.amount.sign() < 0 || in.amount.decimals() > 2 || chars(in.amount.toString()) > 20)
        errors.push_back({"price", "must be a non-negative amount in CNY with at most 2 decimals, e.g. \"150.00\""});
    if (!isDate(in.validFrom)) errors.push_back({"valid_from", "must be a date YYYY-MM-DD"});
    if (in.validTo && (!isDate(*in.validTo) || *in.validTo < in.validFrom))
        errors.push_back({"valid_to", "must be a date on or after valid_from"});
    return errors;
}

Price RegisterService::createPrice(const Principal& p, Price in, const std::string& requestId) {
    if (auto errors = priceProblems(in); !errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = labOf(p);
    return db_.write([&](Tx& tx) {
        std::vector<FieldError> errors;
        auto param = repo_.findParameter(tx, lab, in.parameterId);
        if (!param) errors.push_back({"parameter_id", "no such parameter in this lab's register"});
        auto method = repo_.findMethod(tx, lab, in.methodId);
        if (!method) errors.push_back({"method_id", "no such method in this lab's register"});
        if (!errors.empty()) throw Error::invalid(errors);
        repo_.lockMethod(tx, lab, in.methodId);  // serializes price changes of one item (MariaDB too)
        if (auto overlap = overlappingPrice(tx, lab, in)) throw Error::conflict(*overlap);
        return insertPriceIn(tx, p, lab, in, *param, *method, requestId);
    });
}

std::optional<std::string> RegisterService::overlappingPrice(Tx& tx, std::int64_t lab, const Price& in) {
    for (const auto& other : prices_.forItem(tx, lab, in.parameterId, in.methodId))
        if (other.overlaps(in))
            return "a price of " + other.amount.toString() + " is valid from " + other.validFrom +
                   (other.validTo ? " to " + *other.validTo : " on") + "; prices of one item may not overlap";
    return std::nullopt;
}

Price RegisterService::insertPriceIn(Tx& tx, const Principal& p, std::int64_t lab, Price in, const Parameter& param,
                                     const Method& method, const std::string& requestId) {
    in.amount = in.amount.roundToDecimals(2);  // money is kept with its two decimals: "150" -> "150.00"
    in.id = ids_.next();
    in.labId = lab;
    in.createdAtMs = toEpochMillis(clock_.now());
    prices_.insert(tx, in, p.userId);
    audit_.record(tx, &p, requestId,
                  {"price", std::to_string(in.id), "create", "", std::nullopt,
                   param.nameZh + " by " + method.ref.citation() + ": CNY " + in.amount.toString() + " from " + in.validFrom +
                       (in.validTo ? " to " + *in.validTo : ""),
                   std::nullopt});
    return in;
}

Price RegisterService::price(const Principal& p, std::int64_t id) {
    const std::int64_t lab = labOf(p);
    auto x = db_.read([&](Tx& tx) { return prices_.find(tx, lab, id); });
    if (!x) throw Error::notFound("price");
    return *x;
}

std::vector<Price> RegisterService::prices(const Principal& p, std::int64_t afterId, int limit) {
    const std::int64_t lab = labOf(p);
    return db_.read([&](Tx& tx) { return prices_.list(tx, lab, afterId, limit); });
}

void RegisterService::seedDemo(const std::string& labCode) {
    auto lab = db_.read([&](Tx& tx) { return orgs_.organizationByCode(tx, labCode); });
    if (!lab) return;  // the identity demo data creates the lab first
    Principal sys;
    sys.username = "system";
    sys.orgId = lab->id;
    sys.orgKind = "lab";
    struct Demo { const char* number; int year; const char* title; };
    // Demo editions (DOMAIN.md): check against the current texts before production use.
    const Demo demo[] = {
        {"GB 5009.12", 2023, "食品安全国家标准 食品中铅的测定"},
        {"GB 5009.15", 2023, "食品安全国家标准 食品中镉的测定"},
        {"GB 5009.17", 2021, "食品安全国家标准 食品中总汞及有机汞的测定"},
        {"GB 5009.11", 2024, "食品安全国家标准 食品中总砷及无机砷的测定"},
        {"GB 5009.268", 2016, "食品安全国家标准 食品中多元素的测定"},
        {"GB 2762", 2022, "食品安全国家标准 食品中污染物限量"},
        {"GB 5009.12", 2017, "食品安全国家标准 食品中铅的测定"},
    };
    for (const auto& d : demo) {
        const bool exists = db_.read([&](Tx& tx) { return repo_.findStandardByEdition(tx, lab->id, d.number, d.year).has_value(); });
        if (!exists) createStandard(sys, {d.number, d.year, d.title}, "demo");
    }
    struct DemoMethod { const char* number; int year; const char* clause; const char* name; const char* equipment; const char* record; };
    const DemoMethod demoMethods[] = {
        {"GB 5009.12", 2023, "第一法", "石墨炉原子吸收光谱法 (铅)", "原子吸收光谱仪", "FV-2024-012"},
        {"GB 5009.15", 2023, "第一法", "石墨炉原子吸收光谱法 (镉)", "原子吸收光谱仪", "FV-2024-015"},
        {"GB 5009.17", 2021, "第一篇 第一法", "原子荧光光谱分析法 (总汞)", "原子荧光光谱仪", "FV-2024-017"},
        {"GB 5009.11", 2024, "第二篇 第一法", "液相色谱-原子荧光光谱法 (无机砷)", "原子荧光光谱仪", "FV-2025-011"},
        {"GB 5009.268", 2016, "第一法", "电感耦合等离子体质谱法 (多元素)", "电感耦合等离子体质谱仪", "FV-2024-268"},
    };
    const auto existing = methods(sys, 0, 500);
    for (const auto& d : demoMethods) {
        const bool have = std::any_of(existing.begin(), existing.end(), [&](const Method& m) { return m.ref.name == d.name; });
        if (have) continue;
        auto standard = db_.read([&](Tx& tx) { return repo_.findStandardByEdition(tx, lab->id, d.number, d.year); });
        if (!standard) continue;
        Method m = createMethod(sys, {standard->ref.id, std::string(d.clause), d.name, std::nullopt, "standard", {d.equipment}, std::nullopt},
                                "demo");
        addMethodRecord(sys, m.ref.id, {"verification", "2024-03-15", d.record, std::string("方法验证报告 (demo)")}, "demo");
    }
    auto dec = [](const char* v) { return *Decimal::parse(v); };
    struct DemoParameter { const char* zh; const char* en; const char* lod; const char* loq; const char* mu; };
    const DemoParameter demoParameters[] = {
        {"铅(以Pb计)", "Lead (as Pb)", "0.005", "0.01", "12"},
        {"镉(以Cd计)", "Cadmium (as Cd)", "0.001", "0.003", "15"},
        {"总汞(以Hg计)", "Total mercury (as Hg)", "0.003", "0.01", "18"},
        {"无机砷(以As计)", "Inorganic arsenic (as As)", "0.01", "0.03", ""},
    };
    for (const auto& d : demoParameters) {
        const bool have = db_.read([&](Tx& tx) { return repo_.findParameterByName(tx, lab->id, d.zh, "mg/kg").has_value(); });
        if (have) continue;
        Parameter x;
        x.nameZh = d.zh;
        x.nameEn = std::string(d.en);
        x.unit = "mg/kg";
        x.precisionKind = "significant";
        x.precisionDigits = 2;
        x.lod = dec(d.lod);
        x.loq = dec(d.loq);
        if (*d.mu) {
            x.muModel = "relative";
            x.muValue = dec(d.mu);
        } else {  // inorganic arsenic: uncertainty by range
            x.muModel = "range";
            x.muBands = {{dec("0.1"), dec("25")}, {std::nullopt, dec("15")}};
        }
        createParameter(sys, x, "demo");
    }
    const std::string specName = "GB 2762-2022 污染物限量 (谷物)";
    const bool haveSpec = db_.read([&](Tx& tx) { return repo_.latestSpecification(tx, lab->id, specName).has_value(); });
    if (!haveSpec) {
        Specification spec;
        spec.name = specName;
        if (auto st = db_.read([&](Tx& tx) { return repo_.findStandardByEdition(tx, lab->id, "GB 2762", 2022); }))
            spec.standardId = st->ref.id;
        const std::pair<const char*, const char*> limits[] = {
            {"铅(以Pb计)", "0.2"}, {"镉(以Cd计)", "0.2"}, {"总汞(以Hg计)", "0.02"}, {"无机砷(以As计)", "0.2"}};
        for (const auto& [name, max] : limits) {
            auto param = db_.read([&](Tx& tx) { return repo_.findParameterByName(tx, lab->id, name, "mg/kg"); });
            if (!param) continue;
            SpecLimit l;
            l.parameterId = param->id;
            l.productCategory = "大米";
            l.maxOp = std::string("<=");
            l.maxValue = dec(max);
            l.clause = std::string("表1");
            spec.limits.push_back(l);
        }
        if (!spec.limits.empty()) createSpecification(sys, spec, "demo");
    }
    auto old = db_.read([&](Tx& tx) { return repo_.findStandardByEdition(tx, lab->id, "GB 5009.12", 2017); });
    auto current = db_.read([&](Tx& tx) { return repo_.findStandardByEdition(tx, lab->id, "GB 5009.12", 2023); });
    if (old && current && old->ref.status == "current")
        changeStandardStatus(sys, old->ref.id, old->version, "replaced", current->ref.id,
                             "superseded by the 2023 edition", "demo");
    // The price list (demo CNY prices), valid from 2024-01-01.
    const bool havePrices = !prices(sys, 0, 1).empty();
    const std::pair<const char*, const char*> priced[] = {{"(铅)", "铅(以Pb计)"}, {"(镉)", "镉(以Cd计)"},
                                                          {"(总汞)", "总汞(以Hg计)"}, {"(无机砷)", "无机砷(以As计)"}};
    const char* amounts[] = {"150.00", "150.00", "180.00", "260.00"};
    for (std::size_t i = 0; i < 4 && !havePrices; ++i) {
        auto param = db_.read([&](Tx& tx) { return repo_.findParameterByName(tx, lab->id, priced[i].second, "mg/kg"); });
        for (const auto& m : methods(sys, 0, 500)) {
            const bool icp = m.ref.name.find("(多元素)") != std::string::npos && i < 2;
            if (!param || (m.ref.name.find(priced[i].first) == std::string::npos && !icp)) continue;
            Price price;
            price.parameterId = param->id;
            price.methodId = m.ref.id;
            price.amount = *Decimal::parse(icp ? "120.00" : amounts[i]);
            price.validFrom = "2024-01-01";
            createPrice(sys, price, "demo");
        }
    }
}

}  // namespace assay::accreditation
