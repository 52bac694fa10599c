// ResultService: items, assignment, entry, review, versions, audited.
#include "domain/ResultService.hpp"
#include "domain/ResultEvents.hpp"

#include <algorithm>

#include "assay/Text.hpp"
#include "assay/identity/RequireLab.hpp"
#include "domain/ResultEvidence.hpp"
#include "storage/QcRepository.hpp"

namespace assay::testing {

namespace {
std::string nameOf(const Principal& p) { return p.displayName.empty() ? p.username : p.displayName; }

void requireOk(const accreditation::RuleVerdict& v) {
    if (!v.ok) throw Error::rule(v.rule, v.reason);
}

bool isDate(const std::string& s) { return s.size() == 10 && parseIsoDate(s).has_value(); }
}  // namespace

std::vector<TestItem> ResultService::createFromOrder(const Principal& p, const std::string& orderCode,
                                                     std::optional<std::int64_t> specId, const std::string& requestId) {
    const std::int64_t lab = identity::requireLab(p);
    return db_.write([&](Tx& tx) {
        const auto ordered = orders_.acceptedItems(tx, lab, orderCode);
        if (specId) {
            std::vector<accreditation::Register::LimitQuery> asked;
            for (const auto& o : ordered) asked.push_back({*specId, o.parameterId, o.sampleName, o.productCategory});
            const auto found = register_.limits(tx, lab, asked);
            if (std::none_of(found.begin(), found.end(), [](const auto& l) { return l.has_value(); }))
                throw Error::invalidField("specification_id", "the specification has no limit for any item of the order");
        }
        std::vector<TestItem> out;
        for (const auto& o : ordered) {
            if (auto existing = repo_.itemForOrderItem(tx, lab, o.orderItemId)) {
                out.push_back(*existing);
                continue;
            }
            TestItem i;
            i.id = ids_.next();
            i.labId = lab;
            i.orderItemId = o.orderItemId;
            i.orderCode = o.orderCode;
            i.sampleId = o.sampleId;
            i.sampleCode = o.sampleCode;
            i.product = o.sampleName;
            i.productCategory = o.productCategory;
            i.parameterId = o.parameterId;
            i.methodId = o.methodId;
            i.specificationId = specId;
            i.decisionRule = o.decisionRule;
            i.createdAtMs = i.updatedAtMs = toEpochMillis(clock_.now());
            repo_.insertItem(tx, i);
            audit_.record(tx, &p, requestId,
                          {"test_item", std::to_string(i.id), "create", "", std::nullopt,
                           o.sampleCode + " parameter " + std::to_string(o.parameterId) + " method " + std::to_string(o.methodId) +
                               " (order " + o.orderCode + ")",
                           std::nullopt});
            out.push_back(i);
        }
        return out;
    });
}

std::vector<TestItem> ResultService::list(const Principal& p, bool mine, std::int64_t beforeId, int limit) {
    const std::int64_t lab = identity::requireLab(p);
    return db_.read([&](Tx& tx) { return repo_.items(tx, lab, mine ? p.userId : 0, beforeId, limit); });
}

ItemView ResultService::get(const Principal& p, std::int64_t itemId) {
    const std::int64_t lab = identity::requireLab(p);
    return db_.read([&](Tx& tx) { return itemView(tx, lab, itemId, true); });
}

ItemView ResultService::itemView(Tx& tx, std::int64_t lab, std::int64_t itemId, bool checkEvidence) {
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

void ResultService::confirmTampered(Tx& tx, std::int64_t labId, std::int64_t resultId, std::optional<std::string>& problem) {
    if (!problem) return;
    const auto r = repo_.findResult(tx, labId, resultId);
    problem = r ? checkResult(tx, audit_, repo_, *r).problem : std::nullopt;
}

TestItem ResultService::assign(const Principal& p, std::int64_t itemId, int expectedVersion, std::int64_t userId,
                               const std::string& testDate, const std::string& requestId) {
    std::vector<FieldError> errors;
    if (userId <= 0) errors.push_back({"user_id", "required: the technician's user id"});
    if (!isDate(testDate)) errors.push_back({"test_date", "required: a date YYYY-MM-DD"});
    if (!errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = identity::requireLab(p);
    // One write transaction: the user, the item, the accreditation answers (in the same
    // transaction, about the item as it is stored) and the change.
    return db_.write([&](Tx& tx) {
        auto user = users_.userById(tx, userId);
        if (!user || user->orgId != lab) throw Error::invalidField("user_id", "no such user in the lab");
        auto item = repo_.findItem(tx, lab, itemId);
        if (!item) throw Error::notFound("test item");
        if (item->version != expectedVersion) throw Error::preconditionFailed("the test item was changed by someone else");
        const auto results = repo_.resultsOf(tx, lab, itemId);
        if (!results.empty() && results.back().status != "invalidated")
            throw Error::conflict("the item has a result: its performer and test date stay (invalidate it with a reason first)", {});
        // R23: the method is current and verified (or validated) on the test date.
        requireOk(register_.methodUsableOn(tx, lab, item->methodId, testDate));
        // R13: an authorization to perform the method, in force on the test date.
        requireOk(staff_.mayPerform(tx, lab, userId, item->methodId, testDate));
        TestItem next = *item;
        next.assigneeUserId = userId;
        next.assigneeName = user->displayName.empty() ? user->username : user->displayName;
        next.testDate = testDate;
        next.updatedAtMs = toEpochMillis(clock_.now());
        if (!repo_.updateItem(tx, next, expectedVersion)) throw Error::preconditionFailed("the test item was changed by someone else");
        next.version = expectedVersion + 1;
        audit_.record(tx, &p, requestId,
                      {"test_item", std::to_string(itemId), "assign", "assignee", item->assigneeName,
                       *next.assigneeName + " on " + testDate, std::nullopt});
        return next;
    });
}

void ResultService::evaluate(Tx& tx, const TestItem& item, const std::string& typed, Result& r) {
    auto param = register_.parameter(tx, item.labId, item.parameterId);
    if (!param) throw Error(ErrorCode::FailedPrecondition, "the item's parameter is no longer in the register");
    const TypedValue tv = readTypedValue(typed, param->lod);
    if (!tv.problem.empty()) throw Error::invalidField("value", tv.problem);
    if (tv.value && tv.value->toString().size() > 60)
        throw Error::invalidField("value", "more digits than a result holds (60 characters written out)");
    if (tv.belowLod && tv.below && param->lod && *tv.below < *param->lod)
        throw Error::invalidField("value", "below " + tv.below->toString() + " is under the LOD " + param->lod->toString() +
                                               ": the method cannot tell; enter ND");
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
    r.muStraddles = false;
    if (!item.specificationId) return;
    auto limit = register_.limit(tx, item.labId, *item.specificationId, item.parameterId, item.product, item.productCategory);
    if (!limit) return;
    if (item.decisionRule) limit->decisionRule = *item.decisionRule;  // as agreed at contract review (R30)
    r.limitText = limit->text();
    if (!r.belowLod) {
        r.conformity = register_.judge(*limit, *r.value, r.uncertainty);
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
        r.conformity = upperOnly && register_.judge(*limit, *r.lod, std::nullopt) == "pass" ? "pass" : "no_judgement";
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
        if (!reading.value.empty()) errors.push_back({"value", "give the value or the formula's inputs, not both"});
        if (reading.inputs->empty()) errors.push_back({"inputs", "required: the formula's inputs"});
        for (const auto& [name, v] : *reading.inputs) {
            if (!Decimal::parse(v)) errors.push_back({"inputs." + name, "must be a decimal number as read"});
            tooLong(errors, "inputs." + name, v, 60);
        }
        return;
    }
    if (reading.value.empty()) errors.push_back({"value", "required: the value as read (or inputs for the formula)"});
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
    if (!formula) throw Error::invalidField("inputs", "the parameter has no formula for this method: enter the value");
    std::map<std::string, Decimal> values;
    std::vector<FieldError> errors;
    for (const auto& name : formula->inputs) {
        auto it = reading.inputs->find(name);
        if (it == reading.inputs->end()) errors.push_back({"inputs." + name, "required by formula version " + std::to_string(formula->version)});
        else values[name] = *Decimal::parse(it->second);
    }
    for (const auto& [name, v] : *reading.inputs)
        if (!values.count(name)) errors.push_back({"inputs." + name, "not an input of formula version " + std::to_string(formula->version)});
    if (!errors.empty()) throw Error::invalid(errors);
    const Evaluation e = evaluateFormula(formula->expression, values);
    if (!e.value) throw Error::invalidField("inputs", e.problem);
    if (e.value->toString().size() > 60) throw Error::invalidField("inputs", "the calculated value has more digits than a result holds");
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
                                           !results.empty() && results.back().status != "invalidated"});
            break;
        }
    }
    return out;
}

