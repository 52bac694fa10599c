// SampleService: codes, receipt, status, sub-samples and custody, audited.
#include "domain/SampleService.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <tuple>

#include "domain/IntakeMessages.hpp"
#include "assay/Messages.hpp"
#include "assay/Csv.hpp"
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
    if (in.name.empty()) errors.push_back({"name", assay::msg::kRequired});
    if (in.productCategory.empty() && !in.product) errors.push_back({"product_category", msg::kCategoryOrProduct});
    if (in.product) tooLong(errors, "product", *in.product, 100);
    for (const auto& [field, value, n] : {std::tuple<const char*, const std::optional<std::string>*, std::size_t>{"brand", &in.brand, 100},
                                          {"model", &in.model, 100}, {"batch_no", &in.batchNo, 100},
                                          {"manufacturer", &in.manufacturer, 200}, {"unit", &in.unit, 32}, {"holder", &in.holder, 100}})
        if (*value) tooLong(errors, field, **value, n);
    tooLong(errors, "name", in.name, 200);
    tooLong(errors, "product_category", in.productCategory, 100);
    if (in.manufacturerUscc)
        if (auto problem = usccProblem(*in.manufacturerUscc)) errors.push_back({"manufacturer_uscc", *problem});
    if (in.productionDate && (!parseIsoDate(*in.productionDate) || in.productionDate->size() != 10))
        errors.push_back({"production_date", assay::msg::kNotDate});
    if (in.quantity && (in.quantity->sign() <= 0 || in.quantity->toString().size() > 40))
        errors.push_back({"quantity", msg::kPositiveDecimal});
    if (in.quantity && !in.unit) errors.push_back({"unit", msg::kUnitWithQuantity});
    if (in.gtin && !isValidGtin(*in.gtin)) errors.push_back({"gtin", msg::kGtinInvalid});
    return errors;
}

std::vector<FieldError> SampleService::receiptProblems(const ReceiptInput& in) {
    std::vector<FieldError> errors;
    requiredText(errors, "condition", in.condition, msg::kConditionRequired, 500);
    const auto deviation =
        optionalText(errors, "deviation", in.deviation, in.customerDecision.has_value(), msg::kDeviationWithDecision, 500);
    if (deviation && !in.customerDecision)
        errors.push_back({"customer_decision", msg::kDecisionWithDeviation});
    if (in.customerDecision && *in.customerDecision != "proceed" && *in.customerDecision != "reject")
        errors.push_back({"customer_decision", msg::kDecisionInvalid});
    return errors;
}

Sample SampleService::insertNew(Tx& tx, const Principal& p, std::int64_t lab, Sample s, const std::string& requestId) {
    s.id = ids_.next();
    s.labId = lab;
    s.status = SampleStatus::Registered;
    s.createdAtMs = s.updatedAtMs = toEpochMillis(clock_.now());
    repo_.insert(tx, s);
    const std::string who = p.displayName.empty() ? p.username : p.displayName;
    repo_.insertCustody(tx, lab, {ids_.next(), s.id, s.createdAtMs, p.userId, who, "委托方", s.holder, "登记 / registered"});
    audit_.record(tx, &p, requestId, {"sample", s.code, "create", "", std::nullopt, describe(s), std::nullopt});
    return s;
}

SampleScope SampleService::scopeOf(const Principal& p) {
    if (p.orgId && p.orgKind == "customer") return {0, *p.orgId};
    return {identity::requireLab(p), 0};
}

std::pair<std::int64_t, std::string> SampleService::labForNumbering(Tx& tx, const Principal& p) {
    const std::int64_t lab = identity::requireLab(p);
    const auto org = orgs_.organizationById(tx, lab);
    if (!org->code || org->code->empty())
        throw Error::failedPrecondition(msg::kNoLabCode);
    return {lab, *org->code};
}

void SampleService::checkCustomer(Tx& tx, const SampleInput& in, const std::string& prefix, std::vector<FieldError>& errors) {
    if (!in.customerOrgId) return;
    auto customer = orgs_.organizationById(tx, *in.customerOrgId);
    if (!customer || customer->kind != "customer")
        errors.push_back({prefix + "customer_org_id", msg::kNoSuchCustomer});
}

