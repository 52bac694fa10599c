// QcService: batches, QC judgement and hold, disposition, series; audited.
#include "domain/QcService.hpp"

#include <set>

#include "domain/TestingMessages.hpp"
#include "assay/Messages.hpp"
#include "assay/Text.hpp"
#include "assay/identity/RequireLab.hpp"
#include "domain/ResultEvidence.hpp"

namespace assay::testing {

namespace {
std::string nameOf(const Principal& p) { return p.displayName.empty() ? p.username : p.displayName; }

bool anyApproved(Tx& tx, std::int64_t lab, std::int64_t itemId) {
    for (const auto& r : ResultRepository().resultsOf(tx, lab, itemId))
        if (r.status == ResultStatus::Approved) return true;
    return false;
}
}  // namespace

BatchView QcService::createBatch(const Principal& p, const std::string& name, const std::vector<std::int64_t>& itemIds,
                                 const std::string& requestId) {
    std::vector<FieldError> errors;
    if (name.empty()) errors.push_back({"name", assay::msg::kRequired});
    tooLong(errors, "name", name, 100);
    if (itemIds.empty()) errors.push_back({"item_ids", msg::kBatchItemsRequired});
    if (!errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = identity::requireLab(p);
    return db_.write([&](Tx& tx) {
        std::vector<TestItem> items;
        std::set<std::int64_t> seen;
        for (std::size_t i = 0; i < itemIds.size(); ++i) {
            const std::string f = "item_ids[" + std::to_string(i) + "]";
            auto item = results_.findItem(tx, lab, itemIds[i]);
            if (!item) errors.push_back({f, msg::kNoSuchItem});
            else if (!seen.insert(item->id).second) errors.push_back({f, assay::msg::kListedTwice});
            else if (item->batchId) errors.push_back({f, "already in a batch"});
            else if (anyApproved(tx, lab, item->id)) errors.push_back({f, "has an approved result: QC comes before release"});
            else if (!items.empty() && (item->parameterId != items[0].parameterId || item->methodId != items[0].methodId))
                errors.push_back({f, "a batch holds one parameter by one method"});
            else items.push_back(*item);
        }
        if (!errors.empty()) throw Error::invalid(errors);
        Batch b;
        b.id = ids_.next();
        b.labId = lab;
        b.name = name;
        b.parameterId = items[0].parameterId;
        b.methodId = items[0].methodId;
        b.createdBy = p.userId;
        b.createdAtMs = b.updatedAtMs = toEpochMillis(clock_.now());
        repo_.insertBatch(tx, b);
        for (const auto& i : items)
            if (!repo_.joinBatch(tx, lab, i.id, b.id)) throw Error::conflict(Message(msg::kJoinedOther), {});
        audit_.record(tx, &p, requestId,
                      {"batch", std::to_string(b.id), "create", "", std::nullopt, name + ": " + std::to_string(items.size()) + " test item(s)",
                       std::nullopt});
        return BatchView{b, repo_.itemsOf(tx, lab, b.id), {}};
    });
}

BatchView QcService::get(const Principal& p, std::int64_t batchId) {
    const std::int64_t lab = identity::requireLab(p);
    return db_.read([&](Tx& tx) {
        auto b = repo_.findBatch(tx, lab, batchId);
        if (!b) throw Error::notFound("batch");
        return BatchView{*b, repo_.itemsOf(tx, lab, batchId), repo_.qcOf(tx, lab, batchId)};
    });
}

std::vector<Batch> QcService::list(const Principal& p, std::int64_t beforeId, int limit) {
    const std::int64_t lab = identity::requireLab(p);
    return db_.read([&](Tx& tx) { return repo_.batches(tx, lab, beforeId, limit); });
}

QcResult QcService::addQc(const Principal& p, std::int64_t batchId, const QcInput& in, const std::string& requestId) {
    if (auto errors = qcProblems(in); !errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = identity::requireLab(p);
    const std::string today = isoDateInLab(clock_.now());
    return db_.write([&](Tx& tx) {
        repo_.lockBatch(tx, lab, batchId);  // one at a time with the approval of its results
        auto b = repo_.findBatch(tx, lab, batchId);
        if (!b) throw Error::notFound("batch");
        if (b->status == BatchStatus::Retest || b->status == BatchStatus::Rejected)
            throw Error::conflict(Message(msg::kBatchDisposed, {{"status", msg::statusName(b->status)}}), {});
        for (auto itemId : repo_.itemsOf(tx, lab, batchId))
            if (anyApproved(tx, lab, itemId))
                throw Error::conflict(Message(msg::kBatchReleased), {});
        QcResult q = evaluateQc(in, today);
        q.id = ids_.next();
        q.batchId = batchId;
        q.measuredBy = p.userId;
        q.measuredName = nameOf(p);
        q.measuredAtMs = toEpochMillis(clock_.now());
        repo_.insertQc(tx, lab, b->parameterId, b->methodId, q);
        audit_.record(tx, &p, requestId,
                      {"batch", std::to_string(batchId), "qc", q.kind, std::nullopt,
                       q.material + ": " + qcText(q.detail, Lang::en) + " (" + qcText(q.criteria, Lang::en) + ") " + (q.pass ? "pass" : "FAIL"),
                       std::nullopt});
        if (!q.pass && b->status != BatchStatus::Held) {
            // R24: a failing QC sample holds the batch's results until a disposition.
            Batch next = *b;
            next.status = BatchStatus::Held;
            next.updatedAtMs = q.measuredAtMs;
            if (!repo_.updateBatch(tx, next, b->version)) throw Error::preconditionFailed(Message(msg::kBatchChanged));
            audit_.record(tx, &p, requestId,
                          {"batch", std::to_string(batchId), "update", "status", toString(b->status), "held",
                           std::string("R24: ") + q.kind + " " + q.material + " failed: " + qcText(q.detail, Lang::en)});
        }
        return q;
    });
}

Batch QcService::dispose(const Principal& p, std::int64_t batchId, int expectedVersion, const std::string& decision,
                         const std::string& reasonGiven, const std::string& requestId) {
    std::vector<FieldError> errors;
    if (decision != "accept" && decision != "retest" && decision != "reject")
        errors.push_back({"decision", msg::kQcDecision});
    const std::string reason = requiredText(errors, "reason", reasonGiven, msg::kQcDispositionReason, 500);
    if (!errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = identity::requireLab(p);
    return db_.write([&](Tx& tx) {
        auto b = repo_.findBatch(tx, lab, batchId);
        if (!b) throw Error::notFound("batch");
        if (b->version != expectedVersion) throw Error::preconditionFailed(Message(msg::kBatchChanged));
        if (b->status != BatchStatus::Held) throw Error::conflict(Message(msg::kOnlyHeld, {{"status", msg::statusName(b->status)}}), {});
        Batch next = *b;
        next.status = decision == "accept" ? BatchStatus::Released : decision == "retest" ? BatchStatus::Retest : BatchStatus::Rejected;
        next.dispositionReason = reason;
        next.disposedBy = p.userId;
        next.disposedName = nameOf(p);
        next.disposedAtMs = next.updatedAtMs = toEpochMillis(clock_.now());
        if (!repo_.updateBatch(tx, next, expectedVersion)) throw Error::preconditionFailed(Message(msg::kBatchChanged));
        next.version = expectedVersion + 1;
        audit_.record(tx, &p, requestId, {"batch", std::to_string(batchId), "dispose", "status", toString(b->status), toString(next.status), reason});
        if (decision != "accept") {
            // Retest or reject: the batch's results in review are invalidated with the reason
            // (kept, R20), and the items leave the batch to be measured again in a new one.
            const std::string why = "batch " + b->name + " " + toString(next.status) + " (R24): " + reason;
            for (auto itemId : repo_.itemsOf(tx, lab, batchId))
                for (auto r : results_.resultsOf(tx, lab, itemId)) {
                    if (r.status != ResultStatus::Entered && r.status != ResultStatus::Checked) continue;
                    const int was = r.version;
                    const std::string before = toString(r.status);
                    r.status = ResultStatus::Invalidated;
                    r.invalidReason = clip(why, 500);
                    r.updatedAtMs = *next.disposedAtMs;
                    if (!results_.updateResult(tx, r, was)) throw Error::conflict(Message(msg::kBatchResultChanged), {});
                    r.version = was + 1;
                    results_.insertVersion(tx, r, p.userId, nameOf(p), r.invalidReason);
                    audit_.record(tx, &p, requestId, {"result", std::to_string(r.id), "invalidate", "status", before, "invalidated", r.invalidReason});
                    sealResult(tx, audit_, results_, &p, requestId, lab, r.id);  // R20: as stored now
                }
            repo_.detachItems(tx, lab, batchId);
        }
        return next;
    });
}

std::vector<SeriesPoint> QcService::series(const Principal& p, std::int64_t parameterId, std::int64_t methodId,
                                           const std::string& material) {
    const std::int64_t lab = identity::requireLab(p);
    const auto qc = db_.read([&](Tx& tx) { return repo_.series(tx, lab, parameterId, methodId, material, 200); });
    std::vector<SeriesPoint> out;
    std::vector<Decimal> zs;
    std::vector<std::size_t> withZ;
    for (const auto& q : qc) {
        SeriesPoint pt{q, std::nullopt, {}};
        if (q.target && q.sd && q.sd->sign() > 0) {
            pt.z = (q.value - *q.target).divide(*q.sd, 8);
            zs.push_back(*pt.z);
            withZ.push_back(out.size());
        }
        out.push_back(pt);
    }
    const auto rules = westgard(zs);
    for (std::size_t k = 0; k < withZ.size(); ++k) out[withZ[k]].rules = rules[k];
    return out;
}

}  // namespace assay::testing