std::vector<ReportLine> ResultService::linesOfSamples(Tx& tx, std::int64_t labId, const std::vector<std::string>& sampleCodes) {
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
                if (r->status == "invalidated") continue;
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
    if (retestGiven) retestReason = requiredText(errors, "retest_reason", *retestGiven, "required: why the test is repeated", 500);
    if (!errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = identity::requireLab(p);
    const auto found = repo_.findItem(tx, lab, itemId);
    if (!found) throw Error::notFound("test item");
    const TestItem& item = *found;
    if (!item.assigneeUserId) throw Error::conflict("the test item is not assigned yet", {});
    if (*item.assigneeUserId != p.userId)
        throw Error::rule("R13", "the item is assigned to " + item.assigneeName.value_or("someone else") + ", not to you");
    requireOk(register_.methodUsableOn(tx, lab, item.methodId, *item.testDate));  // R23, at result time
    requireOk(staff_.mayPerform(tx, lab, p.userId, item.methodId, *item.testDate));
    Result r;
    const std::string typed = evaluateReading(tx, item, reading, std::nullopt, r);
    {
        const auto earlier = repo_.resultsOf(tx, lab, itemId);
        const bool active = !earlier.empty() && earlier.back().status != "invalidated";
        if (!retestReason && active)
            throw Error::conflict("the item has a result: edit it with a reason, or enter a retest", {});
        if (retestReason && earlier.empty()) throw Error::conflict("there is no result to retest", {});
        r.id = ids_.next();
        r.labId = lab;
        r.testItemId = itemId;
        r.attempt = earlier.empty() ? 1 : earlier.back().attempt + 1;
        r.status = "entered";
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
        if (expectedVersion && before.version != *expectedVersion) throw Error::preconditionFailed("the result was changed by someone else");
        prepare(tx, item, before);
        Result next = *r;
        next.updatedAtMs = toEpochMillis(clock_.now());
        const std::optional<std::string> reason = apply(tx, item, *r, next);
        if (!repo_.updateResult(tx, next, r->version)) throw Error::conflict("the result was changed meanwhile", {});
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
        requiredText(errors, "reason", reasonGiven, "required: every change to a result keeps its reason (R20)", 500);
    if (!errors.empty()) throw Error::invalid(errors);
    Result computed;
    std::string typed;
    auto prepare = [&](Tx& tx, const TestItem& item, const Result& before) {
        if (before.status == "approved" || before.status == "invalidated")
            throw Error::conflict("an " + before.status + " result is not edited: invalidate it with a reason and retest", {});
        if (before.performerUserId != p.userId)
            throw Error::rule("R13", "only the person who performed the test (" + before.performerName + ") corrects its value");
        if (reading.inputs && !before.formulaId)
            throw Error::invalidField("inputs", "the result was entered as a value: correct the value");
        if (!reading.inputs && before.formulaId)
            throw Error::invalidField("value", "the result was calculated by formula version " + std::to_string(before.formulaVersion.value_or(0)) +
                                                   ": correct its inputs");
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
        next.status = "entered";  // a checked result is checked again after a change
        next.checkerUserId.reset();
        next.checkerName.reset();
        audit_.record(tx, &p, requestId, {"result", std::to_string(resultId), "update", "value", describeResult(before), describeResult(next), reason});
        publishFailedLimit(outbox_, tx, item, next, before.version + 1);  // judged again: 不合格 is told again
        return std::optional<std::string>(reason);
    });
}

Result ResultService::check(const Principal& p, std::int64_t resultId, std::optional<int> expectedVersion, const std::string& requestId) {
    auto prepare = [&](Tx& tx, const TestItem& item, const Result& before) {
        if (before.status != "entered")
            throw Error::conflict("a " + before.status + " result is not checked",
                                  before.status == "checked" ? std::vector<std::string>{"approved"} : std::vector<std::string>{});
        // R13: someone else, authorized to check the method on the test date.
        requireOk(staff_.mayCheck(tx, item.labId, p.userId, before.performerUserId, item.methodId, *item.testDate));
    };
    return change(p, resultId, expectedVersion, requestId, prepare, [&](Tx& tx, const TestItem&, const Result& before, Result& next) {
        next.status = "checked";
        next.checkerUserId = p.userId;
        next.checkerName = nameOf(p);
        audit_.record(tx, &p, requestId, {"result", std::to_string(resultId), "update", "status", before.status, "checked", std::nullopt});
        return std::optional<std::string>();
    });
}

Result ResultService::approve(const Principal& p, std::int64_t resultId, std::optional<int> expectedVersion, const std::string& requestId) {
    auto prepare = [&](Tx& tx, const TestItem& item, const Result& before) {
        if (before.status != "checked")
            throw Error::conflict("a " + before.status + " result is not approved" + (before.status == "entered" ? ": check it first" : ""), {});
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
            if (batch->status != "released" && (batch->status != "open" || samples.empty()))
                throw Error::rule("R24", "the batch " + batch->name + " is " + batch->status +
                                             (batch->status == "held"   ? ": a QC sample failed and no disposition is recorded yet"
                                              : samples.empty()         ? ": record its QC samples before releasing its results"
                                                                        : ": its results are not released"));
        }
        next.status = "approved";
        next.approverUserId = p.userId;
        next.approverName = nameOf(p);
        audit_.record(tx, &p, requestId, {"result", std::to_string(resultId), "update", "status", before.status, "approved", std::nullopt});
        return std::optional<std::string>();
    });
}

