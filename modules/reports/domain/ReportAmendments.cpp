// ReportAmendments: amend, approve, withdraw, disclose; each one transaction.
#include "domain/ReportAmendments.hpp"
#include "domain/ReportEvents.hpp"

#include <set>

#include "assay/Error.hpp"
#include "assay/Text.hpp"
#include "assay/identity/RequireLab.hpp"
#include "domain/ReportContent.hpp"
#include "domain/ReportFacts.hpp"
#include "domain/ReportIntegrity.hpp"
#include "domain/ReportsMessages.hpp"

namespace assay::reports {

Report ReportAmendments::amend(const Principal& p, std::int64_t id, const AmendRequest& request, const std::string& requestId) {
    std::vector<FieldError> errors;
    const std::string reason =
        requiredText(errors, "reason", request.reason, msg::kAmendReasonRequired, 2000);
    static const std::set<std::string> kCauses{"error", "omission", "customer_request", "other"};
    if (!kCauses.count(request.cause)) errors.push_back({"cause", msg::kAmendCause});
    if (!errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = identity::requireLab(p);
    // One write transaction: the original as it is, the draft and its amendment record.
    return db_.write([&](Tx& tx) {
        repo_.lock(tx, lab, id);  // one amendment draft at a time, also on MariaDB
        const Report original = requireReport(tx, repo_, lab, id);
        if (original.status != ReportStatus::Issued)
            throw Error::conflict(original.supersededByNumber
                                      ? Message(msg::kOnlyIssuedAmendedBy, {{"status", msg::statusName(original.status)}, {"number", *original.supersededByNumber}})
                                      : Message(msg::kOnlyIssuedAmended, {{"status", msg::statusName(original.status)}}));
        Report r;
        r.id = ids_.next();
        r.labId = lab;
        r.orderCode = original.orderCode;
        r.sampleCodes = original.sampleCodes;
        r.signatoryUserId = original.signatoryUserId;
        r.createdBy = p.userId;
        r.createdAtMs = r.updatedAtMs = toEpochMillis(clock_.now());
        Amendment a;
        a.reportId = r.id;
        a.labId = lab;
        a.amendsId = original.id;
        a.amendmentNo = original.amendment ? original.amendment->amendmentNo + 1 : 1;
        a.reason = reason;
        a.cause = request.cause;
        a.originalRecovered = request.originalRecovered;
        a.publicNotice = request.publicNotice;
        for (const auto& other : repo_.amendmentsOf(tx, lab, original.id))
            if (auto d = repo_.find(tx, lab, other.reportId); d && d->status == ReportStatus::Draft)
                throw Error::conflict(Message(msg::kAmendmentInProgress, {{"number", original.number.value_or("")}, {"draft", d->id}}));
        repo_.insert(tx, r);
        repo_.insertAmendment(tx, a);
        audit_.record(tx, &p, requestId,
                      {"report", std::to_string(r.id), "amend", "", std::nullopt,
                       "amends " + original.number.value_or("") + " (" + a.cause + "): " + a.reason, std::nullopt});
        r.amendment = a;
        r.amendsNumber = original.number;
        return r;
    });
}

ReportChecksView ReportAmendments::approvable(Tx& tx, const Principal& p, std::int64_t id, const std::string& changesSha256) {
    const ReportChecksView view = facts_.gather(tx, requireReport(tx, repo_, identity::requireLab(p), id), isoDateInLab(clock_.now()));
    const Report& r = view.report;
    if (!r.amendment || r.status != ReportStatus::Draft) throw Error::conflict(msg::kOnlyAmendmentApproved);
    const auto& a = *view.facts.amendment;
    if (!a.removesResults && !a.changesConclusion)
        throw Error::rule("R36", msg::kNothingToApproveR36);
    if (r.createdBy == p.userId)
        throw Error::rule("R36", msg::kNotOwnAmendment);
    if (changesSha256 != view.changesSha256)
        throw Error::preconditionFailed(msg::kChangesMoved);
    return view;
}

Report ReportAmendments::approveAmendment(const Principal& p, std::int64_t id, const std::string& password, const std::string& note,
                                          const std::string& changesSha256, const std::string& requestId) {
    // The R36 questions are answered before the password is asked; the approval's transaction
    // asks them again about the draft as it is then.
    db_.read([&](Tx& tx) { approvable(tx, p, id, changesSha256); });
    reauth_.confirmPassword(p, password, "approve amendment " + std::to_string(id), requestId);
    return db_.write([&](Tx& tx) {
        const ReportChecksView view = approvable(tx, p, id, changesSha256);
        Amendment approved = *view.report.amendment;
        approved.approvedBy = p.userId;
        approved.approvedAtMs = toEpochMillis(clock_.now());
        approved.approvalNote = note.empty() ? std::nullopt : std::optional<std::string>(note);
        approved.approvedChangesSha256 = view.changesSha256;
        if (!repo_.approveAmendment(tx, approved)) throw Error::conflict(msg::kAmendmentNotDraft);
        audit_.record(tx, &p, requestId,
                      {"report", std::to_string(id), "approve", "amendment", std::nullopt,
                       std::to_string(view.facts.amendment->changes.size()) + " change(s), sha256 " + view.changesSha256,
                       note.empty() ? std::nullopt : std::optional<std::string>(note)});
        return requireReport(tx, repo_, view.report.labId, id);
    });
}

Report ReportAmendments::withdraw(const Principal& p, std::int64_t id, int expectedVersion, const std::string& password,
                                  const std::string& reasonGiven, const std::string& requestId) {
    const std::string reason = requireText("reason", reasonGiven, msg::kWithdrawReasonRequired, 2000);
    const std::int64_t lab = identity::requireLab(p);
    // Like signing, withdrawing a legal document is confirmed with the person's own password (the
    // gate, before the use case: a wrong password is audited even though nothing changes).
    reauth_.confirmPassword(p, password, "withdraw report " + std::to_string(id), requestId);
    const auto at = toEpochMillis(clock_.now());
    // One write transaction: the report as it is, the order's customer, the change and its notice.
    return db_.write([&](Tx& tx) {
        const Report r = requireReport(tx, repo_, lab, id);
        if (r.status != ReportStatus::Issued) throw Error::conflict(Message(msg::kOnlyIssuedWithdrawn, {{"status", msg::statusName(r.status)}}));
        const auto terms = facts_.sources().orders.acceptedTerms(tx, r.labId, r.orderCode);
        if (!repo_.markWithdrawn(tx, r.labId, id, expectedVersion, reason, at)) throw Error::preconditionFailed(msg::kReportChanged);
        repo_.insertNotification(tx, {ids_.next(), r.labId, id, "withdrawn", "record", terms.customerName,
                                      "报告 No. " + r.number.value_or("") + " 已撤回 / Report No. " + r.number.value_or("") + " is withdrawn: " + reason,
                                      p.userId, at});
        audit_.record(tx, &p, requestId, {"report", std::to_string(id), "withdraw", "status", std::string("issued"), std::string("withdrawn"), reason});
        Report withdrawn = r;
        withdrawn.status = ReportStatus::Withdrawn;
        audit_.record(tx, &p, requestId, {"report", std::to_string(id), "seal", "evidence", std::nullopt, reportSealText(withdrawn), std::nullopt});
        Report now = requireReport(tx, repo_, lab, id);
        publishReportWithdrawn(outbox_, tx, now);  // the platform's verification record changes with it
        return now;
    });
}

Report ReportAmendments::discloseResults(const Principal& p, std::int64_t id, const std::string& byGiven, const std::string& refGiven,
                                      const std::string& requestId) {
    std::vector<FieldError> errors;
    const std::string consentedBy = requiredText(errors, "consented_by", byGiven, msg::kConsentByRequired, 100);
    const std::string consentRef = requiredText(errors, "consent_ref", refGiven, msg::kConsentRefRequired, 200);
    if (!errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = identity::requireLab(p);
    return db_.write([&](Tx& tx) {
        const Report r = requireReport(tx, repo_, lab, id);
        if (!r.canonical) throw Error::conflict(msg::kOnlyIssuedPublic);
        if (repo_.hasDisclosure(tx, r.labId, id)) throw Error::conflict(msg::kConsentRecorded);
        repo_.insertDisclosure(tx, r.labId, id, consentedBy, consentRef, p.userId, toEpochMillis(clock_.now()));
        audit_.record(tx, &p, requestId,
                      {"report", std::to_string(id), "disclose", "public results", std::nullopt, "consent of " + consentedBy, consentRef});
        return r;
    });
}

}  // namespace assay::reports
