// ReportRepository: rep_reports with named queries, portable to SQLite and MariaDB.
// Thread-safety: stateless; use inside one transaction.
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "assay/Db.hpp"
#include "domain/Report.hpp"

namespace assay::reports {

class ReportRepository {
public:
    void insert(Tx& tx, const Report& r);
    std::optional<Report> find(Tx& tx, std::int64_t labId, std::int64_t id);
    // Newest first, keyset; status: only those (none: all).
    // signatory: only the reports whose chosen signatory is that user.
    std::vector<Report> list(Tx& tx, std::int64_t labId, std::int64_t beforeId, int limit, std::optional<ReportStatus> status = std::nullopt,
                             std::optional<std::int64_t> signatory = std::nullopt);
    // Optimistic: false when the version moved. Writes the issue fields too.
    bool update(Tx& tx, const Report& r, int expectedVersion);
    // An order's reports that were issued (issued, superseded or withdrawn), oldest first, without
    // their canonical JSON, checks and PDF.
    std::vector<Report> issuedOfOrder(Tx& tx, std::int64_t labId, const std::string& orderCode);
    std::optional<Report> byVerifyCode(Tx& tx, const std::string& code);  // any lab (public verification)
    std::optional<Report> byPdfSha256(Tx& tx, const std::string& sha);    // any lab (an uploaded PDF)
    // Every report of every lab as (lab id, id), oldest first: for `assayctl audit verify`.
    std::vector<std::pair<std::int64_t, std::int64_t>> reportKeys(Tx& tx);

    // MariaDB: holds the report's row until the transaction ends (two amendments of one report
    // are drafted one after the other); SQLite serializes writers already.
    void lock(Tx& tx, std::int64_t labId, std::int64_t id);
    std::optional<std::string> numberOf(Tx& tx, std::int64_t labId, std::int64_t id);  // without loading the report
    // After issue: superseded by an amendment, or withdrawn (the version moves; false when it had).
    bool markSuperseded(Tx& tx, std::int64_t labId, std::int64_t id, std::int64_t byId, std::int64_t atMs);
    bool markWithdrawn(Tx& tx, std::int64_t labId, std::int64_t id, int expectedVersion, const std::string& reason, std::int64_t atMs);

    // R22: the content of an issued report after its retention date (the row, number, hashes and the
    // PDF's detached signature stay, so a kept copy of the PDF still verifies).
    bool markDisposed(Tx& tx, std::int64_t labId, std::int64_t id, int expectedVersion, std::int64_t atMs);
    bool markDiscarded(Tx& tx, std::int64_t labId, std::int64_t id, int expectedVersion, std::int64_t atMs);  // a draft

    void insertAmendment(Tx& tx, const Amendment& a);
    std::optional<Amendment> amendment(Tx& tx, std::int64_t labId, std::int64_t reportId);
    std::vector<Amendment> amendmentsOf(Tx& tx, std::int64_t labId, std::int64_t originalId);
    bool approveAmendment(Tx& tx, const Amendment& a);  // false when the amendment is no longer a draft

    void insertNotification(Tx& tx, const Notification& n);
    std::vector<Notification> notifications(Tx& tx, std::int64_t labId, std::int64_t reportId);
    std::vector<Notification> publicNotices(Tx& tx, std::int64_t labId, std::int64_t reportId);

    // R38: the customer's consent to show the customer and the results on the public verification.
    bool hasDisclosure(Tx& tx, std::int64_t labId, std::int64_t reportId);
    void insertDisclosure(Tx& tx, std::int64_t labId, std::int64_t reportId, const std::string& consentedBy, const std::string& consentRef,
                          std::int64_t recordedBy, std::int64_t atMs);

    void insertKey(Tx& tx, const SigningKey& k);
    void retireKeys(Tx& tx, std::int64_t labId, std::int64_t userId);
    std::optional<SigningKey> activeKey(Tx& tx, std::int64_t labId, std::int64_t userId);
    std::optional<SigningKey> keyByFingerprint(Tx& tx, const std::string& fingerprint);
    std::vector<SigningKey> keys(Tx& tx, std::int64_t labId);
};

}  // namespace assay::reports
