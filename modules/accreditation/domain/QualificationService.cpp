// QualificationService: validation, dated history, R4 expiry alerts and the standing on a date.
#include "domain/QualificationService.hpp"
#include "domain/AccreditationMessages.hpp"

#include <algorithm>
#include <regex>

#include "assay/Messages.hpp"
#include "assay/Text.hpp"
#include "domain/Dates.hpp"
#include "domain/LabTenancy.hpp"

namespace assay::accreditation {

namespace {
const std::regex kCmaNumber(R"(^[0-9]{12}$)");
const std::regex kCnasNumber(R"(^CNAS L[0-9]{4,5}$)");


// Problems of a certificate period [from, to] (to already defaulted).
void periodProblems(const std::string& from, const std::string& to, std::vector<FieldError>& errors) {
    if (!isDate(from)) {
        errors.push_back({"valid_from", assay::msg::kNotDate});
        return;
    }
    if (!isDate(to)) errors.push_back({"valid_to", assay::msg::kNotDate});
    else if (to <= from) errors.push_back({"valid_to", msg::kValidToAfterFrom});
    else if (to > sixYearPeriodEnd(from).value_or(to)) errors.push_back({"valid_to", msg::kPeriodSixYears});
}

// The event kinds a recorded status allows.
std::vector<std::string> allowedEvents(CertificateStatus status) {
    if (status == CertificateStatus::Valid) return {"suspend", "revoke", "renew"};
    if (status == CertificateStatus::Suspended) return {"reinstate", "revoke"};
    return {};
}

std::string describe(const Qualification& q) {
    return toString(q.scheme) + " " + q.number + " " + q.validFrom + ".." + q.validTo + (q.ilacMraPermitted ? " ILAC-MRA" : "");
}
}  // namespace

std::string QualificationService::today() const { return isoDateInLab(clock_.now()); }

std::vector<FieldError> QualificationService::qualificationProblems(const QualificationInput& in) {
    std::vector<FieldError> errors;
    if (!in.scheme) errors.push_back({"scheme", msg::kSchemeRequired});
    if (in.scheme == Scheme::Cma && !std::regex_match(in.number, kCmaNumber))
        errors.push_back({"number", msg::kCmaNumber});
    if (in.scheme == Scheme::Cnas && !std::regex_match(in.number, kCnasNumber))
        errors.push_back({"number", msg::kCnasNumber});
    if (in.authority.empty()) errors.push_back({"authority", assay::msg::kRequired});
    periodProblems(in.validFrom, in.validTo.value_or(sixYearPeriodEnd(in.validFrom).value_or("")), errors);
    if (in.ilacMraPermitted && in.scheme == Scheme::Cma)
        errors.push_back({"ilac_mra_permitted", msg::kIlacOnlyCnas});
    return errors;
}

Qualification QualificationService::create(const Principal& p, const QualificationInput& in, const std::string& requestId) {
    if (auto errors = qualificationProblems(in); !errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = requireLab(p);
    return db_.write([&](Tx& tx) {
        if (repo_.findByNumber(tx, lab, *in.scheme, in.number))
            throw Error::conflict(Message(msg::kQualificationTaken, {{"scheme", toString(*in.scheme)}, {"number", in.number}}));
        Qualification q;
        q.id = ids_.next();
        q.labId = lab;
        q.scheme = *in.scheme;
        q.number = in.number;
        q.authority = in.authority;
        q.validFrom = in.validFrom;
        q.validTo = in.validTo.value_or(*sixYearPeriodEnd(in.validFrom));
        q.status = CertificateStatus::Valid;
        q.ilacMraPermitted = in.ilacMraPermitted;
        q.createdAtMs = q.updatedAtMs = toEpochMillis(clock_.now());
        repo_.insert(tx, q);
        QualificationEvent e;
        e.id = ids_.next();
        e.labId = lab;
        e.qualificationId = q.id;
        e.kind = "granted";
        e.effectiveDate = q.validFrom;
        e.validFrom = q.validFrom;
        e.validTo = q.validTo;
        e.number = q.number;
        e.createdBy = p.userId;
        e.createdAtMs = q.createdAtMs;
        repo_.insertEvent(tx, e);
        q.history.push_back(e);
        audit_.record(tx, &p, requestId,
                      {"qualification", std::to_string(q.id), "create", "", std::nullopt, describe(q), std::nullopt});
        return q;
    });
}

Qualification QualificationService::get(const Principal& p, std::int64_t id) {
    const std::int64_t lab = requireLab(p);
    auto q = db_.read([&](Tx& tx) { return repo_.find(tx, lab, id); });
    if (!q) throw Error::notFound("qualification");
    return *q;
}

std::vector<Qualification> QualificationService::list(const Principal& p, std::optional<Scheme> scheme) {
    const std::int64_t lab = requireLab(p);
    return db_.read([&](Tx& tx) { return repo_.list(tx, lab, scheme); });
}

std::vector<FieldError> QualificationService::eventProblems(const QualificationEventInput& in) {
    static const std::vector<std::string> kKinds{"suspend", "reinstate", "revoke", "renew"};
    std::vector<FieldError> errors;
    const bool renew = in.kind == "renew";
    if (std::find(kKinds.begin(), kKinds.end(), in.kind) == kKinds.end())
        errors.push_back({"kind", msg::kQualificationEventKind});
    if (!isDate(in.effectiveDate)) errors.push_back({"effective_date", assay::msg::kNotDate});
    requiredText(errors, "reason", in.reason, msg::kDecisionRequired, 500);
    if (renew) {
        if (!in.validFrom) errors.push_back({"valid_from", msg::kRenewalPeriod});
        else periodProblems(*in.validFrom, in.validTo.value_or(sixYearPeriodEnd(*in.validFrom).value_or("")), errors);
    } else {
        if (in.validFrom) errors.push_back({"valid_from", msg::kOnlyRenewalPeriod});
        if (in.validTo) errors.push_back({"valid_to", msg::kOnlyRenewalPeriod});
        if (in.number) errors.push_back({"number", msg::kOnlyRenewalNumber});
    }
    return errors;
}

Qualification QualificationService::recordEvent(const Principal& p, std::int64_t id, int expectedVersion,
                                                const QualificationEventInput& in, const std::string& requestId) {
    if (auto errors = eventProblems(in); !errors.empty()) throw Error::invalid(errors);
    const bool renew = in.kind == "renew";
    const std::int64_t lab = requireLab(p);
    return db_.write([&](Tx& tx) {
        auto q = repo_.find(tx, lab, id);
        if (!q) throw Error::notFound("qualification");
        if (q->version != expectedVersion) throw Error::preconditionFailed(msg::kQualificationChanged);
        const auto allowed = allowedEvents(q->status);
        if (std::find(allowed.begin(), allowed.end(), in.kind) == allowed.end())
            throw Error::conflict(Message(msg::kQualificationCannot, {{"status", toString(q->status)}, {"kind", in.kind}}), allowed);
        std::vector<FieldError> late;
        if (in.effectiveDate < q->history.front().effectiveDate)
            late.push_back({"effective_date", Message(msg::kBeforeGranted, {{"date", q->history.front().effectiveDate}})});
        else if (in.effectiveDate < q->history.back().effectiveDate)
            late.push_back({"effective_date", Message(msg::kBeforeLastEvent, {{"date", q->history.back().effectiveDate}})});
        Qualification next = *q;
        QualificationEvent e;
        e.id = ids_.next();
        e.labId = lab;
        e.qualificationId = id;
        e.effectiveDate = in.effectiveDate;
        e.reason = trimmed(in.reason);
        e.createdBy = p.userId;
        e.createdAtMs = toEpochMillis(clock_.now());
        if (renew) {
            const std::string to = in.validTo.value_or(*sixYearPeriodEnd(*in.validFrom));
            if (to <= q->validTo) late.push_back({"valid_to", Message(msg::kRenewalEnds, {{"date", q->validTo}})});
            if (in.number) {
                const bool ok = q->scheme == Scheme::Cma ? std::regex_match(*in.number, kCmaNumber)
                                                   : std::regex_match(*in.number, kCnasNumber);
                if (!ok) late.push_back({"number", Message(msg::kNotSchemeNumber, {{"scheme", toString(q->scheme)}})});
                else if (*in.number != q->number && repo_.findByNumber(tx, lab, q->scheme, *in.number))
                    throw Error::conflict(Message(msg::kQualificationTaken, {{"scheme", toString(q->scheme)}, {"number", *in.number}}));
            }
            e.kind = "renewed";
            e.validFrom = in.validFrom;
            e.validTo = to;
            e.number = in.number;
            next.validFrom = *in.validFrom;
            next.validTo = to;
            if (in.number) next.number = *in.number;
        } else {
            e.kind = in.kind == "suspend" ? "suspended" : in.kind == "reinstate" ? "reinstated" : "revoked";
            next.status = in.kind == "suspend"     ? CertificateStatus::Suspended
                          : in.kind == "reinstate" ? CertificateStatus::Valid
                                                   : CertificateStatus::Revoked;
        }
        if (!late.empty()) throw Error::invalid(late);
        next.updatedAtMs = e.createdAtMs;
        if (!repo_.update(tx, next, expectedVersion))
            throw Error::preconditionFailed(msg::kQualificationChanged);
        repo_.insertEvent(tx, e);
        next.version = expectedVersion + 1;
        next.history.push_back(e);
        audit_.record(tx, &p, requestId,
                      {"qualification", std::to_string(id), e.kind, renew ? "period" : "status",
                       renew ? q->number + " " + q->validFrom + ".." + q->validTo : toString(q->status),
                       (renew ? next.number + " " + next.validFrom + ".." + next.validTo : toString(next.status)) + " from " +
                           in.effectiveDate,
                       e.reason});
        return next;
    });
}

std::vector<QualificationAlert> QualificationService::expiryAlerts(const Principal& p) {
    const std::string day = today();
    std::vector<QualificationAlert> out;
    for (auto& q : list(p, std::nullopt))
        if (auto a = expiryAlert(q, day)) out.push_back({std::move(q), *a});
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.alert.daysLeft < b.alert.daysLeft; });
    return out;
}

QualificationStanding QualificationService::standingOn(Tx& tx, std::int64_t labId, Scheme scheme, const std::string& date) {
    QualificationStanding none;
    none.scheme = scheme;
    none.status = CertificateStatus::None;
    if (!isDate(date)) {
        none.reason = "asked about " + toString(scheme) + " on '" + date + "': not a date";
        return none;
    }
    auto all = repo_.list(tx, labId, scheme);
    if (all.empty()) {
        none.reason = "the lab holds no " + toString(scheme) + " record";
        return none;
    }
    std::optional<QualificationStanding> best;
    std::string bestGranted;
    for (const auto& q : all) {
        auto s = accreditation::standingOn(q, date);
        if (s.valid) return s;
        const std::string granted = q.history.empty() ? "" : q.history.front().effectiveDate;
        if (!best || granted > bestGranted) {
            best = s;
            bestGranted = granted;
        }
    }
    return *best;
}

QualificationStanding QualificationService::standing(const Principal& p, Scheme scheme,
                                                     const std::string& date) {
    const std::int64_t lab = requireLab(p);
    return db_.read([&](Tx& tx) { return standingOn(tx, lab, scheme, date); });
}

}  // namespace assay::accreditation
