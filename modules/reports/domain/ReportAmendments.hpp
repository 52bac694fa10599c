// ReportAmendments: what happens to an issued report: amended (R35, R36), withdrawn, or its
// results disclosed on the public verification with the customer's consent (R38).
//
// Purpose: the amendments role of the reports module. Each use case is one write transaction;
// an approval re-authenticates the technical manager before it.
// Tenancy: the principal's lab. Thread-safety: safe from any request thread.
#pragma once

#include "assay/Outbox.hpp"

#include <string>

#include "assay/Audit.hpp"
#include "assay/Clock.hpp"
#include "assay/Db.hpp"
#include "assay/IdGenerator.hpp"
#include "assay/Principal.hpp"
#include "assay/identity/Reauthentication.hpp"
#include "domain/Report.hpp"
#include "domain/ReportViews.hpp"
#include "storage/ReportRepository.hpp"

namespace assay::reports {

class ReportFacts;

class ReportAmendments {
public:
    // Where report.withdrawn is written (the host outbox, domain/ReportEvents); none: not written.
    void publishTo(Outbox& outbox) { outbox_ = &outbox; }
    ReportAmendments(Db& db, const Clock& clock, IdGenerator& ids, AuditLog& audit, ReportFacts& facts, identity::Reauthentication& reauth)
        : db_(db), clock_(clock), ids_(ids), audit_(audit), facts_(facts), reauth_(reauth) {}

    // R35: a new draft amending an issued report (same order and samples, the signatory copied),
    // numbered <original>-A<n> at issue; when it is issued the original is superseded and the
    // customer notification logged. Errors: 400 reason, cause; 404; 409 not issued, or an
    // amendment draft of it is already open.
    Report amend(const Principal& p, std::int64_t id, const AmendRequest& request, const std::string& requestId);
    // R36: the technical manager approves an amendment draft's changes as they stand (re-authenticated).
    // Errors: 400 password; 404; 409 not an amendment draft; 422 R36 (no change needing approval, or
    // approving your own amendment).
    // changesSha256: the changes the manager reviewed (the checks' approval.changes_sha256); 412
    // when they moved since.
    Report approveAmendment(const Principal& p, std::int64_t id, const std::string& password, const std::string& note,
                            const std::string& changesSha256, const std::string& requestId);
    // An issued report withdrawn (no replacement): the verification says withdrawn; the customer
    // notification is logged. The person's own password confirms it, as for signing. Errors: 400
    // reason or password (a wrong one is audited); 404; 409 not issued; 412.
    Report withdraw(const Principal& p, std::int64_t id, int expectedVersion, const std::string& password, const std::string& reason,
                    const std::string& requestId);
    // R38: records the customer's consent to show the customer and the results on the public
    // verification of an issued (or superseded) report. Errors: 400 consented_by, consent_ref;
    // 404; 409 a draft, or recorded already.
    Report discloseResults(const Principal& p, std::int64_t id, const std::string& consentedBy, const std::string& consentRef,
                           const std::string& requestId);

private:
    // The amendment draft's checks today, and the R36 questions before the password is asked.
    ReportChecksView approvable(Tx& tx, const Principal& p, std::int64_t id, const std::string& changesSha256);
    Db& db_;
    const Clock& clock_;
    IdGenerator& ids_;
    AuditLog& audit_;
    ReportFacts& facts_;
    identity::Reauthentication& reauth_;
    ReportRepository repo_;
    Outbox* outbox_ = nullptr;
};

}  // namespace assay::reports
