// ReportContent: what a report states (the JSON and PDF role of the reports module).
//
// Purpose: the pure functions that turn a report and the facts its checks read into what is
// signed and printed: the canonical JSON (docs/verification.md), the PDF document, the checks
// as stored with the issued report, the printed lines and facts an amendment compares; and the
// one way the services read a report row with its links (findReport).
// Thread-safety: stateless.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <Poco/JSON/Array.h>

#include "assay/Db.hpp"
#include "assay/identity/OrganizationDirectory.hpp"
#include "assay/intake/OrderedItems.hpp"
#include "domain/Report.hpp"
#include "domain/ReportChecks.hpp"
#include "domain/ReportViews.hpp"
#include "pdf/ReportPdf.hpp"
#include "storage/ReportRepository.hpp"

namespace assay::reports {

// A line as the report prints it.
PrintedLine printed(const LineFacts& f);
// The lines and marks an issued report printed, from its signed canonical JSON.
struct Printed {
    std::vector<PrintedLine> lines;
    std::string customer;
    bool cma = false, cnas = false;
    std::map<std::string, std::string> facts;
};
Printed printedOf(const std::string& canonical);
Poco::JSON::Array::Ptr changesArray(const std::vector<Change>& changes);
// The report's samples as the order describes them, in the report's order.
std::vector<const intake::ReportSample*> samplesOf(const intake::ReportTerms& terms, const std::vector<std::string>& codes);
std::string described(const intake::ReportSample& s);
// What the customer declared about the sample (R28: flagged on the report).
std::string supplied(const intake::ReportSample& s);
// The printed facts besides the results (ISO 7.8.2.1 b, c, e, g, h, n), as the canonical JSON
// keeps them and an amendment compares them.
std::map<std::string, std::string> factsOf(const identity::OrganizationRef& lab, const intake::ReportTerms& terms,
                                           const std::vector<std::string>& sampleCodes);
// The canonical JSON that is signed: keys sorted, no whitespace, UTF-8. Everything the report
// states, nothing else.
std::string canonicalJson(const Report& r, const identity::OrganizationRef& lab, const intake::ReportTerms& terms,
                          const ReportChecksView& view, const std::string& signatory, const std::string& fingerprint,
                          const std::string& issuedAt);
// The statements every report prints: R28, reproduction, and the decision rule (R30).
std::vector<std::string> statements(const std::string& language, const ReportChecksView& v);
PdfReport pdfDocument(const Report& r, const identity::OrganizationRef& lab, const intake::ReportTerms& terms, const ReportChecksView& view,
                      const std::string& signatory, const std::string& issuedAt, const std::string& verifyUrl);
// A draft's preview (ReportService::draftPdf): the same document, watermarked 草稿 / 未签发, with
// no number, no issue date, no signature and no verification address.
PdfReport draftPdfDocument(const Report& draft, const identity::OrganizationRef& lab, const intake::ReportTerms& terms,
                           const ReportChecksView& view, const std::string& signatory);
// The checks as stored with the issued report: rule, status, blocking, the reason in English
// and Chinese (rendered at issue: the facts behind them are not kept), and its code.
std::string checksJson(const ReportChecksView& v);

// Fills what the report amends and what superseded it.
void withLinks(Tx& tx, ReportRepository& repo, Report& r);
// The report of the lab with what it amends and what superseded it; empty when absent.
std::optional<Report> findReport(Tx& tx, ReportRepository& repo, std::int64_t labId, std::int64_t id);
// The same; Errors: 404.
Report requireReport(Tx& tx, ReportRepository& repo, std::int64_t labId, std::int64_t id);

}  // namespace assay::reports
