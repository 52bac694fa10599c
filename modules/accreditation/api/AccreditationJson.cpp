// AccreditationJson: the register, scope, qualifications, staff, equipment, NCs, PT, verdicts and
// alerts as JSON (field tables: assay/JsonFields.hpp).
#include "api/AccreditationJson.hpp"

#include "assay/JsonFields.hpp"
#include "assay/RequestLang.hpp"

namespace assay::accreditation {

namespace {
// A verdict's reason in the reader's language (its English text when it has no message).
std::string shown(const Message& why, const std::string& english) { return why.empty() ? english : why.render(requestLang()); }

using field::at;

constexpr auto kStandard = fields<Standard>(
    field::id("id", at(&Standard::ref, &StandardRef::id)),
    field::text("number", at(&Standard::ref, &StandardRef::number)),
    field::integer("year", at(&Standard::ref, &StandardRef::year)),
    field::text("designation", at(&Standard::ref, &StandardRef::designation)),
    field::text("title", at(&Standard::ref, &StandardRef::title)),
    field::text("status", at(&Standard::ref, &StandardRef::status)),
    field::optId("replaced_by", at(&Standard::ref, &StandardRef::replacedBy)),
    field::time("created_at", &Standard::createdAtMs),
    field::time("updated_at", &Standard::updatedAtMs));

constexpr auto kMethod = fields<Method>(
    field::id("id", at(&Method::ref, &MethodRef::id)),
    field::id("standard_id", at(&Method::ref, &MethodRef::standard, &StandardRef::id)),
    field::text("standard", at(&Method::ref, &MethodRef::standard, &StandardRef::designation)),
    field::optText("clause", at(&Method::ref, &MethodRef::clause)),
    field::text("citation", at(&Method::ref, &MethodRef::citation)),
    field::text("name", at(&Method::ref, &MethodRef::name)),
    field::optText("principle", &Method::principle),
    field::text("kind", at(&Method::ref, &MethodRef::kind)),
    field::text("status", at(&Method::ref, &MethodRef::status)),
    field::strings("equipment_types", at(&Method::ref, &MethodRef::equipmentTypes)),
    field::optText("below_lod_style", at(&Method::ref, &MethodRef::belowLodStyle)),
    field::time("created_at", &Method::createdAtMs),
    field::time("updated_at", &Method::updatedAtMs));

constexpr auto kMethodRecord = fields<MethodRecord>(
    field::id("id", &MethodRecord::id),
    field::id("method_id", &MethodRecord::methodId),
    field::text("kind", &MethodRecord::kind),
    field::date("record_date", &MethodRecord::recordDate),
    field::text("record_no", &MethodRecord::recordNo),
    field::optText("summary", &MethodRecord::summary),
    field::time("created_at", &MethodRecord::createdAtMs));

constexpr auto kMuBand = fields<MuBand>(
    field::optDecimal("up_to", &MuBand::upTo),
    field::decimal("relative", &MuBand::relativePercent));

constexpr auto kParameter = fields<Parameter>(
    field::id("id", &Parameter::id),
    field::text("name_zh", &Parameter::nameZh),
    field::optText("name_en", &Parameter::nameEn),
    field::text("unit", &Parameter::unit),
    field::text("precision_kind", &Parameter::precisionKind),
    field::integer("precision_digits", &Parameter::precisionDigits),
    field::text("rounding_unit", &Parameter::roundingUnit),
    field::optDecimal("lod", &Parameter::lod),
    field::optDecimal("loq", &Parameter::loq),
    field::text("mu_model", &Parameter::muModel),
    field::optDecimal("mu_value", &Parameter::muValue),
    field::array("mu_ranges", &Parameter::muBands, kMuBand),
    field::time("created_at", &Parameter::createdAtMs));

constexpr auto kLimit = fields<SpecLimit>(
    field::id("id", &SpecLimit::id),
    field::id("parameter_id", &SpecLimit::parameterId),
    field::text("product_category", &SpecLimit::productCategory),
    field::optText("min_op", &SpecLimit::minOp),
    field::optDecimal("min", &SpecLimit::minValue),
    field::optText("max_op", &SpecLimit::maxOp),
    field::optDecimal("max", &SpecLimit::maxValue),
    field::optText("clause", &SpecLimit::clause));

constexpr auto kSpecification = fields<Specification>(
    field::id("id", &Specification::id),
    field::text("name", &Specification::name),
    field::integer("version", &Specification::version),
    field::optId("standard_id", &Specification::standardId),
    field::text("comparison_mode", &Specification::comparisonMode),
    field::text("decision_rule", &Specification::decisionRule),
    field::text("status", &Specification::status),
    field::array("limits", &Specification::limits, kLimit),
    field::time("created_at", &Specification::createdAtMs));

constexpr auto kPrice = fields<Price>(
    field::id("id", &Price::id),
    field::id("parameter_id", &Price::parameterId),
    field::id("method_id", &Price::methodId),
    field::decimal("price", &Price::amount),
    field::constant("currency", "CNY"),
    field::date("valid_from", &Price::validFrom),
    field::optDate("valid_to", &Price::validTo),
    field::time("created_at", &Price::createdAtMs));

constexpr auto kSuspension = fields<ScopeSuspension>(
    field::date("from", &ScopeSuspension::fromDate),
    field::optDate("lifted_on", &ScopeSuspension::liftedOn),
    field::text("reason", &ScopeSuspension::reason),
    field::optId("nc_id", &ScopeSuspension::ncId));

constexpr auto kScopeRow = fields<ScopeRow>(
    field::id("id", &ScopeRow::rowKey),
    field::id("revision_id", &ScopeRow::id),
    field::integer("revision", &ScopeRow::revision),
    field::text("scheme", &ScopeRow::scheme),
    field::text("site", &ScopeRow::site),
    field::text("category", &ScopeRow::category),
    field::text("product", &ScopeRow::product),
    field::id("parameter_id", &ScopeRow::parameterId),
    field::text("parameter", &ScopeRow::parameterName),
    field::id("standard_id", at(&ScopeRow::standard, &StandardRef::id)),
    field::text("standard", at(&ScopeRow::standard, &StandardRef::designation)),
    field::optText("clause", &ScopeRow::clause),
    field::optText("limitation", &ScopeRow::limitation),
    field::optText("note", &ScopeRow::note),
    field::flag("mra_covered", &ScopeRow::mraCovered),
    field::date("effective_from", &ScopeRow::effectiveFrom),
    field::optDate("ended_on", &ScopeRow::endedOn),
    field::id("change_id", &ScopeRow::changeId),
    field::optId("ended_by_change_id", &ScopeRow::endedByChangeId),
    field::array("suspensions", &ScopeRow::suspensions, kSuspension));

constexpr auto kScopeChange = fields<ScopeChange>(
    field::id("id", &ScopeChange::id),
    field::integer("change_no", &ScopeChange::changeNo),
    field::text("kind", &ScopeChange::kind),
    field::text("scheme", &ScopeChange::scheme),
    field::date("effective_date", &ScopeChange::effectiveDate),
    field::optText("reference", &ScopeChange::reference),
    field::text("reason", &ScopeChange::reason),
    field::id("created_by", &ScopeChange::createdBy),
    field::time("created_at", &ScopeChange::createdAtMs),
    field::array("rows_in_force", &ScopeChange::added),
    field::array("rows_ended", &ScopeChange::ended));

constexpr auto kScopeVerdict = fields<ScopeVerdict>(
    field::flag("in_scope", &ScopeVerdict::inScope),
    field::nonEmpty("rule", &ScopeVerdict::rule),
    field::nonEmpty("reason", [](const ScopeVerdict& v) { return v.inScope ? std::string() : shown(v.why, v.reason); }),
    field::nonEmpty("basis", [](const ScopeVerdict& v) { return v.inScope ? v.why.render(requestLang()) : std::string(); }),
    field::optId("row_id", &ScopeVerdict::rowId),
    field::optText("limitation", &ScopeVerdict::limitation));

constexpr auto kStanding = fields<QualificationStanding>(
    field::text("scheme", &QualificationStanding::scheme),
    field::text("status", &QualificationStanding::status),
    field::flag("valid", &QualificationStanding::valid),
    field::optId("qualification_id", &QualificationStanding::qualificationId),
    field::text("number", &QualificationStanding::number),
    field::optDate("valid_to", &QualificationStanding::validTo),
    field::flag("ilac_mra_permitted", &QualificationStanding::ilacMraPermitted),
    field::nonEmpty("reason", &QualificationStanding::reason));

constexpr auto kQualificationEvent = fields<QualificationEvent>(
    field::id("id", &QualificationEvent::id),
    field::text("kind", &QualificationEvent::kind),
    field::date("effective_date", &QualificationEvent::effectiveDate),
    field::optDate("valid_from", &QualificationEvent::validFrom),
    field::optDate("valid_to", &QualificationEvent::validTo),
    field::optText("number", &QualificationEvent::number),
    field::optText("reason", &QualificationEvent::reason),
    field::time("recorded_at", &QualificationEvent::createdAtMs));

constexpr auto kStaffRecord = fields<StaffRecord>(
    field::id("id", &StaffRecord::id),
    field::text("kind", &StaffRecord::kind),
    field::text("title", &StaffRecord::title),
    field::date("record_date", &StaffRecord::recordDate),
    field::optDate("valid_until", &StaffRecord::validUntil),
    field::optText("result", &StaffRecord::result));

constexpr auto kAuthorization = fields<Authorization>(
    field::id("id", &Authorization::id),
    field::text("activity", &Authorization::activity),
    field::optId("method_id", &Authorization::methodId),
    field::nonEmpty("method", &Authorization::methodCitation),
    field::date("valid_from", &Authorization::validFrom),
    field::optDate("ended_on", &Authorization::endedOn),
    field::optText("basis", &Authorization::basis),
    field::optText("end_reason", &Authorization::endReason));

constexpr auto kSignatory = fields<SignatoryAuthorization>(
    field::id("id", &SignatoryAuthorization::id),
    field::text("scheme", &SignatoryAuthorization::scheme),
    field::ids("parameter_ids", &SignatoryAuthorization::parameterIds),
    field::date("filed_on", &SignatoryAuthorization::filedOn),
    field::text("filing_ref", &SignatoryAuthorization::filingRef),
    field::optDate("ended_on", &SignatoryAuthorization::endedOn),
    field::optText("end_reason", &SignatoryAuthorization::endReason));

constexpr auto kStaffHead = fields<StaffMember>(
    field::id("id", &StaffMember::id),
    field::text("name", &StaffMember::name),
    field::optId("user_id", &StaffMember::userId),
    field::optText("id_number", &StaffMember::idNumberMasked),
    field::optText("position", &StaffMember::position),
    field::text("status", [](const StaffMember& s) { return std::string(s.deactivatedOn ? "inactive" : "active"); }),
    field::optDate("deactivated_on", &StaffMember::deactivatedOn),
    field::optText("deactivation_reason", &StaffMember::deactivationReason));
// Only on the one staff member's page.
constexpr auto kStaffDetails = fields<StaffMember>(
    field::array("records", &StaffMember::records, kStaffRecord),
    field::array("authorizations", &StaffMember::authorizations, kAuthorization),
    field::array("signatory_authorizations", &StaffMember::signatories, kSignatory));
constexpr auto kStaffTimes = fields<StaffMember>(
    field::time("created_at", &StaffMember::createdAtMs),
    field::time("updated_at", &StaffMember::updatedAtMs));

constexpr auto kEquipmentVerdict = fields<EquipmentVerdict>(
    field::flag("usable", &EquipmentVerdict::usable),
    field::nonEmpty("rule", &EquipmentVerdict::rule),
    field::nonEmpty("reason", [](const EquipmentVerdict& v) { return shown(v.why, v.reason); }),
    field::nonEmpty("policy", &EquipmentVerdict::policy));

constexpr auto kStatusEvent = fields<EquipmentStatusEvent>(
    field::text("status", &EquipmentStatusEvent::status),
    field::date("effective_date", &EquipmentStatusEvent::effectiveDate),
    field::optText("reason", &EquipmentStatusEvent::reason));

constexpr auto kCalibration = fields<Calibration>(
    field::id("id", &Calibration::id),
    field::text("kind", &Calibration::kind),
    field::text("certificate_no", &Calibration::certificateNo),
    field::text("provider", &Calibration::provider),
    field::date("performed_on", &Calibration::performedOn),
    field::date("due_on", &Calibration::dueOn),
    field::text("result", &Calibration::result),
    field::text("as_found", &Calibration::asFound),
    field::optText("note", &Calibration::note));

constexpr auto kCheck = fields<IntermediateCheck>(
    field::id("id", &IntermediateCheck::id),
    field::date("performed_on", &IntermediateCheck::performedOn),
    field::text("result", &IntermediateCheck::result),
    field::optText("note", &IntermediateCheck::note));

constexpr auto kReferenceMaterial = fields<ReferenceMaterial>(
    field::id("id", &ReferenceMaterial::id),
    field::text("name", &ReferenceMaterial::name),
    field::text("lot_no", &ReferenceMaterial::lotNo),
    field::optDecimal("certified_value", &ReferenceMaterial::certifiedValue),
    field::optText("unit", &ReferenceMaterial::unit),
    field::optText("supplier", &ReferenceMaterial::supplier),
    field::date("expires_on", &ReferenceMaterial::expiresOn));

constexpr auto kImpact = fields<NcImpact>(
    field::text("kind", &NcImpact::kind),
    field::text("ref", &NcImpact::ref),
    field::text("label", &NcImpact::label),
    field::date("date", &NcImpact::itemDate));

// What the server wrote into an NC (R16, R25) in the reader's language (Nonconformity.hpp).
template <std::string Nonconformity::*text>
std::string shownNc(const Nonconformity& n) {
    return shownNcText(n.*text, requestLang());
}

constexpr auto kNonconformity = fields<Nonconformity>(
    field::id("id", &Nonconformity::id),
    field::integer("nc_no", &Nonconformity::ncNo),
    field::text("source", &Nonconformity::source),
    field::text("source_ref", &Nonconformity::sourceRef),
    field::text("description", shownNc<&Nonconformity::description>),
    field::text("impact", shownNc<&Nonconformity::impact>),
    field::optText("corrective_action", &Nonconformity::correctiveAction),
    field::optText("verification", &Nonconformity::verification),
    field::text("status", &Nonconformity::status),
    field::date("opened_on", &Nonconformity::openedOn),
    field::optDate("action_on", &Nonconformity::actionOn),
    field::optDate("verified_on", &Nonconformity::verifiedOn),
    field::optDate("closed_on", &Nonconformity::closedOn),
    field::array("impact_list", &Nonconformity::impacts, kImpact),
    field::time("created_at", &Nonconformity::createdAtMs));

constexpr auto kPtRound = fields<PtRound>(
    field::id("id", &PtRound::id),
    field::text("provider", &PtRound::provider),
    field::text("scheme_name", &PtRound::schemeName),
    field::text("round_code", &PtRound::roundCode),
    field::id("parameter_id", &PtRound::parameterId),
    field::text("parameter", &PtRound::parameterName),
    field::optText("product", &PtRound::product),
    field::text("sub_field", &PtRound::subField),
    field::flag("mandated", &PtRound::mandated),
    field::optDate("deadline", &PtRound::deadline),
    field::optText("unit", &PtRound::unit),
    field::optDecimal("assigned_value", &PtRound::assignedValue),
    field::optDecimal("lab_result", &PtRound::labResult),
    field::optText("score_kind", &PtRound::scoreKind),
    field::optDecimal("score", &PtRound::score),
    field::optText("classification", &PtRound::classification),
    field::optDate("reported_on", &PtRound::reportedOn),
    field::optId("nc_id", &PtRound::ncId),
    field::time("created_at", &PtRound::createdAtMs));

constexpr auto kCoverageGap = fields<CoverageGap>(
    field::text("kind", &CoverageGap::kind),
    field::constant("rule", "R26"),
    field::text("sub_field", &CoverageGap::subField),
    field::optDate("last_satisfactory", &CoverageGap::lastSatisfactory),
    field::optId("round_id", &CoverageGap::roundId),
    field::text("message", &CoverageGap::message));

constexpr auto kProduct = fields<Product>(
    field::text("name", &Product::name),
    field::text("category", &Product::category),
    field::flag("cma", &Product::inCma),
    field::flag("cnas", &Product::inCnas),
    field::flag("specification", &Product::inSpecification));

constexpr auto kRuleVerdict = fields<RuleVerdict>(
    field::flag("ok", &RuleVerdict::ok),
    field::nonEmpty("rule", &RuleVerdict::rule),
    field::nonEmpty("reason", [](const RuleVerdict& v) { return shown(v.why, v.reason); }));

constexpr auto kCapabilityVerdict = fields<CapabilityVerdict>(
    field::flag("can_perform", &CapabilityVerdict::canPerform),
    field::object("method", &CapabilityVerdict::method),
    field::object("staff", &CapabilityVerdict::staff),
    field::strings("performers", &CapabilityVerdict::performers),
    field::object("equipment", &CapabilityVerdict::equipment),
    field::object("cma", &CapabilityVerdict::cma),
    field::object("cnas", &CapabilityVerdict::cnas));

constexpr auto kAlert = fields<Alert>(
    field::text("kind", &Alert::kind),
    field::text("rule", &Alert::rule),
    field::text("level", &Alert::level),
    field::text("entity", &Alert::entity),
    field::id("entity_id", &Alert::entityId),
    field::text("title", &Alert::title),
    field::date("due_date", &Alert::dueDate),
    field::integer("days_left", &Alert::daysLeft),
    field::text("message", &Alert::message));

constexpr auto kAlertList = fields<AlertList>(
    field::date("date", &AlertList::date),
    field::integer("within", &AlertList::within),
    field::array("items", &AlertList::items),
    field::array("open_nonconformities", &AlertList::openNonconformities),
    field::json("next_cursor", [](const AlertList&) { return Poco::Dynamic::Var(); }));
}  // namespace

Poco::JSON::Object::Ptr toJson(const Standard& s) { return kStandard(s); }
Poco::JSON::Object::Ptr toJson(const Method& m) { return kMethod(m); }
Poco::JSON::Object::Ptr toJson(const MethodRecord& r) { return kMethodRecord(r); }
Poco::JSON::Object::Ptr toJson(const Parameter& x) { return kParameter(x); }
Poco::JSON::Object::Ptr toJson(const Specification& sp) { return kSpecification(sp); }
Poco::JSON::Object::Ptr toJson(const Price& x) { return kPrice(x); }
Poco::JSON::Object::Ptr toJson(const ScopeRow& r) { return kScopeRow(r); }
Poco::JSON::Object::Ptr toJson(const ScopeChange& c) { return kScopeChange(c); }
Poco::JSON::Object::Ptr toJson(const ScopeVerdict& v) { return kScopeVerdict(v); }
Poco::JSON::Object::Ptr toJson(const QualificationStanding& s) { return kStanding(s); }

// Its standing on the lab's date today is computed, hence the table per call.
Poco::JSON::Object::Ptr toJson(const Qualification& q, const std::string& today) {
    const auto table = fields<Qualification>(
        field::id("id", &Qualification::id),
        field::text("scheme", &Qualification::scheme),
        field::text("number", &Qualification::number),
        field::text("authority", &Qualification::authority),
        field::date("valid_from", &Qualification::validFrom),
        field::date("valid_to", &Qualification::validTo),
        field::text("status", &Qualification::status),
        field::object("standing_today", [&](const Qualification& x) { return standingOn(x, today); }),
        field::flag("ilac_mra_permitted", &Qualification::ilacMraPermitted),
        field::array("history", &Qualification::history, kQualificationEvent),
        field::time("created_at", &Qualification::createdAtMs),
        field::time("updated_at", &Qualification::updatedAtMs));
    return table(q);
}

Poco::JSON::Object::Ptr toJson(const StaffMember& s, bool details) {
    auto o = kStaffHead(s);
    if (details) kStaffDetails.setInto(*o, s);
    kStaffTimes.setInto(*o, s);
    return o;
}

Poco::JSON::Object::Ptr toJson(const EquipmentVerdict& v) { return kEquipmentVerdict(v); }

// Its due date and usability on the lab's date today are computed, hence the table per call.
Poco::JSON::Object::Ptr toJson(const Equipment& e, const std::string& today, const std::string& policy) {
    const auto table = fields<Equipment>(
        field::id("id", &Equipment::id),
        field::text("asset_no", &Equipment::assetNo),
        field::text("name", &Equipment::name),
        field::text("equipment_type", &Equipment::equipmentType),
        field::optText("model", &Equipment::model),
        field::optText("serial_no", &Equipment::serialNo),
        field::optText("manufacturer", &Equipment::manufacturer),
        field::optText("location", &Equipment::location),
        field::text("status", &Equipment::status),
        field::optDate("due_on", [&](const Equipment& x) { return currentDueDate(x, today); }),
        field::object("usable_today", [&](const Equipment& x) { return usableOn(x, today, policy); }),
        field::array("status_history", &Equipment::statusHistory, kStatusEvent),
        field::array("calibrations", &Equipment::calibrations, kCalibration),
        field::array("checks", &Equipment::checks, kCheck),
        field::time("created_at", &Equipment::createdAtMs),
        field::time("updated_at", &Equipment::updatedAtMs));
    return table(e);
}

Poco::JSON::Object::Ptr toJson(const ReferenceMaterial& m) { return kReferenceMaterial(m); }
Poco::JSON::Object::Ptr toJson(const Nonconformity& n) { return kNonconformity(n); }
Poco::JSON::Object::Ptr toJson(const PtRound& r) { return kPtRound(r); }
Poco::JSON::Object::Ptr toJson(const CoverageGap& g) { return kCoverageGap(g); }
Poco::JSON::Object::Ptr toJson(const RuleVerdict& v) { return kRuleVerdict(v); }
Poco::JSON::Object::Ptr toJson(const Product& p) { return kProduct(p); }
Poco::JSON::Object::Ptr toJson(const CapabilityVerdict& v) { return kCapabilityVerdict(v); }
Poco::JSON::Object::Ptr toJson(const Alert& a) { return kAlert(a); }
Poco::JSON::Object::Ptr toJson(const AlertList& l) { return kAlertList(l); }

}  // namespace assay::accreditation
