// OrderService: orders, contract review, quote, customer decisions and acceptance, audited.
#include "domain/OrderService.hpp"

#include <map>

#include "domain/IntakeMessages.hpp"
#include "assay/StoredReasons.hpp"
#include "assay/Faults.hpp"
#include "assay/Sequences.hpp"
#include "assay/Text.hpp"
#include "assay/identity/RequireLab.hpp"

namespace assay::intake {

namespace {
bool isDate(const std::string& s) { return s.size() == 10 && parseIsoDate(s).has_value(); }

StoredReason reasonOf(const accreditation::RuleVerdict& v) { return {v.rule, v.why.empty() ? Message::legacy(v.reason) : v.why}; }

// A scope verdict as stored on the item: why it is outside (with its rule), or the row that covers it.
// A sample without a product from the list is matched by its name: the reviewer is told so.
std::string scopeText(const accreditation::ScopeVerdict& v, const Sample& s) {
    if (v.inScope) return v.why.empty() ? std::string() : storeReasons({{"", v.why}}, 500);
    std::vector<StoredReason> why{{v.rule, v.why.empty() ? Message::legacy(v.reason) : v.why}};
    if (!s.product) why.push_back({"", Message(msg::kMatchedByName, {{"name", s.name}})});
    return storeReasons(why, 500);
}

std::optional<std::string> unlessEmpty(std::string s) { return s.empty() ? std::nullopt : std::optional<std::string>(std::move(s)); }

std::string itemLabel(const OrderItem& i) {
    return "item " + std::to_string(i.position) + " " + i.sampleCode + " " + i.parameterName + " / " + i.methodCitation;
}
}  // namespace

void OrderService::checkItems(Tx& tx, std::int64_t lab, const std::vector<OrderSampleInput>& samples, const std::string& prefix,
                              const SampleService::ProductList& products, std::vector<FieldError>& errors) {
    // The register's parameters and methods of every item, read in one batch each.
    std::vector<std::int64_t> parameterIds, methodIds;
    for (const auto& sample : samples)
        for (std::size_t j = 0; j < sample.items.size() && j < kMaxItemsPerSample; ++j) {
            parameterIds.push_back(sample.items[j].parameterId);
            methodIds.push_back(sample.items[j].methodId);
        }
    const auto parameters = register_.parameters(tx, lab, parameterIds);
    const auto methods = register_.methods(tx, lab, methodIds);
    for (std::size_t s = 0; s < samples.size(); ++s) {
        const std::string at = prefix + "samples[" + std::to_string(s) + "].";
        for (const auto& e : SampleService::sampleProblems(samples[s].sample)) errors.push_back({at + e.field, e.message});
        samples_.checkCustomer(tx, samples[s].sample, at, errors);
        SampleService::checkProduct(products, samples[s].sample, at, errors);
        const auto& items = samples[s].items;
        if (items.empty()) errors.push_back({at + "items", msg::kItemsRequired});
        if (items.size() > kMaxItemsPerSample)
            errors.push_back({at + "items", Message(msg::kItemsTooMany, {{"max", kMaxItemsPerSample}})});
        for (std::size_t j = 0; j < items.size() && j < kMaxItemsPerSample; ++j) {
            const std::string it = at + "items[" + std::to_string(j) + "].";
            const auto& i = items[j];
            if (i.package) tooLong(errors, it + "package", *i.package, 100);
            if (i.parameterId <= 0) errors.push_back({it + "parameter_id", msg::kParameterRequired});
            else if (!parameters.count(i.parameterId)) errors.push_back({it + "parameter_id", msg::kNoSuchParameter});
            if (i.methodId <= 0) errors.push_back({it + "method_id", msg::kMethodRequired});
            else if (!methods.count(i.methodId)) errors.push_back({it + "method_id", msg::kNoSuchMethod});
        }
    }
}

void OrderService::insertSample(Tx& tx, const Principal& p, std::int64_t lab, const std::string& labCode, Order& o,
                                const OrderSampleInput& in, int& position, const std::string& requestId,
                                const SampleService::ProductList& products) {
    SampleInput sample = in.sample;
    sample.customerOrgId = o.customerOrgId;  // an order's samples are its customer's
    Sample s = samples_.registerIn(tx, p, lab, labCode, sample, o.id, requestId, products);
    for (const auto& req : in.items) {
        OrderItem i;
        i.id = ids_.next();
        i.sampleId = s.id;
        i.sampleCode = s.code;
        i.position = ++position;
        i.package = req.package;
        i.parameterId = req.parameterId;
        i.methodId = req.methodId;
        i.parameterName = register_.parameter(tx, lab, req.parameterId)->nameZh;
        i.methodCitation = register_.method(tx, lab, req.methodId)->citation();
        repo_.insertItem(tx, lab, o.id, i);
        audit_.record(tx, &p, requestId, {"order", o.code, "add item", "items", std::nullopt, itemLabel(i), std::nullopt});
        o.items.push_back(i);
    }
}

std::vector<FieldError> OrderService::createProblems(const Principal& p, const OrderTerms& terms,
                                                     const std::vector<OrderSampleInput>& samples) {
    identity::requireLab(p);
    return db_.read([&](Tx& tx) { return createProblems(tx, p, terms, samples); });
}

std::vector<FieldError> OrderService::createProblems(Tx& tx, const Principal& p, const OrderTerms& terms,
                                                     const std::vector<OrderSampleInput>& samples) {
    return createProblems(tx, p, terms, samples, samples_.productsOf(tx, identity::requireLab(p)));
}

std::vector<FieldError> OrderService::createProblems(Tx& tx, const Principal& p, const OrderTerms& terms,
                                                     const std::vector<OrderSampleInput>& samples,
                                                     const SampleService::ProductList& products) {
    auto errors = orderTermsProblems(terms, isoDateInLab(clock_.now()));
    const std::int64_t lab = identity::requireLab(p);
    if (terms.customerOrgId) {
        auto c = orgs_.organizationById(tx, *terms.customerOrgId);
        if (!c || c->kind != "customer") errors.push_back({"customer_org_id", msg::kNoSuchCustomer});
    }
    const std::string site = terms.site.value_or(defaultSite_);
    if (site.empty()) errors.push_back({"site", msg::kSiteRequired});
    if (samples.empty()) errors.push_back({"samples", msg::kSamplesRequired});
    if (samples.size() > kMaxSamples) errors.push_back({"samples", Message(msg::kOrderSamplesTooMany, {{"max", kMaxSamples}})});
    else checkItems(tx, lab, samples, "", products, errors);
    return errors;
}

Order OrderService::create(const Principal& p, const OrderTerms& terms, const std::vector<OrderSampleInput>& samples,
                           const std::string& requestId) {
    // One write transaction: the checks against the register and the customer, the number and
    // the order with its samples and items (a refused or failed order draws no number).
    return db_.write([&](Tx& tx) { return createIn(tx, p, terms, samples, requestId); });
}

Order OrderService::createIn(Tx& tx, const Principal& p, const OrderTerms& terms, const std::vector<OrderSampleInput>& samples,
                             const std::string& requestId) {
    const std::string today = isoDateInLab(clock_.now());
    const std::int64_t labId = identity::requireLab(p);
    const std::string site = terms.site.value_or(defaultSite_);
    const int year = std::stoi(today.substr(0, 4));
    {
        const auto products = samples_.productsOf(tx, labId);  // read once: checked, then completed from
        if (auto errors = createProblems(tx, p, terms, samples, products); !errors.empty()) throw Error::invalid(errors);
        const auto [lab, labCode] = samples_.labForNumbering(tx, p);
        Order o;
        o.id = ids_.next();
        o.labId = lab;
        o.code = *formatSampleCode(format_, labCode, year, Sequences::next(tx, lab, "order:" + std::to_string(year)));
        o.customerOrgId = *terms.customerOrgId;
        o.customerName = orgs_.organizationById(tx, o.customerOrgId)->name;
        o.contactName = terms.contactName;
        o.contactPhone = terms.contactPhone;
        o.contactEmail = terms.contactEmail;
        o.site = site;
        o.dueDate = terms.dueDate;
        o.priority = terms.priority;
        o.wantCma = terms.wantCma;
        o.wantCnas = terms.wantCnas;
        o.reportLanguage = terms.reportLanguage;
        o.uncertainty = terms.uncertainty;
        o.decisionRule = terms.decisionRule;
        o.createdBy = p.userId;
        o.createdAtMs = o.updatedAtMs = toEpochMillis(clock_.now());
        repo_.insert(tx, o);
        faults::hit("order.create.numbered");
        std::string marks = std::string(o.wantCma ? "CMA " : "") + (o.wantCnas ? "CNAS " : "");
        audit_.record(tx, &p, requestId,
                      {"order", o.code, "create", "", std::nullopt,
                       o.customerName + "; due " + o.dueDate + "; " + o.priority + "; marks " + (marks.empty() ? "none " : marks) +
                           "; " + o.reportLanguage + (o.uncertainty ? "; uncertainty" : "") +
                           (o.decisionRule ? "; decision rule " + *o.decisionRule : ""),
                       std::nullopt});
        int position = 0;
        for (const auto& s : samples) {
            insertSample(tx, p, lab, labCode, o, s, position, requestId, products);
            faults::hit("order.create.sample_added");
        }
        return o;
    }
}

template <class Change, class After>
Order OrderService::change(const Principal& p, const std::string& code, int expectedVersion, Change apply, After after) {
    return db_.write([&](Tx& tx) { return changeIn(tx, p, code, expectedVersion, apply, after); });
}

template <class Change, class After>
Order OrderService::changeIn(Tx& tx, const Principal& p, const std::string& code, int expectedVersion, Change apply, After after) {
    const std::int64_t lab = identity::requireLab(p);
    auto o = repo_.find(tx, {lab, 0}, code);
    if (!o) throw Error::notFound("order");
    if (o->version != expectedVersion) throw Error::preconditionFailed(Message(msg::kOrderChanged));
    o->items = repo_.items(tx, lab, o->id);
    Order next = *o;
    next.updatedAtMs = toEpochMillis(clock_.now());
    apply(tx, *o, next);
    if (!repo_.update(tx, next, expectedVersion)) throw Error::preconditionFailed(Message(msg::kOrderChanged));
    next.version = expectedVersion + 1;
    after(tx, next);
    return next;
}

Order OrderService::addSample(const Principal& p, const std::string& code, int expectedVersion, const OrderSampleInput& in,
                              const std::string& requestId) {
    return change(p, code, expectedVersion, [&](Tx& tx, const Order& before, Order& next) {
        const auto [lab, labCode] = samples_.labForNumbering(tx, p);
        std::vector<FieldError> errors;
        const auto products = samples_.productsOf(tx, lab);
        checkItems(tx, lab, {in}, "", products, errors);
        for (auto& e : errors) e.field = e.field.substr(e.field.find('.') + 1);  // "samples[0].name" -> "name"
        if (!errors.empty()) throw Error::invalid(errors);
        if (before.status != OrderStatus::Draft && before.status != OrderStatus::Reviewed)
            throw Error::conflict(Message(msg::kOrderNoMoreSamples, {{"status", msg::statusName(before.status)}}), {});
        int position = repo_.maxPosition(tx, lab, before.id);
        insertSample(tx, p, lab, labCode, next, in, position, requestId, products);
        if (before.status == OrderStatus::Reviewed) {
            next.status = OrderStatus::Draft;
            audit_.record(tx, &p, requestId,
                          {"order", code, "update", "status", toString(before.status), "draft", std::string("a sample was added: review again")});
        }
    });
}

Order OrderService::get(const Principal& p, const std::string& code) {
    const SampleScope scope = samples_.scopeOf(p);
    return db_.read([&](Tx& tx) {
        auto o = repo_.find(tx, scope, code);
        if (!o) throw Error::notFound("order");
        o->items = repo_.items(tx, o->labId, o->id);
        return *o;
    });
}

std::vector<Order> OrderService::list(const Principal& p, std::int64_t beforeId, int limit, std::optional<OrderStatus> status, bool overdue) {
    const SampleScope scope = samples_.scopeOf(p);
    if (overdue) status = OrderStatus::Accepted;
    const std::string dueBefore = overdue ? isoDateInLab(clock_.now()) : "";
    return db_.read([&](Tx& tx) { return repo_.list(tx, scope, beforeId, limit, status, dueBefore); });
}

std::vector<Sample> OrderService::samples(const Principal&, const Order& o) {
    return db_.read([&](Tx& tx) { return SampleRepository().ofOrder(tx, o.labId, o.id); });
}

std::vector<OrderItem> OrderService::verdicts(Tx& tx, const Order& current, const std::string& on) {
    std::map<std::int64_t, Sample> sampleById;
    for (auto& s : SampleRepository().ofOrder(tx, current.labId, current.id)) sampleById[s.id] = s;
    std::vector<OrderItem> reviewed = current.items;
    for (auto& i : reviewed) {
        if (i.excluded) continue;
        const Sample& s = sampleById.at(i.sampleId);
        accreditation::CapabilityQuery q{current.labId, i.parameterId, i.methodId, productOf(s), s.productCategory, current.site, on};
        const auto v = capability_.check(tx, q);
        i.reviewed = true;
        i.canPerform = v.canPerform;
        std::vector<StoredReason> blockers;
        for (const auto* r : {&v.method, &v.staff, &v.equipment})
            if (!r->ok) blockers.push_back(reasonOf(*r));
        i.blockers = blockers.empty() ? std::nullopt : std::optional<std::string>(storeReasons(blockers, 2000));
        std::string performers;
        for (const auto& name : v.performers) performers += (performers.empty() ? "" : ", ") + name;
        i.performers = performers.empty() ? std::nullopt : std::optional<std::string>(clip(performers, 500));
        i.cmaInScope = v.cma.inScope;
        i.cmaReason = unlessEmpty(scopeText(v.cma, s));
        i.cnasInScope = v.cnas.inScope;
        i.cnasReason = unlessEmpty(scopeText(v.cnas, s));
        i.price = register_.priceOn(tx, current.labId, i.parameterId, i.methodId, on);
    }
    return reviewed;
}

Order OrderService::chooseSpecification(const Principal& p, const std::string& code, int expectedVersion, const std::string& sampleCode,
                                        std::optional<std::int64_t> specId, const std::string& requestId) {
    return change(p, code, expectedVersion, [&](Tx& tx, const Order& before, Order&) {
        if (before.status != OrderStatus::Draft && before.status != OrderStatus::Reviewed)
            throw Error::conflict(Message(msg::kSpecAfterReview, {{"status", msg::statusName(before.status)}}), {});
        SampleRepository samples;
        std::optional<Sample> sample;
        for (auto& s : samples.ofOrder(tx, before.labId, before.id))
            if (s.code == sampleCode) sample = s;
        if (!sample) throw Error::notFound("sample");
        if (specId) {
            std::vector<accreditation::Register::LimitQuery> asked;
            for (const auto& i : before.items)
                if (i.sampleId == sample->id && !i.excluded) asked.push_back({*specId, i.parameterId, productOf(*sample), sample->productCategory});
            const auto found = register_.limits(tx, before.labId, asked);
            if (std::none_of(found.begin(), found.end(), [](const auto& l) { return l.has_value(); }))
                throw Error::invalidField("specification_id", Message(msg::kSpecNoLimitForSample, {{"sample", sample->code}}));
        }
        samples.setSpecification(tx, before.labId, sample->id, specId, toEpochMillis(clock_.now()));
        audit_.record(tx, &p, requestId,
                      {"sample", sample->code, "update", "specification_id",
                       sample->specificationId ? std::optional<std::string>(std::to_string(*sample->specificationId)) : std::nullopt,
                       specId ? std::to_string(*specId) : std::string(), std::string("contract review, order ") + code});
    });
}

Order OrderService::review(const Principal& p, const std::string& code, int expectedVersion, const std::optional<std::string>& date,
                           const std::string& requestId) {
    const std::string today = isoDateInLab(clock_.now());
    const std::string on = date.value_or(today);
    if (!isDate(on)) throw Error::invalidField("date", Message(assay::msg::kNotDate));
    if (on < today) throw Error::invalidField("date", Message(msg::kTestDateBeforeToday, {{"today", today}}));
    // One write transaction: the order as stored, the verdicts (read from the accreditation
    // records in the same transaction) and the change.
    return change(p, code, expectedVersion, [&](Tx& tx, const Order& before, Order& next) {
        if (before.status != OrderStatus::Draft && before.status != OrderStatus::Reviewed)
            throw Error::conflict(Message(msg::kOrderNotReviewedAgain, {{"status", msg::statusName(before.status)}}), {});
        const std::vector<OrderItem> reviewed = verdicts(tx, before, on);
        for (std::size_t k = 0; k < reviewed.size(); ++k) {
            // The customer's decisions stay as they are; only the verdicts and prices are new.
            OrderItem i = before.items[k];
            if (i.excluded) continue;
            const OrderItem& r = reviewed[k];
            i.reviewed = true;
            i.canPerform = r.canPerform;
            i.blockers = r.blockers;
            i.performers = r.performers;
            i.cmaInScope = r.cmaInScope;
            i.cmaReason = r.cmaReason;
            i.cnasInScope = r.cnasInScope;
            i.cnasReason = r.cnasReason;
            i.price = r.price;
            repo_.updateItem(tx, before.labId, i);
            next.items[k] = i;
        }
        next.status = OrderStatus::Reviewed;
        next.reviewedBy = p.userId;
        next.reviewerName = p.displayName.empty() ? p.username : p.displayName;
        next.reviewedOn = on;
        next.reviewedAtMs = next.updatedAtMs;
        next.quoteTotal = quoteTotal(next.items);
        int cannot = 0, outside = 0;
        for (const auto& i : next.items)
            if (!i.excluded) {
                cannot += !i.canPerform;
                outside += (next.wantCma && !i.cmaInScope) || (next.wantCnas && !i.cnasInScope);
            }
        audit_.record(tx, &p, requestId,
                      {"order", code, "review", "status", toString(before.status),
                       "reviewed for " + on + ": " + std::to_string(cannot) + " item(s) cannot be performed, " +
                           std::to_string(outside) + " outside a requested scope; quote " +
                           (next.quoteTotal ? next.quoteTotal->toString() + " CNY" : std::string("incomplete")),
                       std::nullopt});
    });
}

namespace {
OrderItem& itemAt(Order& o, int position) {
    auto it = std::find_if(o.items.begin(), o.items.end(), [&](const OrderItem& i) { return i.position == position; });
    if (it == o.items.end()) throw Error::notFound("order item");
    return *it;
}
}  // namespace

Order OrderService::subcontract(const Principal& p, const std::string& code, int expectedVersion, int position, const SubcontractRequest& given,
                                const std::string& requestId) {
    std::vector<FieldError> errors;
    SubcontractRequest r = given;
    r.receivingLab = requiredText(errors, "receiving_lab", r.receivingLab, msg::kReceivingLabRequired, 200);
    r.consentedBy = requiredText(errors, "consented_by", r.consentedBy, msg::kConsentedByRequired, 100);
    r.consentRef = requiredText(errors, "consent_ref", r.consentRef,
                                msg::kConsentRefRequired, 200);
    if (r.receivingCmaNo) tooLong(errors, "receiving_cma_no", *r.receivingCmaNo, 32);
    if (r.receivingCnasNo) tooLong(errors, "receiving_cnas_no", *r.receivingCnasNo, 32);
    if (!errors.empty()) throw Error::invalid(errors);
    return change(p, code, expectedVersion, [&](Tx& tx, const Order& before, Order& next) {
        if (before.status == OrderStatus::Cancelled) throw Error::conflict(Message(msg::kOrderCancelledUnchanged), {});
        OrderItem& i = itemAt(next, position);
        if (i.excluded) throw Error::conflict(Message(msg::kExcludedNotSubcontracted), {});
        if (i.subcontract && i.subcontract->dispatchedAtMs) throw Error::conflict(Message(msg::kSubcontractDispatched, {{"lab", i.subcontract->receivingLab}}), {});
        Subcontract s;
        s.receivingLab = r.receivingLab;
        s.receivingCmaNo = r.receivingCmaNo;
        s.receivingCnasNo = r.receivingCnasNo;
        s.consentedBy = r.consentedBy;
        s.consentRef = r.consentRef;
        s.consentRecordedBy = p.userId;
        s.consentAtMs = next.updatedAtMs;
        repo_.saveSubcontract(tx, before.labId, before.id, i.id, s);
        audit_.record(tx, &p, requestId,
                      {"order", code, "subcontract", "items", itemLabel(i), "to " + r.receivingLab + ", consent of " + r.consentedBy, r.consentRef});
        i.subcontract = s;
    });
}

Order OrderService::acceptSubcontract(const Principal& p, const std::string& code, int expectedVersion, int position,
                                      const std::string& byGiven, const std::string& refGiven, const std::string& requestId) {
    std::vector<FieldError> errors;
    const std::string acceptedBy =
        requiredText(errors, "accepted_by", byGiven, msg::kAcceptedByRequired, 100);
    const std::string acceptanceRef = requiredText(errors, "acceptance_ref", refGiven, msg::kAcceptanceRefRequired, 200);
    if (!errors.empty()) throw Error::invalid(errors);
    return change(p, code, expectedVersion, [&](Tx& tx, const Order& before, Order& next) {
        OrderItem& i = itemAt(next, position);
        if (!i.subcontract) throw Error::notFound("subcontract");
        if (i.subcontract->dispatchedAtMs) throw Error::conflict(Message(msg::kDispatchedAlready), {});
        i.subcontract->acceptedBy = acceptedBy;
        i.subcontract->acceptanceRef = acceptanceRef;
        i.subcontract->acceptedAtMs = next.updatedAtMs;
        repo_.saveSubcontract(tx, before.labId, before.id, i.id, *i.subcontract);
        audit_.record(tx, &p, requestId,
                      {"order", code, "subcontract accepted", "items", itemLabel(i), i.subcontract->receivingLab + ": " + acceptedBy, acceptanceRef});
    });
}

Order OrderService::dispatchSubcontract(const Principal& p, const std::string& code, int expectedVersion, int position,
                                        const std::string& requestId) {
    return change(p, code, expectedVersion, [&](Tx& tx, const Order& before, Order& next) {
        OrderItem& i = itemAt(next, position);
        if (!i.subcontract) throw Error::rule("R31", Message(msg::kNoSubcontractConsent, {{"position", position}}));
        if (i.subcontract->dispatchedAtMs) throw Error::conflict(Message(msg::kDispatchedAlready), {});
        std::vector<RuleFailure> missing;
        if (!i.subcontract->acceptedAtMs)
            missing.push_back({"R31", Message(msg::kReceiverNotAccepted, {{"lab", i.subcontract->receivingLab}})});
        if (before.status != OrderStatus::Accepted) missing.push_back({"R31", Message(msg::kContractNotConcluded, {{"status", msg::statusName(before.status)}})});
        if (!missing.empty()) throw Error::rules(missing);
        i.subcontract->dispatchedBy = p.userId;
        i.subcontract->dispatchedAtMs = next.updatedAtMs;
        repo_.saveSubcontract(tx, before.labId, before.id, i.id, *i.subcontract);
        audit_.record(tx, &p, requestId, {"order", code, "dispatch", "items", itemLabel(i), "to " + i.subcontract->receivingLab, std::nullopt});
    });
}

Order OrderService::decide(const Principal& p, const std::string& code, int expectedVersion, int position, const ItemDecision& given,
                           const std::string& requestId) {
    return db_.write([&](Tx& tx) { return decideIn(tx, p, code, expectedVersion, position, given, requestId); });
}

Order OrderService::decideIn(Tx& tx, const Principal& p, const std::string& code, int expectedVersion, int position,
                             const ItemDecision& given, const std::string& requestId) {
    std::vector<FieldError> errors;
    ItemDecision d = given;
    if (!d.acceptOutsideScope && !d.exclude) errors.push_back({"body", "give accept_outside_scope or exclude"});
    const bool excluding = d.exclude && *d.exclude;
    d.reason = optionalText(errors, "reason", d.reason, excluding, msg::kExcludeReasonRequired, 500);
    d.agreedBy = optionalText(errors, "agreed_by", d.agreedBy, excluding, msg::kExcludeAgreedByRequired, 100);
    d.note = optionalText(errors, "note", d.note, d.acceptOutsideScope && *d.acceptOutsideScope,
                          msg::kOutsideNoteRequired, 500);
    if (!errors.empty()) throw Error::invalid(errors);
    return changeIn(tx, p, code, expectedVersion, [&](Tx& tx, const Order& before, Order& next) {
        if (before.status == OrderStatus::Cancelled) throw Error::conflict(Message(msg::kOrderCancelledUnchanged), {});
        OrderItem& i = itemAt(next, position);
        const std::string label = itemLabel(i);
        if (d.exclude) {
            if (!*d.exclude && i.excluded && before.status == OrderStatus::Accepted)
                throw Error::conflict(Message(msg::kExclusionStands), {});
            if (*d.exclude != i.excluded) {
                i.excluded = *d.exclude;
                i.exclusionReason = i.excluded ? d.reason : std::nullopt;
                i.exclusionAgreedBy = i.excluded ? d.agreedBy : std::nullopt;
                audit_.record(tx, &p, requestId,
                              {"order", code, i.excluded ? "exclude item" : "include item", "items", label,
                               i.excluded ? "excluded, agreed by " + *d.agreedBy : std::string("included again"),
                               i.excluded ? d.reason : d.note});
            }
        }
        if (d.acceptOutsideScope && *d.acceptOutsideScope != i.outsideScopeAccepted) {
            if (before.status == OrderStatus::Accepted) throw Error::conflict(Message(msg::kScopeDecisionsFinal), {});
            i.outsideScopeAccepted = *d.acceptOutsideScope;
            i.outsideScopeNote = i.outsideScopeAccepted ? d.note : std::nullopt;
            audit_.record(tx, &p, requestId,
                          {"order", code, "update", "outside_scope_accepted", label,
                           i.outsideScopeAccepted ? "accepted outside the scope" : "not accepted", d.note});
        }
        repo_.updateItem(tx, before.labId, i);
        next.quoteTotal = next.reviewedOn ? quoteTotal(next.items) : std::nullopt;
    });
}

Order OrderService::accept(const Principal& p, const std::string& code, int expectedVersion, const std::string& requestId) {
    return db_.write([&](Tx& tx) { return acceptIn(tx, p, code, expectedVersion, requestId); });
}

Order OrderService::acceptIn(Tx& tx, const Principal& p, const std::string& code, int expectedVersion, const std::string& requestId) {
    return changeIn(tx, p, code, expectedVersion, [&](Tx& tx, const Order& before, Order& next) {
        if (before.status != OrderStatus::Reviewed)
            throw Error::conflict(before.status == OrderStatus::Draft
                                      ? Message(msg::kOrderDraftNotAccepted)
                                      : Message(msg::kOrderCannotAccept, {{"status", msg::statusName(before.status)}}),
                                  {});
        if (auto blockers = acceptanceBlockers(before); !blockers.empty()) throw Error::rules(blockers);
        next.status = OrderStatus::Accepted;
        audit_.record(tx, &p, requestId, {"order", code, "update", "status", toString(before.status), "accepted", std::nullopt});
    }, [&](Tx& tx, const Order& accepted) {
        if (auto* step = services_ ? services_->find<OrderAcceptedStep>() : nullptr)
            step->onAccepted(tx, p, accepted.labId, accepted.code, requestId);
    });
}

std::vector<OrderedItem> OrderService::acceptedItems(Tx& tx, std::int64_t labId, const std::string& orderCode) {
    auto o = repo_.find(tx, {labId, 0}, orderCode);
    if (!o) throw Error::notFound("order");
    if (o->status != OrderStatus::Accepted) throw Error::conflict(Message(msg::kOrderNotTested, {{"status", msg::statusName(o->status)}}), {});
    std::map<std::int64_t, Sample> samples;
    for (auto& s : SampleRepository().ofOrder(tx, labId, o->id)) samples[s.id] = s;
    std::vector<OrderedItem> out;
    for (const auto& i : repo_.items(tx, labId, o->id)) {
        if (i.excluded) continue;
        const Sample& s = samples.at(i.sampleId);
        out.push_back({i.id, o->code, s.id, s.code, productOf(s), s.productCategory, i.parameterId, i.methodId, o->decisionRule, s.specificationId});
    }
    return out;
}

ReportTerms OrderService::acceptedTerms(Tx& tx, std::int64_t labId, const std::string& orderCode) {
    auto o = repo_.find(tx, {labId, 0}, orderCode);
    if (!o) throw Error::notFound("order");
    if (o->status != OrderStatus::Accepted) throw Error::conflict(Message(msg::kOrderNotReported, {{"status", msg::statusName(o->status)}}), {});
    ReportTerms t{o->code, o->customerOrgId, o->customerName, o->site, o->wantCma, o->wantCnas, o->reportLanguage, o->uncertainty,
                 o->decisionRule, {}, "", {}, false, {}};
    for (const auto& i : repo_.items(tx, labId, o->id)) {
        if (i.excluded) t.exclusions.push_back({i.id, i.sampleCode, i.parameterId, i.exclusionReason.value_or(""), i.exclusionAgreedBy.value_or("")});
        if (i.subcontract)
            t.subcontracted.push_back({i.id, i.sampleCode, i.parameterId, i.subcontract->receivingLab, i.subcontract->receivingCmaNo,
                                       i.subcontract->receivingCnasNo, i.subcontract->acceptedAtMs.has_value(),
                                       i.subcontract->dispatchedAtMs.has_value()});
    }
    t.contact = o->contactName + (o->contactPhone ? " " + *o->contactPhone : "") + (o->contactEmail ? " " + *o->contactEmail : "");
    for (const auto& s : SampleRepository().ofOrder(tx, labId, o->id)) {
        ReportSample r;
        r.code = s.code;
        r.name = s.name;
        r.productCategory = s.productCategory;
        r.brand = s.brand;
        r.model = s.model;
        r.batchNo = s.batchNo;
        r.manufacturer = s.manufacturer;
        r.productionDate = s.productionDate;
        if (s.quantity) r.quantity = s.quantity->toString() + (s.unit ? " " + *s.unit : "");
        r.condition = s.condition;
        if (s.receivedAtMs) r.receivedOn = isoDateInLab(fromEpochMillis(*s.receivedAtMs));
        r.deviation = s.deviation;
        r.customerDecision = s.customerDecision;
        t.samples.push_back(std::move(r));
    }
    return t;
}

Order OrderService::cancel(const Principal& p, const std::string& code, int expectedVersion, const std::string& reasonGiven,
                           const std::string& requestId) {
    return db_.write([&](Tx& tx) { return cancelIn(tx, p, code, expectedVersion, reasonGiven, requestId); });
}

Order OrderService::cancelIn(Tx& tx, const Principal& p, const std::string& code, int expectedVersion, const std::string& reasonGiven,
                             const std::string& requestId) {
    const std::string reason = requireText("reason", reasonGiven, msg::kCancelReasonRequired, 500);
    return changeIn(tx, p, code, expectedVersion, [&](Tx& tx, const Order& before, Order& next) {
        if (before.status == OrderStatus::Accepted || before.status == OrderStatus::Cancelled)
            throw Error::conflict(Message(msg::kOrderNotCancelled, {{"status", msg::statusName(before.status)}}), {});
        next.status = OrderStatus::Cancelled;
        audit_.record(tx, &p, requestId, {"order", code, "update", "status", toString(before.status), "cancelled", reason});
    });
}

Order OrderService::setDueDateIn(Tx& tx, const Principal& p, const std::string& code, int expectedVersion, const std::string& date,
                                 const std::string& note, const std::string& requestId) {
    return changeIn(tx, p, code, expectedVersion, [&](Tx& tx, const Order& before, Order& next) {
        if (before.status == OrderStatus::Accepted || before.status == OrderStatus::Cancelled)
            throw Error::conflict(Message(msg::kOrderCannotAccept, {{"status", msg::statusName(before.status)}}), {});
        next.dueDate = date;
        audit_.record(tx, &p, requestId, {"order", code, "update", "due_date", before.dueDate, date, note});
    });
}

}  // namespace assay::intake