Result ResultService::invalidate(const Principal& p, std::int64_t resultId, int expectedVersion, const std::string& reasonGiven,
                                 const std::string& requestId) {
    const std::string reason = requireText("reason", reasonGiven, "required: why the result is invalid (R20)", 500);
    auto prepare = [&](Tx&, const TestItem&, const Result& before) {
        if (before.status == "invalidated") throw Error::conflict("the result is invalidated already", {});
    };
    return change(p, resultId, expectedVersion, requestId, prepare, [&](Tx& tx, const TestItem&, const Result& before, Result& next) {
        next.status = "invalidated";
        next.invalidReason = reason;
        audit_.record(tx, &p, requestId, {"result", std::to_string(resultId), "invalidate", "status", before.status, "invalidated", reason});
        return std::optional<std::string>(reason);
    });
}

Result ResultService::preview(const Principal& p, std::int64_t itemId, const Reading& reading) {
    std::vector<FieldError> errors;
    readingProblems(reading, errors);
    if (!errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = identity::requireLab(p);
    return db_.read([&](Tx& tx) {
        const TestItem item = itemView(tx, lab, itemId, false).item;
        Result r;
        r.testItemId = itemId;
        evaluateReading(tx, item, reading, std::nullopt, r);
        return r;
    });
}

std::vector<std::pair<TestItem, Result>> ResultService::queue(const Principal& p, const std::string& status, int limit) {
    if (status != "entered" && status != "checked") throw Error::invalidField("status", "must be entered or checked");
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

ResultService::SampleConformity ResultService::sampleConformity(const Principal& p, const std::string& sampleCode) {
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
                if (r.status != "invalidated") current = r;  // the latest attempt that stands
            if (current) {
                current->tamperReason = checkResult(tx, audit_, repo_, *current).problem;
                confirmTampered(tx, lab, current->id, current->tamperReason);
            }
            anyFail = anyFail || (current && current->conformity == "fail");
            out.provisional = out.provisional || (current && current->status != "approved");
            allPass = allPass && current && current->conformity == "pass";
            out.items.emplace_back(item, current);
        }
        out.verdict = anyFail ? "fail" : allPass ? "pass" : "no_judgement";
        return out;
    });
    return conformity;
}

