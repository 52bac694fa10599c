// ReportIntegrity: what the trail says about a report, and every way the row differs from it.
#include "domain/ReportIntegrity.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "domain/Signing.hpp"
#include "storage/ReportRepository.hpp"

namespace assay::reports {

namespace {
bool isHex64(const std::string& s) { return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos; }

// "<number> sha256 <hex> version <n> key <hex> at <time>": the sign event's new value.
void readSignEvent(const std::string& text, AuditedReport& a) {
    const auto sha = text.find(" sha256 ");
    if (sha == std::string::npos) return;
    a.number = text.substr(0, sha);
    if (const std::string hex = text.substr(sha + 8, 64); isHex64(hex)) a.canonicalSha256 = hex;
    if (const auto key = text.find(" key ", sha); key != std::string::npos)
        if (const std::string hex = text.substr(key + 5, 64); isHex64(hex)) a.keyFingerprint = hex;
}

std::string str(const Poco::JSON::Object::Ptr& o, const char* key) { return o ? o->optValue<std::string>(key, "") : std::string(); }

// The statements of the signed canonical JSON that the row repeats in its own columns.
void compareWithCanonical(const Report& r, std::vector<std::string>& out) {
    Poco::JSON::Object::Ptr root;
    try {
        Poco::JSON::Parser parser;
        root = parser.parse(*r.canonical).extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception&) {
        out.push_back("the canonical JSON cannot be read");
        return;
    }
    auto differs = [&](const std::string& what, const std::string& signedValue, const std::string& stored) {
        if (signedValue != stored) out.push_back("the " + what + " is " + stored + " but the signed content says " + signedValue);
    };
    differs("number", str(root, "number"), r.number.value_or(""));
    differs("verification code", str(root, "verify_code"), r.verifyCode.value_or(""));
    differs("PDF SHA-256", str(root, "pdf_sha256"), r.pdfSha256.value_or(""));
    differs("issue date", str(root, "issue_date"), r.issueDate.value_or(""));
    const auto signatory = root->getObject("signatory");
    differs("signatory", str(signatory, "user_id"), r.signatoryUserId ? std::to_string(*r.signatoryUserId) : "");
    differs("signing certificate", str(signatory, "certificate_sha256"), r.keyFingerprint.value_or(""));
}

class ReportEvidenceCheck final : public EvidenceCheck {
public:
    std::string name() const override { return "reports, their signatures and their status"; }
    void check(Db& db, AuditLog& audit, EvidenceReport& out) override {
        ReportRepository repo;
        std::vector<std::pair<std::int64_t, std::int64_t>> bad;
        db.read([&](Tx& tx) {
            for (const auto& [lab, id] : repo.reportKeys(tx)) {
                ++out.checked;  // every report's creation and status changes are audited
                if (!inspect(tx, audit, repo, lab, id).first.empty()) bad.emplace_back(lab, id);
            }
            return 0;
        });
        for (const auto& [lab, id] : bad) {  // confirmed in a read of its own
            const auto [problems, number] = db.read([&](Tx& tx) { return inspect(tx, audit, repo, lab, id); });
            for (const auto& p : problems) out.problems.push_back({"report", std::to_string(id) + (number ? " (" + *number + ")" : ""), p});
        }
    }

private:
    static std::pair<std::vector<std::string>, std::optional<std::string>> inspect(Tx& tx, AuditLog& audit, ReportRepository& repo,
                                                                                   std::int64_t lab, std::int64_t id) {
        const auto r = repo.find(tx, lab, id);
        if (!r) return {};
        const auto key = r->keyFingerprint ? repo.keyByFingerprint(tx, *r->keyFingerprint) : std::nullopt;
        const auto by = r->supersededById ? repo.numberOf(tx, lab, *r->supersededById) : std::nullopt;
        const auto events = auditTrailOf(tx, audit, "report", std::to_string(id));
        return {integrityProblems(*r, auditedReport(events), key ? std::optional<std::string>(key->certificatePem) : std::nullopt, by,
                                  repo.hasDisclosure(tx, lab, id), true),
                r->number};
    }
};
}  // namespace

AuditedReport auditedReport(const std::vector<AuditRecord>& events) {
    AuditedReport a;
    for (const auto& e : events) {
        const std::string& action = e.event.action;
        std::optional<std::string> status;
        if (isSeal(e)) {
            const auto f = parseSeal(*e.event.newValue);
            if (f.count("status")) status = f.at("status");
            if (f.count("number")) a.number = f.at("number");
            if (f.count("canonical")) a.canonicalSha256 = f.at("canonical");
            if (f.count("pdf")) a.pdfSha256 = f.at("pdf");
            if (f.count("key")) a.keyFingerprint = f.at("key");
            if (f.count("superseded_by")) a.supersededBy = f.at("superseded_by");
        } else if (action == "create" || action == "amend") {
            status = "draft";
        } else if (action == "sign") {
            status = "issued";
            a.signedEvent = true;
            if (e.event.newValue) readSignEvent(*e.event.newValue, a);
        } else if (action == "supersede") {
            status = "superseded";
            const std::string prefix = "superseded by ";
            if (e.event.newValue && e.event.newValue->rfind(prefix, 0) == 0) a.supersededBy = e.event.newValue->substr(prefix.size());
        } else if (action == "withdraw") {
            status = "withdrawn";
        } else if (action == "discard") {
            status = "discarded";
        } else if (action == "dispose") {
            a.disposed = true;
        } else if (action == "disclose") {
            a.disclosed = true;
        }
        if (status) {
            a.status = status;
            a.statusSeq = e.seq;
        }
    }
    return a;
}

std::string reportSealText(const Report& r, const std::optional<std::string>& supersededByNumber) {
    std::vector<std::pair<std::string, std::string>> f{{"status", toString(r.status)}};
    if (r.number) f.emplace_back("number", *r.number);
    if (r.canonicalSha256) f.emplace_back("canonical", *r.canonicalSha256);
    if (r.pdfSha256) f.emplace_back("pdf", *r.pdfSha256);
    if (r.keyFingerprint) f.emplace_back("key", *r.keyFingerprint);
    if (supersededByNumber) f.emplace_back("superseded_by", *supersededByNumber);
    return formatSeal(f);
}

std::vector<std::string> integrityProblems(const Report& r, const AuditedReport& a, const std::optional<std::string>& certificatePem,
                                           const std::optional<std::string>& supersededByNumber, bool disclosureRow, bool checkPdf) {
    std::vector<std::string> out;
    if (!a.status) {
        out.push_back("the audit trail has no record of it (not made through Assay)");
        return out;
    }
    if (*a.status != toString(r.status))
        out.push_back("the status is " + toString(r.status) + " but the audit trail says " + *a.status + " (audit event " + std::to_string(a.statusSeq) + ")");
    const bool issued = a.signedEvent || r.number || r.canonicalSha256 || r.signature || r.status == ReportStatus::Issued ||
                        r.status == ReportStatus::Superseded || r.status == ReportStatus::Withdrawn;
    if (issued) {
        auto audited = [&](const std::string& what, const std::optional<std::string>& recorded, const std::optional<std::string>& stored) {
            if (recorded && recorded != stored)
                out.push_back("the " + what + " is " + stored.value_or("empty") + " but the audit trail recorded " + *recorded + " at signing");
        };
        if (!a.signedEvent) out.push_back("it reads as issued but the audit trail records no signing");
        audited("number", a.number, r.number);
        audited("canonical SHA-256", a.canonicalSha256, r.canonicalSha256);
        audited("signing certificate", a.keyFingerprint, r.keyFingerprint);
        audited("PDF SHA-256", a.pdfSha256, r.pdfSha256);
        if (r.canonical) {
            if (!r.canonicalSha256 || sha256Hex(*r.canonical) != *r.canonicalSha256)
                out.push_back("the canonical JSON no longer matches its SHA-256");
            if (!certificatePem) {
                out.push_back("the signatory's certificate " + r.keyFingerprint.value_or("") + " is not on record");
            } else {
                bool ok = false;
                try {
                    ok = r.signature && verify(*certificatePem, *r.canonical, unbase64(*r.signature));
                } catch (const std::exception&) {
                }
                if (!ok) out.push_back("the signature does not verify over the canonical JSON with the signatory's certificate");
            }
            compareWithCanonical(r, out);
        } else if (!r.disposedAtMs) {
            out.push_back("the signed content is missing but no disposal is recorded");
        } else if (!a.disposed) {
            out.push_back("the content was disposed of but the audit trail records no disposal (R22)");
        }
        if (checkPdf && r.pdf) {
            const std::string pdf = unbase64(*r.pdf);
            if (!r.pdfSha256 || sha256Hex(pdf) != *r.pdfSha256) out.push_back("the PDF no longer matches its SHA-256");
            bool ok = false;
            try {
                ok = certificatePem && r.pdfCms && cmsVerify(*certificatePem, pdf, unbase64(*r.pdfCms));
            } catch (const std::exception&) {
            }
            if (!ok) out.push_back("the PDF's CMS signature does not verify with the signatory's certificate");
        } else if (checkPdf && !r.pdf && r.canonical) {
            out.push_back("the PDF is missing but no disposal is recorded");
        }
    }
    if (a.supersededBy || r.supersededById) {
        if (a.supersededBy != supersededByNumber)
            out.push_back("it reads as superseded by " + supersededByNumber.value_or("nothing") + " but the audit trail says " +
                          a.supersededBy.value_or("nothing"));
    }
    if (disclosureRow && !a.disclosed) out.push_back("a customer's consent to public results is stored that the audit trail does not record (R38)");
    return out;
}

std::shared_ptr<EvidenceCheck> makeReportEvidenceCheck() { return std::make_shared<ReportEvidenceCheck>(); }

}  // namespace assay::reports