void SampleService::checkProduct(const ProductList& products, const SampleInput& in, const std::string& prefix,
                                 std::vector<FieldError>& errors) {
    if (!in.product) return;
    const auto found = accreditation::findProduct(products, *in.product);
    if (!found) errors.push_back({prefix + "product", Message(msg::kProductUnknown, {{"product", *in.product}})});
    else if (!in.productCategory.empty() && in.productCategory != found->category)
        errors.push_back({prefix + "product_category",
                          Message(msg::kProductCategoryDiffers, {{"product", found->name}, {"category", found->category}})});
}

Sample SampleService::registerIn(Tx& tx, const Principal& p, std::int64_t lab, const std::string& labCode, const SampleInput& in,
                                 std::optional<std::int64_t> orderId, const std::string& requestId, const ProductList& products) {
    const std::string today = isoDateInLab(clock_.now());
    const int year = std::stoi(today.substr(0, 4));
    const bool yearly = format_.find("{YYYY}") != std::string::npos || format_.find("{YY}") != std::string::npos;
    Sample s;
    // R18: the number is taken inside the caller's transaction: a rolled-back intake gives it
    // back, so committed codes have no gaps and no duplicates.
    const std::int64_t seq = Sequences::next(tx, lab, yearly ? "sample:" + std::to_string(year) : "sample");
    s.code = *formatSampleCode(format_, labCode, year, seq);
    s.customerOrgId = in.customerOrgId;
    s.orderId = orderId;
    s.name = in.name;
    s.product = in.product;
    s.productCategory = in.productCategory;
    if (!s.product && accreditation::findProduct(products, s.name)) s.product = s.name;  // named as the list names it
    if (s.productCategory.empty() && s.product)
        if (auto found = accreditation::findProduct(products, *s.product)) s.productCategory = found->category;
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
}

Sample SampleService::registerSample(const Principal& p, const SampleInput& in, const std::string& requestId) {
    auto errors = sampleProblems(in);
    if (!errors.empty()) throw Error::invalid(errors);
    return db_.write([&](Tx& tx) {
        const auto [lab, labCode] = labForNumbering(tx, p);
        std::vector<FieldError> customer;
        checkCustomer(tx, in, "", customer);
        const auto products = productsOf(tx, lab);
        checkProduct(products, in, "", customer);
        if (!customer.empty()) throw Error::invalid(customer);
        return registerIn(tx, p, lab, labCode, in, std::nullopt, requestId, products);
    });
}

std::vector<Sample> SampleService::registerBatch(const Principal& p, const std::vector<SampleInput>& in, const std::string& requestId) {
    if (in.empty()) throw Error::invalidField("samples", Message(msg::kSamplesRequired));
    if (in.size() > kMaxBatch) throw Error::invalidField("samples", Message(msg::kSamplesTooMany, {{"max", kMaxBatch}}));
    return db_.write([&](Tx& tx) {
        const auto [lab, labCode] = labForNumbering(tx, p);
        std::vector<FieldError> errors;
        std::map<std::int64_t, bool> knownCustomer;
        const auto products = productsOf(tx, lab);
        for (std::size_t i = 0; i < in.size(); ++i) {
            const std::string at = "samples[" + std::to_string(i) + "].";
            for (const auto& e : sampleProblems(in[i])) errors.push_back({at + e.field, e.message});
            checkProduct(products, in[i], at, errors);
            if (in[i].customerOrgId && !knownCustomer.count(*in[i].customerOrgId)) {
                std::vector<FieldError> found;
                checkCustomer(tx, in[i], at, found);
                knownCustomer[*in[i].customerOrgId] = found.empty();
            }
            if (in[i].customerOrgId && !knownCustomer[*in[i].customerOrgId])
                errors.push_back({at + "customer_org_id", msg::kNoSuchCustomer});
        }
        if (!errors.empty()) throw Error::invalid(errors);
        std::vector<Sample> out;
        out.reserve(in.size());
        for (const auto& one : in) out.push_back(registerIn(tx, p, lab, labCode, one, std::nullopt, requestId, products));
        return out;
    });
}

