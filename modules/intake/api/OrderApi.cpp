// OrderApi: request parsing and JSON rendering for orders.
#include "api/OrderApi.hpp"

#include <set>

#include "api/SampleApi.hpp"
#include "assay/Api.hpp"
#include "assay/Json.hpp"

namespace assay::intake {

namespace {
Poco::Dynamic::Var optBool(bool reviewed, bool v) { return reviewed ? Poco::Dynamic::Var(v) : Poco::Dynamic::Var(); }

Poco::JSON::Object::Ptr renderItem(const OrderItem& i) {
    auto o = makeObject();
    o->set("position", i.position);
    o->set("sample_code", i.sampleCode);
    o->set("package", optStr(i.package));
    o->set("parameter_id", std::to_string(i.parameterId));
    o->set("parameter", i.parameterName);
    o->set("method_id", std::to_string(i.methodId));
    o->set("method", i.methodCitation);
    auto review = makeObject();
    review->set("reviewed", i.reviewed);
    review->set("can_perform", optBool(i.reviewed, i.canPerform));
    review->set("blockers", optStr(i.blockers));
    review->set("performers", optStr(i.performers));
    review->set("cma_in_scope", optBool(i.reviewed, i.cmaInScope));
    review->set("cma_reason", optStr(i.cmaReason));
    review->set("cnas_in_scope", optBool(i.reviewed, i.cnasInScope));
    review->set("cnas_reason", optStr(i.cnasReason));
    o->set("review", review);
    o->set("price", optDec(i.price));
    o->set("outside_scope_accepted", i.outsideScopeAccepted);
    o->set("outside_scope_note", optStr(i.outsideScopeNote));
    o->set("excluded", i.excluded);
    o->set("exclusion_reason", optStr(i.exclusionReason));
    o->set("exclusion_agreed_by", optStr(i.exclusionAgreedBy));
    if (const auto& s = i.subcontract) {  // R31
        auto x = makeObject();
        x->set("receiving_lab", s->receivingLab);
        x->set("receiving_cma_no", optStr(s->receivingCmaNo));
        x->set("receiving_cnas_no", optStr(s->receivingCnasNo));
        x->set("consented_by", s->consentedBy);
        x->set("consent_ref", s->consentRef);
        x->set("consent_at", formatRfc3339(fromEpochMillis(s->consentAtMs)));
        x->set("accepted_by", optStr(s->acceptedBy));
        x->set("acceptance_ref", optStr(s->acceptanceRef));
        x->set("accepted_at", s->acceptedAtMs ? Poco::Dynamic::Var(formatRfc3339(fromEpochMillis(*s->acceptedAtMs))) : Poco::Dynamic::Var());
        x->set("dispatched_at", s->dispatchedAtMs ? Poco::Dynamic::Var(formatRfc3339(fromEpochMillis(*s->dispatchedAtMs))) : Poco::Dynamic::Var());
        o->set("subcontract", x);
    } else {
        o->set("subcontract", Poco::Dynamic::Var());
    }
    return o;
}

Poco::JSON::Object::Ptr render(const Order& x, const std::vector<Sample>* samples) {
    auto o = makeObject();
    o->set("id", std::to_string(x.id));
    o->set("code", x.code);
    o->set("customer_org_id", std::to_string(x.customerOrgId));
    o->set("customer", x.customerName);
    auto contact = makeObject();
    contact->set("name", x.contactName);
    contact->set("phone", optStr(x.contactPhone));
    contact->set("email", optStr(x.contactEmail));
    o->set("contact", contact);
    o->set("site", x.site);
    o->set("due_date", x.dueDate);
    o->set("priority", x.priority);
    auto report = makeObject();
    Poco::JSON::Array::Ptr marks = new Poco::JSON::Array;
    if (x.wantCma) marks->add("CMA");
    if (x.wantCnas) marks->add("CNAS");
    report->set("marks", marks);
    report->set("language", x.reportLanguage);
    report->set("uncertainty", x.uncertainty);
    report->set("decision_rule", optStr(x.decisionRule));
    o->set("report", report);
    o->set("status", x.status);
    auto review = makeObject();
    review->set("reviewer", optStr(x.reviewerName));
    review->set("reviewed_by_user_id", x.reviewedBy ? Poco::Dynamic::Var(std::to_string(*x.reviewedBy)) : Poco::Dynamic::Var());
    review->set("date", optStr(x.reviewedOn));
    review->set("at", x.reviewedAtMs ? Poco::Dynamic::Var(formatRfc3339(fromEpochMillis(*x.reviewedAtMs))) : Poco::Dynamic::Var());
    o->set("review", review);
    auto quote = makeObject();
    quote->set("currency", "CNY");
    quote->set("total", optDec(x.quoteTotal));
    int unpriced = 0;
    for (const auto& i : x.items) unpriced += !i.excluded && i.reviewed && !i.price;
    quote->set("unpriced_items", unpriced);
    o->set("quote", quote);
    if (!x.items.empty() || samples) {
        Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
        for (const auto& i : x.items) items->add(renderItem(i));
        o->set("items", items);
        std::vector<std::string> blockers;
        Poco::JSON::Array::Ptr b = new Poco::JSON::Array;
        if (x.status == "reviewed")
            for (const auto& f : acceptanceBlockers(x)) {
                auto fo = makeObject();
                fo->set("rule", f.id);
                fo->set("reason", f.reason);
                b->add(fo);
            }
        o->set("acceptance_blockers", b);
    }
    if (samples) {
        Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
        for (const auto& s : *samples) arr->add(renderSample(s));
        o->set("samples", arr);
    }
    o->set("created_at", formatRfc3339(fromEpochMillis(x.createdAtMs)));
    o->set("updated_at", formatRfc3339(fromEpochMillis(x.updatedAtMs)));
    return o;
}

// Collects a nested reader's findings (prefixed paths) into errors.
void absorb(JsonReader& child, std::vector<FieldError>& errors) {
    try {
        child.finish();
    } catch (const Error& e) {
        for (const auto& fe : e.fieldErrors()) errors.push_back(fe);
    }
}

void readItem(const Poco::JSON::Object::Ptr& obj, const std::string& at, const std::optional<std::string>& package,
              std::vector<ItemRequest>& out, std::vector<FieldError>& errors) {
    JsonReader r(obj, at);
    ItemRequest i;
    i.package = package;
    i.parameterId = idField(r, "parameter_id").value_or(0);
    i.methodId = idField(r, "method_id").value_or(0);
    absorb(r, errors);
    out.push_back(i);
}

OrderSampleInput readOrderSample(const Poco::JSON::Object::Ptr& obj, const std::string& at, std::vector<FieldError>& errors) {
    OrderSampleInput in;
    JsonReader r(obj, at);
    readSample(r, obj, in.sample, true);
    r.allow("items");
    auto items = obj->has("items") && !obj->isNull("items") ? obj->getArray("items") : nullptr;
    if (!items) {
        errors.push_back({at + (at.empty() ? "" : ".") + "items", "required: an array of test items"});
    } else {
        for (std::size_t j = 0; j < items->size() && j <= OrderService::kMaxItemsPerSample; ++j) {
            const std::string it = at + (at.empty() ? "" : ".") + "items[" + std::to_string(j) + "]";
            auto io = items->getObject(static_cast<unsigned>(j));
            if (!io) {
                errors.push_back({it, "must be an object"});
                continue;
            }
            if (io->has("package")) {
                // A package: a name and its own items, each recorded with the package name.
                JsonReader pr(io, it);
                auto name = pr.requiredString("package", 100);
                pr.allow("items");
                auto inner = io->has("items") && !io->isNull("items") ? io->getArray("items") : nullptr;
                if (!inner || inner->size() == 0) pr.addError("items", "required: the package's items");
                for (std::size_t k = 0; inner && k < inner->size() && k <= OrderService::kMaxItemsPerSample; ++k) {
                    auto ko = inner->getObject(static_cast<unsigned>(k));
                    const std::string kt = it + ".items[" + std::to_string(k) + "]";
                    if (!ko) errors.push_back({kt, "must be an object"});
                    else readItem(ko, kt, name, in.items, errors);
                }
                absorb(pr, errors);
            } else {
                readItem(io, it, std::nullopt, in.items, errors);
            }
        }
    }
    absorb(r, errors);
    return in;
}

Response renderFull(OrderService& svc, Request& req, const Order& o, int status = 200) {
    auto samples = svc.samples(req.principal(), o);
    auto body = render(o, &samples);
    if (status == 201) return Response::created(body, "/api/orders/" + o.code).withHeader("ETag", etag(o.version));
    return Response::json(body).withHeader("ETag", etag(o.version));
}
}  // namespace

void registerOrderRoutes(Router& router, OrderService& svc) {
    router.add({"GET", "/api/orders", "orders:read", "Orders, newest first (a customer sees its own)", [&svc](Request& req) {
        const Page pg = page(req);
        auto items = svc.list(req.principal(), pg.cursor, pg.limit, req.query("status").value_or(""));
        Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
        for (const auto& o : items) arr->add(render(o, nullptr));
        return Response::json(pageObject(arr, items.size(), pg, items.empty() ? 0 : items.back().id));
    }});
    router.add({"POST", "/api/orders", "orders:write", "Create an order (委托单) with its samples and requested items",
                [&svc](Request& req) {
                    auto body = req.jsonObject();
                    JsonReader r(body);
                    std::vector<FieldError> errors;
                    OrderTerms t;
                    t.customerOrgId = idField(r, "customer_org_id");
                    r.allow("contact");
                    if (auto c = body->has("contact") ? body->getObject("contact") : nullptr) {
                        JsonReader cr(c, "contact");
                        t.contactName = cr.optionalString("name", 100).value_or("");
                        t.contactPhone = cr.optionalString("phone", 40);
                        t.contactEmail = cr.optionalString("email", 200);
                        absorb(cr, errors);
                    }
                    t.site = r.optionalString("site", 100);
                    t.dueDate = r.optionalString("due_date", 10).value_or("");
                    t.priority = r.optionalString("priority", 8).value_or("normal");
                    r.allow("report");
                    if (auto rep = body->has("report") ? body->getObject("report") : nullptr) {
                        JsonReader rr(rep, "report");
                        for (const auto& m : rr.stringArray("marks", false, 2)) {
                            if (m == "CMA") t.wantCma = true;
                            else if (m == "CNAS") t.wantCnas = true;
                            else rr.addError("marks", "each mark is CMA or CNAS");
                        }
                        t.reportLanguage = rr.optionalString("language", 10).value_or("bilingual");
                        t.uncertainty = rr.optionalBool("uncertainty").value_or(false);
                        t.decisionRule = rr.optionalString("decision_rule", 16);
                        absorb(rr, errors);
                    }
                    r.allow("samples");
                    std::vector<OrderSampleInput> samples;
                    auto arr = body->has("samples") && !body->isNull("samples") ? body->getArray("samples") : nullptr;
                    for (std::size_t i = 0; arr && i < arr->size() && i <= OrderService::kMaxSamples; ++i) {
                        const std::string at = "samples[" + std::to_string(i) + "]";
                        auto so = arr->getObject(static_cast<unsigned>(i));
                        if (!so) errors.push_back({at, "must be an object"});
                        else samples.push_back(readOrderSample(so, at, errors));
                    }
                    if (arr && arr->size() > OrderService::kMaxSamples) samples.resize(OrderService::kMaxSamples + 1);
                    // One 400 with the body's problems and the order's (dates, register ids, ...).
                    std::set<std::string> seen;
                    for (const auto& e : errors) seen.insert(e.field);
                    for (const auto& e : r.errors()) seen.insert(e.field);
                    for (auto& e : svc.createProblems(req.principal(), t, samples))
                        if (!seen.count(e.field)) errors.push_back(std::move(e));
                    finishWith(r, errors);
                    Order o = svc.create(req.principal(), t, samples, req.requestId());
                    return renderFull(svc, req, o, 201);
                }});
    router.add({"GET", "/api/orders/{code}", "orders:read", "One order with its items, review, quote and samples",
                [&svc](Request& req) { return renderFull(svc, req, svc.get(req.principal(), req.param("code"))); }});
    router.add({"POST", "/api/orders/{code}/samples", "orders:write", "Add a sample with its items to an order",
                [&svc](Request& req) {
                    std::vector<FieldError> errors;
                    OrderSampleInput in = readOrderSample(req.jsonObject(), "", errors);
                    if (!errors.empty()) throw Error::invalid(errors);
                    Order o = svc.addSample(req.principal(), req.param("code"), ifMatch(req), in, req.requestId());
                    return renderFull(svc, req, o);
                }});
    router.add({"POST", "/api/orders/{code}/review", "orders:write",
                "Contract review (合同评审): capability, scope and price of every item, on a date", [&svc](Request& req) {
                    JsonReader r(req.jsonObject());
                    auto date = r.optionalString("date", 10);
                    r.finish();
                    Order o = svc.review(req.principal(), req.param("code"), ifMatch(req), date, req.requestId());
                    return renderFull(svc, req, o);
                }});
    auto positionOf = [](Request& req) {
        const std::int64_t position = parseId(req.param("position"));
        if (position <= 0 || position > 100000) throw Error::notFound("order item");
        return static_cast<int>(position);
    };
    router.add({"POST", "/api/orders/{code}/items/{position}", "orders:write",
                "The customer's decision on an item: accept it outside the scope, or exclude it (R33)", [&svc, positionOf](Request& req) {
                    JsonReader r(req.jsonObject());
                    ItemDecision d;
                    d.acceptOutsideScope = r.optionalBool("accept_outside_scope");
                    d.note = r.optionalString("note", 500, Lines::many);
                    d.exclude = r.optionalBool("exclude");
                    d.reason = r.optionalString("reason", 500, Lines::many);
                    d.agreedBy = r.optionalString("agreed_by", 100);
                    r.finish();
                    Order o = svc.decide(req.principal(), req.param("code"), ifMatch(req), positionOf(req), d, req.requestId());
                    return renderFull(svc, req, o);
                }});
    router.add({"POST", "/api/orders/{code}/items/{position}/subcontract", "orders:write",
                "Record the customer's written consent to subcontract an item to another lab (R31)", [&svc, positionOf](Request& req) {
                    JsonReader r(req.jsonObject());
                    SubcontractRequest s;
                    s.receivingLab = r.requiredString("receiving_lab", 200);
                    s.receivingCmaNo = r.optionalString("receiving_cma_no", 32);
                    s.receivingCnasNo = r.optionalString("receiving_cnas_no", 32);
                    s.consentedBy = r.requiredString("consented_by", 100);
                    s.consentRef = r.requiredString("consent_ref", 200);
                    r.finish();
                    return renderFull(svc, req, svc.subcontract(req.principal(), req.param("code"), ifMatch(req), positionOf(req), s, req.requestId()));
                }});
    router.add({"POST", "/api/orders/{code}/items/{position}/subcontract/acceptance", "orders:write",
                "Record the receiving lab's acceptance of a subcontracted item (R31)", [&svc, positionOf](Request& req) {
                    JsonReader r(req.jsonObject());
                    const std::string by = r.requiredString("accepted_by", 100);
                    const std::string ref = r.requiredString("acceptance_ref", 200);
                    r.finish();
                    return renderFull(svc, req,
                                      svc.acceptSubcontract(req.principal(), req.param("code"), ifMatch(req), positionOf(req), by, ref, req.requestId()));
                }});
    router.add({"POST", "/api/orders/{code}/items/{position}/subcontract/dispatch", "orders:write",
                "Dispatch a subcontracted item: only with the customer's consent and the receiving lab's acceptance (R31)",
                [&svc, positionOf](Request& req) {
                    return renderFull(svc, req,
                                      svc.dispatchSubcontract(req.principal(), req.param("code"), ifMatch(req), positionOf(req), req.requestId()));
                }});
    router.add({"POST", "/api/orders/{code}/accept", "orders:write", "Accept a reviewed order (the contract is concluded)",
                [&svc](Request& req) {
                    Order o = svc.accept(req.principal(), req.param("code"), ifMatch(req), req.requestId());
                    return renderFull(svc, req, o);
                }});
    router.add({"POST", "/api/orders/{code}/cancel", "orders:write", "Cancel an order that is not accepted", [&svc](Request& req) {
        JsonReader r(req.jsonObject());
        const std::string reason = r.optionalString("reason", 500, Lines::many).value_or("");
        r.finish();
        Order o = svc.cancel(req.principal(), req.param("code"), ifMatch(req), reason, req.requestId());
        return renderFull(svc, req, o);
    }});
}

}  // namespace assay::intake
