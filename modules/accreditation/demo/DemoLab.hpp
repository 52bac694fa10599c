// DemoLab: the accreditation records of the demo lab (README "Demo data"), for `assayctl demo`
// and the tests that call Host::seedDemo().
//
// Purpose: records the demo lab's records as a manager would, through the services' public use
// cases (each its own transaction), never through a repository; skips what is there already, so
// seeding twice changes nothing. The domain services hold no demo data.
// Ownership: borrows the module's services for the call. Thread-safety: start-up thread only.
#pragma once

#include <string>

#include "assay/Db.hpp"
#include "assay/identity/OrganizationDirectory.hpp"
#include "assay/identity/UserDirectory.hpp"
#include "domain/EquipmentService.hpp"
#include "domain/MethodService.hpp"
#include "domain/ParameterService.hpp"
#include "domain/PriceService.hpp"
#include "domain/QualificationService.hpp"
#include "domain/ScopeService.hpp"
#include "domain/SpecificationService.hpp"
#include "domain/StaffService.hpp"
#include "domain/StandardService.hpp"

namespace assay::accreditation {

// The services the demo lab is recorded through.
struct DemoLabServices {
    Db& db;
    identity::OrganizationDirectory& orgs;
    identity::UserDirectory& users;
    StandardService& standards;
    MethodService& methods;
    ParameterService& parameters;
    SpecificationService& specifications;
    PriceService& prices;
    QualificationService& qualifications;
    ScopeService& scope;
    StaffService& staff;
    EquipmentService& equipment;
};

// Records the demo lab's register (standards, methods with their verification, parameters, the
// rice specification, prices), its CMA and CNAS qualifications, their scopes, its staff with
// their authorizations, and its equipment and reference material (README "Demo data") for the
// lab with this code, in that order; nothing when the identity demo data has not created the lab.
void seedDemoLab(const DemoLabServices& s, const std::string& labCode);

}  // namespace assay::accreditation
