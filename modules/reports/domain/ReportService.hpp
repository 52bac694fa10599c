// ReportService: report drafts over samples of an accepted order, their signatory, their checks,
// and the end of a report's life (discard, disposal after retention).
//
// Purpose: the drafts role of the reports module. create() takes an accepted order (intake's
// OrderedItems) and some or all of its samples; a draft has no number yet (numbers are given at
// issue, gap-free, by ReportIssuing). checks() runs ReportFacts in one read. The other roles:
// ReportFacts (the facts the checks read), ReportContent (canonical JSON, PDF), ReportIssuing
// (keys, issue and signing), ReportAmendments (amend, approve, withdraw, disclose) and
// ReportVerification (the public verification). Each use case is one transaction.
// Tenancy: the principal's lab. Thread-safety: safe from any request thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "assay/Audit.hpp"
#include "assay/Clock.hpp"
#include "assay/Db.hpp"
#include "assay/IdGenerator.hpp"
#include "assay/Principal.hpp"
#include "domain/Report.hpp"
#include "domain/ReportViews.hpp"
#include "storage/ReportRepository.hpp"

namespace assay::reports {

class ReportFacts;

class ReportService {
public:
    ReportService(Db& db, const Clock& clock, IdGenerator& ids, AuditLog& audit, ReportFacts& facts, ReportPolicies policies)
        : db_(db), clock_(clock), ids_(ids), audit_(audit), facts_(facts), policies_(std::move(policies)) {}

    // Errors: 400 (order_code, sample_codes naming a sample not in the order); 404 order; 409 the
    // order is not accepted.
    Report create(const Principal& p, const std::string& orderCode, const std::vector<std::string>& sampleCodes,
                  const std::string& requestId);
    // No status: all.
    std::vector<Report> list(const Principal& p, std::int64_t beforeId, int limit, std::optional<ReportStatus> status = std::nullopt);
    Report get(const Principal& p, std::int64_t id);  // 404
    // The drafts whose chosen signatory is the caller, newest first, each with its checks on the
    // lab's date (one read; the checks of each draft as GET /checks computes them).
    std::vector<QueuedReport> waitingFor(const Principal& p, std::int64_t beforeId, int limit);
    // A draft's PDF as it would print, for the signatory to read before signing: watermarked
    // 草稿 / 未签发 on every page, unsigned, no number, no QR or verification code; rendered on
    // each call and never stored. Errors: 404; 409 not a draft (an issued report has its PDF).
    DraftPdf draftPdf(const Principal& p, std::int64_t id);
    // Chooses (or clears) the signatory of a draft. Errors: 400 (not a user of the lab); 404; 409
    // not a draft; 412.
    Report setSignatory(const Principal& p, std::int64_t id, int expectedVersion, std::optional<std::int64_t> userId,
                        const std::string& requestId);
    // The checks for issue on date (default: today in the lab). Errors: 400 (date); 404.
    ReportChecksView checks(const Principal& p, std::int64_t id, const std::optional<std::string>& date);
    std::vector<Notification> notifications(const Principal& p, std::int64_t id);
    std::string userName(std::int64_t userId);  // a display name for the register
    // A draft is discarded; an issued report's content is disposed of only after its retention
    // date, issue_date + reports.retention_years (R22). Errors: 404; 412; 422 R22.
    Report remove(const Principal& p, std::int64_t id, int expectedVersion, const std::string& requestId);
    static std::string retainUntil(const std::string& issueDate, int years);

private:
    Db& db_;
    const Clock& clock_;
    IdGenerator& ids_;
    AuditLog& audit_;
    ReportFacts& facts_;
    ReportPolicies policies_;
    ReportRepository repo_;
};

}  // namespace assay::reports
