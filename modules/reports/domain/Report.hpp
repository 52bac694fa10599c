// Report: a report draft (later issued) over samples of one order.
// Thread-safety: value type.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "assay/Enum.hpp"

namespace assay::reports {

// What makes a draft an amendment of an issued report (R35, R36).
struct Amendment {
    std::int64_t reportId = 0;  // the amendment (a draft until issued)
    std::int64_t labId = 0;
    std::int64_t amendsId = 0;  // the report it replaces
    int amendmentNo = 1;        // -A1, -A2 ... along the chain
    std::string reason;
    std::string cause = "error";  // error | omission | customer_request | other
    bool originalRecovered = true;  // false: a void declaration is recorded
    bool publicNotice = false;      // third parties may be affected: a public void notice
    std::optional<std::int64_t> approvedBy;  // the technical manager (R36)
    std::optional<std::int64_t> approvedAtMs;
    std::optional<std::string> approvalNote;
    std::optional<std::string> approvedChangesSha256;  // the approval covers exactly these changes
};

// draft -> issued -> superseded (by an amendment) | withdrawn; a draft may be discarded.
enum class ReportStatus { Draft, Issued, Superseded, Withdrawn, Discarded };
using assay::operator<<;

struct Report {
    std::int64_t id = 0;
    std::int64_t labId = 0;
    std::string orderCode;
    std::vector<std::string> sampleCodes;
    ReportStatus status = ReportStatus::Draft;
    std::optional<std::string> number;  // given at issue
    std::optional<std::int64_t> signatoryUserId;
    std::int64_t createdBy = 0;
    std::int64_t createdAtMs = 0, updatedAtMs = 0;
    int version = 1;
    // Issued (R32: the server clock; R37: what was signed).
    std::optional<std::string> issueDate;       // YYYY-MM-DD in the lab
    std::optional<std::int64_t> issuedAtMs;     // the signing time
    std::optional<std::string> canonical;       // the canonical JSON that was signed
    std::optional<std::string> canonicalSha256;
    std::optional<std::string> signature;       // base64 of the DER ECDSA-SHA256 signature
    std::optional<std::string> keyFingerprint;  // the signatory's certificate
    std::optional<std::string> checks;          // the checks on the issue date, as JSON
    std::optional<std::string> verifyCode;      // the public verification code (QR)
    std::optional<std::string> pdf;             // base64 of the PDF as issued
    std::optional<std::string> pdfSha256;       // covered by the signature over the canonical JSON
    std::optional<std::string> pdfCms;          // base64 DER detached CMS signature of the PDF
    // After issue: the amendment that superseded it (R35), or why it was withdrawn.
    std::optional<std::int64_t> supersededById;
    std::optional<std::string> withdrawnReason;
    std::optional<std::int64_t> disposedAtMs;  // R22: its content disposed of after the retention date
    // Filled by ReportService::get (not columns of the report): what it amends, what superseded it.
    std::optional<Amendment> amendment;
    std::optional<std::string> amendsNumber, supersededByNumber;
};

struct Notification {
    std::int64_t id = 0;
    std::int64_t labId = 0;
    std::int64_t reportId = 0;
    std::string kind;     // amended | withdrawn | void_declaration | public_notice
    std::string channel;  // record (logged for the customer contact) | public
    std::string recipient;
    std::string message;
    std::int64_t createdBy = 0;
    std::int64_t createdAtMs = 0;
};

struct SigningKey {
    std::int64_t id = 0;
    std::int64_t labId = 0;
    std::int64_t userId = 0;
    std::string fingerprint;
    std::string certificatePem;
    std::string privateKeyPem;  // encrypted PKCS#8
    std::string status = "active";  // active | retired
    std::int64_t createdAtMs = 0;
};

}  // namespace assay::reports

namespace assay {
template <>
struct EnumNames<reports::ReportStatus> {
    static constexpr std::array<std::string_view, 5> names{"draft", "issued", "superseded", "withdrawn", "discarded"};
};
}  // namespace assay