Formula ResultService::addFormula(const Principal& p, std::int64_t parameterId, std::int64_t methodId, const std::string& expression,
                                  const std::optional<std::string>& note, const std::string& requestId) {
    std::vector<FieldError> errors;
    const std::int64_t lab = identity::requireLab(p);
    const ParsedFormula parsed = parseFormula(expression);
    if (!parsed.problem.empty()) errors.push_back({"expression", parsed.problem});
    std::size_t names = 0;
    for (const auto& i : parsed.inputs) names += i.size() + 1;
    if (names > 500 || parsed.inputs.size() > 50) errors.push_back({"expression", "at most 50 inputs (500 characters of names)"});
    tooLong(errors, "expression", expression, 2000);
    if (note) tooLong(errors, "note", *note, 500);
    return db_.write([&](Tx& tx) {
        std::vector<FieldError> problems;
        if (parameterId <= 0 || !register_.parameter(tx, lab, parameterId)) problems.push_back({"parameter_id", "no such parameter in the register"});
        if (methodId <= 0 || !register_.method(tx, lab, methodId)) problems.push_back({"method_id", "no such method in the register"});
        problems.insert(problems.end(), errors.begin(), errors.end());
        if (!problems.empty()) throw Error::invalid(problems);
        const auto earlier = repo_.formulas(tx, lab, parameterId, methodId);
        Formula f;
        f.id = ids_.next();
        f.labId = lab;
        f.parameterId = parameterId;
        f.methodId = methodId;
        f.version = earlier.empty() ? 1 : earlier.back().version + 1;
        f.expression = expression;
        f.inputs = parsed.inputs;
        f.note = note;
        f.createdBy = p.userId;
        f.createdName = nameOf(p);
        f.createdAtMs = toEpochMillis(clock_.now());
        repo_.insertFormula(tx, f);
        audit_.record(tx, &p, requestId,
                      {"formula", std::to_string(parameterId) + "/" + std::to_string(methodId), "create", "expression",
                       earlier.empty() ? std::nullopt : std::optional<std::string>(earlier.back().expression),
                       "v" + std::to_string(f.version) + ": " + expression, note});
        return f;
    });
}

std::vector<Formula> ResultService::formulas(const Principal& p, std::int64_t parameterId, std::int64_t methodId) {
    const std::int64_t lab = identity::requireLab(p);
    return db_.read([&](Tx& tx) { return repo_.formulas(tx, lab, parameterId, methodId); });
}

std::optional<EntryRecord> ResultService::entry(const Principal& p, std::int64_t entryId) {
    const std::int64_t lab = identity::requireLab(p);
    return db_.read([&](Tx& tx) { return repo_.findEntry(tx, lab, entryId); });
}

}  // namespace assay::testing
