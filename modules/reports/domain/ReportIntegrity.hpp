// ReportIntegrity: a stored report against its signature, its hashes and its audit trail (R35,
// R37, R38).
//
// Purpose: an issued report is its signed canonical JSON plus the columns the public verification
// and the register read (number, status, verification code, PDF hash, signing key, what
// superseded it). Each of those is pinned twice: by the signature over the canonical JSON (which
// states the number, the verification code, the issue date, the signatory, the certificate and
// the PDF's SHA-256) and by the audit trail (the sign event names the number, the canonical
// SHA-256 and the key; every status change is an event, and from now on each is followed in the
// same transaction by a seal naming the status). integrityProblems() lists every way the row
// differs from those, so the public verification answers "damaged" instead of "valid" and
// `assayctl audit verify` names the report. A report's status is the latest the trail records:
// create / amend → draft, sign → issued, supersede → superseded, withdraw → withdrawn, discard
// → discarded (or a seal's status=).
// Thread-safety: pure functions over values; the check holds nothing between calls.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "assay/Audit.hpp"
#include "assay/Evidence.hpp"
#include "domain/Report.hpp"

namespace assay::reports {

// What the audit trail says about one report.
struct AuditedReport {
    std::optional<std::string> status;  // the latest status an event recorded
    std::int64_t statusSeq = 0;         // that event
    bool signedEvent = false;           // a sign event exists
    std::optional<std::string> number, canonicalSha256, keyFingerprint, pdfSha256;  // as signed
    std::optional<std::string> supersededBy;  // the number of the amendment that superseded it
    bool disposed = false;   // R22: its content was disposed of
    bool disclosed = false;  // R38: the customer's consent to public results was recorded
};
AuditedReport auditedReport(const std::vector<AuditRecord>& events);

// The seal's new value after a status change: the status, and for an issued report what was signed.
std::string reportSealText(const Report& r, const std::optional<std::string>& supersededByNumber = std::nullopt);

// Every way the stored report differs from its signature, its hashes and its audit trail; empty
// when it is intact. certificatePem: the signatory's certificate found under the row's key
// fingerprint (empty when none). supersededByNumber: the number of the row its superseded_by_id
// points at. disclosureRow: a consent row exists. checkPdf: the PDF bytes too (the public
// verification does not load them).
std::vector<std::string> integrityProblems(const Report& r, const AuditedReport& audited, const std::optional<std::string>& certificatePem,
                                           const std::optional<std::string>& supersededByNumber, bool disclosureRow, bool checkPdf);

// For `assayctl audit verify`: every report of every lab, its PDF included.
std::shared_ptr<EvidenceCheck> makeReportEvidenceCheck();

}  // namespace assay::reports
