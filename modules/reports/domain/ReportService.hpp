// ReportService: report drafts over samples of an accepted order, their lines, their signatory,
// and the rule checks before issue.
//
// Purpose: create() takes an accepted order (intake's OrderedItems) and some or all of its
// samples; a draft has no number yet (numbers are given at issue, gap-free). checks() gathers the
// facts from the other modules — the lines and their current results (testing's ReportResults),
// each line's method (the register), its CMA and CNAS scope verdicts and the lab's standing on
// the date (ScopeCheck, QualificationStatus), the signatory's authorization (StaffAuthorization
// maySign) — and evaluates them (ReportChecks): every applicable rule with pass/fail and why,
// the marks the report may carry, and whether it may be issued.
// Tenancy: the principal's lab. Thread-safety: safe from any request thread.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "assay/Audit.hpp"
#include "assay/Clock.hpp"
#include "assay/Db.hpp"
#include "assay/IdGenerator.hpp"
#include "assay/Outbox.hpp"
#include "assay/Principal.hpp"
#include "assay/accreditation/QualificationStatus.hpp"
#include "assay/accreditation/Register.hpp"
#include "assay/accreditation/ScopeCheck.hpp"
#include "assay/accreditation/StaffAuthorization.hpp"
#include "assay/identity/OrganizationDirectory.hpp"
#include "assay/identity/Reauthentication.hpp"
#include "assay/identity/UserDirectory.hpp"
#include "assay/intake/OrderedItems.hpp"
#include "assay/testing/ReportResults.hpp"
#include "domain/Report.hpp"
#include "domain/ReportChecks.hpp"
#include "storage/ReportRepository.hpp"

namespace assay::reports {

struct ReportPolicies {
    std::string cmaOutOfScope = "block";  // R2: block | flag
    std::string englishOnlyCma = "warn";  // R34: warn | block
    std::string numberFormat = "{LAB}-R{YYYY}{SEQ:06}";
    std::string publicBaseUrl = "http://127.0.0.1:8080";  // what the QR code points at: <base>/verify/<code>
    int retentionYears = 6;  // R22: at least 6 (sector rules or contracts may ask more)
    std::string conformityStandard = "allow_limit_standards";  // R6: scope_only | allow_limit_standards
};

struct AmendRequest {
    std::string reason;
    std::string cause;  // error | omission | customer_request | other
    bool originalRecovered = true;
    bool publicNotice = false;
};

// What the public verification page shows (R38): no customer data, no results.
struct Verification {
    std::string number, lab, issueDate;
    std::string status;  // valid | superseded | withdrawn | damaged (the record no longer matches its signature, hashes or audit trail)
    std::vector<std::string> problems;  // why it is damaged (logged and kept internal, not shown in public)
    std::optional<std::string> supersededBy;
    std::string canonicalSha256, signature, keyFingerprint, signatory;
    std::optional<std::string> pdfSha256;
    bool cma = false, cnas = false;
    std::vector<std::string> publicNotices;  // void notices where third parties may be affected (R35)
    // Only with the customer's recorded consent (R38): the customer and each result as printed.
    std::optional<std::string> customer;
    std::vector<PrintedLine> results;
};

struct ReportChecksView {
    Report report;
    std::string date;        // the issue date the checks are for
    CheckInput facts;        // what the checks were computed from (lines with their scope verdicts; an amendment's changes)
    CheckOutcome outcome;
    std::string changesSha256;  // an amendment's changes, as the technical manager approves them
    intake::ReportTerms terms;  // the order's terms the checks read (issue prints them)
};

class ReportService {
public:
    ReportService(Db& db, const Clock& clock, IdGenerator& ids, AuditLog& audit, identity::OrganizationDirectory& orgs,
                  identity::UserDirectory& users, intake::OrderedItems& orders, testing::ReportResults& results,
                  accreditation::Register& reg, accreditation::ScopeCheck& scope, accreditation::QualificationStatus& standing,
                  accreditation::StaffAuthorization& staff, identity::Reauthentication& reauth, ReportPolicies policies)
        : db_(db), clock_(clock), ids_(ids), audit_(audit), orgs_(orgs), users_(users), orders_(orders), results_(results),
          register_(reg), scope_(scope), standing_(standing), staff_(staff), reauth_(reauth), policies_(std::move(policies)) {}

