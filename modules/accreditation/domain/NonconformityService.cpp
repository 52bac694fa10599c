// NonconformityService: opening NCs (also from other services' transactions) and their workflow.
#include "domain/NonconformityService.hpp"
#include "domain/AccreditationMessages.hpp"

#include "assay/Messages.hpp"
#include "assay/Sequences.hpp"
#include "domain/Dates.hpp"
#include "domain/LabTenancy.hpp"
#include "assay/Text.hpp"

namespace assay::accreditation {

namespace {

}  // namespace

std::vector<FieldError> NonconformityService::openProblems(const NewNonconformity& in) {
    std::vector<FieldError> errors;
    if (!isNcSource(in.source)) errors.push_back({"source", msg::kNcSource});
    if (in.description.empty()) errors.push_back({"description", assay::msg::kRequired});
    if (!isDate(in.openedOn)) errors.push_back({"opened_on", assay::msg::kNotDate});
    return errors;
}

Nonconformity NonconformityService::openIn(Tx& tx, const Principal* actor, const NewNonconformity& in,
                                           std::vector<NcImpact> impacts, const std::string& requestId) {
    Nonconformity nc;
    nc.id = ids_.next();
    nc.labId = in.labId;
    nc.ncNo = Sequences::next(tx, in.labId, "nonconformity");
    nc.source = in.source;
    nc.sourceRef = clip(in.sourceRef, 100);
    nc.description = clip(in.description, 2000);
    nc.impact = in.impact.empty() ? storedNcText(Message(msg::kNcToBeAssessed)) : clip(in.impact, 2000);
    nc.status = NcStatus::Open;
    nc.openedOn = in.openedOn;
    nc.createdAtMs = nc.updatedAtMs = toEpochMillis(clock_.now());
    for (auto& i : impacts) {
        i.id = ids_.next();
        i.kind = clip(i.kind, 16);
        i.ref = clip(i.ref, 100);
        i.label = clip(i.label, 500);
        i.itemDate = clip(i.itemDate, 10);
    }
    nc.impacts = std::move(impacts);
    repo_.insert(tx, nc);
    audit_.record(tx, actor, requestId,
                  {"nonconformity", std::to_string(nc.id), "create", "", std::nullopt,
                   "NC " + std::to_string(nc.ncNo) + " (" + nc.source + " " + nc.sourceRef + ") " + shownNcText(nc.description, Lang::en) + "; " +
                       std::to_string(nc.impacts.size()) + " item(s) in the impact list",
                   std::nullopt});
    return nc;
}

Nonconformity NonconformityService::open(const Principal& p, const NewNonconformity& in, const std::string& requestId) {
    if (auto errors = openProblems(in); !errors.empty()) throw Error::invalid(errors);
    NewNonconformity x = in;
    x.labId = requireLab(p);
    return db_.write([&](Tx& tx) { return openIn(tx, &p, x, {}, requestId); });
}

std::int64_t NonconformityService::open(Tx& tx, const NewNonconformity& in, const std::string& requestId) {
    if (auto errors = openProblems(in); !errors.empty()) throw Error::invalid(errors);
    return openIn(tx, nullptr, in, {}, requestId).id;
}

Nonconformity NonconformityService::get(const Principal& p, std::int64_t id) {
    const std::int64_t lab = requireLab(p);
    auto n = db_.read([&](Tx& tx) { return repo_.find(tx, lab, id); });
    if (!n) throw Error::notFound("nonconformity");
    return *n;
}

std::vector<Nonconformity> NonconformityService::list(const Principal& p, std::optional<NcStatus> status, std::int64_t afterId,
                                                      int limit) {
    const std::int64_t lab = requireLab(p);
    return db_.read([&](Tx& tx) { return repo_.list(tx, lab, status, afterId, limit); });
}

std::vector<FieldError> NonconformityService::stepProblems(const NcStepInput& in) {
    std::vector<FieldError> errors;
    if (in.step != "action" && in.step != "verify" && in.step != "close") errors.push_back({"step", msg::kNcStep});
    if (!isDate(in.date)) errors.push_back({"date", assay::msg::kNotDate});
    requiredText(errors, "text", in.text, msg::kNcTextRequired, 2000);
    return errors;
}

std::vector<Nonconformity> NonconformityService::notClosed(const Principal& p) {
    const std::int64_t lab = requireLab(p);
    std::vector<Nonconformity> out;
    db_.read([&](Tx& tx) {
        out.clear();  // the body may run again after a retry
        for (std::int64_t after = 0;;) {
            auto page = repo_.list(tx, lab, std::nullopt, after, 500);
            for (auto& n : page)
                if (n.status != NcStatus::Closed) out.push_back(std::move(n));
            if (page.size() < 500) break;
            after = out.empty() ? page.back().id : std::max(out.back().id, page.back().id);
        }
    });
    return out;
}

Nonconformity NonconformityService::step(const Principal& p, std::int64_t id, int expectedVersion, const NcStepInput& in,
                                         const std::string& requestId) {
    if (auto errors = stepProblems(in); !errors.empty()) throw Error::invalid(errors);
    const std::string text = trimmed(in.text);
    const std::int64_t lab = requireLab(p);
    return db_.write([&](Tx& tx) {
        auto n = repo_.find(tx, lab, id);
        if (!n) throw Error::notFound("nonconformity");
        if (n->version != expectedVersion) throw Error::preconditionFailed(msg::kNcChanged);
        const std::string next = n->status == NcStatus::Open          ? "action"
                                 : n->status == NcStatus::ActionTaken ? "verify"
                                 : n->status == NcStatus::Verified    ? "close"
                                                                      : "";
        if (in.step != next)
            throw Error::conflict(Message(msg::kNcCannot, {{"status", toString(n->status)}, {"step", in.step}}),
                                  next.empty() ? std::vector<std::string>{} : std::vector<std::string>{next});
        // The steps follow each other in time, and none is recorded ahead of time. A verification
        // comes after the day the NC was opened: lifting a suspension (R25) on its first day would
        // erase it from the history.
        const std::string today = isoDateInLab(clock_.now());
        if (in.date > today) throw Error::invalidField("date", Message(assay::msg::kInFuture));
        if (in.step == "action" && in.date < n->openedOn)
            throw Error::invalidField("date", Message(msg::kNcBeforeOpened, {{"date", n->openedOn}}));
        if (in.step == "verify" && (in.date <= n->openedOn || in.date < n->actionOn.value_or("")))
            throw Error::invalidField("date", Message(msg::kNcVerifyDate, {{"opened", n->openedOn}, {"action", n->actionOn.value_or("")}}));
        if (in.step == "close" && in.date < n->verifiedOn.value_or(""))
            throw Error::invalidField("date", Message(msg::kNcBeforeVerified, {{"date", n->verifiedOn.value_or("")}}));
        Nonconformity updated = *n;
        const std::string before = toString(n->status);
        if (in.step == "action") {
            updated.status = NcStatus::ActionTaken;
            updated.correctiveAction = text;
            updated.actionOn = in.date;
        } else if (in.step == "verify") {
            updated.status = NcStatus::Verified;
            updated.verification = text;
            updated.verifiedOn = in.date;
        } else {
            updated.status = NcStatus::Closed;
            updated.closedOn = in.date;
        }
        updated.updatedAtMs = toEpochMillis(clock_.now());
        if (!repo_.update(tx, updated, expectedVersion))
            throw Error::preconditionFailed(msg::kNcChanged);
        updated.version = expectedVersion + 1;
        audit_.record(tx, &p, requestId,
                      {"nonconformity", std::to_string(id), "update", "status", before, toString(updated.status) + " on " + in.date, text});
        if (in.step == "verify")
            for (auto& o : observers_) o(tx, p, updated, requestId);
        return updated;
    });
}

}  // namespace assay::accreditation
