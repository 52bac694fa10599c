// AccreditationJson: the one JSON rendering of each accreditation entity (register, scope,
// qualifications, staff, equipment, nonconformities, PT, verdicts, alerts); every route that
// shows one renders through it.
// Thread-safety: pure functions.
#pragma once

#include <string>

#include <Poco/JSON/Object.h>

#include "domain/AccreditationAlerts.hpp"
#include "domain/CapabilityService.hpp"
#include "domain/EquipmentService.hpp"
#include "domain/NonconformityService.hpp"
#include "domain/ProficiencyService.hpp"
#include "domain/QualificationService.hpp"
#include "domain/MethodService.hpp"
#include "domain/ParameterService.hpp"
#include "domain/PriceService.hpp"
#include "domain/SpecificationService.hpp"
#include "domain/StandardService.hpp"
#include "domain/ScopeService.hpp"
#include "domain/StaffService.hpp"

namespace assay::accreditation {

// The register.
Poco::JSON::Object::Ptr toJson(const Standard& s);
Poco::JSON::Object::Ptr toJson(const Method& m);
Poco::JSON::Object::Ptr toJson(const MethodRecord& r);
Poco::JSON::Object::Ptr toJson(const Parameter& x);
Poco::JSON::Object::Ptr toJson(const Specification& sp);
Poco::JSON::Object::Ptr toJson(const Price& x);
// The scope.
Poco::JSON::Object::Ptr toJson(const ScopeRow& r);
Poco::JSON::Object::Ptr toJson(const ScopeChange& c);
Poco::JSON::Object::Ptr toJson(const ScopeVerdict& v);
// Qualifications; the standing is computed on today.
Poco::JSON::Object::Ptr toJson(const QualificationStanding& s);
Poco::JSON::Object::Ptr toJson(const Qualification& q, const std::string& today);
// Staff: details adds records, authorizations and signatory authorizations.
Poco::JSON::Object::Ptr toJson(const StaffMember& s, bool details);
// Equipment: usable_today and due_on are computed on today under the lab's policy.
Poco::JSON::Object::Ptr toJson(const EquipmentVerdict& v);
Poco::JSON::Object::Ptr toJson(const Equipment& e, const std::string& today, const std::string& policy);
Poco::JSON::Object::Ptr toJson(const ReferenceMaterial& m);
Poco::JSON::Object::Ptr toJson(const Nonconformity& n);
// Proficiency testing.
Poco::JSON::Object::Ptr toJson(const PtRound& r);
Poco::JSON::Object::Ptr toJson(const CoverageGap& g);
// Verdicts.
Poco::JSON::Object::Ptr toJson(const RuleVerdict& v);
Poco::JSON::Object::Ptr toJson(const Product& p);
Poco::JSON::Object::Ptr toJson(const CapabilityVerdict& v);
// The alerts page: {date, within, items, open_nonconformities, next_cursor: null}.
Poco::JSON::Object::Ptr toJson(const Alert& a);
Poco::JSON::Object::Ptr toJson(const AlertList& l);

}  // namespace assay::accreditation
