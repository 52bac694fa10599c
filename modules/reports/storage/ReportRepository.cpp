// ReportRepository: named queries bound with soci::use.
#include "storage/ReportRepository.hpp"

#include <limits>

#include "assay/Rows.hpp"

namespace assay::reports {

namespace {
constexpr const char* kColumns =
    "SELECT id, lab_id, order_code, sample_codes, status, number, signatory_user_id, created_by, created_at_ms, updated_at_ms, "
    "version, issue_date, issued_at_ms, canonical, canonical_sha256, signature, key_fingerprint, checks, verify_code, pdf, pdf_sha256, pdf_cms, "
    "superseded_by_id, withdrawn_reason, disposed_at_ms FROM rep_reports ";
// The register: the same without the large columns (the PDF, its signature, the canonical JSON);
// typed NULLs, because MariaDB reports a bare NULL column as MYSQL_TYPE_NULL, which SOCI's row
// cannot describe.
constexpr const char* kListColumns =
    "SELECT id, lab_id, order_code, sample_codes, status, number, signatory_user_id, created_by, created_at_ms, updated_at_ms, "
    "version, issue_date, issued_at_ms, CAST(NULL AS CHAR(1)), canonical_sha256, signature, key_fingerprint, CAST(NULL AS CHAR(1)), verify_code, "
    "CAST(NULL AS CHAR(1)), pdf_sha256, CAST(NULL AS CHAR(1)), "
    "superseded_by_id, withdrawn_reason, disposed_at_ms FROM rep_reports ";
// Public verification: the register's columns plus the canonical JSON (for the marks).
constexpr const char* kVerifyColumns =
    "SELECT id, lab_id, order_code, sample_codes, status, number, signatory_user_id, created_by, created_at_ms, updated_at_ms, "
    "version, issue_date, issued_at_ms, canonical, canonical_sha256, signature, key_fingerprint, CAST(NULL AS CHAR(1)), verify_code, "
    "CAST(NULL AS CHAR(1)), pdf_sha256, pdf_cms, superseded_by_id, withdrawn_reason, disposed_at_ms FROM rep_reports ";
constexpr const char* kAmendmentColumns =
    "SELECT report_id, lab_id, amends_id, amendment_no, reason, cause, original_recovered, public_notice, approved_by, approved_at_ms, "
    "approval_note, approved_changes_sha256 FROM rep_amendments ";
constexpr const char* kNotificationColumns =
    "SELECT id, lab_id, report_id, kind, channel, recipient, message, created_by, created_at_ms FROM rep_notifications ";

Amendment amendmentFrom(const soci::row& r) {
    Amendment a;
    a.reportId = rows::i64(r, 0);
    a.labId = rows::i64(r, 1);
    a.amendsId = rows::i64(r, 2);
    a.amendmentNo = static_cast<int>(rows::i64(r, 3));
    a.reason = rows::str(r, 4);
    a.cause = rows::str(r, 5);
    a.originalRecovered = rows::i64(r, 6) != 0;
    a.publicNotice = rows::i64(r, 7) != 0;
    a.approvedBy = rows::optI64(r, 8);
    a.approvedAtMs = rows::optI64(r, 9);
    a.approvalNote = rows::optStr(r, 10);
    a.approvedChangesSha256 = rows::optStr(r, 11);
    return a;
}

Notification notificationFrom(const soci::row& r) {
    Notification n;
    n.id = rows::i64(r, 0);
    n.labId = rows::i64(r, 1);
    n.reportId = rows::i64(r, 2);
    n.kind = rows::str(r, 3);
    n.channel = rows::str(r, 4);
    n.recipient = rows::str(r, 5);
    n.message = rows::str(r, 6);
    n.createdBy = rows::i64(r, 7);
    n.createdAtMs = rows::i64(r, 8);
    return n;
}
constexpr const char* kKeyColumns =
    "SELECT id, lab_id, user_id, fingerprint, certificate_pem, private_key_pem, status, created_at_ms FROM rep_signing_keys ";

SigningKey keyFrom(const soci::row& r) {
    SigningKey k;
    k.id = rows::i64(r, 0);
    k.labId = rows::i64(r, 1);
    k.userId = rows::i64(r, 2);
    k.fingerprint = rows::str(r, 3);
    k.certificatePem = rows::str(r, 4);
    k.privateKeyPem = rows::str(r, 5);
    k.status = rows::str(r, 6);
    k.createdAtMs = rows::i64(r, 7);
    return k;
}

std::string joinCodes(const std::vector<std::string>& codes) {
    std::string out;
    for (const auto& c : codes) out += (out.empty() ? "" : ",") + c;
    return out;
}

std::vector<std::string> splitCodes(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size() && !text.empty()) {
        const auto end = text.find(',', start);
        out.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return out;
}

Report from(const soci::row& r) {
    Report x;
    x.id = rows::i64(r, 0);
    x.labId = rows::i64(r, 1);
    x.orderCode = rows::str(r, 2);
    x.sampleCodes = splitCodes(rows::str(r, 3));
    x.status = rows::str(r, 4);
    x.number = rows::optStr(r, 5);
    x.signatoryUserId = rows::optI64(r, 6);
    x.createdBy = rows::i64(r, 7);
    x.createdAtMs = rows::i64(r, 8);
    x.updatedAtMs = rows::i64(r, 9);
    x.version = static_cast<int>(rows::i64(r, 10));
    x.issueDate = rows::optStr(r, 11);
    x.issuedAtMs = rows::optI64(r, 12);
    x.canonical = rows::optStr(r, 13);
    x.canonicalSha256 = rows::optStr(r, 14);
    x.signature = rows::optStr(r, 15);
    x.keyFingerprint = rows::optStr(r, 16);
    x.checks = rows::optStr(r, 17);
    x.verifyCode = rows::optStr(r, 18);
    x.pdf = rows::optStr(r, 19);
    x.pdfSha256 = rows::optStr(r, 20);
    x.pdfCms = rows::optStr(r, 21);
    x.supersededById = rows::optI64(r, 22);
    x.withdrawnReason = rows::optStr(r, 23);
    x.disposedAtMs = rows::optI64(r, 24);
    return x;
}
}  // namespace

void ReportRepository::insert(Tx& tx, const Report& r) {
    long long id = r.id, lab = r.labId, by = r.createdBy, at = r.createdAtMs, signatory = r.signatoryUserId.value_or(0);
    soci::indicator sInd = r.signatoryUserId ? soci::i_ok : soci::i_null;
    rows::NullableText number(r.number);
    const std::string codes = joinCodes(r.sampleCodes);
    tx.sql() << "INSERT INTO rep_reports (id, lab_id, order_code, sample_codes, status, number, signatory_user_id, created_by, "
                "created_at_ms, updated_at_ms, version) VALUES (:id, :lab, :order_code, :codes, :status, :number, :signatory, :by, :at, "
                ":at2, 1)",
        soci::use(id, "id"), soci::use(lab, "lab"), soci::use(r.orderCode, "order_code"), soci::use(codes, "codes"),
        soci::use(r.status, "status"), soci::use(number.value, number.ind, "number"), soci::use(signatory, sInd, "signatory"),
        soci::use(by, "by"), soci::use(at, "at"), soci::use(at, "at2");
}

std::optional<Report> ReportRepository::find(Tx& tx, std::int64_t labId, std::int64_t id) {
    long long lab = labId, key = id;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << std::string(kColumns) + "WHERE lab_id = :lab AND id = :id", soci::use(lab, "lab"), soci::use(key, "id"));
    for (const auto& r : rs) return from(r);
    return std::nullopt;
}

