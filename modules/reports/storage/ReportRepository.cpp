// ReportRepository: named queries bound with soci::use.
#include "storage/ReportRepository.hpp"

#include <limits>

#include "assay/Columns.hpp"
#include "assay/Rows.hpp"

namespace assay::reports {

namespace {
using columns::field;

const columns::ColumnMap<Amendment> kAmendments{{
    {"report_id", field<&Amendment::reportId>},
    {"lab_id", field<&Amendment::labId>},
    {"amends_id", field<&Amendment::amendsId>},
    {"amendment_no", field<&Amendment::amendmentNo>},
    {"reason", field<&Amendment::reason>},
    {"cause", field<&Amendment::cause>},
    {"original_recovered", field<&Amendment::originalRecovered>},
    {"public_notice", field<&Amendment::publicNotice>},
    {"approved_by", field<&Amendment::approvedBy>},
    {"approved_at_ms", field<&Amendment::approvedAtMs>},
    {"approval_note", field<&Amendment::approvalNote>},
    {"approved_changes_sha256", field<&Amendment::approvedChangesSha256>},
}};

const columns::ColumnMap<Notification> kNotifications{{
    {"id", field<&Notification::id>},
    {"lab_id", field<&Notification::labId>},
    {"report_id", field<&Notification::reportId>},
    {"kind", field<&Notification::kind>},
    {"channel", field<&Notification::channel>},
    {"recipient", field<&Notification::recipient>},
    {"message", field<&Notification::message>},
    {"created_by", field<&Notification::createdBy>},
    {"created_at_ms", field<&Notification::createdAtMs>},
}};

const columns::ColumnMap<SigningKey> kKeys{{
    {"id", field<&SigningKey::id>},
    {"lab_id", field<&SigningKey::labId>},
    {"user_id", field<&SigningKey::userId>},
    {"fingerprint", field<&SigningKey::fingerprint>},
    {"certificate_pem", field<&SigningKey::certificatePem>},
    {"private_key_pem", field<&SigningKey::privateKeyPem>},
    {"status", field<&SigningKey::status>},
    {"created_at_ms", field<&SigningKey::createdAtMs>},
}};

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

const columns::ColumnMap<Report> kReports{{
    {"id", field<&Report::id>},
    {"lab_id", field<&Report::labId>},
    {"order_code", field<&Report::orderCode>},
    {"sample_codes", [](Report& x, const columns::Cell& c) { x.sampleCodes = splitCodes(c.str()); }},
    {"status", field<&Report::status>},
    {"number", field<&Report::number>},
    {"signatory_user_id", field<&Report::signatoryUserId>},
    {"created_by", field<&Report::createdBy>},
    {"created_at_ms", field<&Report::createdAtMs>},
    {"updated_at_ms", field<&Report::updatedAtMs>},
    {"version", field<&Report::version>},
    {"issue_date", field<&Report::issueDate>},
    {"issued_at_ms", field<&Report::issuedAtMs>},
    {"canonical", field<&Report::canonical>},
    {"canonical_sha256", field<&Report::canonicalSha256>},
    {"signature", field<&Report::signature>},
    {"key_fingerprint", field<&Report::keyFingerprint>},
    {"checks", field<&Report::checks>},
    {"verify_code", field<&Report::verifyCode>},
    {"pdf", field<&Report::pdf>},
    {"pdf_sha256", field<&Report::pdfSha256>},
    {"pdf_cms", field<&Report::pdfCms>},
    {"superseded_by_id", field<&Report::supersededById>},
    {"withdrawn_reason", field<&Report::withdrawnReason>},
    {"disposed_at_ms", field<&Report::disposedAtMs>},
}};

// The register lists reports without the large columns (the PDF, its signature, the canonical
// JSON, the checks); public verification needs the canonical JSON (for the marks) and the PDF's
// signature, not the PDF.
const columns::Select kRegister{.asNull = {"canonical", "checks", "pdf", "pdf_cms"}};
const columns::Select kVerification{.asNull = {"checks", "pdf"}};
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
    return kReports.firstOf(tx.sql(), "FROM rep_reports WHERE lab_id = :lab AND id = :key", labId, id);
}

std::vector<Report> ReportRepository::issuedOfOrder(Tx& tx, std::int64_t labId, const std::string& orderCode) {
    long long lab = labId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kReports.select("FROM rep_reports WHERE lab_id = :lab AND order_code = :code AND status IN "
                                             "('issued', 'superseded', 'withdrawn') ORDER BY id",
                                             kRegister),
         soci::use(lab, "lab"), soci::use(orderCode, "code"));
    return kReports.all(rs);
}

