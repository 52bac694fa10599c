// ResultService: result entry and evaluation, the review steps and versions, audited.
#include "domain/ResultService.hpp"
#include "domain/ResultEvents.hpp"

#include <algorithm>

#include "domain/TestingMessages.hpp"
#include "assay/Text.hpp"
#include "assay/identity/RequireLab.hpp"
#include "domain/ResultEvidence.hpp"
#include "domain/TestingRules.hpp"
#include "storage/QcRepository.hpp"

namespace assay::testing {

void ResultService::evaluate(Tx& tx, const TestItem& item, const std::string& typed, Result& r) {
    auto param = register_.parameter(tx, item.labId, item.parameterId);
    if (!param) throw Error::failedPrecondition(msg::kParamGone);
    const TypedValue tv = readTypedValue(typed, param->lod);
    if (!tv.problem.empty()) throw Error::invalidField("value", tv.problem);
    if (tv.value && tv.value->toString().size() > 60)
        throw Error::invalidField("value", Message(msg::kTooManyDigits));
    if (tv.belowLod && tv.below && param->lod && *tv.below < *param->lod)
        throw Error::invalidField("value", Message(msg::kBelowLod, {{"below", tv.below->toString()}, {"lod", param->lod->toString()}}));
    r.valueText = typed;
    r.unit = param->unit;
    r.value = tv.value;
    r.belowLod = tv.belowLod;
    r.lod = tv.below;
    if (tv.value && param->lod && *tv.value < *param->lod) {  // read below the LOD: kept, reported as below it
        r.belowLod = true;
        r.lod = param->lod;
    }
    // Below the LOD: "<0.005" or 未检出 as the method says, else as the lab's setting.
    const auto method = r.belowLod ? register_.method(tx, item.labId, item.methodId) : std::nullopt;
    const std::string style = method && method->belowLodStyle ? *method->belowLodStyle : belowLodStyle_;
    r.reported = r.belowLod ? belowLodText(*r.lod, style) : param->reported(*r.value).toString();
    r.limitText.reset();
    r.conformity.reset();
    r.uncertainty = r.value && !r.belowLod ? register_.expandedUncertainty(tx, item.labId, item.parameterId, *r.value) : std::nullopt;
    judge(tx, item, r);
}

void ResultService::judge(Tx& tx, const TestItem& item, Result& r) {
    r.limitText.reset();
    r.conformity.reset();
    r.muStraddles = false;
    if (!item.specificationId) return;
    auto limit = register_.limit(tx, item.labId, *item.specificationId, item.parameterId, item.product, item.productCategory);
    if (!limit) return;
    if (item.decisionRule) limit->decisionRule = *item.decisionRule;  // as agreed at contract review (R30)
    r.limitText = limit->text();
    if (!r.belowLod) {
        r.conformity = accreditation::judgeLimit(*limit, *r.value, r.uncertainty);
        // R29: the MU interval straddles a limit: a conformity statement must print the MU.
        if (r.uncertainty) {
            const Decimal low = *r.value - *r.uncertainty, high = *r.value + *r.uncertainty;
            for (const auto& bound : {limit->minValue, limit->maxValue})
                if (bound && low < *bound && *bound < high) r.muStraddles = true;
        }
    } else {
        // Below the LOD the value is only known to be under it: that meets an upper limit the
        // LOD meets, and decides nothing else.
        const bool upperOnly = limit->maxValue && !limit->minValue;
        r.conformity = upperOnly && accreditation::judgeLimit(*limit, *r.lod, std::nullopt) == "pass" ? "pass" : "no_judgement";
    }
}

std::int64_t ResultService::newEntry(Tx& tx, const Principal& p, const TestItem& item, const std::string& typed) {
    EntryRecord e;
    e.id = ids_.next();
    e.testItemId = item.id;
    e.typed = typed;
    e.enteredBy = p.userId;
    e.enteredName = nameOf(p);
    e.atMs = toEpochMillis(clock_.now());
    e.sha256 = entryRecordSha256(e);
    repo_.insertEntry(tx, item.labId, e);
    return e.id;
}

namespace {
void readingProblems(const Reading& reading, std::vector<FieldError>& errors) {
    if (reading.inputs) {
        if (!reading.value.empty()) errors.push_back({"value", msg::kValueOrInputs});
        if (reading.inputs->empty()) errors.push_back({"inputs", msg::kInputsRequired});
        for (const auto& [name, v] : *reading.inputs) {
            if (!Decimal::parse(v)) errors.push_back({"inputs." + name, msg::kInputNotDecimal});
            tooLong(errors, "inputs." + name, v, 60);
        }
        return;
    }
    if (reading.value.empty()) errors.push_back({"value", msg::kValueRequired});
    tooLong(errors, "value", reading.value, 100);
}
}  // namespace

std::string ResultService::evaluateReading(Tx& tx, const TestItem& item, const Reading& reading, std::optional<std::int64_t> formulaId,
                                           Result& r) {
    if (!reading.inputs) {
        evaluate(tx, item, reading.value, r);
        r.formulaId.reset();
        r.formulaVersion.reset();
        r.interim.reset();
        return reading.value;
    }
    auto load = [&]() -> std::optional<Formula> {
        if (formulaId) return repo_.findFormula(tx, item.labId, *formulaId);
        auto all = repo_.formulas(tx, item.labId, item.parameterId, item.methodId);
        if (all.empty()) return std::nullopt;
        return all.back();
    };
    const auto formula = load();
    if (!formula) throw Error::invalidField("inputs", Message(msg::kNoFormula));
    std::map<std::string, Decimal> values;
    std::vector<FieldError> errors;
    for (const auto& name : formula->inputs) {
        auto it = reading.inputs->find(name);
        if (it == reading.inputs->end()) errors.push_back({"inputs." + name, Message(msg::kInputRequiredBy, {{"version", formula->version}})});
        else values[name] = *Decimal::parse(it->second);
    }
    for (const auto& [name, v] : *reading.inputs)
        if (!values.count(name)) errors.push_back({"inputs." + name, Message(msg::kNotAnInput, {{"version", formula->version}})});
    if (!errors.empty()) throw Error::invalid(errors);
    const Evaluation e = evaluateFormula(formula->expression, values);
    if (!e.value) throw Error::invalidField("inputs", e.problem);
    if (e.value->toString().size() > 60) throw Error::invalidField("inputs", Message(msg::kComputedTooLong));
    evaluate(tx, item, e.value->toString(), r);
    r.formulaId = formula->id;
    r.formulaVersion = formula->version;
    std::string interim, typed;
    for (const auto& [name, v] : e.interim) interim += (interim.empty() ? "" : "; ") + name + "=" + v.toString();
    for (const auto& name : formula->inputs) typed += (typed.empty() ? "" : "; ") + name + "=" + reading.inputs->at(name);
    r.interim = clip(interim, 2000);
    return typed;
}

Result ResultService::enter(const Principal& p, std::int64_t itemId, const Reading& reading,
                            const std::optional<std::string>& retestReason, const std::string& requestId) {
    return db_.write([&](Tx& tx) { return enterWith(tx, p, itemId, reading, retestReason, std::nullopt, requestId); });
}

std::map<CapturedResults::TargetKey, CaptureTarget> ResultService::targets(Tx& tx, std::int64_t labId, const std::vector<TargetKey>& wanted) {
    std::map<TargetKey, CaptureTarget> out;
    std::vector<std::string> codes;
    for (const auto& key : wanted) codes.push_back(key.first);
    std::sort(codes.begin(), codes.end());
    codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
    const auto items = repo_.itemsOfSamples(tx, labId, codes);  // each sample's items, read together
    for (const auto& key : wanted) {
        if (out.count(key)) continue;
        auto it = items.find(key.first);
        if (it == items.end()) continue;
        for (const auto& item : it->second) {
            if (item.parameterId != key.second) continue;
            const auto results = repo_.resultsOf(tx, labId, item.id);
            out.emplace(key, CaptureTarget{item.id, item.methodId, item.assigneeUserId, item.testDate,
                                           !results.empty() && results.back().status != ResultStatus::Invalidated});
            break;
        }
    }
    return out;
}


std::optional<CaptureTarget> ResultService::target(Tx& tx, std::int64_t labId, const std::string& sampleCode, std::int64_t parameterId) {
    const auto found = targets(tx, labId, {{sampleCode, parameterId}});
    if (found.empty()) return std::nullopt;
    return found.begin()->second;
}

std::int64_t ResultService::enterCaptured(Tx& tx, const Principal& p, std::int64_t itemId, const std::string& value, std::int64_t runId,
                                          const std::optional<std::string>& retestReason, const std::string& requestId,
                                          const EquipmentFlag& flag) {
    Reading reading;
    reading.value = value;
    return enterWith(tx, p, itemId, reading, retestReason, runId, requestId, flag).id;
}

Result ResultService::enterWith(Tx& tx, const Principal& p, std::int64_t itemId, const Reading& reading,
                                const std::optional<std::string>& retestGiven, std::optional<std::int64_t> captureRun,
                                const std::string& requestId, const EquipmentFlag& flag) {
    std::vector<FieldError> errors;
    readingProblems(reading, errors);
    std::optional<std::string> retestReason;
    if (retestGiven) retestReason = requiredText(errors, "retest_reason", *retestGiven, msg::kRetestReason, 500);
    if (!errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = identity::requireLab(p);
    const auto found = repo_.findItem(tx, lab, itemId);
    if (!found) throw Error::notFound("test item");
    const TestItem& item = *found;
    if (!item.assigneeUserId) throw Error::conflict(Message(msg::kNotAssigned), {});
    if (*item.assigneeUserId != p.userId)
        throw Error::rule("R13", Message(msg::kAssignedToOther, {{"assignee", item.assigneeName.value_or("someone else")}}));
    requireOk(register_.methodUsableOn(tx, lab, item.methodId, *item.testDate));  // R23, at result time
    requireOk(staff_.mayPerform(tx, lab, p.userId, item.methodId, *item.testDate));
    Result r;
    const std::string typed = evaluateReading(tx, item, reading, std::nullopt, r);
    {
        const auto earlier = repo_.resultsOf(tx, lab, itemId);
        const bool active = !earlier.empty() && earlier.back().status != ResultStatus::Invalidated;
        if (!retestReason && active)
            throw Error::conflict(Message(msg::kHasResult), {});
        if (retestReason && earlier.empty()) throw Error::conflict(Message(msg::kNothingToRetest), {});
        r.id = ids_.next();
        r.labId = lab;
        r.testItemId = itemId;
        r.attempt = earlier.empty() ? 1 : earlier.back().attempt + 1;
        r.status = ResultStatus::Entered;
        // R21: the raw data is the contemporaneous entry record, or the capture run with the
        // instrument's bytes as received.
        r.rawKind = captureRun ? "capture" : "manual";
        r.rawRef = captureRun ? *captureRun : newEntry(tx, p, item, typed);
        r.performerUserId = p.userId;
        r.performerName = nameOf(p);
        r.retestReason = retestReason;
        if (flag.reason) r.equipmentFlag = clip(*flag.reason, 500), r.ncId = flag.ncId;
        r.createdAtMs = r.updatedAtMs = toEpochMillis(clock_.now());
        repo_.insertResult(tx, r);
        repo_.insertVersion(tx, r, p.userId, r.performerName, retestReason);
        r.history = repo_.versions(tx, lab, r.id);
        audit_.record(tx, &p, requestId,
                      {"result", std::to_string(r.id), retestReason ? "retest" : "create", "value", std::nullopt,
                       item.sampleCode + " attempt " + std::to_string(r.attempt) + ": " + describeResult(r), retestReason});
        sealResult(tx, audit_, repo_, &p, requestId, lab, r.id);  // R20: the row and its entry record as stored
        publishFailedLimit(outbox_, tx, item, r, r.version);  // 不合格: the outbox message commits with the result
        return r;
    }
}

template <class Prepare, class Apply>
Result ResultService::change(const Principal& p, std::int64_t resultId, std::optional<int> expectedVersion, const std::string& requestId,
                             Prepare prepare, Apply apply) {
    const std::int64_t lab = identity::requireLab(p);
    // One write transaction: the result and its item as they are now, every check (those that
    // ask another module included, in this transaction), then the change, only if the result is
    // the version the reviewer saw: one who acted on a result someone else moved gets 412.
    return db_.write([&](Tx& tx) {
        auto r = repo_.findResult(tx, lab, resultId);
        if (!r) throw Error::notFound("result");
        const Result before = *r;
        const TestItem item = *repo_.findItem(tx, lab, r->testItemId);
        if (expectedVersion && before.version != *expectedVersion) throw Error::preconditionFailed(Message(msg::kResultChanged));
        prepare(tx, item, before);
        Result next = *r;
        next.updatedAtMs = toEpochMillis(clock_.now());
        const std::optional<std::string> reason = apply(tx, item, *r, next);
        if (!repo_.updateResult(tx, next, r->version)) throw Error::conflict(Message(msg::kResultChangedMeanwhile), {});
        next.version = r->version + 1;
        repo_.insertVersion(tx, next, p.userId, nameOf(p), reason);
        sealResult(tx, audit_, repo_, &p, requestId, lab, resultId);  // R20: the state after the change, as stored
        next.history = repo_.versions(tx, lab, resultId);  // the answer shows the whole history
        return next;
    });
}

Result ResultService::edit(const Principal& p, std::int64_t resultId, int expectedVersion, const Reading& reading,
                           const std::string& reasonGiven, const std::string& requestId) {
    std::vector<FieldError> errors;
    readingProblems(reading, errors);
    const std::string reason =
        requiredText(errors, "reason", reasonGiven, msg::kEditReason, 500);
    if (!errors.empty()) throw Error::invalid(errors);
    Result computed;
    std::string typed;
    auto prepare = [&](Tx& tx, const TestItem& item, const Result& before) {
        if (before.status == ResultStatus::Approved || before.status == ResultStatus::Invalidated)
            throw Error::conflict(Message(msg::kNotEdited, {{"status", msg::statusName(before.status)}}), {});
        if (before.performerUserId != p.userId)
            throw Error::rule("R13", Message(msg::kOnlyPerformer, {{"performer", before.performerName}}));
        if (reading.inputs && !before.formulaId)
            throw Error::invalidField("inputs", Message(msg::kEnteredAsValue));
        if (!reading.inputs && before.formulaId)
            throw Error::invalidField("value", Message(msg::kCalculated, {{"version", before.formulaVersion.value_or(0)}}));
        computed = before;
        // R39: recalculated with the formula version the result already used, never a newer one.
        typed = evaluateReading(tx, item, reading, before.formulaId, computed);
    };
    return change(p, resultId, expectedVersion, requestId, prepare, [&](Tx& tx, const TestItem& item, const Result& before, Result& next) {
        next.valueText = computed.valueText;
        next.value = computed.value;
        next.belowLod = computed.belowLod;
        next.lod = computed.lod;
        next.reported = computed.reported;
        next.unit = computed.unit;
        next.limitText = computed.limitText;
        next.conformity = computed.conformity;
        next.uncertainty = computed.uncertainty;
        next.muStraddles = computed.muStraddles;
        next.interim = computed.interim;
        next.rawRef = newEntry(tx, p, item, typed);
        next.status = ResultStatus::Entered;  // a checked result is checked again after a change
        next.checkerUserId.reset();
        next.checkerName.reset();
        audit_.record(tx, &p, requestId, {"result", std::to_string(resultId), "update", "value", describeResult(before), describeResult(next), reason});
        publishFailedLimit(outbox_, tx, item, next, before.version + 1);  // judged again: 不合格 is told again
        return std::optional<std::string>(reason);
    });
}

std::vector<TestItem> ResultService::changeSpecification(const Principal& p, const std::string& sampleCode, std::optional<std::int64_t> specId,
                                                         const std::string& reasonGiven, const std::string& requestId) {
    std::vector<FieldError> errors;
    const std::string reason = optionalText(errors, "reason", std::optional<std::string>(reasonGiven), false, msg::kSpecReasonRequired, 500)
                                   .value_or("");
    if (!errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = identity::requireLab(p);
    return db_.write([&](Tx& tx) {
        auto items = repo_.itemsOfSample(tx, lab, sampleCode);
        if (items.empty()) throw Error::notFound("sample");
        bool firstChoice = true;  // no item has a specification or a result yet: the first choice needs no reason
        std::vector<std::optional<Result>> current(items.size());
        std::vector<accreditation::Register::LimitQuery> asked;
        for (std::size_t k = 0; k < items.size(); ++k) {
            for (auto& r : repo_.resultsOf(tx, lab, items[k].id))
                if (r.status != ResultStatus::Invalidated) current[k] = r;  // the latest attempt that stands
            if (current[k] && current[k]->status == ResultStatus::Approved)
                throw Error::conflict(Message(msg::kSpecAfterApproval, {{"sample", sampleCode}}), {});
            firstChoice = firstChoice && !items[k].specificationId && !current[k];
            if (specId) asked.push_back({*specId, items[k].parameterId, items[k].product, items[k].productCategory});
        }
        if (reason.empty() && !firstChoice) throw Error::invalidField("reason", msg::kSpecReasonRequired);
        if (specId) {
            const auto found = register_.limits(tx, lab, asked);
            if (std::none_of(found.begin(), found.end(), [](const auto& l) { return l.has_value(); }))
                throw Error::invalidField("specification_id", Message(msg::kSpecNoLimit));
        }
        const std::int64_t now = toEpochMillis(clock_.now());
        auto text = [](std::optional<std::int64_t> id) { return id ? std::to_string(*id) : std::string(); };
        for (std::size_t k = 0; k < items.size(); ++k) {
            TestItem& item = items[k];
            if (item.specificationId == specId) continue;
            const auto before = item.specificationId;
            item.specificationId = specId;
            item.updatedAtMs = now;
            if (!repo_.updateItem(tx, item, item.version)) throw Error::preconditionFailed(Message(msg::kItemChanged));
            ++item.version;
            audit_.record(tx, &p, requestId, {"test_item", std::to_string(item.id), "update", "specification_id", text(before), text(specId),
                                              reason.empty() ? std::optional<std::string>() : std::optional<std::string>(reason)});
            if (!current[k]) continue;
            Result next = *current[k];
            judge(tx, item, next);
            if (next.limitText == current[k]->limitText && next.conformity == current[k]->conformity && next.muStraddles == current[k]->muStraddles)
                continue;
            next.status = ResultStatus::Entered;  // judged again: checked again
            next.checkerUserId.reset();
            next.checkerName.reset();
            next.updatedAtMs = now;
            if (!repo_.updateResult(tx, next, current[k]->version)) throw Error::conflict(Message(msg::kResultChangedMeanwhile), {});
            next.version = current[k]->version + 1;
            repo_.insertVersion(tx, next, p.userId, nameOf(p), std::optional<std::string>(reason));
            audit_.record(tx, &p, requestId,
                          {"result", std::to_string(next.id), "update", "conformity", describeResult(*current[k]), describeResult(next), reason});
            sealResult(tx, audit_, repo_, &p, requestId, lab, next.id);
            publishFailedLimit(outbox_, tx, item, next, next.version);
        }
        return items;
    });
}

Result ResultService::check(const Principal& p, std::int64_t resultId, std::optional<int> expectedVersion, const std::string& requestId) {
    auto prepare = [&](Tx& tx, const TestItem& item, const Result& before) {
        if (before.status != ResultStatus::Entered)
            throw Error::conflict(Message(msg::kNotChecked, {{"status", msg::statusName(before.status)}}),
                                  before.status == ResultStatus::Checked ? std::vector<std::string>{"approved"} : std::vector<std::string>{});
        // R13: someone else, authorized to check the method on the test date.
        requireOk(staff_.mayCheck(tx, item.labId, p.userId, before.performerUserId, item.methodId, *item.testDate));
    };
    return change(p, resultId, expectedVersion, requestId, prepare, [&](Tx& tx, const TestItem&, const Result& before, Result& next) {
        next.status = ResultStatus::Checked;
        next.checkerUserId = p.userId;
        next.checkerName = nameOf(p);
        audit_.record(tx, &p, requestId, {"result", std::to_string(resultId), "update", "status", toString(before.status), "checked", std::nullopt});
        return std::optional<std::string>();
    });
}

Result ResultService::approve(const Principal& p, std::int64_t resultId, std::optional<int> expectedVersion, const std::string& requestId) {
    auto prepare = [&](Tx& tx, const TestItem& item, const Result& before) {
        if (before.status != ResultStatus::Checked)
            throw Error::conflict(Message(before.status == ResultStatus::Entered ? msg::kCheckFirst : msg::kNotApproved, {{"status", msg::statusName(before.status)}}), {});
        // R13: the approver is authorized for the method on the test date and is not the
        // person who performed it (the same question as for checking).
        requireOk(staff_.mayCheck(tx, item.labId, p.userId, before.performerUserId, item.methodId, *item.testDate));
    };
    return change(p, resultId, expectedVersion, requestId, prepare, [&](Tx& tx, const TestItem& item, const Result& before, Result& next) {
        if (item.batchId) {
            // R24: results are released only from a batch whose QC all passed (at least one QC
            // sample recorded) or that a manager accepted. The batch row is locked first, so a
            // failing QC sample recorded at the same moment waits for this and then refuses.
            QcRepository qc;
            qc.lockBatch(tx, item.labId, *item.batchId);
            auto batch = qc.findBatch(tx, item.labId, *item.batchId);
            const auto samples = qc.qcOf(tx, item.labId, *item.batchId);
            if (batch->status != BatchStatus::Released && (batch->status != BatchStatus::Open || samples.empty()))
                throw Error::rule("R24", Message(batch->status == BatchStatus::Held ? msg::kBatchHeld
                                                 : samples.empty()                  ? msg::kBatchNoQc
                                                                                    : msg::kBatchNotReleased,
                                                 {{"batch", batch->name}, {"status", msg::statusName(batch->status)}}));
        }
        next.status = ResultStatus::Approved;
        next.approverUserId = p.userId;
        next.approverName = nameOf(p);
        audit_.record(tx, &p, requestId, {"result", std::to_string(resultId), "update", "status", toString(before.status), "approved", std::nullopt});
        if (samples_ && sampleDone(tx, item))
            samples_->advance(tx, p, item.labId, item.sampleCode, intake::SampleStage::Tested, "every item's result approved", requestId);
        return std::optional<std::string>();
    });
}

bool ResultService::sampleDone(Tx& tx, const TestItem& item) {
    for (const auto& other : repo_.itemsOfSample(tx, item.labId, item.sampleCode)) {
        if (other.id == item.id) continue;
        const auto results = repo_.resultsOf(tx, item.labId, other.id);
        if (results.empty() || results.back().status != ResultStatus::Approved) return false;
    }
    return true;
}

Result ResultService::invalidate(const Principal& p, std::int64_t resultId, int expectedVersion, const std::string& reasonGiven,
                                 const std::string& requestId) {
    const std::string reason = requireText("reason", reasonGiven, "required: why the result is invalid (R20)", 500);
    auto prepare = [&](Tx&, const TestItem&, const Result& before) {
        if (before.status == ResultStatus::Invalidated) throw Error::conflict(Message(msg::kAlreadyInvalidated), {});
    };
    return change(p, resultId, expectedVersion, requestId, prepare, [&](Tx& tx, const TestItem&, const Result& before, Result& next) {
        next.status = ResultStatus::Invalidated;
        next.invalidReason = reason;
        audit_.record(tx, &p, requestId, {"result", std::to_string(resultId), "invalidate", "status", toString(before.status), "invalidated", reason});
        return std::optional<std::string>(reason);
    });
}

Result ResultService::preview(const Principal& p, std::int64_t itemId, const Reading& reading) {
    std::vector<FieldError> errors;
    readingProblems(reading, errors);
    if (!errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = identity::requireLab(p);
    return db_.read([&](Tx& tx) {
        const auto found = repo_.findItem(tx, lab, itemId);
        if (!found) throw Error::notFound("test item");
        const TestItem& item = *found;
        Result r;
        r.testItemId = itemId;
        evaluateReading(tx, item, reading, std::nullopt, r);
        return r;
    });
}

}  // namespace assay::testing