std::vector<Report> ReportRepository::list(Tx& tx, std::int64_t labId, std::int64_t beforeId, int limit, const std::string& status) {
    std::vector<Report> out;
    long long lab = labId, before = beforeId == 0 ? std::numeric_limits<long long>::max() : beforeId;
    const int any = status.empty() ? 1 : 0;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << std::string(kListColumns) +
                                 "WHERE lab_id = :lab AND id < :before AND (status = :status OR :any = 1) ORDER BY id DESC LIMIT :lim",
         soci::use(lab, "lab"), soci::use(before, "before"), soci::use(status, "status"), soci::use(any, "any"), soci::use(limit, "lim"));
    for (const auto& r : rs) out.push_back(from(r));
    return out;
}

bool ReportRepository::update(Tx& tx, const Report& r, int expectedVersion) {
    long long lab = r.labId, id = r.id, signatory = r.signatoryUserId.value_or(0), at = r.updatedAtMs, issuedAt = r.issuedAtMs.value_or(0);
    soci::indicator sInd = r.signatoryUserId ? soci::i_ok : soci::i_null, iInd = r.issuedAtMs ? soci::i_ok : soci::i_null;
    rows::NullableText number(r.number), date(r.issueDate), canonical(r.canonical), sha(r.canonicalSha256), signature(r.signature),
        key(r.keyFingerprint), checks(r.checks), code(r.verifyCode), pdf(r.pdf), pdfSha(r.pdfSha256), pdfCms(r.pdfCms);
    int expected = expectedVersion;
    soci::statement st =
        (tx.sql().prepare << "UPDATE rep_reports SET status = :status, number = :number, signatory_user_id = :signatory, updated_at_ms = :at, "
                             "issue_date = :issue_date, issued_at_ms = :issued_at, canonical = :canonical, canonical_sha256 = :sha, "
                             "signature = :signature, key_fingerprint = :key, checks = :checks, verify_code = :code, pdf = :pdf, pdf_sha256 = :pdf_sha, "
                             "pdf_cms = :pdf_cms, version = version + 1 "
                             "WHERE lab_id = :lab AND id = :id AND version = :expected",
         soci::use(r.status, "status"), soci::use(number.value, number.ind, "number"), soci::use(signatory, sInd, "signatory"),
         soci::use(at, "at"), soci::use(date.value, date.ind, "issue_date"), soci::use(issuedAt, iInd, "issued_at"),
         soci::use(canonical.value, canonical.ind, "canonical"), soci::use(sha.value, sha.ind, "sha"),
         soci::use(signature.value, signature.ind, "signature"), soci::use(key.value, key.ind, "key"),
         soci::use(checks.value, checks.ind, "checks"), soci::use(code.value, code.ind, "code"), soci::use(pdf.value, pdf.ind, "pdf"),
         soci::use(pdfSha.value, pdfSha.ind, "pdf_sha"), soci::use(pdfCms.value, pdfCms.ind, "pdf_cms"), soci::use(lab, "lab"), soci::use(id, "id"),
         soci::use(expected, "expected"));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

std::optional<Report> ReportRepository::byVerifyCode(Tx& tx, const std::string& code) {
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kVerifyColumns) + "WHERE verify_code = :code", soci::use(code, "code"));
    for (const auto& r : rs) return from(r);
    return std::nullopt;
}

