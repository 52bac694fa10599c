// ReportVerification: the public check of an issued report, in one read transaction.
#include "domain/ReportVerification.hpp"

#include "assay/Evidence.hpp"
#include "assay/Log.hpp"
#include "domain/ReportContent.hpp"
#include "domain/ReportIntegrity.hpp"
#include "domain/Signing.hpp"

namespace assay::reports {

std::optional<SigningKey> ReportVerification::certificate(const std::string& fingerprint) {
    return db_.read([&](Tx& tx) { return repo_.keyByFingerprint(tx, fingerprint); });
}

std::string ReportVerification::pdfVerdict(const std::string& pdf, std::optional<Verification>& found) {
    const std::string sha = sha256Hex(pdf);
    auto hit = verified([&](Tx& tx) { return repo_.byPdfSha256(tx, sha); });
    if (!hit) return "document modified";
    const Report& r = hit->report;
    // The stored detached signature must verify over these bytes with the signatory's certificate.
    if (!hit->key || !r.pdfCms || !cmsVerify(hit->key->certificatePem, pdf, unbase64(*r.pdfCms))) return "document modified";
    found = std::move(hit->verification);
    // The record it matches no longer agrees with its signature or its audit trail: nothing it
    // says (the status first) can be vouched for.
    return found->status == "damaged" ? "record damaged" : "authentic";
}

std::optional<Verification> ReportVerification::verification(const std::string& code) {
    if (code.size() != 16) return std::nullopt;
    auto hit = verified([&](Tx& tx) { return repo_.byVerifyCode(tx, code); });
    if (!hit) return std::nullopt;
    return std::move(hit->verification);
}

std::optional<ReportVerification::Found> ReportVerification::verified(const std::function<std::optional<Report>(Tx&)>& find) {
    return db_.read([&](Tx& tx) -> std::optional<Found> {
        Verification v;
        bool disclosed = false;
        std::optional<Report> r;
        std::optional<SigningKey> key;
        // The row, what it links to, its signatory's certificate and its audit trail. A row that
        // disagrees is read once more by later statements of this transaction: on MariaDB (READ
        // COMMITTED, each statement sees the latest commit) a change committing between the
        // statements of the first reading is not damage; SQLite reads one snapshot.
        for (int attempt = 0; attempt < 2; ++attempt) {
            v = Verification{};
            r = find(tx);
            if (!r || !r->number) break;
            if (r->supersededById) v.supersededBy = repo_.numberOf(tx, r->labId, *r->supersededById);
            disclosed = repo_.hasDisclosure(tx, r->labId, r->id);
            for (const auto& n : repo_.publicNotices(tx, r->labId, r->id)) v.publicNotices.push_back(n.message);
            key = r->keyFingerprint ? repo_.keyByFingerprint(tx, *r->keyFingerprint) : std::nullopt;
            const auto audited = auditedReport(auditTrailOf(tx, audit_, "report", std::to_string(r->id)));
            // R37, R38: "valid" only for a row that still matches its signature, its hashes and
            // its audit trail (the status included).
            v.problems = integrityProblems(*r, audited, key ? std::optional<std::string>(key->certificatePem) : std::nullopt,
                                           v.supersededBy, disclosed, false);
            disclosed = disclosed && audited.disclosed;
            if (v.problems.empty()) break;
        }
        if (!r || !r->number || !r->verifyCode) return std::nullopt;
        const bool damaged = !v.problems.empty();
        if (damaged) {
            std::string problems;
            for (const auto& p : v.problems) problems += (problems.empty() ? "" : "; ") + p;
            Log::warn("report.damaged", {{"report_id", std::to_string(r->id)}, {"number", *r->number}, {"problems", problems}});
        }
        v.number = *r->number;
        const auto org = orgs_.organizationById(tx, r->labId);
        v.lab = org ? org->name : "";
        v.issueDate = r->issueDate.value_or("");
        v.status = damaged ? "damaged" : r->status == ReportStatus::Issued ? "valid" : toString(r->status);
        v.canonicalSha256 = r->canonicalSha256.value_or("");
        v.signature = r->signature.value_or("");
        v.keyFingerprint = r->keyFingerprint.value_or("");
        v.pdfSha256 = r->pdfSha256;  // the withdrawal's reason is internal: it may name results or the customer (R38)
        if (r->signatoryUserId)
            if (auto u = users_.userById(tx, *r->signatoryUserId)) v.signatory = u->displayName;
        if (r->canonical && !damaged) {  // what a damaged record says cannot be vouched for
            Printed printed = printedOf(*r->canonical);
            v.cma = printed.cma;
            v.cnas = printed.cnas;
            if (disclosed) {  // R38: the customer and the results with the customer's consent only
                v.customer = printed.customer;
                v.results = std::move(printed.lines);
            }
        }
        return Found{std::move(*r), std::move(v), std::move(key)};
    });
}

}  // namespace assay::reports