    // Errors: 400 (order_code, sample_codes naming a sample not in the order); 404 order; 409 the
    // order is not accepted.
    Report create(const Principal& p, const std::string& orderCode, const std::vector<std::string>& sampleCodes,
                  const std::string& requestId);
    // Errors: 400 status (not one of draft, issued, superseded, withdrawn, discarded).
    std::vector<Report> list(const Principal& p, std::int64_t beforeId, int limit, const std::string& status = {});
    Report get(const Principal& p, std::int64_t id);  // 404
    // Chooses (or clears) the signatory of a draft. Errors: 400 (not a user of the lab); 404; 409
    // not a draft; 412.
    Report setSignatory(const Principal& p, std::int64_t id, int expectedVersion, std::optional<std::int64_t> userId,
                        const std::string& requestId);
    // The checks for issue on date (default: today in the lab). Errors: 400 (date); 404.
    ReportChecksView checks(const Principal& p, std::int64_t id, const std::optional<std::string>& date);

    // The signatory's own key pair (R11), after re-authentication; an earlier key is retired
    // (its certificate stays published). Errors: 400 password; 403 without a user account.
    SigningKey createKey(const Principal& p, const std::string& password, const std::string& requestId);
    std::vector<SigningKey> keys(const Principal& p);
    std::optional<SigningKey> certificate(const std::string& fingerprint);  // public
    // Issues and signs the draft (R32: the server's date and time): only its chosen signatory,
    // re-authenticated, with their own key; blocked (422 with every failing rule) while a
    // blocking check fails. The number is drawn in the same transaction (gap-free).
    // Errors: 400 password; 404; 409 not a draft or no signing key; 412; 422 R10/R11 and the checks.
    Report issue(const Principal& p, std::int64_t id, int expectedVersion, const std::string& password, const std::string& requestId);
    // The same after the caller re-authenticated the signatory (confirmSigner): a batch checks the
    // password once. The password still opens the private key. No expectedVersion: the draft as
    // it is now (its checks run again in any case).
    Report issueConfirmed(const Principal& p, std::int64_t id, std::optional<int> expectedVersion, const std::string& password,
                          const std::string& requestId);
    void confirmSigner(const Principal& p, const std::string& password, const std::string& what, const std::string& requestId);
    // Public (R38). The status is "damaged" when the stored report no longer matches its signature,
    // its hashes or its audit trail (ReportIntegrity), never "valid".
    std::optional<Verification> verification(const std::string& code);

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
    // notification is logged. Errors: 400 reason; 404; 409 not issued; 412.
    Report withdraw(const Principal& p, std::int64_t id, int expectedVersion, const std::string& reason, const std::string& requestId);
    std::vector<Notification> notifications(const Principal& p, std::int64_t id);
    // R38: records the customer's consent to show the customer and the results on the public
    // verification of an issued (or superseded) report. Errors: 400 consented_by, consent_ref;
    // 404; 409 a draft, or recorded already.
    Report discloseResults(const Principal& p, std::int64_t id, const std::string& consentedBy, const std::string& consentRef,
                           const std::string& requestId);
    std::string userName(std::int64_t userId);  // a display name for the register
    // A draft is discarded; an issued report's content is disposed of only after its retention
    // date, issue_date + reports.retention_years (R22). Errors: 404; 412; 422 R22.
    Report remove(const Principal& p, std::int64_t id, int expectedVersion, const std::string& requestId);
    static std::string retainUntil(const std::string& issueDate, int years);
    // An uploaded PDF: "authentic" (a report issued with exactly these bytes, its CMS signature
    // verifying with the signatory's certificate; found is filled), "record damaged" (the same,
    // but the stored record no longer matches its signature or audit trail) or "document modified".
    std::string pdfVerdict(const std::string& pdf, std::optional<Verification>& found);
    // Where report.issued is written (the host outbox, domain/ReportEvents); none: not written.
    void publishTo(Outbox& outbox) { outbox_ = &outbox; }

private:
    Outbox* outbox_ = nullptr;
    Db& db_;
    const Clock& clock_;
    IdGenerator& ids_;
    AuditLog& audit_;
    identity::OrganizationDirectory& orgs_;
    identity::UserDirectory& users_;
    intake::OrderedItems& orders_;
    testing::ReportResults& results_;
    accreditation::Register& register_;
    accreditation::ScopeCheck& scope_;
    accreditation::QualificationStatus& standing_;
    accreditation::StaffAuthorization& staff_;
    identity::Reauthentication& reauth_;
    ReportPolicies policies_;
    ReportRepository repo_;
    void enrich(Tx& tx, Report& r);
    ReportChecksView checksOf(const Report& r, const std::optional<std::string>& date);
    // The public facts of the issued report find() reads (one transaction), with the report.
    std::optional<std::pair<Report, Verification>> verified(const std::function<std::optional<Report>(Tx&)>& find);
    // The caller's draft, if it may be issued by them now (status, version, R10, R11).
    Report draftToIssue(const Principal& p, std::int64_t id, std::optional<int> expectedVersion);
    // Signs and stores the issued report (after re-authentication).
    Report signDraft(const Principal& p, const Report& draft, const std::string& password, const std::string& requestId);
};

}  // namespace assay::reports