std::optional<Report> ReportRepository::byPdfSha256(Tx& tx, const std::string& sha) {
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kVerifyColumns) + "WHERE pdf_sha256 = :sha", soci::use(sha, "sha"));
    for (const auto& r : rs) return from(r);
    return std::nullopt;
}

std::vector<std::pair<std::int64_t, std::int64_t>> ReportRepository::reportKeys(Tx& tx) {
    std::vector<std::pair<std::int64_t, std::int64_t>> out;
    soci::rowset<soci::row> rs = (tx.sql().prepare << "SELECT lab_id, id FROM rep_reports ORDER BY id");
    for (const auto& r : rs) out.emplace_back(rows::i64(r, 0), rows::i64(r, 1));
    return out;
}

void ReportRepository::lock(Tx& tx, std::int64_t labId, std::int64_t id) {
    if (tx.isSqlite()) return;
    long long lab = labId, key = id, got = 0;
    tx.sql() << "SELECT id FROM rep_reports WHERE lab_id = :lab AND id = :id FOR UPDATE", soci::use(lab, "lab"), soci::use(key, "id"),
        soci::into(got);
}

std::optional<std::string> ReportRepository::numberOf(Tx& tx, std::int64_t labId, std::int64_t id) {
    long long lab = labId, key = id;
    std::string number;
    soci::indicator ind = soci::i_null;
    tx.sql() << "SELECT number FROM rep_reports WHERE lab_id = :lab AND id = :id", soci::use(lab, "lab"), soci::use(key, "id"),
        soci::into(number, ind);
    if (!tx.sql().got_data() || ind != soci::i_ok) return std::nullopt;
    return number;
}

