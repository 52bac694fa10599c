// IntakeJson: samples, orders, items, custody events and retention periods as JSON.
#include "api/IntakeJson.hpp"

#include "assay/ApiEdge.hpp"

namespace assay::intake {

namespace {
Poco::Dynamic::Var optBool(bool reviewed, bool v) { return reviewed ? Poco::Dynamic::Var(v) : Poco::Dynamic::Var(); }

Poco::JSON::Array::Ptr strings(const std::vector<std::string>& v) {
    return jsonArray(v, [](const std::string& s) { return s; });
}

Poco::JSON::Object::Ptr reviewOf(const OrderItem& i) {
    auto review = makeObject();
    review->set("reviewed", i.reviewed);
    review->set("can_perform", optBool(i.reviewed, i.canPerform));
    review->set("blockers", optStr(i.blockers));
    review->set("performers", optStr(i.performers));
    review->set("cma_in_scope", optBool(i.reviewed, i.cmaInScope));
    review->set("cma_reason", optStr(i.cmaReason));
    review->set("cnas_in_scope", optBool(i.reviewed, i.cnasInScope));
    review->set("cnas_reason", optStr(i.cnasReason));
    return review;
}

Poco::Dynamic::Var subcontractOf(const OrderItem& i) {
    const auto& s = i.subcontract;  // R31
    if (!s) return Poco::Dynamic::Var();
    auto x = makeObject();
    x->set("receiving_lab", s->receivingLab);
    x->set("receiving_cma_no", optStr(s->receivingCmaNo));
    x->set("receiving_cnas_no", optStr(s->receivingCnasNo));
    x->set("consented_by", s->consentedBy);
    x->set("consent_ref", s->consentRef);
    x->set("consent_at", rfc3339(s->consentAtMs));
    x->set("accepted_by", optStr(s->acceptedBy));
    x->set("acceptance_ref", optStr(s->acceptanceRef));
    x->set("accepted_at", optTime(s->acceptedAtMs));
    x->set("dispatched_at", optTime(s->dispatchedAtMs));
    return x;
}

Poco::JSON::Object::Ptr contactOf(const Order& x) {
    auto contact = makeObject();
    contact->set("name", x.contactName);
    contact->set("phone", optStr(x.contactPhone));
    contact->set("email", optStr(x.contactEmail));
    return contact;
}

Poco::JSON::Object::Ptr reportOf(const Order& x) {
    auto report = makeObject();
    Poco::JSON::Array::Ptr marks = new Poco::JSON::Array;
    if (x.wantCma) marks->add("CMA");
    if (x.wantCnas) marks->add("CNAS");
    report->set("marks", marks);
    report->set("language", x.reportLanguage);
    report->set("uncertainty", x.uncertainty);
    report->set("decision_rule", optStr(x.decisionRule));
    return report;
}

Poco::JSON::Object::Ptr reviewOf(const Order& x) {
    auto review = makeObject();
    review->set("reviewer", optStr(x.reviewerName));
    review->set("reviewed_by_user_id", optId(x.reviewedBy));
    review->set("date", optStr(x.reviewedOn));
    review->set("at", optTime(x.reviewedAtMs));
    return review;
}

Poco::JSON::Object::Ptr quoteOf(const Order& x) {
    auto quote = makeObject();
    quote->set("currency", "CNY");
    quote->set("total", optDec(x.quoteTotal));
    int unpriced = 0;
    for (const auto& i : x.items) unpriced += !i.excluded && i.reviewed && !i.price;
    quote->set("unpriced_items", unpriced);
    return quote;
}

Poco::JSON::Array::Ptr blockersOf(const Order& x) {
    Poco::JSON::Array::Ptr b = new Poco::JSON::Array;
    if (x.status == "reviewed")
        for (const auto& f : acceptanceBlockers(x)) {
            auto fo = makeObject();
            fo->set("rule", f.id);
            fo->set("reason", f.reason);
            b->add(fo);
        }
    return b;
}
}  // namespace

Poco::JSON::Object::Ptr toJson(const Sample& s) {
    auto o = makeObject();
    o->set("id", std::to_string(s.id));
    o->set("code", s.code);
    o->set("parent_code", optStr(s.parentCode));
    o->set("order_code", optStr(s.orderCode));
    o->set("customer_org_id", optId(s.customerOrgId));
    o->set("name", s.name);
    o->set("product_category", s.productCategory);
    o->set("brand", optStr(s.brand));
    o->set("model", optStr(s.model));
    o->set("batch_no", optStr(s.batchNo));
    o->set("manufacturer", optStr(s.manufacturer));
    o->set("manufacturer_uscc", optStr(s.manufacturerUscc));
    o->set("production_date", optStr(s.productionDate));
    o->set("quantity", optDec(s.quantity));
    o->set("unit", optStr(s.unit));
    o->set("gtin", optStr(s.gtin));
    o->set("status", s.status);
    o->set("allowed_transitions", strings(allowedTransitions(s.status)));
    o->set("condition", optStr(s.condition));
    o->set("deviation", optStr(s.deviation));
    o->set("customer_decision", optStr(s.customerDecision));
    o->set("received_at", optTime(s.receivedAtMs));
    o->set("holder", s.holder);
    o->set("retain_until", optStr(s.retainUntil));
    o->set("disposal_method", optStr(s.disposalMethod));
    o->set("created_at", rfc3339(s.createdAtMs));
    o->set("updated_at", rfc3339(s.updatedAtMs));
    return o;
}

Poco::JSON::Object::Ptr toJson(const std::vector<Sample>& samples) {
    auto o = makeObject();
    o->set("count", static_cast<int>(samples.size()));
    o->set("items", jsonArray(samples));
    return o;
}

Poco::JSON::Object::Ptr toJson(const CustodyEvent& e) {
    auto o = makeObject();
    o->set("at", rfc3339(e.atMs));
    o->set("by", e.byName);
    o->set("by_user_id", std::to_string(e.byUser));
    o->set("from", e.fromHolder);
    o->set("to", e.toHolder);
    o->set("reason", e.reason);
    return o;
}

Poco::JSON::Object::Ptr toJson(const RetentionPeriod& p) {
    auto o = makeObject();
    o->set("product_category", p.productCategory);
    o->set("days", p.days);
    return o;
}

Poco::JSON::Object::Ptr toJson(const OrderItem& i) {
    auto o = makeObject();
    o->set("position", i.position);
    o->set("sample_code", i.sampleCode);
    o->set("package", optStr(i.package));
    o->set("parameter_id", std::to_string(i.parameterId));
    o->set("parameter", i.parameterName);
    o->set("method_id", std::to_string(i.methodId));
    o->set("method", i.methodCitation);
    o->set("review", reviewOf(i));
    o->set("price", optDec(i.price));
    o->set("outside_scope_accepted", i.outsideScopeAccepted);
    o->set("outside_scope_note", optStr(i.outsideScopeNote));
    o->set("excluded", i.excluded);
    o->set("exclusion_reason", optStr(i.exclusionReason));
    o->set("exclusion_agreed_by", optStr(i.exclusionAgreedBy));
    o->set("subcontract", subcontractOf(i));
    return o;
}

Poco::JSON::Object::Ptr toJson(const Order& x, const std::vector<Sample>* samples) {
    auto o = makeObject();
    o->set("id", std::to_string(x.id));
    o->set("code", x.code);
    o->set("customer_org_id", std::to_string(x.customerOrgId));
    o->set("customer", x.customerName);
    o->set("contact", contactOf(x));
    o->set("site", x.site);
    o->set("due_date", x.dueDate);
    o->set("priority", x.priority);
    o->set("report", reportOf(x));
    o->set("status", x.status);
    o->set("review", reviewOf(x));
    o->set("quote", quoteOf(x));
    if (!x.items.empty() || samples) {
        o->set("items", jsonArray(x.items));
        o->set("acceptance_blockers", blockersOf(x));
    }
    if (samples) o->set("samples", jsonArray(*samples));
    o->set("created_at", rfc3339(x.createdAtMs));
    o->set("updated_at", rfc3339(x.updatedAtMs));
    return o;
}

}  // namespace assay::intake
