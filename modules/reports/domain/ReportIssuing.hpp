// ReportIssuing: signing keys, and issuing a draft: its number, PDF, canonical JSON and
// signatures, in one write transaction (the issuing and signing role of the reports module).
//
// Purpose: R10/R11 (only the chosen signatory, re-authenticated, with their own key), R32 (the
// server's date and time), R35 (an amendment's number and the original superseded). The checks
// (ReportFacts) run inside the same transaction as the number and the signature, so what is
// signed is what was checked; a failure at any step draws no number and changes nothing.
// Tenancy: the principal's lab. Thread-safety: safe from any request thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "assay/Audit.hpp"
#include "assay/Clock.hpp"
#include "assay/Db.hpp"
#include "assay/IdGenerator.hpp"
#include "assay/Outbox.hpp"
#include "assay/Principal.hpp"
#include "assay/identity/Reauthentication.hpp"
#include "assay/intake/SampleProgress.hpp"
#include "domain/Report.hpp"
#include "domain/ReportViews.hpp"
#include "storage/ReportRepository.hpp"

namespace assay::reports {

class ReportFacts;

class ReportIssuing {
public:
    ReportIssuing(Db& db, const Clock& clock, IdGenerator& ids, AuditLog& audit, ReportFacts& facts, identity::Reauthentication& reauth,
                  ReportPolicies policies)
        : db_(db), clock_(clock), ids_(ids), audit_(audit), facts_(facts), reauth_(reauth), policies_(std::move(policies)) {}

    // The signatory's own key pair (R11), after re-authentication; an earlier key is retired
    // (its certificate stays published). Errors: 400 password; 403 without a user account.
    SigningKey createKey(const Principal& p, const std::string& password, const std::string& requestId);
    std::vector<SigningKey> keys(const Principal& p);
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
    // Where report.issued is written (the host outbox, domain/ReportEvents); none: not written.
    void publishTo(Outbox& outbox) { outbox_ = &outbox; }
    // Issuing moves the report's samples to reported (intake's SampleProgress), in the signing
    // transaction; unset: samples do not follow.
    void followSamples(intake::SampleProgress& samples) { samples_ = &samples; }

private:
    // The caller's draft, if it may be issued by them now (status, version, R10, R11): asked
    // before the password is tried, and again inside the signing transaction.
    Report draftToIssue(Tx& tx, const Principal& p, std::int64_t id, std::optional<int> expectedVersion);
    // Checks, numbers, signs and stores the issued report, in one write transaction.
    Report signDraft(const Principal& p, std::int64_t id, std::optional<int> expectedVersion, const std::string& password,
                     const std::string& requestId);
    Db& db_;
    const Clock& clock_;
    IdGenerator& ids_;
    AuditLog& audit_;
    ReportFacts& facts_;
    identity::Reauthentication& reauth_;
    ReportPolicies policies_;
    ReportRepository repo_;
    Outbox* outbox_ = nullptr;
    intake::SampleProgress* samples_ = nullptr;
};

}  // namespace assay::reports