bool ReportRepository::markSuperseded(Tx& tx, std::int64_t labId, std::int64_t id, std::int64_t byId, std::int64_t atMs) {
    long long lab = labId, key = id, by = byId, at = atMs;
    soci::statement st = (tx.sql().prepare << "UPDATE rep_reports SET status = 'superseded', superseded_by_id = :by, updated_at_ms = :at, "
                                              "version = version + 1 WHERE lab_id = :lab AND id = :id AND status = 'issued'",
                          soci::use(by, "by"), soci::use(at, "at"), soci::use(lab, "lab"), soci::use(key, "id"));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

bool ReportRepository::markWithdrawn(Tx& tx, std::int64_t labId, std::int64_t id, int expectedVersion, const std::string& reason,
                                     std::int64_t atMs) {
    long long lab = labId, key = id, at = atMs;
    int expected = expectedVersion;
    soci::statement st = (tx.sql().prepare << "UPDATE rep_reports SET status = 'withdrawn', withdrawn_reason = :reason, updated_at_ms = :at, "
                                              "version = version + 1 WHERE lab_id = :lab AND id = :id AND status = 'issued' AND version = :expected",
                          soci::use(reason, "reason"), soci::use(at, "at"), soci::use(lab, "lab"), soci::use(key, "id"),
                          soci::use(expected, "expected"));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

bool ReportRepository::markDisposed(Tx& tx, std::int64_t labId, std::int64_t id, int expectedVersion, std::int64_t atMs) {
    long long lab = labId, key = id, at = atMs;
    int expected = expectedVersion;
    soci::statement st = (tx.sql().prepare << "UPDATE rep_reports SET pdf = NULL, canonical = NULL, disposed_at_ms = :at, "
                                              "updated_at_ms = :at2, version = version + 1 WHERE lab_id = :lab AND id = :id AND version = :expected",
                          soci::use(at, "at"), soci::use(at, "at2"), soci::use(lab, "lab"), soci::use(key, "id"), soci::use(expected, "expected"));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

bool ReportRepository::markDiscarded(Tx& tx, std::int64_t labId, std::int64_t id, int expectedVersion, std::int64_t atMs) {
    long long lab = labId, key = id, at = atMs;
    int expected = expectedVersion;
    soci::statement st = (tx.sql().prepare << "UPDATE rep_reports SET status = 'discarded', updated_at_ms = :at, version = version + 1 "
                                              "WHERE lab_id = :lab AND id = :id AND status = 'draft' AND version = :expected",
                          soci::use(at, "at"), soci::use(lab, "lab"), soci::use(key, "id"), soci::use(expected, "expected"));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

void ReportRepository::insertAmendment(Tx& tx, const Amendment& a) {
    long long id = a.reportId, lab = a.labId, amends = a.amendsId;
    int no = a.amendmentNo, recovered = a.originalRecovered ? 1 : 0, notice = a.publicNotice ? 1 : 0;
    tx.sql() << "INSERT INTO rep_amendments (report_id, lab_id, amends_id, amendment_no, reason, cause, original_recovered, public_notice) "
                "VALUES (:id, :lab, :amends, :no, :reason, :cause, :recovered, :notice)",
        soci::use(id, "id"), soci::use(lab, "lab"), soci::use(amends, "amends"), soci::use(no, "no"), soci::use(a.reason, "reason"),
        soci::use(a.cause, "cause"), soci::use(recovered, "recovered"), soci::use(notice, "notice");
}

std::optional<Amendment> ReportRepository::amendment(Tx& tx, std::int64_t labId, std::int64_t reportId) {
    long long lab = labId, id = reportId;
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kAmendmentColumns) + "WHERE lab_id = :lab AND report_id = :id",
                                  soci::use(lab, "lab"), soci::use(id, "id"));
    for (const auto& r : rs) return amendmentFrom(r);
    return std::nullopt;
}

std::vector<Amendment> ReportRepository::amendmentsOf(Tx& tx, std::int64_t labId, std::int64_t originalId) {
    std::vector<Amendment> out;
    long long lab = labId, id = originalId;
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kAmendmentColumns) + "WHERE lab_id = :lab AND amends_id = :id ORDER BY report_id",
                                  soci::use(lab, "lab"), soci::use(id, "id"));
    for (const auto& r : rs) out.push_back(amendmentFrom(r));
    return out;
}

bool ReportRepository::approveAmendment(Tx& tx, const Amendment& a) {
    long long lab = a.labId, id = a.reportId, id2 = a.reportId, by = a.approvedBy.value_or(0), at = a.approvedAtMs.value_or(0);
    rows::NullableText note(a.approvalNote), sha(a.approvedChangesSha256);
    soci::statement st =
        (tx.sql().prepare << "UPDATE rep_amendments SET approved_by = :by, approved_at_ms = :at, approval_note = :note, approved_changes_sha256 = :sha "
                             "WHERE lab_id = :lab AND report_id = :id AND EXISTS (SELECT 1 FROM rep_reports WHERE id = :id2 AND status = 'draft')",
         soci::use(by, "by"), soci::use(at, "at"), soci::use(note.value, note.ind, "note"), soci::use(sha.value, sha.ind, "sha"),
         soci::use(lab, "lab"), soci::use(id, "id"), soci::use(id2, "id2"));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

void ReportRepository::insertNotification(Tx& tx, const Notification& n) {
    long long id = n.id, lab = n.labId, report = n.reportId, by = n.createdBy, at = n.createdAtMs;
    tx.sql() << "INSERT INTO rep_notifications (id, lab_id, report_id, kind, channel, recipient, message, created_by, created_at_ms) "
                "VALUES (:id, :lab, :report, :kind, :channel, :recipient, :message, :by, :at)",
        soci::use(id, "id"), soci::use(lab, "lab"), soci::use(report, "report"), soci::use(n.kind, "kind"), soci::use(n.channel, "channel"),
        soci::use(n.recipient, "recipient"), soci::use(n.message, "message"), soci::use(by, "by"), soci::use(at, "at");
}

std::vector<Notification> ReportRepository::notifications(Tx& tx, std::int64_t labId, std::int64_t reportId) {
    std::vector<Notification> out;
    long long lab = labId, id = reportId;
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kNotificationColumns) + "WHERE lab_id = :lab AND report_id = :id ORDER BY id",
                                  soci::use(lab, "lab"), soci::use(id, "id"));
    for (const auto& r : rs) out.push_back(notificationFrom(r));
    return out;
}

