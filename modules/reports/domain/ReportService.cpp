// ReportService: drafts, their signatory and checks, discarding and disposal.
#include "domain/ReportService.hpp"

#include <algorithm>
#include <chrono>
#include <set>

#include "assay/Error.hpp"
#include "assay/Text.hpp"
#include "assay/identity/RequireLab.hpp"
#include "domain/ReportContent.hpp"
#include "domain/ReportFacts.hpp"
#include "domain/ReportIntegrity.hpp"
#include "domain/ReportsMessages.hpp"

namespace assay::reports {

Report ReportService::create(const Principal& p, const std::string& orderCode, const std::vector<std::string>& sampleCodes,
                             const std::string& requestId) {
    if (orderCode.empty()) throw Error::invalidField("order_code", msg::kOrderRequired);
    const std::int64_t lab = identity::requireLab(p);
    // One write transaction: the order's items as they are and the draft.
    return db_.write([&](Tx& tx) {
        const auto items = facts_.sources().orders.acceptedItems(tx, lab, orderCode);  // 404 / 409
        std::vector<std::string> inOrder;
        for (const auto& i : items)
            if (std::find(inOrder.begin(), inOrder.end(), i.sampleCode) == inOrder.end()) inOrder.push_back(i.sampleCode);
        std::vector<std::string> chosen;
        std::vector<FieldError> errors;
        if (sampleCodes.empty()) chosen = inOrder;
        for (std::size_t k = 0; k < sampleCodes.size(); ++k) {
            const auto& code = sampleCodes[k];
            if (std::find(inOrder.begin(), inOrder.end(), code) == inOrder.end())
                errors.push_back({"sample_codes[" + std::to_string(k) + "]", Message(msg::kNotSampleOfOrder, {{"sample", code}, {"order", orderCode}})});
            else if (std::find(chosen.begin(), chosen.end(), code) == chosen.end())
                chosen.push_back(code);
        }
        if (chosen.empty() && errors.empty()) errors.push_back({"order_code", msg::kNothingToReport});
        if (!errors.empty()) throw Error::invalid(errors);
        Report r;
        r.id = ids_.next();
        r.labId = lab;
        r.orderCode = orderCode;
        r.sampleCodes = chosen;
        r.createdBy = p.userId;
        r.createdAtMs = r.updatedAtMs = toEpochMillis(clock_.now());
        repo_.insert(tx, r);
        std::string codes;
        for (const auto& c : chosen) codes += (codes.empty() ? "" : ", ") + c;
        audit_.record(tx, &p, requestId, {"report", std::to_string(r.id), "create", "", std::nullopt, orderCode + ": " + codes, std::nullopt});
        return r;
    });
}

std::vector<Report> ReportService::list(const Principal& p, std::int64_t beforeId, int limit, std::optional<ReportStatus> status) {
    const std::int64_t lab = identity::requireLab(p);
    return db_.read([&](Tx& tx) {
        auto rows = repo_.list(tx, lab, beforeId, limit, status);
        for (auto& r : rows) withLinks(tx, repo_, r);  // what each amends, what superseded it
        return rows;
    });
}

Report ReportService::get(const Principal& p, std::int64_t id) {
    const std::int64_t lab = identity::requireLab(p);
    return db_.read([&](Tx& tx) { return requireReport(tx, repo_, lab, id); });
}

std::vector<QueuedReport> ReportService::waitingFor(const Principal& p, std::int64_t beforeId, int limit) {
    const std::int64_t lab = identity::requireLab(p);
    const std::string today = isoDateInLab(clock_.now());
    return db_.read([&](Tx& tx) {
        std::vector<QueuedReport> out;
        for (auto& r : repo_.list(tx, lab, beforeId, limit, ReportStatus::Draft, p.userId)) {
            withLinks(tx, repo_, r);
            QueuedReport q;
            q.id = r.id;
            q.report = r;
            q.date = today;
            try {
                const CheckOutcome outcome = facts_.gather(tx, r, today).outcome;
                q.issuable = outcome.issuable;
                for (const auto& c : outcome.checks)
                    if (c.status == "fail" && c.blocking) q.open.push_back(c);
                for (const auto& c : outcome.checks)
                    if (c.status == "warn" || (c.status == "fail" && !c.blocking)) q.open.push_back(c);
            } catch (const Error& e) {  // a draft the checks cannot read (its order or original changed) does not hide the others
                if (e.code() != ErrorCode::Conflict && e.code() != ErrorCode::NotFound) throw;
                q.problem = e.message();
            }
            out.push_back(std::move(q));
        }
        return out;
    });
}

DraftPdf ReportService::draftPdf(const Principal& p, std::int64_t id) {
    const std::int64_t lab = identity::requireLab(p);
    const std::string today = isoDateInLab(clock_.now());
    const PdfReport document = db_.read([&](Tx& tx) {
        const Report r = requireReport(tx, repo_, lab, id);
        if (r.status != ReportStatus::Draft) throw Error::conflict(Message(msg::kDraftPdfNotDraft, {{"status", msg::statusName(r.status)}}));
        const ReportChecksView view = facts_.gather(tx, r, today);
        const auto org = facts_.sources().orgs.organizationById(tx, lab);
        const auto user = r.signatoryUserId ? facts_.sources().users.userById(tx, *r.signatoryUserId) : std::nullopt;
        return draftPdfDocument(r, org.value_or(identity::OrganizationRef{}), view.terms, view, user ? user->displayName : std::string());
    });
    return {renderReportPdf(document), "报告草稿-" + document.orderCode + ".pdf"};  // rendered outside the transaction
}

Report ReportService::setSignatory(const Principal& p, std::int64_t id, int expectedVersion, std::optional<std::int64_t> userId,
                                   const std::string& requestId) {
    const std::int64_t lab = identity::requireLab(p);
    return db_.write([&](Tx& tx) {
        std::string name;
        if (userId) {
            auto u = facts_.sources().users.userById(tx, *userId);
            if (!u || u->orgId != lab || !u->active) throw Error::invalidField("signatory_user_id", msg::kSignatoryNotUser);
            name = u->displayName;
        }
        auto r = repo_.find(tx, lab, id);
        if (!r) throw Error::notFound("report");
        if (r->version != expectedVersion) throw Error::preconditionFailed(msg::kReportChanged);
        if (r->status != ReportStatus::Draft) throw Error::conflict(Message(msg::kKeepsSignatory, {{"status", msg::statusName(r->status)}}));
        Report next = *r;
        next.signatoryUserId = userId;
        next.updatedAtMs = toEpochMillis(clock_.now());
        if (!repo_.update(tx, next, expectedVersion)) throw Error::preconditionFailed(msg::kReportChanged);
        next.version = expectedVersion + 1;
        audit_.record(tx, &p, requestId,
                      {"report", std::to_string(id), "update", "signatory",
                       r->signatoryUserId ? std::optional<std::string>(std::to_string(*r->signatoryUserId)) : std::nullopt,
                       userId ? std::optional<std::string>(std::to_string(*userId) + " " + name) : std::nullopt, std::nullopt});
        return next;
    });
}

ReportChecksView ReportService::checks(const Principal& p, std::int64_t id, const std::optional<std::string>& date) {
    if (date && !parseIsoDate(*date)) throw Error::invalidField("date", msg::kDateFormat);
    const std::int64_t lab = identity::requireLab(p);
    const std::string day = date.value_or(isoDateInLab(clock_.now()));
    return db_.read([&](Tx& tx) { return facts_.gather(tx, requireReport(tx, repo_, lab, id), day); });
}

std::string ReportService::userName(std::int64_t userId) {
    auto u = db_.read([&](Tx& tx) { return facts_.sources().users.userById(tx, userId); });
    return u ? u->displayName : "user " + std::to_string(userId);
}

std::vector<Notification> ReportService::notifications(const Principal& p, std::int64_t id) {
    const std::int64_t lab = identity::requireLab(p);
    return db_.read([&](Tx& tx) {
        requireReport(tx, repo_, lab, id);
        return repo_.notifications(tx, lab, id);
    });
}

std::string ReportService::retainUntil(const std::string& issueDate, int years) {
    const auto d = parseIsoDate(issueDate);
    if (!d) return issueDate;
    const std::chrono::year_month_day ymd{*d};
    auto target = (ymd.year() + std::chrono::years(years)) / ymd.month() / ymd.day();
    if (!target.ok()) target = (ymd.year() + std::chrono::years(years)) / ymd.month() / std::chrono::last;  // 29 Feb
    return formatIsoDate(std::chrono::sys_days(target));
}

Report ReportService::remove(const Principal& p, std::int64_t id, int expectedVersion, const std::string& requestId) {
    const std::int64_t lab = identity::requireLab(p);
    const auto at = toEpochMillis(clock_.now());
    const std::string today = isoDateInLab(clock_.now());
    return db_.write([&](Tx& tx) {
        const Report r = requireReport(tx, repo_, lab, id);
        if (r.version != expectedVersion) throw Error::preconditionFailed(msg::kReportChanged);
        if (r.status == ReportStatus::Discarded) return r;
        if (r.status == ReportStatus::Draft) {
            if (!repo_.markDiscarded(tx, r.labId, id, expectedVersion, at)) throw Error::preconditionFailed(msg::kReportChanged);
            audit_.record(tx, &p, requestId, {"report", std::to_string(id), "discard", "status", std::string("draft"), std::string("discarded"), std::nullopt});
            Report discarded = r;
            discarded.status = ReportStatus::Discarded;
            audit_.record(tx, &p, requestId,
                          {"report", std::to_string(id), "seal", "evidence", std::nullopt, reportSealText(discarded), std::nullopt});
            return requireReport(tx, repo_, lab, id);
        }
        if (r.disposedAtMs) return r;
        // R22: an issued (superseded, withdrawn) report is kept until issue_date + max(6 years, the lab's rule).
        const std::string until = retainUntil(r.issueDate.value_or(""), std::max(6, policies_.retentionYears));
        if (today < until)
            throw Error::rule("R22", Message(msg::kRetained, {{"number", r.number.value_or("")}, {"until", until},
                                                              {"issued", r.issueDate.value_or("")}, {"today", today}}));
        if (!repo_.markDisposed(tx, r.labId, id, expectedVersion, at)) throw Error::preconditionFailed(msg::kReportChanged);
        audit_.record(tx, &p, requestId,
                      {"report", std::to_string(id), "dispose", "content", std::nullopt,
                       r.number.value_or("") + " (kept until " + until + "); pdf sha256 " + r.pdfSha256.value_or(""), std::nullopt});
        return requireReport(tx, repo_, lab, id);
    });
}

}  // namespace assay::reports
