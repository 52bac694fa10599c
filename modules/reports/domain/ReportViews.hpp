// ReportViews: the plain structs the reports services share: policies, an amendment request,
// the public verification and the checks with the facts they read.
// Thread-safety: values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "assay/intake/OrderedItems.hpp"
#include "domain/Report.hpp"
#include "domain/ReportChecks.hpp"

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

// A draft waiting for its chosen signatory (GET /api/reports?waiting_for=me), with the state of
// its checks on the lab's date: issuable, and the checks that fail or warn.
struct QueuedReport {
    std::int64_t id = 0;  // the report's (keyset paging)
    Report report;
    std::string date;
    bool issuable = false;
    std::vector<Check> open;          // the checks that fail or warn, blocking first
    std::optional<Message> problem;   // why the checks could not be computed (the order is no longer accepted ...)
};

// A draft's PDF preview (ReportService::draftPdf).
struct DraftPdf {
    std::string bytes;
    std::string fileName;
};

}  // namespace assay::reports