std::vector<Notification> ReportRepository::publicNotices(Tx& tx, std::int64_t labId, std::int64_t reportId) {
    std::vector<Notification> out;
    long long lab = labId, id = reportId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << std::string(kNotificationColumns) + "WHERE lab_id = :lab AND report_id = :id AND kind = 'public_notice' ORDER BY id",
         soci::use(lab, "lab"), soci::use(id, "id"));
    for (const auto& r : rs) out.push_back(notificationFrom(r));
    return out;
}

bool ReportRepository::hasDisclosure(Tx& tx, std::int64_t labId, std::int64_t reportId) {
    long long lab = labId, id = reportId, n = 0;
    tx.sql() << "SELECT COUNT(*) FROM rep_disclosures WHERE lab_id = :lab AND report_id = :id", soci::use(lab, "lab"), soci::use(id, "id"),
        soci::into(n);
    return n > 0;
}

void ReportRepository::insertDisclosure(Tx& tx, std::int64_t labId, std::int64_t reportId, const std::string& consentedBy,
                                        const std::string& consentRef, std::int64_t recordedBy, std::int64_t atMs) {
    long long lab = labId, id = reportId, by = recordedBy, at = atMs;
    tx.sql() << "INSERT INTO rep_disclosures (report_id, lab_id, consented_by, consent_ref, recorded_by, recorded_at_ms) "
                "VALUES (:id, :lab, :consented_by, :consent_ref, :by, :at)",
        soci::use(id, "id"), soci::use(lab, "lab"), soci::use(consentedBy, "consented_by"), soci::use(consentRef, "consent_ref"),
        soci::use(by, "by"), soci::use(at, "at");
}

void ReportRepository::insertKey(Tx& tx, const SigningKey& k) {
    long long id = k.id, lab = k.labId, user = k.userId, at = k.createdAtMs;
    tx.sql() << "INSERT INTO rep_signing_keys (id, lab_id, user_id, fingerprint, certificate_pem, private_key_pem, status, created_at_ms) "
                "VALUES (:id, :lab, :user, :fp, :cert, :key, :status, :at)",
        soci::use(id, "id"), soci::use(lab, "lab"), soci::use(user, "user"), soci::use(k.fingerprint, "fp"),
        soci::use(k.certificatePem, "cert"), soci::use(k.privateKeyPem, "key"), soci::use(k.status, "status"), soci::use(at, "at");
}

void ReportRepository::retireKeys(Tx& tx, std::int64_t labId, std::int64_t userId) {
    long long lab = labId, user = userId;
    tx.sql() << "UPDATE rep_signing_keys SET status = 'retired' WHERE lab_id = :lab AND user_id = :user AND status = 'active'",
        soci::use(lab, "lab"), soci::use(user, "user");
}

std::optional<SigningKey> ReportRepository::activeKey(Tx& tx, std::int64_t labId, std::int64_t userId) {
    long long lab = labId, user = userId;
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kKeyColumns) + "WHERE lab_id = :lab AND user_id = :user AND status = 'active'",
                                  soci::use(lab, "lab"), soci::use(user, "user"));
    for (const auto& r : rs) return keyFrom(r);
    return std::nullopt;
}

std::optional<SigningKey> ReportRepository::keyByFingerprint(Tx& tx, const std::string& fingerprint) {
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kKeyColumns) + "WHERE fingerprint = :fp", soci::use(fingerprint, "fp"));
    for (const auto& r : rs) return keyFrom(r);
    return std::nullopt;
}

std::vector<SigningKey> ReportRepository::keys(Tx& tx, std::int64_t labId) {
    std::vector<SigningKey> out;
    long long lab = labId;
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kKeyColumns) + "WHERE lab_id = :lab ORDER BY id DESC", soci::use(lab, "lab"));
    for (const auto& r : rs) out.push_back(keyFrom(r));
    return out;
}

}  // namespace assay::reports
