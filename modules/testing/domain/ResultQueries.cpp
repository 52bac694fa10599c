// ResultQueries: reads of test items and results, each result checked against its audit seal.
#include "domain/TestingMessages.hpp"
#include "domain/ResultQueries.hpp"

#include "assay/identity/RequireLab.hpp"
#include "domain/ResultEvidence.hpp"

namespace assay::testing {

std::vector<TestItem> ResultQueries::list(const Principal& p, Whose whose, std::int64_t beforeId, int limit) {
    const std::int64_t lab = identity::requireLab(p);
    const std::int64_t assignee = whose == Whose::Mine ? p.userId : whose == Whose::Unassigned ? -1 : 0;
    return db_.read([&](Tx& tx) { return repo_.items(tx, lab, assignee, beforeId, limit); });
}

ItemView ResultQueries::get(const Principal& p, std::int64_t itemId) {
    const std::int64_t lab = identity::requireLab(p);
    return db_.read([&](Tx& tx) { return itemView(tx, lab, itemId, true); });
}

ItemView ResultQueries::itemView(Tx& tx, std::int64_t lab, std::int64_t itemId, bool checkEvidence) {
    auto item = repo_.findItem(tx, lab, itemId);
    if (!item) throw Error::notFound("test item");
    ItemView v{*item, repo_.resultsOf(tx, lab, itemId)};
    for (auto& r : v.results) {
        r.history = repo_.versions(tx, lab, r.id);
        if (checkEvidence) r.tamperReason = checkResult(tx, audit_, repo_, r).problem;
        confirmTampered(tx, lab, r.id, r.tamperReason);
    }
    return v;
}

void ResultQueries::confirmTampered(Tx& tx, std::int64_t labId, std::int64_t resultId, std::optional<std::string>& problem) {
    if (!problem) return;
    const auto r = repo_.findResult(tx, labId, resultId);
    problem = r ? checkResult(tx, audit_, repo_, *r).problem : std::nullopt;
}

std::vector<ReportLine> ResultQueries::linesOfSamples(Tx& tx, std::int64_t labId, const std::vector<std::string>& sampleCodes) {
    std::vector<ReportLine> out;
    const auto items = repo_.itemsOfSamples(tx, labId, sampleCodes);
    for (const auto& code : sampleCodes) {
        auto it = items.find(code);
        if (it == items.end()) continue;
        for (const auto& i : it->second) {
            ReportLine l;
            l.itemId = i.id;
            l.orderItemId = i.orderItemId;
            l.orderCode = i.orderCode;
            l.sampleCode = i.sampleCode;
            l.product = i.product;
            l.productCategory = i.productCategory;
            l.parameterId = i.parameterId;
            l.methodId = i.methodId;
            l.testDate = i.testDate;
            l.decisionRule = i.decisionRule;
            l.specificationId = i.specificationId;
            const auto results = repo_.resultsOf(tx, labId, i.id);
            for (auto r = results.rbegin(); r != results.rend(); ++r) {
                if (r->status == ResultStatus::Invalidated) continue;
                l.resultId = r->id;
                l.resultStatus = r->status;
                l.reported = r->reported;
                l.unit = r->unit;
                l.limitText = r->limitText;
                l.conformity = r->conformity;
                if (r->uncertainty) l.uncertainty = r->uncertainty->toString();
                l.muStraddles = r->muStraddles;
                l.rawKind = r->rawKind;
                l.rawRef = r->rawRef;
                l.equipmentFlag = r->equipmentFlag;
                l.approverName = r->approverName;
                l.tampered = checkResult(tx, audit_, repo_, *r).problem;
                confirmTampered(tx, labId, r->id, l.tampered);
                break;
            }
            out.push_back(std::move(l));
        }
    }
    return out;
}

std::vector<std::pair<TestItem, Result>> ResultQueries::queue(const Principal& p, ResultStatus status, int limit) {
    if (status != ResultStatus::Entered && status != ResultStatus::Checked) throw Error::invalidField("status", msg::kQueueStatus);
    const std::int64_t lab = identity::requireLab(p);
    auto queued = db_.read([&](Tx& tx) {
        std::vector<std::pair<TestItem, Result>> out;
        for (auto& r : repo_.resultsInStatus(tx, lab, status, limit)) {
            r.history = repo_.versions(tx, lab, r.id);
            r.tamperReason = checkResult(tx, audit_, repo_, r).problem;
            confirmTampered(tx, lab, r.id, r.tamperReason);
            out.emplace_back(*repo_.findItem(tx, lab, r.testItemId), r);
        }
        return out;
    });
    return queued;
}

ResultQueries::SampleConformity ResultQueries::sampleConformity(const Principal& p, const std::string& sampleCode) {
    const std::int64_t lab = identity::requireLab(p);
    auto conformity = db_.read([&](Tx& tx) {
        SampleConformity out;
        const auto items = repo_.itemsOfSample(tx, lab, sampleCode);
        if (items.empty()) throw Error::notFound("test items of the sample");
        bool anyFail = false, allPass = true;
        out.provisional = false;
        for (const auto& item : items) {
            std::optional<Result> current;
            for (auto& r : repo_.resultsOf(tx, lab, item.id))
                if (r.status != ResultStatus::Invalidated) current = r;  // the latest attempt that stands
            if (current) {
                current->tamperReason = checkResult(tx, audit_, repo_, *current).problem;
                confirmTampered(tx, lab, current->id, current->tamperReason);
            }
            anyFail = anyFail || (current && current->conformity == "fail");
            out.provisional = out.provisional || (current && current->status != ResultStatus::Approved);
            allPass = allPass && current && current->conformity == "pass";
            out.items.emplace_back(item, current);
        }
        out.verdict = anyFail ? "fail" : allPass ? "pass" : "no_judgement";
        return out;
    });
    return conformity;
}

std::optional<EntryRecord> ResultQueries::entry(const Principal& p, std::int64_t entryId) {
    const std::int64_t lab = identity::requireLab(p);
    return db_.read([&](Tx& tx) { return repo_.findEntry(tx, lab, entryId); });
}

}  // namespace assay::testing
