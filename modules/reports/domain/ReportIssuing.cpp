// ReportIssuing: keys, and a draft issued (checked, numbered, signed, stored) in one transaction.
#include "domain/ReportIssuing.hpp"

#include <algorithm>

#include "assay/Error.hpp"
#include "assay/Faults.hpp"
#include "assay/Sequences.hpp"
#include "assay/identity/RequireLab.hpp"
#include "domain/ReportContent.hpp"
#include "domain/ReportEvents.hpp"
#include "domain/ReportFacts.hpp"
#include "domain/ReportIntegrity.hpp"
#include "domain/ReportsMessages.hpp"
#include "domain/Signing.hpp"
#include "pdf/ReportPdf.hpp"

namespace assay::reports {

SigningKey ReportIssuing::createKey(const Principal& p, const std::string& password, const std::string& requestId) {
    const std::int64_t lab = identity::requireLab(p);
    reauth_.confirmPassword(p, password, "create a signing key", requestId);  // the gate, before the use case
    return db_.write([&](Tx& tx) {
        const auto user = facts_.sources().users.userById(tx, p.userId);
        const auto org = facts_.sources().orgs.organizationById(tx, lab);
        SigningKey k;
        k.id = ids_.next();
        k.labId = lab;
        k.userId = p.userId;
        const auto generated = generateKey(user ? user->displayName : p.username, org ? org->name : "lab", password,
                                           static_cast<long>(k.id % 2000000000L), 3650);
        k.fingerprint = generated.fingerprint;
        k.certificatePem = generated.certificatePem;
        k.privateKeyPem = generated.encryptedKeyPem;
        k.createdAtMs = toEpochMillis(clock_.now());
        repo_.retireKeys(tx, lab, p.userId);
        repo_.insertKey(tx, k);
        audit_.record(tx, &p, requestId, {"signing_key", k.fingerprint, "create", "", std::nullopt, "P-256 certificate " + k.fingerprint, std::nullopt});
        return k;
    });
}

std::vector<SigningKey> ReportIssuing::keys(const Principal& p) {
    const std::int64_t lab = identity::requireLab(p);
    return db_.read([&](Tx& tx) { return repo_.keys(tx, lab); });
}

Report ReportIssuing::draftToIssue(Tx& tx, const Principal& p, std::int64_t id, std::optional<int> expectedVersion) {
    const Report draft = requireReport(tx, repo_, identity::requireLab(p), id);
    if (draft.status != ReportStatus::Draft) throw Error::conflict(Message(msg::kOnlyDraftIssued, {{"status", msg::statusName(draft.status)}}));
    if (expectedVersion && draft.version != *expectedVersion) throw Error::preconditionFailed(msg::kReportChanged);
    if (!draft.signatoryUserId) throw Error::rule("R10", msg::kNoSignatory);
    if (*draft.signatoryUserId != p.userId)
        throw Error::rule("R11", msg::kNotTheSignatory);
    return draft;
}

Report ReportIssuing::issue(const Principal& p, std::int64_t id, int expectedVersion, const std::string& password,
                            const std::string& requestId) {
    // R11 is answered before the password is tried; the signing transaction asks again.
    db_.read([&](Tx& tx) { draftToIssue(tx, p, id, expectedVersion); });
    reauth_.confirmPassword(p, password, "sign report " + std::to_string(id), requestId);
    return signDraft(p, id, expectedVersion, password, requestId);
}

void ReportIssuing::confirmSigner(const Principal& p, const std::string& password, const std::string& what, const std::string& requestId) {
    reauth_.confirmPassword(p, password, what, requestId);
}

Report ReportIssuing::issueConfirmed(const Principal& p, std::int64_t id, std::optional<int> expectedVersion, const std::string& password,
                                     const std::string& requestId) {
    return signDraft(p, id, expectedVersion, password, requestId);
}

Report ReportIssuing::signDraft(const Principal& p, std::int64_t id, std::optional<int> expectedVersionGiven, const std::string& password,
                                const std::string& requestId) {
    const auto now = clock_.now();
    const std::string today = isoDateInLab(now);  // R32: the server's date
    // One write transaction: the draft, its checks, the key, the number, the PDF, the canonical
    // JSON and its signatures, the stored report, the original superseded (R35) and the audit
    // trail. A failure at any step rolls all of it back: no number is drawn without its report.
    return db_.write([&](Tx& tx) {
        const Report draft = draftToIssue(tx, p, id, expectedVersionGiven);
        const std::int64_t lab = draft.labId;
        const int expectedVersion = draft.version;
        const ReportChecksView view = facts_.gather(tx, draft, today);
        faults::hit("report.issue.checked");
        if (!view.outcome.issuable) {
            std::vector<RuleFailure> failures;
            for (const auto& c : view.outcome.checks)
                if (c.blocking && c.status == "fail") failures.push_back({c.rule, c.message});
            throw Error::rules(failures);
        }
        const auto key = repo_.activeKey(tx, lab, p.userId);
        if (!key) throw Error::conflict(msg::kNoSigningKey);
        const auto org = facts_.sources().orgs.organizationById(tx, lab);
        const auto& terms = view.terms;
        const auto user = facts_.sources().users.userById(tx, p.userId);
        const std::string signatory = user ? user->displayName : p.username;
        // The results as checked must still be the approved ones now (on SQLite this transaction
        // holds the write lock; on MariaDB, READ COMMITTED, a later statement sees a change that
        // committed since the checks read the lines).
        for (const auto& l : facts_.lines(tx, draft)) {
            const auto was = std::find_if(view.facts.lines.begin(), view.facts.lines.end(), [&](const LineFacts& f) { return f.itemId == l.itemId; });
            if (was != view.facts.lines.end() && (was->resultId != l.resultId || l.resultStatus != testing::ResultStatus::Approved || l.tampered))
                throw Error::conflict(msg::kResultChangedWhileSigning);
        }
        Report r = draft;
        std::optional<Report> original;
        if (draft.amendment) {
            // R35: <original>-A<n>, the suffix counted along the chain from the first report.
            original = repo_.find(tx, lab, draft.amendment->amendsId);
            if (!original || original->status != ReportStatus::Issued || !original->number)
                throw Error::conflict(original ? Message(msg::kAmendedNotIssued, {{"status", msg::statusName(original->status)}}) : Message(msg::kAmendedGone));
            std::string root = *original->number;
            if (auto prior = repo_.amendment(tx, lab, original->id)) {
                const std::string suffix = "-A" + std::to_string(prior->amendmentNo);
                if (root.size() > suffix.size() && root.compare(root.size() - suffix.size(), suffix.size(), suffix) == 0)
                    root.resize(root.size() - suffix.size());
            }
            r.number = root + "-A" + std::to_string(draft.amendment->amendmentNo);
        } else {
            const int year = std::stoi(view.date.substr(0, 4));
            // A format with the year restarts each year; one without it never does (else numbers repeat).
            const bool yearly = policies_.numberFormat.find("{YYYY}") != std::string::npos || policies_.numberFormat.find("{YY}") != std::string::npos;
            r.number = *formatNumber(policies_.numberFormat, org && org->code ? *org->code : std::string("LAB"), year,
                                     Sequences::next(tx, lab, yearly ? "report:" + std::to_string(year) : std::string("report")));
        }
        faults::hit("report.issue.numbered");
        r.status = ReportStatus::Issued;
        r.issueDate = view.date;
        r.issuedAtMs = toEpochMillis(now);
        r.keyFingerprint = key->fingerprint;
        r.verifyCode = randomCode();
        const auto labRef = org.value_or(identity::OrganizationRef{});
        // The PDF first (its hash is part of what is signed), then the canonical JSON.
        const std::string pdf =
            renderReportPdf(pdfDocument(r, labRef, terms, view, signatory, formatRfc3339(now, 0), policies_.publicBaseUrl + "/verify/" + *r.verifyCode));
        r.pdfSha256 = sha256Hex(pdf);
        r.canonical = canonicalJson(r, labRef, terms, view, signatory, key->fingerprint, formatRfc3339(now));
        r.canonicalSha256 = sha256Hex(*r.canonical);
        try {
            const ReportSignatures signatures = signReport(key->privateKeyPem, password, key->certificatePem, *r.canonical, pdf);
            r.signature = base64(signatures.canonical);
            r.pdfCms = base64(signatures.pdfCms);
        } catch (const WrongPassword&) {
            throw Error::invalidField("password", msg::kKeyOldPassword);
        }
        faults::hit("report.issue.signed");
        r.pdf = base64(pdf);
        r.checks = checksJson(view);
        r.updatedAtMs = r.issuedAtMs.value();
        if (!repo_.update(tx, r, expectedVersion)) throw Error::preconditionFailed(msg::kReportChanged);
        r.version = expectedVersion + 1;
        faults::hit("report.issue.stored");
        if (original) {
            // R35: the original is superseded, linked to its amendment; the customer is notified.
            if (!repo_.markSuperseded(tx, lab, original->id, r.id, *r.issuedAtMs))
                throw Error::conflict(msg::kAmendedChanged);
            const auto& a = *draft.amendment;
            auto note = [&](const std::string& kind, const std::string& channel, const std::string& message) {
                repo_.insertNotification(tx, {ids_.next(), lab, original->id, kind, channel, terms.customerName, message, p.userId, *r.issuedAtMs});
            };
            note("amended", "record",
                 "报告 No. " + *original->number + " 已由报告 No. " + *r.number + " 替代 / Report No. " + *original->number +
                     " is replaced by report No. " + *r.number + ": " + a.reason);
            if (!a.originalRecovered)
                note("void_declaration", "record",
                     "报告 No. " + *original->number + " 原件无法收回，特此声明作废 / The original of report No. " + *original->number +
                         " cannot be recovered and is hereby declared void");
            if (a.publicNotice)
                note("public_notice", "public",
                     "报告 No. " + *original->number + " 已作废，由报告 No. " + *r.number + " 替代 / Report No. " + *original->number +
                         " is void and replaced by report No. " + *r.number);
            audit_.record(tx, &p, requestId,
                          {"report", std::to_string(original->id), "supersede", "status", std::string("issued"), "superseded by " + *r.number,
                           a.reason});
            Report superseded = *original;
            superseded.status = ReportStatus::Superseded;
            audit_.record(tx, &p, requestId,  // the state after the change (domain/ReportIntegrity)
                          {"report", std::to_string(original->id), "seal", "evidence", std::nullopt, reportSealText(superseded, r.number), std::nullopt});
            r.amendsNumber = original->number;
            r.amendment = draft.amendment;
        }
        audit_.record(tx, &p, requestId,
                      {"report", std::to_string(id), "sign", "", std::nullopt,
                       *r.number + " sha256 " + *r.canonicalSha256 + " version " + std::to_string(r.version) + " key " + key->fingerprint +
                           " at " + formatRfc3339(now),
                       std::nullopt});
        audit_.record(tx, &p, requestId,  // status issued, and what was signed
                      {"report", std::to_string(id), "seal", "evidence", std::nullopt, reportSealText(r), std::nullopt});
        if (samples_)
            for (const auto& code : r.sampleCodes)
                samples_->advance(tx, p, lab, code, intake::SampleStage::Reported, "report No. " + *r.number + " issued", requestId);
        publishReportIssued(outbox_, tx, r);  // the outbox message commits with the issue
        faults::hit("report.issue.sealed");
        return r;
    });
}

}  // namespace assay::reports