std::vector<Report> ReportRepository::list(Tx& tx, std::int64_t labId, std::int64_t beforeId, int limit,
                                           std::optional<ReportStatus> filter, std::optional<std::int64_t> signatory) {
    std::vector<Report> out;
    long long lab = labId, before = beforeId == 0 ? std::numeric_limits<long long>::max() : beforeId, signer = signatory.value_or(0);
    const std::string status = filter ? toString(*filter) : "";
    const int any = filter ? 0 : 1, anySigner = signatory ? 0 : 1;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kReports.select("FROM rep_reports WHERE lab_id = :lab AND id < :before AND (status = :status "
                                             "OR :any = 1) AND (signatory_user_id = :signer OR :any_signer = 1) ORDER BY id DESC LIMIT :lim",
                                             kRegister),
         soci::use(lab, "lab"), soci::use(before, "before"), soci::use(status, "status"), soci::use(any, "any"), soci::use(signer, "signer"),
         soci::use(anySigner, "any_signer"), soci::use(limit, "lim"));
    out = kReports.all(rs);
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
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kReports.select("FROM rep_reports WHERE verify_code = :code", kVerification),
         soci::use(code, "code"));
    return kReports.first(rs);
}

std::optional<Report> ReportRepository::byPdfSha256(Tx& tx, const std::string& sha) {
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kReports.select("FROM rep_reports WHERE pdf_sha256 = :sha", kVerification), soci::use(sha, "sha"));
    return kReports.first(rs);
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
    return kAmendments.firstOf(tx.sql(), "FROM rep_amendments WHERE lab_id = :lab AND report_id = :key", labId, reportId);
}

std::vector<Amendment> ReportRepository::amendmentsOf(Tx& tx, std::int64_t labId, std::int64_t originalId) {
    return kAmendments.allOf(tx.sql(), "FROM rep_amendments WHERE lab_id = :lab AND amends_id = :key ORDER BY report_id", labId, originalId);
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
    return kNotifications.allOf(tx.sql(), "FROM rep_notifications WHERE lab_id = :lab AND report_id = :key ORDER BY id", labId, reportId);
}

std::vector<Notification> ReportRepository::publicNotices(Tx& tx, std::int64_t labId, std::int64_t reportId) {
    return kNotifications.allOf(tx.sql(), "FROM rep_notifications WHERE lab_id = :lab AND report_id = :key "
                                                   "AND kind = 'public_notice' ORDER BY id", labId, reportId);
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
    return kKeys.firstOf(tx.sql(), "FROM rep_signing_keys WHERE lab_id = :lab AND user_id = :key AND status = 'active'", labId, userId);
}

std::optional<SigningKey> ReportRepository::keyByFingerprint(Tx& tx, const std::string& fingerprint) {
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kKeys.select("FROM rep_signing_keys WHERE fingerprint = :fp"), soci::use(fingerprint, "fp"));
    return kKeys.first(rs);
}

std::vector<SigningKey> ReportRepository::keys(Tx& tx, std::int64_t labId) {
    std::vector<SigningKey> out;
    long long lab = labId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kKeys.select("FROM rep_signing_keys WHERE lab_id = :lab ORDER BY id DESC"), soci::use(lab, "lab"));
    out = kKeys.all(rs);
    return out;
}

}  // namespace assay::reports
