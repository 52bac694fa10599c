// SampleService: codes, receipt, status, sub-samples and custody, audited.
#include "domain/SampleService.hpp"

#include <algorithm>
#include <tuple>

#include "assay/Sequences.hpp"
#include "assay/Text.hpp"
#include "assay/Uscc.hpp"
#include "assay/identity/RequireLab.hpp"

namespace assay::intake {

namespace {
std::string describe(const Sample& s) {
    std::string d = s.code + " " + s.name + " [" + s.productCategory + "]";
    if (s.batchNo) d += " batch " + *s.batchNo;
    if (s.quantity) d += " " + s.quantity->toString() + (s.unit ? " " + *s.unit : "");
    return d;
}

const char* kReception = "收样室";
}  // namespace

std::vector<FieldError> SampleService::sampleProblems(const SampleInput& in) {
    std::vector<FieldError> errors;
    if (in.name.empty()) errors.push_back({"name", "required"});
    if (in.productCategory.empty()) errors.push_back({"product_category", "required"});
    for (const auto& [field, value, n] : {std::tuple<const char*, const std::optional<std::string>*, std::size_t>{"brand", &in.brand, 100},
                                          {"model", &in.model, 100}, {"batch_no", &in.batchNo, 100},
                                          {"manufacturer", &in.manufacturer, 200}, {"unit", &in.unit, 32}, {"holder", &in.holder, 100}})
        if (*value) tooLong(errors, field, **value, n);
    tooLong(errors, "name", in.name, 200);
    tooLong(errors, "product_category", in.productCategory, 100);
    if (in.manufacturerUscc)
        if (auto problem = usccProblem(*in.manufacturerUscc)) errors.push_back({"manufacturer_uscc", *problem});
    if (in.productionDate && (!parseIsoDate(*in.productionDate) || in.productionDate->size() != 10))
        errors.push_back({"production_date", "must be a date YYYY-MM-DD"});
    if (in.quantity && (in.quantity->sign() <= 0 || in.quantity->toString().size() > 40))
        errors.push_back({"quantity", "must be a positive decimal"});
    if (in.quantity && !in.unit) errors.push_back({"unit", "required with a quantity"});
    if (in.gtin && !isValidGtin(*in.gtin)) errors.push_back({"gtin", "not a GTIN-8/12/13/14 with a valid GS1 check digit"});
    return errors;
}

std::vector<FieldError> SampleService::receiptProblems(const ReceiptInput& in) {
    std::vector<FieldError> errors;
    if (in.condition.empty()) errors.push_back({"condition", "required: the condition on receipt (R19)"});
    tooLong(errors, "condition", in.condition, 500);
    if (in.deviation) tooLong(errors, "deviation", *in.deviation, 500);
    if (in.deviation && !in.deviation->empty() && !in.customerDecision)
        errors.push_back({"customer_decision", "required with a deviation: proceed or reject, as the customer decided (R19)"});
    if (in.customerDecision && *in.customerDecision != "proceed" && *in.customerDecision != "reject")
        errors.push_back({"customer_decision", "must be proceed or reject"});
    if (in.customerDecision && (!in.deviation || in.deviation->empty()))
        errors.push_back({"deviation", "required with a customer decision"});
    return errors;
}

Sample SampleService::insertNew(Tx& tx, const Principal& p, std::int64_t lab, Sample s, const std::string& requestId) {
    s.id = ids_.next();
    s.labId = lab;
    s.status = "registered";
    s.createdAtMs = s.updatedAtMs = toEpochMillis(clock_.now());
    repo_.insert(tx, s);
    const std::string who = p.displayName.empty() ? p.username : p.displayName;
    repo_.insertCustody(tx, lab, {ids_.next(), s.id, s.createdAtMs, p.userId, who, "委托方", s.holder, "登记 / registered"});
    audit_.record(tx, &p, requestId, {"sample", s.code, "create", "", std::nullopt, describe(s), std::nullopt});
    return s;
}

Sample SampleService::registerSample(const Principal& p, const SampleInput& in, const std::string& requestId) {
    if (auto errors = sampleProblems(in); !errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = identity::requireLab(orgs_, p);
    const auto org = orgs_.organizationById(lab);
    if (!org->code || org->code->empty())
        throw Error(ErrorCode::FailedPrecondition, "the lab has no code to number its samples with");
    if (in.customerOrgId) {
        auto customer = orgs_.organizationById(*in.customerOrgId);
        if (!customer || customer->kind != "customer")
            throw Error::invalidField("customer_org_id", "no such customer organization");
    }
    const std::string today = isoDateInLab(clock_.now());
    const int year = std::stoi(today.substr(0, 4));
    const bool yearly = format_.find("{YYYY}") != std::string::npos || format_.find("{YY}") != std::string::npos;
    return db_.write([&](Tx& tx) {
        Sample s;
        // R18: the number is taken inside this transaction: a rolled-back intake gives it back,
        // so committed codes have no gaps and no duplicates.
        const std::int64_t seq = Sequences::next(tx, lab, yearly ? "sample:" + std::to_string(year) : "sample");
        s.code = *formatSampleCode(format_, *org->code, year, seq);
        s.customerOrgId = in.customerOrgId;
        s.name = in.name;
        s.productCategory = in.productCategory;
        s.brand = in.brand;
        s.model = in.model;
        s.batchNo = in.batchNo;
        s.manufacturer = in.manufacturer;
        s.manufacturerUscc = in.manufacturerUscc;
        s.productionDate = in.productionDate;
        s.quantity = in.quantity;
        s.unit = in.unit;
        s.gtin = in.gtin;
        s.holder = in.holder.value_or(kReception);
        return insertNew(tx, p, lab, s, requestId);
    });
}

Sample SampleService::registerSubSample(const Principal& p, const std::string& parentCode, SampleInput in,
                                        const std::string& requestId) {
    const std::int64_t lab = identity::requireLab(orgs_, p);
    return db_.write([&](Tx& tx) {
        auto parent = repo_.findByCode(tx, lab, parentCode);
        if (!parent) throw Error::notFound("sample");
        if (allowedTransitions(parent->status).empty() || parent->status == "retained")
            throw Error::conflict("a " + parent->status + " sample is not divided", {});
        Sample s = *parent;
        if (!in.name.empty()) s.name = in.name;
        s.quantity = in.quantity;
        s.unit = in.quantity ? in.unit : std::nullopt;
        SampleInput check = in;
        check.name = s.name;
        check.productCategory = s.productCategory;
        if (auto errors = sampleProblems(check); !errors.empty()) throw Error::invalid(errors);
        const std::int64_t n = Sequences::next(tx, lab, "sub:" + parent->code);
        s.code = parent->code + "-" + std::to_string(n);
        s.parentId = parent->id;
        s.parentCode = parent->code;
        s.holder = in.holder.value_or(parent->holder);
        s.condition.reset();
        s.deviation.reset();
        s.customerDecision.reset();
        s.receivedAtMs.reset();
        s.receivedBy.reset();
        return insertNew(tx, p, lab, s, requestId);
    });
}

Sample SampleService::get(const Principal& p, const std::string& code) {
    const std::int64_t lab = identity::requireLab(orgs_, p);
    auto s = db_.read([&](Tx& tx) { return repo_.findByCode(tx, lab, code); });
    if (!s) throw Error::notFound("sample");
    return *s;
}

std::vector<Sample> SampleService::list(const Principal& p, std::int64_t beforeId, int limit, const std::string& status) {
    if (!status.empty() && !isSampleStatus(status)) throw Error::invalidField("status", "not a sample status");
    const std::int64_t lab = identity::requireLab(orgs_, p);
    return db_.read([&](Tx& tx) { return repo_.list(tx, lab, beforeId, limit, status); });
}

template <class Change>
Sample SampleService::change(const Principal& p, const std::string& code, int expectedVersion, Change apply) {
    const std::int64_t lab = identity::requireLab(orgs_, p);
    return db_.write([&](Tx& tx) {
        auto s = repo_.findByCode(tx, lab, code);
        if (!s) throw Error::notFound("sample");
        if (s->version != expectedVersion) throw Error::preconditionFailed("the sample was changed by someone else");
        Sample next = *s;
        next.updatedAtMs = toEpochMillis(clock_.now());
        apply(tx, *s, next);
        if (!repo_.update(tx, next, expectedVersion)) throw Error::preconditionFailed("the sample was changed by someone else");
        next.version = expectedVersion + 1;
        return next;
    });
}

Sample SampleService::receive(const Principal& p, const std::string& code, int expectedVersion, const ReceiptInput& in,
                              const std::string& requestId) {
    if (auto errors = receiptProblems(in); !errors.empty()) throw Error::invalid(errors);
    return change(p, code, expectedVersion, [&](Tx& tx, const Sample& before, Sample& next) {
        if (before.status != "registered")
            throw Error::conflict("a " + before.status + " sample is not received again", allowedTransitions(before.status));
        const bool deviates = in.deviation && !in.deviation->empty();
        next.condition = in.condition;
        next.deviation = deviates ? in.deviation : std::nullopt;
        next.customerDecision = deviates ? in.customerDecision : std::nullopt;
        next.status = deviates && *in.customerDecision == "reject" ? "rejected" : "received";
        next.receivedAtMs = next.updatedAtMs;
        next.receivedBy = p.userId;
        audit_.record(tx, &p, requestId,
                      {"sample", code, "receive", "status", before.status,
                       next.status + "; condition: " + in.condition +
                           (deviates ? "; deviation: " + *in.deviation + "; customer decided to " + *in.customerDecision : ""),
                       std::nullopt});
    });
}

Sample SampleService::transition(const Principal& p, const std::string& code, int expectedVersion, const std::string& to,
                                 const std::string& reason, const std::string& requestId) {
    std::vector<FieldError> errors;
    if (!isSampleStatus(to)) errors.push_back({"to", "not a sample status"});
    else if (to == "received") errors.push_back({"to", "a sample is received with its condition: POST .../receive (R19)"});
    if ((to == "rejected" || to == "cancelled" || to == "disposed") && reason.empty())
        errors.push_back({"reason", std::string("required to ") + (to == "rejected" ? "reject" : to == "cancelled" ? "cancel" : "dispose")});
    tooLong(errors, "reason", reason, 500);
    if (!errors.empty()) throw Error::invalid(errors);
    return change(p, code, expectedVersion, [&](Tx& tx, const Sample& before, Sample& next) {
        const auto allowed = allowedTransitions(before.status);
        if (std::find(allowed.begin(), allowed.end(), to) == allowed.end())
            throw Error::conflict("a " + before.status + " sample cannot become " + to, allowed);
        next.status = to;
        audit_.record(tx, &p, requestId,
                      {"sample", code, "update", "status", before.status, to,
                       reason.empty() ? std::nullopt : std::optional<std::string>(reason)});
    });
}

Sample SampleService::transfer(const Principal& p, const std::string& code, int expectedVersion, const std::string& toHolder,
                               const std::string& reason, const std::string& requestId) {
    std::vector<FieldError> errors;
    if (toHolder.empty()) errors.push_back({"to", "required: who or where takes the sample"});
    tooLong(errors, "to", toHolder, 100);
    if (reason.empty()) errors.push_back({"reason", "required"});
    tooLong(errors, "reason", reason, 500);
    if (!errors.empty()) throw Error::invalid(errors);
    return change(p, code, expectedVersion, [&](Tx& tx, const Sample& before, Sample& next) {
        if (before.status == "disposed" || before.status == "cancelled")
            throw Error::conflict("a " + before.status + " sample is not handed over", {});
        if (before.holder == toHolder) throw Error::invalidField("to", "the sample is with " + toHolder + " already");
        next.holder = toHolder;
        const std::string who = p.displayName.empty() ? p.username : p.displayName;
        repo_.insertCustody(tx, next.labId, {ids_.next(), next.id, next.updatedAtMs, p.userId, who, before.holder, toHolder, reason});
        audit_.record(tx, &p, requestId, {"sample", code, "transfer", "holder", before.holder, toHolder, reason});
    });
}

std::vector<CustodyEvent> SampleService::custody(const Principal& p, const std::string& code) {
    const std::int64_t lab = identity::requireLab(orgs_, p);
    return db_.read([&](Tx& tx) {
        auto s = repo_.findByCode(tx, lab, code);
        if (!s) throw Error::notFound("sample");
        return repo_.custody(tx, lab, s->id);
    });
}

}  // namespace assay::intake