namespace {
// The CSV template: canonical key -> accepted header texts (lower-cased).
const std::map<std::string, std::string>& csvAliases() {
    static const std::map<std::string, std::string> aliases = {
        {"样品名称", "name"}, {"name", "name"}, {"产品类别", "product_category"}, {"product_category", "product_category"},
        {"品牌", "brand"}, {"brand", "brand"}, {"型号规格", "model"}, {"model", "model"}, {"批号", "batch_no"},
        {"batch_no", "batch_no"}, {"生产单位", "manufacturer"}, {"manufacturer", "manufacturer"},
        {"生产单位统一社会信用代码", "manufacturer_uscc"}, {"manufacturer_uscc", "manufacturer_uscc"},
        {"生产日期", "production_date"}, {"production_date", "production_date"}, {"数量", "quantity"},
        {"quantity", "quantity"}, {"单位", "unit"}, {"unit", "unit"}, {"gtin", "gtin"}, {"商品条码", "gtin"},
        {"委托单位id", "customer_org_id"}, {"customer_org_id", "customer_org_id"}, {"产品", "product"}, {"product", "product"}};
    return aliases;
}
}  // namespace

std::string SampleService::csvTemplate() {
    return "样品名称,产品,产品类别,品牌,型号规格,批号,生产单位,生产单位统一社会信用代码,生产日期,数量,单位,商品条码,委托单位ID\r\n";
}

std::vector<Sample> SampleService::importCsv(const Principal& p, const std::string& bytes, const std::string& encoding,
                                             const std::string& requestId) {
    if (encoding != "auto" && encoding != "utf-8" && encoding != "gb18030")
        throw Error::invalidField("encoding", msg::kEncodingInvalid);
    auto text = decodeText(bytes, encoding);
    if (!text) throw Error::invalidField("body", msg::kNotText);
    CsvResult csv = parseCsv(*text, ',', kMaxBatch + 2);
    std::vector<FieldError> errors;
    for (const auto& d : csv.diagnostics) errors.push_back({"body", d});
    if (csv.rows.size() < 2) errors.push_back({"body", msg::kCsvTooShort});
    if (csv.rows.size() > kMaxBatch + 1) errors.push_back({"body", Message(msg::kCsvTooMany, {{"max", kMaxBatch}})});
    const CsvColumns col = csvColumns(csv.rows.empty() ? CsvRow{} : csv.rows[0], csvAliases(), {"name"}, errors);
    csvTextProblems(csv, col, {}, errors);  // every column is one line
    if (!errors.empty()) throw Error::invalid(errors);
    return db_.write([&](Tx& tx) {
        std::vector<SampleInput> inputs;
        std::map<std::int64_t, bool> knownCustomer;
        const auto products = productsOf(tx, identity::requireLab(p));
        for (std::size_t r = 1; r < csv.rows.size(); ++r) {
            const auto& row = csv.rows[r];
            const std::string at = "line[" + std::to_string(row.line) + "].";
            auto cell = [&](const char* key) { return csvCell(row, col, key); };
            auto opt = [&](const char* key) -> std::optional<std::string> {
                std::string v = cell(key);
                return v.empty() ? std::nullopt : std::optional<std::string>(v);
            };
            SampleInput in;
            in.name = cell("name");
            in.product = opt("product");
            in.productCategory = cell("product_category");
            in.brand = opt("brand");
            in.model = opt("model");
            in.batchNo = opt("batch_no");
            in.manufacturer = opt("manufacturer");
            in.manufacturerUscc = opt("manufacturer_uscc");
            in.productionDate = opt("production_date");
            in.unit = opt("unit");
            in.gtin = opt("gtin");
            std::vector<FieldError> rowErrors;
            if (auto q = opt("quantity")) {
                in.quantity = Decimal::parse(*q);
                if (!in.quantity) rowErrors.push_back({"quantity", msg::kNotDecimalNumber});
            }
            if (auto c = opt("customer_org_id")) {
                const std::int64_t id = c->find_first_not_of("0123456789") == std::string::npos && c->size() < 19 ? std::stoll(*c) : 0;
                if (id <= 0) rowErrors.push_back({"customer_org_id", msg::kNotOrgId});
                else in.customerOrgId = id;
            }
            for (const auto& e : sampleProblems(in)) rowErrors.push_back(e);
            checkProduct(products, in, "", rowErrors);
            if (in.customerOrgId && !knownCustomer.count(*in.customerOrgId)) {
                std::vector<FieldError> found;
                checkCustomer(tx, in, "", found);
                knownCustomer[*in.customerOrgId] = found.empty();
            }
            if (in.customerOrgId && !knownCustomer[*in.customerOrgId]) rowErrors.push_back({"customer_org_id", msg::kNoSuchCustomer});
            for (const auto& e : rowErrors) errors.push_back({at + e.field, e.message});
            inputs.push_back(std::move(in));
        }
        if (!errors.empty()) throw Error::invalid(errors);
        const auto [lab, labCode] = labForNumbering(tx, p);
        std::vector<Sample> out;
        out.reserve(inputs.size());
        for (const auto& one : inputs) out.push_back(registerIn(tx, p, lab, labCode, one, std::nullopt, requestId, products));
        return out;
    });
}

