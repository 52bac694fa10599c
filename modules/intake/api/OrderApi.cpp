// OrderApi: request parsing for orders; rendering is IntakeJson.
#include "api/OrderApi.hpp"
#include "domain/IntakeMessages.hpp"

#include <set>

#include "api/IntakeJson.hpp"
#include "api/SampleApi.hpp"
#include "assay/Messages.hpp"
#include "assay/ApiEdge.hpp"

namespace assay::intake {

namespace {
using Svc = OrderService;

void readItem(const Poco::JSON::Object::Ptr& obj, const std::string& at, const std::optional<std::string>& package,
              std::vector<ItemRequest>& out, std::vector<FieldError>& errors) {
    JsonReader r(obj, at);
    ItemRequest i;
    i.package = package;
    i.parameterId = idField(r, "parameter_id").value_or(0);
    i.methodId = idField(r, "method_id").value_or(0);
    absorbInto(r, errors);
    out.push_back(i);
}

// A package: a name and its own items, each recorded with the package name.
void readPackage(const Poco::JSON::Object::Ptr& io, const std::string& it, std::vector<ItemRequest>& out,
                 std::vector<FieldError>& errors) {
    JsonReader pr(io, it);
    auto name = pr.requiredString("package", 100);
    pr.allow("items");
    auto inner = io->has("items") && !io->isNull("items") ? io->getArray("items") : nullptr;
    if (!inner || inner->size() == 0) pr.addError("items", msg::kPackageItems);
    for (std::size_t k = 0; inner && k < inner->size() && k <= OrderService::kMaxItemsPerSample; ++k) {
        auto ko = inner->getObject(static_cast<unsigned>(k));
        const std::string kt = it + ".items[" + std::to_string(k) + "]";
        if (!ko) errors.push_back({kt, assay::msg::kNotObject});
        else readItem(ko, kt, name, out, errors);
    }
    absorbInto(pr, errors);
}

OrderSampleInput readOrderSample(const Poco::JSON::Object::Ptr& obj, const std::string& at, std::vector<FieldError>& errors) {
    OrderSampleInput in;
    JsonReader r(obj, at);
    readSample(r, obj, in.sample, true);
    r.allow("items");
    auto items = obj->has("items") && !obj->isNull("items") ? obj->getArray("items") : nullptr;
    const std::string prefix = at + (at.empty() ? "" : ".");
    if (!items) errors.push_back({prefix + "items", msg::kItemsArray});
    for (std::size_t j = 0; items && j < items->size() && j <= OrderService::kMaxItemsPerSample; ++j) {
        const std::string it = prefix + "items[" + std::to_string(j) + "]";
        auto io = items->getObject(static_cast<unsigned>(j));
        if (!io) errors.push_back({it, assay::msg::kNotObject});
        else if (io->has("package")) readPackage(io, it, in.items, errors);
        else readItem(io, it, std::nullopt, in.items, errors);
    }
    absorbInto(r, errors);
    return in;
}

void readContact(const Poco::JSON::Object::Ptr& body, JsonReader& r, OrderTerms& t, std::vector<FieldError>& errors) {
    r.allow("contact");
    auto c = body->has("contact") ? body->getObject("contact") : nullptr;
    if (!c) return;
    JsonReader cr(c, "contact");
    t.contactName = cr.optionalString("name", 100).value_or("");
    t.contactPhone = cr.optionalString("phone", 40);
    t.contactEmail = cr.optionalString("email", 200);
    absorbInto(cr, errors);
}

void readReportTerms(const Poco::JSON::Object::Ptr& body, JsonReader& r, OrderTerms& t, std::vector<FieldError>& errors) {
    r.allow("report");
    auto rep = body->has("report") ? body->getObject("report") : nullptr;
    if (!rep) return;
    JsonReader rr(rep, "report");
    for (const auto& m : rr.stringArray("marks", false, 2)) {
        if (m == "CMA") t.wantCma = true;
        else if (m == "CNAS") t.wantCnas = true;
        else rr.addError("marks", "each mark is CMA or CNAS");
    }
    t.reportLanguage = rr.optionalString("language", 10).value_or("bilingual");
    t.uncertainty = rr.optionalBool("uncertainty").value_or(false);
    t.decisionRule = rr.optionalString("decision_rule", 16);
    absorbInto(rr, errors);
}

OrderTerms readTerms(const Poco::JSON::Object::Ptr& body, JsonReader& r, std::vector<FieldError>& errors) {
    OrderTerms t;
    t.customerOrgId = idField(r, "customer_org_id");
    readContact(body, r, t, errors);
    t.site = r.optionalString("site", 100);
    t.dueDate = r.optionalString("due_date", 10).value_or("");
    t.priority = r.optionalString("priority", 8).value_or("normal");
    readReportTerms(body, r, t, errors);
    return t;
}

std::vector<OrderSampleInput> readOrderSamples(const Poco::JSON::Object::Ptr& body, JsonReader& r,
                                               std::vector<FieldError>& errors) {
    r.allow("samples");
    std::vector<OrderSampleInput> samples;
    auto arr = body->has("samples") && !body->isNull("samples") ? body->getArray("samples") : nullptr;
    for (std::size_t i = 0; arr && i < arr->size() && i <= OrderService::kMaxSamples; ++i) {
        const std::string at = "samples[" + std::to_string(i) + "]";
        auto so = arr->getObject(static_cast<unsigned>(i));
        if (!so) errors.push_back({at, assay::msg::kNotObject});
        else samples.push_back(readOrderSample(so, at, errors));
    }
    if (arr && arr->size() > OrderService::kMaxSamples) samples.resize(OrderService::kMaxSamples + 1);
    return samples;
}

Response renderFull(Svc& svc, Request& req, const Order& o, int status = 200) {
    auto samples = svc.samples(req.principal(), o);
    auto body = toJson(o, &samples);
    if (status == 201) return Response::created(body, "/api/orders/" + o.code).withHeader("ETag", etag(o.version));
    return Response::json(body).withHeader("ETag", etag(o.version));
}

int positionOf(Request& req) {
    const std::int64_t position = parseId(req.param("position"));
    if (position <= 0 || position > 100000) throw Error::notFound("order item");
    return static_cast<int>(position);
}

Response listOrders(Request& req, Svc& svc) {
    const Page pg = page(req);
    auto items = svc.list(req.principal(), pg.cursor, pg.limit, queryEnum<OrderStatus>(req, "status"), req.query("overdue").value_or("") == "1");
    return Response::json(pageOf(items, pg));
}

Response createOrder(Request& req, Svc& svc) {
    auto body = req.jsonObject();
    JsonReader r(body);
    std::vector<FieldError> errors;
    const OrderTerms t = readTerms(body, r, errors);
    const std::vector<OrderSampleInput> samples = readOrderSamples(body, r, errors);
    // One 400 with the body's problems and the order's (dates, register ids, ...).
    std::set<std::string> seen;
    for (const auto& e : errors) seen.insert(e.field);
    for (const auto& e : r.errors()) seen.insert(e.field);
    for (auto& e : svc.createProblems(req.principal(), t, samples))
        if (!seen.count(e.field)) errors.push_back(std::move(e));
    finishWith(r, errors);
    return renderFull(svc, req, svc.create(req.principal(), t, samples, req.requestId()), 201);
}

Response getOrder(Request& req, Svc& svc) { return renderFull(svc, req, svc.get(req.principal(), req.param("code"))); }

Response addSample(Request& req, Svc& svc) {
    std::vector<FieldError> errors;
    OrderSampleInput in = readOrderSample(req.jsonObject(), "", errors);
    if (!errors.empty()) throw Error::invalid(errors);
    return renderFull(svc, req, svc.addSample(req.principal(), req.param("code"), ifMatch(req), in, req.requestId()));
}

Response review(Request& req, Svc& svc) {
    JsonReader r(req.jsonObject());
    auto date = r.optionalString("date", 10);
    r.finish();
    return renderFull(svc, req, svc.review(req.principal(), req.param("code"), ifMatch(req), date, req.requestId()));
}

Response chooseSpecification(Request& req, Svc& svc) {
    auto body = req.jsonObject();
    JsonReader r(body);
    const auto spec = nullableIdField(r, body, "specification_id");
    r.finish();
    return renderFull(svc, req,
                      svc.chooseSpecification(req.principal(), req.param("code"), ifMatch(req), req.param("sample"), spec, req.requestId()));
}

Response decide(Request& req, Svc& svc) {
    JsonReader r(req.jsonObject());
    ItemDecision d;
    d.acceptOutsideScope = r.optionalBool("accept_outside_scope");
    d.note = r.optionalString("note", 500, Lines::many);
    d.exclude = r.optionalBool("exclude");
    d.reason = r.optionalString("reason", 500, Lines::many);
    d.agreedBy = r.optionalString("agreed_by", 100);
    r.finish();
    return renderFull(svc, req, svc.decide(req.principal(), req.param("code"), ifMatch(req), positionOf(req), d, req.requestId()));
}

Response subcontract(Request& req, Svc& svc) {
    JsonReader r(req.jsonObject());
    SubcontractRequest s;
    s.receivingLab = r.requiredString("receiving_lab", 200);
    s.receivingCmaNo = r.optionalString("receiving_cma_no", 32);
    s.receivingCnasNo = r.optionalString("receiving_cnas_no", 32);
    s.consentedBy = r.requiredString("consented_by", 100);
    s.consentRef = r.requiredString("consent_ref", 200);
    r.finish();
    return renderFull(svc, req, svc.subcontract(req.principal(), req.param("code"), ifMatch(req), positionOf(req), s, req.requestId()));
}

Response acceptSubcontract(Request& req, Svc& svc) {
    JsonReader r(req.jsonObject());
    const std::string by = r.requiredString("accepted_by", 100);
    const std::string ref = r.requiredString("acceptance_ref", 200);
    r.finish();
    return renderFull(svc, req,
                      svc.acceptSubcontract(req.principal(), req.param("code"), ifMatch(req), positionOf(req), by, ref, req.requestId()));
}

Response dispatchSubcontract(Request& req, Svc& svc) {
    return renderFull(svc, req,
                      svc.dispatchSubcontract(req.principal(), req.param("code"), ifMatch(req), positionOf(req), req.requestId()));
}

Response accept(Request& req, Svc& svc) {
    return renderFull(svc, req, svc.accept(req.principal(), req.param("code"), ifMatch(req), req.requestId()));
}

Response cancel(Request& req, Svc& svc) {
    JsonReader r(req.jsonObject());
    const std::string reason = r.optionalString("reason", 500, Lines::many).value_or("");
    r.finish();
    return renderFull(svc, req, svc.cancel(req.principal(), req.param("code"), ifMatch(req), reason, req.requestId()));
}

const RouteEntry<Svc> kRoutes[] = {
    {"GET", "/api/orders", "orders:read", "Orders, newest first (a customer sees its own)", listOrders},
    {"POST", "/api/orders", "orders:write", "Create an order (委托单) with its samples and requested items", createOrder},
    {"GET", "/api/orders/{code}", "orders:read", "One order with its items, review, quote and samples", getOrder},
    {"POST", "/api/orders/{code}/samples", "orders:write", "Add a sample with its items to an order", addSample},
    {"POST", "/api/orders/{code}/samples/{sample}/specification", "orders:write", "Choose the specification a sample's results are judged by, at contract review", chooseSpecification},
    {"POST", "/api/orders/{code}/review", "orders:write", "Contract review (合同评审): capability, scope and price of every item, on a date", review},
    {"POST", "/api/orders/{code}/items/{position}", "orders:write", "The customer's decision on an item: accept it outside the scope, or exclude it (R33)", decide},
    {"POST", "/api/orders/{code}/items/{position}/subcontract", "orders:write", "Record the customer's written consent to subcontract an item to another lab (R31)", subcontract},
    {"POST", "/api/orders/{code}/items/{position}/subcontract/acceptance", "orders:write", "Record the receiving lab's acceptance of a subcontracted item (R31)", acceptSubcontract},
    {"POST", "/api/orders/{code}/items/{position}/subcontract/dispatch", "orders:write", "Dispatch a subcontracted item: only with the customer's consent and the receiving lab's acceptance (R31)", dispatchSubcontract},
    {"POST", "/api/orders/{code}/accept", "orders:write", "Accept a reviewed order (the contract is concluded)", accept},
    {"POST", "/api/orders/{code}/cancel", "orders:write", "Cancel an order that is not accepted", cancel},
};
}  // namespace

void registerOrderRoutes(Router& router, OrderService& svc) { addRoutes(router, svc, kRoutes); }

}  // namespace assay::intake
