// ReportFacts: the facts a report's checks read, gathered once, in the caller's transaction.
//
// Purpose: the checks role of the reports module. gather() reads what the other modules know
// about a report on a date — the order's terms and items (intake), the lines with their current
// results (testing), each line's parameter, method, limit and its standard, the CMA and CNAS scope
// verdicts, the lab's standing and the signatory's authorizations (accreditation), the lab and the
// people (identity) — and evaluates the rules (ReportChecks). Every fact comes from one
// transaction, and the reads are batched: the number of queries does not grow with the lines.
// Thread-safety: safe from any thread (each call brings its own transaction).
#pragma once

#include <optional>
#include <string>

#include "assay/Db.hpp"
#include "assay/accreditation/QualificationStatus.hpp"
#include "assay/accreditation/Register.hpp"
#include "assay/accreditation/ScopeCheck.hpp"
#include "assay/accreditation/StaffAuthorization.hpp"
#include "assay/identity/OrganizationDirectory.hpp"
#include "assay/identity/UserDirectory.hpp"
#include "assay/intake/OrderedItems.hpp"
#include "assay/testing/ReportResults.hpp"
#include "domain/ReportViews.hpp"
#include "storage/ReportRepository.hpp"

namespace assay::reports {

// The other modules' published interfaces the checks read.
struct ReportSources {
    identity::OrganizationDirectory& orgs;
    identity::UserDirectory& users;
    intake::OrderedItems& orders;
    testing::ReportResults& results;
    accreditation::Register& reg;
    accreditation::ScopeCheck& scope;
    accreditation::QualificationStatus& standing;
    accreditation::StaffAuthorization& staff;
};

class ReportFacts {
public:
    ReportFacts(ReportSources sources, ReportPolicies policies) : src_(sources), policies_(std::move(policies)) {}

    // The checks of report r for issue on day (YYYY-MM-DD), with the facts they read.
    // Errors: 404 / 409 from the order (not found, not accepted); 409 an amendment whose original
    // has no signed content.
    ReportChecksView gather(Tx& tx, const Report& r, const std::string& day);
    // The lines of the report's samples as testing holds them now (signing reads them again).
    std::vector<testing::ReportLine> lines(Tx& tx, const Report& r) { return src_.results.linesOfSamples(tx, r.labId, r.sampleCodes); }
    const ReportSources& sources() const { return src_; }

private:
    ReportSources src_;
    ReportPolicies policies_;
    ReportRepository repo_;
};

}  // namespace assay::reports