Sample SampleService::registerSubSample(const Principal& p, const std::string& parentCode, SampleInput in,
                                        const std::string& requestId) {
    const std::int64_t lab = identity::requireLab(p);
    return db_.write([&](Tx& tx) {
        auto parent = repo_.findByCode(tx, lab, parentCode);
        if (!parent) throw Error::notFound("sample");
        if (allowedTransitions(parent->status).empty() || parent->status == SampleStatus::Retained)
            throw Error::conflict(Message(msg::kSampleNotDivided, {{"status", msg::statusName(parent->status)}}), {});
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
    const SampleScope scope = scopeOf(p);
    auto s = db_.read([&](Tx& tx) { return repo_.findVisible(tx, scope, code); });
    if (!s) throw Error::notFound("sample");
    return *s;
}

std::vector<Sample> SampleService::search(const Principal& p, const SampleFilter& f, std::int64_t beforeId, int limit) {
    if (f.text && chars(*f.text) > 100) throw Error::invalidField("q", Message(assay::msg::kAtMostChars, {{"max", 100}}));
    const SampleScope scope = scopeOf(p);
    return db_.read([&](Tx& tx) { return repo_.search(tx, scope, f, beforeId, limit); });
}

std::optional<std::string> SampleService::organizationName(std::int64_t orgId) {
    auto org = db_.read([&](Tx& tx) { return orgs_.organizationById(tx, orgId); });
    if (!org) return std::nullopt;
    return org->name;
}

std::vector<RetentionPeriod> SampleService::retentionPeriods(const Principal& p) {
    const std::int64_t lab = identity::requireLab(p);
    return db_.read([&](Tx& tx) {
        std::vector<RetentionPeriod> out;
        for (const auto& [category, days] : repo_.retentionPeriods(tx, lab)) out.push_back({category, days});
        return out;
    });
}

RetentionPeriod SampleService::setRetentionPeriod(const Principal& p, const RetentionPeriod& r, const std::string& requestId) {
    std::vector<FieldError> errors;
    if (r.productCategory.empty()) errors.push_back({"product_category", assay::msg::kRequired});
    tooLong(errors, "product_category", r.productCategory, 100);
    if (r.days < 1 || r.days > 36500) errors.push_back({"days", msg::kRetentionDays});
    if (!errors.empty()) throw Error::invalid(errors);
    const std::int64_t lab = identity::requireLab(p);
    db_.write([&](Tx& tx) {
        auto before = repo_.retentionDays(tx, lab, r.productCategory);
        repo_.putRetention(tx, lab, r.productCategory, r.days, toEpochMillis(clock_.now()), before.has_value());
        audit_.record(tx, &p, requestId,
                      {"retention_period", r.productCategory, before ? "update" : "create", "days",
                       before ? std::optional<std::string>(std::to_string(*before)) : std::nullopt, std::to_string(r.days),
                       std::nullopt});
    });
    return r;
}

bool SampleService::advance(Tx& tx, const Principal& p, std::int64_t labId, const std::string& sampleCode, SampleStage stage,
                            const std::string& why, const std::string& requestId) {
    const SampleStatus to = stage == SampleStage::InTesting ? SampleStatus::InTesting
                            : stage == SampleStage::Tested  ? SampleStatus::Tested
                                                            : SampleStatus::Reported;
    auto s = repo_.findByCode(tx, labId, sampleCode);
    if (!s) return false;
    // Forward along the work's chain only (a step may be skipped: a sample whose results were
    // all approved goes from received to tested when its items were assigned before receipt).
    static constexpr SampleStatus kChain[] = {SampleStatus::Received, SampleStatus::InTesting, SampleStatus::Tested,
                                              SampleStatus::Reported};
    const auto at = std::find(std::begin(kChain), std::end(kChain), s->status);
    const auto target = std::find(std::begin(kChain), std::end(kChain), to);
    if (at == std::end(kChain) || at >= target) return false;
    Sample next = *s;
    next.status = to;
    next.updatedAtMs = toEpochMillis(clock_.now());
    if (!repo_.update(tx, next, s->version)) throw Error::conflict(Message(msg::kSampleChangedMeanwhile, {{"sample", sampleCode}}), {});
    audit_.record(tx, &p, requestId, {"sample", sampleCode, "update", "status", toString(s->status), toString(to), why});
    return true;
}

template <class Change>
Sample SampleService::change(const Principal& p, const std::string& code, int expectedVersion, Change apply) {
    const std::int64_t lab = identity::requireLab(p);
    return db_.write([&](Tx& tx) {
        auto s = repo_.findByCode(tx, lab, code);
        if (!s) throw Error::notFound("sample");
        if (s->version != expectedVersion) throw Error::preconditionFailed(Message(msg::kSampleChanged));
        Sample next = *s;
        next.updatedAtMs = toEpochMillis(clock_.now());
        apply(tx, *s, next);
        if (!repo_.update(tx, next, expectedVersion)) throw Error::preconditionFailed(Message(msg::kSampleChanged));
        next.version = expectedVersion + 1;
        return next;
    });
}

Sample SampleService::receive(const Principal& p, const std::string& code, int expectedVersion, const ReceiptInput& given,
                              const std::string& requestId) {
    if (auto errors = receiptProblems(given); !errors.empty()) throw Error::invalid(errors);
    ReceiptInput in = given;  // stored as trimmed
    in.condition = trimmed(given.condition);
    if (given.deviation) in.deviation = trimmed(*given.deviation);
    return change(p, code, expectedVersion, [&](Tx& tx, const Sample& before, Sample& next) {
        if (before.status != SampleStatus::Registered)
            throw Error::conflict(Message(msg::kSampleNotReceivedAgain, {{"status", msg::statusName(before.status)}}),
                                  toStrings(allowedTransitions(before.status)));
        const bool deviates = in.deviation && !in.deviation->empty();
        next.condition = in.condition;
        next.deviation = deviates ? in.deviation : std::nullopt;
        next.customerDecision = deviates ? in.customerDecision : std::nullopt;
        next.status = deviates && *in.customerDecision == "reject" ? SampleStatus::Rejected : SampleStatus::Received;
        next.receivedAtMs = next.updatedAtMs;
        next.receivedBy = p.userId;
        // The receipt is a custody event too: the lab takes the sample over from the customer.
        const std::string who = p.displayName.empty() ? p.username : p.displayName;
        repo_.insertCustody(tx, next.labId, {ids_.next(), next.id, next.updatedAtMs, p.userId, who, "委托方", next.holder,
                                             "收样 / received: " + in.condition});
        audit_.record(tx, &p, requestId,
                      {"sample", code, "receive", "status", toString(before.status),
                       toString(next.status) + "; condition: " + in.condition +
                           (deviates ? "; deviation: " + *in.deviation + "; customer decided to " + *in.customerDecision : ""),
                       std::nullopt});
    });
}

Sample SampleService::transition(const Principal& p, const std::string& code, int expectedVersion, const std::string& to,
                                 const std::string& reasonGiven, const std::optional<std::string>& methodGiven,
                                 const std::string& requestId) {
    std::vector<FieldError> errors;
    using enum SampleStatus;
    const std::optional<SampleStatus> target = parseEnum<SampleStatus>(to);
    if (!target) errors.push_back({"to", msg::kNotStatus});
    else if (target == Received) errors.push_back({"to", msg::kReceiveWithCondition});
    const std::optional<std::string> reason =
        optionalText(errors, "reason", reasonGiven, target == Rejected || target == Cancelled || target == Disposed,
                     std::string("required to ") + (target == Rejected ? "reject" : target == Cancelled ? "cancel" : "dispose"), 500);
    const std::optional<std::string> disposalMethod = optionalText(
        errors, "method", methodGiven, target == Disposed, msg::kDisposalMethodRequired, 200);
    if (methodGiven && target != Disposed) errors.push_back({"method", "only when disposing"});
    if (!errors.empty()) throw Error::invalid(errors);
    const std::string today = isoDateInLab(clock_.now());
    return change(p, code, expectedVersion, [&](Tx& tx, const Sample& before, Sample& next) {
        const auto allowed = allowedTransitions(before.status);
        if (std::find(allowed.begin(), allowed.end(), *target) == allowed.end())
            throw Error::conflict(Message(msg::kSampleCannotBecome, {{"status", msg::statusName(before.status)}, {"to", msg::statusName(*target)}}), toStrings(allowed));
        if (target == Retained) {
            const int days = repo_.retentionDays(tx, before.labId, before.productCategory).value_or(defaultRetentionDays_);
            next.retainUntil = formatIsoDate(*parseIsoDate(today) + std::chrono::days(days));
        }
        if (target == Disposed) {
            // R22: a retained sample is kept until its retention period has ended.
            if (before.retainUntil && today < *before.retainUntil)
                throw Error::rule("R22", Message(msg::kSampleRetained, {{"until", *before.retainUntil}, {"today", today}}));
            next.disposalMethod = disposalMethod;
        }
        next.status = *target;
        audit_.record(tx, &p, requestId,
                      {"sample", code, "update", "status", toString(before.status),
                       to + (next.retainUntil && target == Retained ? " until " + *next.retainUntil : "") +
                           (target == Disposed ? " by " + *disposalMethod : ""),
                       reason});
    });
}

Sample SampleService::transfer(const Principal& p, const std::string& code, int expectedVersion, const std::string& toGiven,
                               const std::string& reasonGiven, const std::string& requestId) {
    std::vector<FieldError> errors;
    const std::string toHolder = requiredText(errors, "to", toGiven, msg::kTransferToRequired, 100);
    const std::string reason = requiredText(errors, "reason", reasonGiven, "required", 500);
    if (!errors.empty()) throw Error::invalid(errors);
    return change(p, code, expectedVersion, [&](Tx& tx, const Sample& before, Sample& next) {
        if (before.status == SampleStatus::Disposed || before.status == SampleStatus::Cancelled)
            throw Error::conflict(Message(msg::kSampleNotHandedOver, {{"status", msg::statusName(before.status)}}), {});
        if (before.holder == toHolder) throw Error::invalidField("to", Message(msg::kSampleWithAlready, {{"holder", toHolder}}));
        next.holder = toHolder;
        const std::string who = p.displayName.empty() ? p.username : p.displayName;
        repo_.insertCustody(tx, next.labId, {ids_.next(), next.id, next.updatedAtMs, p.userId, who, before.holder, toHolder, reason});
        audit_.record(tx, &p, requestId, {"sample", code, "transfer", "holder", before.holder, toHolder, reason});
    });
}

std::vector<CustodyEvent> SampleService::custody(const Principal& p, const std::string& code) {
    const SampleScope scope = scopeOf(p);
    return db_.read([&](Tx& tx) {
        auto s = repo_.findVisible(tx, scope, code);
        if (!s) throw Error::notFound("sample");
        return repo_.custody(tx, s->labId, s->id);
    });
}

}  // namespace assay::intake
