// AccreditationJson: the register, scope, qualifications, staff, equipment, NCs, PT, verdicts and
// alerts as JSON.
#include "api/AccreditationJson.hpp"

#include "assay/ApiEdge.hpp"

namespace assay::accreditation {

Poco::JSON::Object::Ptr toJson(const Standard& s) {
    auto o = makeObject();
    o->set("id", std::to_string(s.ref.id));
    o->set("number", s.ref.number);
    o->set("year", s.ref.year);
    o->set("designation", s.ref.designation());
    o->set("title", s.ref.title);
    o->set("status", s.ref.status);
    o->set("replaced_by", optId(s.ref.replacedBy));
    o->set("created_at", rfc3339(s.createdAtMs));
    o->set("updated_at", rfc3339(s.updatedAtMs));
    return o;
}

Poco::JSON::Object::Ptr toJson(const Method& m) {
    auto o = makeObject();
    o->set("id", std::to_string(m.ref.id));
    o->set("standard_id", std::to_string(m.ref.standard.id));
    o->set("standard", m.ref.standard.designation());
    o->set("clause", optStr(m.ref.clause));
    o->set("citation", m.ref.citation());
    o->set("name", m.ref.name);
    o->set("principle", optStr(m.principle));
    o->set("kind", m.ref.kind);
    o->set("status", m.ref.status);
    o->set("equipment_types", jsonArray(m.ref.equipmentTypes, [](const std::string& t) { return t; }));
    o->set("below_lod_style", optStr(m.ref.belowLodStyle));
    o->set("created_at", rfc3339(m.createdAtMs));
    o->set("updated_at", rfc3339(m.updatedAtMs));
    return o;
}

Poco::JSON::Object::Ptr toJson(const MethodRecord& r) {
    auto o = makeObject();
    o->set("id", std::to_string(r.id));
    o->set("method_id", std::to_string(r.methodId));
    o->set("kind", r.kind);
    o->set("record_date", r.recordDate);
    o->set("record_no", r.recordNo);
    o->set("summary", optStr(r.summary));
    o->set("created_at", rfc3339(r.createdAtMs));
    return o;
}

Poco::JSON::Object::Ptr toJson(const Parameter& x) {
    auto o = makeObject();
    o->set("id", std::to_string(x.id));
    o->set("name_zh", x.nameZh);
    o->set("name_en", optStr(x.nameEn));
    o->set("unit", x.unit);
    o->set("precision_kind", x.precisionKind);
    o->set("precision_digits", x.precisionDigits);
    o->set("rounding_unit", x.roundingUnit);
    o->set("lod", optDec(x.lod));
    o->set("loq", optDec(x.loq));
    o->set("mu_model", x.muModel);
    o->set("mu_value", optDec(x.muValue));
    o->set("mu_ranges", jsonArray(x.muBands, [](const MuBand& b) {
               auto bo = makeObject();
               bo->set("up_to", optDec(b.upTo));
               bo->set("relative", b.relativePercent.toString());
               return bo;
           }));
    o->set("created_at", rfc3339(x.createdAtMs));
    return o;
}

namespace {
Poco::JSON::Object::Ptr limitJson(const SpecLimit& l) {
    auto lo = makeObject();
    lo->set("id", std::to_string(l.id));
    lo->set("parameter_id", std::to_string(l.parameterId));
    lo->set("product_category", l.productCategory);
    lo->set("min_op", optStr(l.minOp));
    lo->set("min", optDec(l.minValue));
    lo->set("max_op", optStr(l.maxOp));
    lo->set("max", optDec(l.maxValue));
    lo->set("clause", optStr(l.clause));
    return lo;
}
}  // namespace

Poco::JSON::Object::Ptr toJson(const Specification& sp) {
    auto o = makeObject();
    o->set("id", std::to_string(sp.id));
    o->set("name", sp.name);
    o->set("version", sp.version);
    o->set("standard_id", optId(sp.standardId));
    o->set("comparison_mode", sp.comparisonMode);
    o->set("decision_rule", sp.decisionRule);
    o->set("status", sp.status);
    o->set("limits", jsonArray(sp.limits, limitJson));
    o->set("created_at", rfc3339(sp.createdAtMs));
    return o;
}

Poco::JSON::Object::Ptr toJson(const Price& x) {
    auto o = makeObject();
    o->set("id", std::to_string(x.id));
    o->set("parameter_id", std::to_string(x.parameterId));
    o->set("method_id", std::to_string(x.methodId));
    o->set("price", x.amount.toString());
    o->set("currency", "CNY");
    o->set("valid_from", x.validFrom);
    o->set("valid_to", optStr(x.validTo));
    o->set("created_at", rfc3339(x.createdAtMs));
    return o;
}

namespace {
Poco::JSON::Object::Ptr suspensionJson(const ScopeSuspension& x) {
    auto so = makeObject();
    so->set("from", x.fromDate);
    so->set("lifted_on", optStr(x.liftedOn));
    so->set("reason", x.reason);
    so->set("nc_id", optId(x.ncId));
    return so;
}

Poco::JSON::Array::Ptr rowsJson(const std::vector<ScopeRow>& rows) {
    return jsonArray(rows);
}
}  // namespace

Poco::JSON::Object::Ptr toJson(const ScopeRow& r) {
    auto o = makeObject();
    o->set("id", std::to_string(r.rowKey));
    o->set("revision_id", std::to_string(r.id));
    o->set("revision", r.revision);
    o->set("scheme", r.scheme);
    o->set("site", r.site);
    o->set("category", r.category);
    o->set("product", r.product);
    o->set("parameter_id", std::to_string(r.parameterId));
    o->set("parameter", r.parameterName);
    o->set("standard_id", std::to_string(r.standard.id));
    o->set("standard", r.standard.designation());
    o->set("clause", optStr(r.clause));
    o->set("limitation", optStr(r.limitation));
    o->set("note", optStr(r.note));
    o->set("mra_covered", r.mraCovered);
    o->set("effective_from", r.effectiveFrom);
    o->set("ended_on", optStr(r.endedOn));
    o->set("change_id", std::to_string(r.changeId));
    o->set("ended_by_change_id", optId(r.endedByChangeId));
    o->set("suspensions", jsonArray(r.suspensions, suspensionJson));
    return o;
}

Poco::JSON::Object::Ptr toJson(const ScopeChange& c) {
    auto o = makeObject();
    o->set("id", std::to_string(c.id));
    o->set("change_no", static_cast<Poco::Int64>(c.changeNo));
    o->set("kind", c.kind);
    o->set("scheme", c.scheme);
    o->set("effective_date", c.effectiveDate);
    o->set("reference", optStr(c.reference));
    o->set("reason", c.reason);
    o->set("created_by", std::to_string(c.createdBy));
    o->set("created_at", rfc3339(c.createdAtMs));
    o->set("rows_in_force", rowsJson(c.added));
    o->set("rows_ended", rowsJson(c.ended));
    return o;
}

Poco::JSON::Object::Ptr toJson(const ScopeVerdict& v) {
    auto o = makeObject();
    o->set("in_scope", v.inScope);
    o->set("rule", nonEmpty(v.rule));
    o->set("reason", nonEmpty(v.reason));
    o->set("row_id", optId(v.rowId));
    o->set("limitation", optStr(v.limitation));
    return o;
}

Poco::JSON::Object::Ptr toJson(const QualificationStanding& s) {
    auto o = makeObject();
    o->set("scheme", s.scheme);
    o->set("status", s.status);
    o->set("valid", s.valid);
    o->set("qualification_id", optId(s.qualificationId));
    o->set("number", s.number);
    o->set("valid_to", optStr(s.validTo));
    o->set("ilac_mra_permitted", s.ilacMraPermitted);
    o->set("reason", nonEmpty(s.reason));
    return o;
}

namespace {
Poco::JSON::Object::Ptr eventJson(const QualificationEvent& e) {
    auto h = makeObject();
    h->set("id", std::to_string(e.id));
    h->set("kind", e.kind);
    h->set("effective_date", e.effectiveDate);
    h->set("valid_from", optStr(e.validFrom));
    h->set("valid_to", optStr(e.validTo));
    h->set("number", optStr(e.number));
    h->set("reason", optStr(e.reason));
    h->set("recorded_at", rfc3339(e.createdAtMs));
    return h;
}
}  // namespace

Poco::JSON::Object::Ptr toJson(const Qualification& q, const std::string& today) {
    auto o = makeObject();
    o->set("id", std::to_string(q.id));
    o->set("scheme", q.scheme);
    o->set("number", q.number);
    o->set("authority", q.authority);
    o->set("valid_from", q.validFrom);
    o->set("valid_to", q.validTo);
    o->set("status", q.status);
    o->set("standing_today", toJson(standingOn(q, today)));
    o->set("ilac_mra_permitted", q.ilacMraPermitted);
    o->set("history", jsonArray(q.history, eventJson));
    o->set("created_at", rfc3339(q.createdAtMs));
    o->set("updated_at", rfc3339(q.updatedAtMs));
    return o;
}

namespace {
Poco::JSON::Object::Ptr recordJson(const StaffRecord& r) {
    auto x = makeObject();
    x->set("id", std::to_string(r.id));
    x->set("kind", r.kind);
    x->set("title", r.title);
    x->set("record_date", r.recordDate);
    x->set("valid_until", optStr(r.validUntil));
    x->set("result", optStr(r.result));
    return x;
}

Poco::JSON::Object::Ptr authorizationJson(const Authorization& a) {
    auto x = makeObject();
    x->set("id", std::to_string(a.id));
    x->set("activity", a.activity);
    x->set("method_id", optId(a.methodId));
    x->set("method", nonEmpty(a.methodCitation));
    x->set("valid_from", a.validFrom);
    x->set("ended_on", optStr(a.endedOn));
    x->set("basis", optStr(a.basis));
    x->set("end_reason", optStr(a.endReason));
    return x;
}

Poco::JSON::Object::Ptr signatoryJson(const SignatoryAuthorization& a) {
    auto x = makeObject();
    x->set("id", std::to_string(a.id));
    x->set("scheme", a.scheme);
    x->set("parameter_ids", jsonArray(a.parameterIds, [](std::int64_t id) { return std::to_string(id); }));
    x->set("filed_on", a.filedOn);
    x->set("filing_ref", a.filingRef);
    x->set("ended_on", optStr(a.endedOn));
    x->set("end_reason", optStr(a.endReason));
    return x;
}
}  // namespace

Poco::JSON::Object::Ptr toJson(const StaffMember& s, bool details) {
    auto o = makeObject();
    o->set("id", std::to_string(s.id));
    o->set("name", s.name);
    o->set("user_id", optId(s.userId));
    o->set("id_number", optStr(s.idNumberMasked));
    o->set("position", optStr(s.position));
    o->set("status", s.deactivatedOn ? "inactive" : "active");
    o->set("deactivated_on", optStr(s.deactivatedOn));
    o->set("deactivation_reason", optStr(s.deactivationReason));
    if (details) {
        o->set("records", jsonArray(s.records, recordJson));
        o->set("authorizations", jsonArray(s.authorizations, authorizationJson));
        o->set("signatory_authorizations", jsonArray(s.signatories, signatoryJson));
    }
    o->set("created_at", rfc3339(s.createdAtMs));
    o->set("updated_at", rfc3339(s.updatedAtMs));
    return o;
}

Poco::JSON::Object::Ptr toJson(const EquipmentVerdict& v) {
    auto o = makeObject();
    o->set("usable", v.usable);
    o->set("rule", nonEmpty(v.rule));
    o->set("reason", nonEmpty(v.reason));
    o->set("policy", nonEmpty(v.policy));
    return o;
}

namespace {
Poco::JSON::Object::Ptr statusJson(const EquipmentStatusEvent& s) {
    auto x = makeObject();
    x->set("status", s.status);
    x->set("effective_date", s.effectiveDate);
    x->set("reason", optStr(s.reason));
    return x;
}

Poco::JSON::Object::Ptr calibrationJson(const Calibration& c) {
    auto x = makeObject();
    x->set("id", std::to_string(c.id));
    x->set("kind", c.kind);
    x->set("certificate_no", c.certificateNo);
    x->set("provider", c.provider);
    x->set("performed_on", c.performedOn);
    x->set("due_on", c.dueOn);
    x->set("result", c.result);
    x->set("as_found", c.asFound);
    x->set("note", optStr(c.note));
    return x;
}

Poco::JSON::Object::Ptr checkJson(const IntermediateCheck& c) {
    auto x = makeObject();
    x->set("id", std::to_string(c.id));
    x->set("performed_on", c.performedOn);
    x->set("result", c.result);
    x->set("note", optStr(c.note));
    return x;
}
}  // namespace

Poco::JSON::Object::Ptr toJson(const Equipment& e, const std::string& today, const std::string& policy) {
    auto o = makeObject();
    o->set("id", std::to_string(e.id));
    o->set("asset_no", e.assetNo);
    o->set("name", e.name);
    o->set("equipment_type", e.equipmentType);
    o->set("model", optStr(e.model));
    o->set("serial_no", optStr(e.serialNo));
    o->set("manufacturer", optStr(e.manufacturer));
    o->set("location", optStr(e.location));
    o->set("status", e.status);
    o->set("due_on", optStr(currentDueDate(e, today)));
    o->set("usable_today", toJson(usableOn(e, today, policy)));
    o->set("status_history", jsonArray(e.statusHistory, statusJson));
    o->set("calibrations", jsonArray(e.calibrations, calibrationJson));
    o->set("checks", jsonArray(e.checks, checkJson));
    o->set("created_at", rfc3339(e.createdAtMs));
    o->set("updated_at", rfc3339(e.updatedAtMs));
    return o;
}

Poco::JSON::Object::Ptr toJson(const ReferenceMaterial& m) {
    auto o = makeObject();
    o->set("id", std::to_string(m.id));
    o->set("name", m.name);
    o->set("lot_no", m.lotNo);
    o->set("certified_value", optDec(m.certifiedValue));
    o->set("unit", optStr(m.unit));
    o->set("supplier", optStr(m.supplier));
    o->set("expires_on", m.expiresOn);
    return o;
}

namespace {
Poco::JSON::Object::Ptr impactJson(const NcImpact& i) {
    auto x = makeObject();
    x->set("kind", i.kind);
    x->set("ref", i.ref);
    x->set("label", i.label);
    x->set("date", i.itemDate);
    return x;
}
}  // namespace

Poco::JSON::Object::Ptr toJson(const Nonconformity& n) {
    auto o = makeObject();
    o->set("id", std::to_string(n.id));
    o->set("nc_no", static_cast<Poco::Int64>(n.ncNo));
    o->set("source", n.source);
    o->set("source_ref", n.sourceRef);
    o->set("description", n.description);
    o->set("impact", n.impact);
    o->set("corrective_action", optStr(n.correctiveAction));
    o->set("verification", optStr(n.verification));
    o->set("status", n.status);
    o->set("opened_on", n.openedOn);
    o->set("action_on", optStr(n.actionOn));
    o->set("verified_on", optStr(n.verifiedOn));
    o->set("closed_on", optStr(n.closedOn));
    o->set("impact_list", jsonArray(n.impacts, impactJson));
    o->set("created_at", rfc3339(n.createdAtMs));
    return o;
}

Poco::JSON::Object::Ptr toJson(const PtRound& r) {
    auto o = makeObject();
    o->set("id", std::to_string(r.id));
    o->set("provider", r.provider);
    o->set("scheme_name", r.schemeName);
    o->set("round_code", r.roundCode);
    o->set("parameter_id", std::to_string(r.parameterId));
    o->set("parameter", r.parameterName);
    o->set("product", optStr(r.product));
    o->set("sub_field", r.subField);
    o->set("mandated", r.mandated);
    o->set("deadline", optStr(r.deadline));
    o->set("unit", optStr(r.unit));
    o->set("assigned_value", optDec(r.assignedValue));
    o->set("lab_result", optDec(r.labResult));
    o->set("score_kind", optStr(r.scoreKind));
    o->set("score", optDec(r.score));
    o->set("classification", optStr(r.classification));
    o->set("reported_on", optStr(r.reportedOn));
    o->set("nc_id", optId(r.ncId));
    o->set("created_at", rfc3339(r.createdAtMs));
    return o;
}

Poco::JSON::Object::Ptr toJson(const CoverageGap& g) {
    auto o = makeObject();
    o->set("kind", g.kind);
    o->set("rule", "R26");
    o->set("sub_field", g.subField);
    o->set("last_satisfactory", optStr(g.lastSatisfactory));
    o->set("round_id", optId(g.roundId));
    o->set("message", g.message);
    return o;
}

Poco::JSON::Object::Ptr toJson(const RuleVerdict& v) {
    auto o = makeObject();
    o->set("ok", v.ok);
    o->set("rule", nonEmpty(v.rule));
    o->set("reason", nonEmpty(v.reason));
    return o;
}

Poco::JSON::Object::Ptr toJson(const CapabilityVerdict& v) {
    auto o = makeObject();
    o->set("can_perform", v.canPerform);
    o->set("method", toJson(v.method));
    o->set("staff", toJson(v.staff));
    o->set("performers", jsonArray(v.performers, [](const std::string& n) { return n; }));
    o->set("equipment", toJson(v.equipment));
    o->set("cma", toJson(v.cma));
    o->set("cnas", toJson(v.cnas));
    return o;
}

Poco::JSON::Object::Ptr toJson(const Alert& a) {
    auto o = makeObject();
    o->set("kind", a.kind);
    o->set("rule", a.rule);
    o->set("level", a.level);
    o->set("entity", a.entity);
    o->set("entity_id", std::to_string(a.entityId));
    o->set("title", a.title);
    o->set("due_date", a.dueDate);
    o->set("days_left", static_cast<Poco::Int64>(a.daysLeft));
    o->set("message", a.message);
    return o;
}

Poco::JSON::Object::Ptr toJson(const AlertList& l) {
    auto o = makeObject();
    o->set("date", l.date);
    o->set("within", l.within);
    o->set("items", jsonArray(l.items));
    o->set("open_nonconformities", jsonArray(l.openNonconformities));
    o->set("next_cursor", Poco::Dynamic::Var());
    return o;
}

}  // namespace assay::accreditation
