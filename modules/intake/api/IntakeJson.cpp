// IntakeJson: samples, orders, items, custody events and retention periods as JSON (field tables:
// assay/JsonFields.hpp).
#include "api/IntakeJson.hpp"

#include "assay/JsonFields.hpp"
#include "assay/RequestLang.hpp"
#include "assay/StoredReasons.hpp"

namespace assay::intake {

namespace {
// A contract review verdict: null until the item is reviewed.
template <bool OrderItem::*verdict>
Poco::Dynamic::Var whenReviewed(const OrderItem& i) {
    return i.reviewed ? Poco::Dynamic::Var(i.*verdict) : Poco::Dynamic::Var();
}

// Stored verdict texts (assay/StoredReasons.hpp) in the reader's language.
template <std::optional<std::string> OrderItem::*stored>
std::string shown(const OrderItem& i) {
    return i.*stored ? renderReasons(loadReasons(*(i.*stored)), requestLang()) : std::string();
}

// Why an item is outside a scheme's scope (basis false), or the row that covers it (basis true).
template <bool OrderItem::*inScope, std::optional<std::string> OrderItem::*stored, bool basis>
std::string scopeReason(const OrderItem& i) {
    return i.reviewed && i.*inScope == basis ? shown<stored>(i) : std::string();
}

constexpr auto kItemReview = fields<OrderItem>(
    field::flag("reviewed", &OrderItem::reviewed),
    field::json("can_perform", whenReviewed<&OrderItem::canPerform>),
    field::nonEmpty("blockers", shown<&OrderItem::blockers>),
    field::optText("performers", &OrderItem::performers),
    field::json("cma_in_scope", whenReviewed<&OrderItem::cmaInScope>),
    field::nonEmpty("cma_reason", scopeReason<&OrderItem::cmaInScope, &OrderItem::cmaReason, false>),
    field::nonEmpty("cma_basis", scopeReason<&OrderItem::cmaInScope, &OrderItem::cmaReason, true>),
    field::json("cnas_in_scope", whenReviewed<&OrderItem::cnasInScope>),
    field::nonEmpty("cnas_reason", scopeReason<&OrderItem::cnasInScope, &OrderItem::cnasReason, false>),
    field::nonEmpty("cnas_basis", scopeReason<&OrderItem::cnasInScope, &OrderItem::cnasReason, true>));

// R31
constexpr auto kSubcontract = fields<Subcontract>(
    field::text("receiving_lab", &Subcontract::receivingLab),
    field::optText("receiving_cma_no", &Subcontract::receivingCmaNo),
    field::optText("receiving_cnas_no", &Subcontract::receivingCnasNo),
    field::text("consented_by", &Subcontract::consentedBy),
    field::text("consent_ref", &Subcontract::consentRef),
    field::time("consent_at", &Subcontract::consentAtMs),
    field::optText("accepted_by", &Subcontract::acceptedBy),
    field::optText("acceptance_ref", &Subcontract::acceptanceRef),
    field::optTime("accepted_at", &Subcontract::acceptedAtMs),
    field::optTime("dispatched_at", &Subcontract::dispatchedAtMs));

constexpr auto kContact = fields<Order>(
    field::text("name", &Order::contactName),
    field::optText("phone", &Order::contactPhone),
    field::optText("email", &Order::contactEmail));

Poco::JSON::Array::Ptr marks(const Order& x) {
    Poco::JSON::Array::Ptr marks = new Poco::JSON::Array;
    if (x.wantCma) marks->add("CMA");
    if (x.wantCnas) marks->add("CNAS");
    return marks;
}

constexpr auto kReport = fields<Order>(
    field::json("marks", marks),
    field::text("language", &Order::reportLanguage),
    field::flag("uncertainty", &Order::uncertainty),
    field::optText("decision_rule", &Order::decisionRule));

constexpr auto kOrderReview = fields<Order>(
    field::optText("reviewer", &Order::reviewerName),
    field::optId("reviewed_by_user_id", &Order::reviewedBy),
    field::optDate("date", &Order::reviewedOn),
    field::optTime("at", &Order::reviewedAtMs));

int unpricedItems(const Order& x) {
    int unpriced = 0;
    for (const auto& i : x.items) unpriced += !i.excluded && i.reviewed && !i.price;
    return unpriced;
}

constexpr auto kQuote = fields<Order>(
    field::constant("currency", "CNY"),
    field::optDecimal("total", &Order::quoteTotal),
    field::integer("unpriced_items", unpricedItems));

constexpr auto kBlocker = fields<RuleFailure>(
    field::text("rule", &RuleFailure::id),
    field::text("reason", [](const RuleFailure& f) { return f.message.render(requestLang()); }),
    field::text("code", [](const RuleFailure& f) { return f.message.code(); }));

Poco::JSON::Array::Ptr blockersOf(const Order& x) {
    if (x.status != OrderStatus::Reviewed) return new Poco::JSON::Array;
    return jsonArray(acceptanceBlockers(x), kBlocker);
}

constexpr auto kSample = fields<Sample>(
    field::id("id", &Sample::id),
    field::text("code", &Sample::code),
    field::optText("parent_code", &Sample::parentCode),
    field::optText("order_code", &Sample::orderCode),
    field::optId("customer_org_id", &Sample::customerOrgId),
    field::text("name", &Sample::name),
    field::optText("product", &Sample::product),
    field::text("product_category", &Sample::productCategory),
    field::optId("specification_id", &Sample::specificationId),
    field::optText("brand", &Sample::brand),
    field::optText("model", &Sample::model),
    field::optText("batch_no", &Sample::batchNo),
    field::optText("manufacturer", &Sample::manufacturer),
    field::optText("manufacturer_uscc", &Sample::manufacturerUscc),
    field::optDate("production_date", &Sample::productionDate),
    field::optDecimal("quantity", &Sample::quantity),
    field::optText("unit", &Sample::unit),
    field::optText("gtin", &Sample::gtin),
    field::text("status", &Sample::status),
    field::strings("allowed_transitions", [](const Sample& s) { return toStrings(allowedTransitions(s.status)); }),
    field::optText("condition", &Sample::condition),
    field::optText("deviation", &Sample::deviation),
    field::optText("customer_decision", &Sample::customerDecision),
    field::optTime("received_at", &Sample::receivedAtMs),
    field::text("holder", &Sample::holder),
    field::optDate("retain_until", &Sample::retainUntil),
    field::optText("disposal_method", &Sample::disposalMethod),
    field::time("created_at", &Sample::createdAtMs),
    field::time("updated_at", &Sample::updatedAtMs));

constexpr auto kCustodyEvent = fields<CustodyEvent>(
    field::time("at", &CustodyEvent::atMs),
    field::text("by", &CustodyEvent::byName),
    field::id("by_user_id", &CustodyEvent::byUser),
    field::text("from", &CustodyEvent::fromHolder),
    field::text("to", &CustodyEvent::toHolder),
    field::text("reason", &CustodyEvent::reason));

constexpr auto kRetentionPeriod = fields<RetentionPeriod>(
    field::text("product_category", &RetentionPeriod::productCategory),
    field::integer("days", &RetentionPeriod::days));

constexpr auto kOrderItem = fields<OrderItem>(
    field::integer("position", &OrderItem::position),
    field::text("sample_code", &OrderItem::sampleCode),
    field::optText("package", &OrderItem::package),
    field::id("parameter_id", &OrderItem::parameterId),
    field::text("parameter", &OrderItem::parameterName),
    field::id("method_id", &OrderItem::methodId),
    field::text("method", &OrderItem::methodCitation),
    field::group("review", kItemReview),
    field::optDecimal("price", &OrderItem::price),
    field::flag("outside_scope_accepted", &OrderItem::outsideScopeAccepted),
    field::optText("outside_scope_note", &OrderItem::outsideScopeNote),
    field::flag("excluded", &OrderItem::excluded),
    field::optText("exclusion_reason", &OrderItem::exclusionReason),
    field::optText("exclusion_agreed_by", &OrderItem::exclusionAgreedBy),
    field::optObject("subcontract", &OrderItem::subcontract, kSubcontract));

constexpr auto kOrderHead = fields<Order>(
    field::id("id", &Order::id),
    field::text("code", &Order::code),
    field::id("customer_org_id", &Order::customerOrgId),
    field::text("customer", &Order::customerName),
    field::group("contact", kContact),
    field::text("site", &Order::site),
    field::date("due_date", &Order::dueDate),
    field::text("priority", &Order::priority),
    field::group("report", kReport),
    field::text("status", &Order::status),
    field::group("review", kOrderReview),
    field::group("quote", kQuote));
// With the full view, or when a listing's order carries them.
constexpr auto kOrderItems = fields<Order>(
    field::array("items", &Order::items),
    field::json("acceptance_blockers", blockersOf));
constexpr auto kOrderTimes = fields<Order>(
    field::time("created_at", &Order::createdAtMs),
    field::time("updated_at", &Order::updatedAtMs));
}  // namespace

Poco::JSON::Object::Ptr toJson(const Sample& s) { return kSample(s); }

Poco::JSON::Object::Ptr toJson(const std::vector<Sample>& samples) {
    auto o = makeObject();
    o->set("count", static_cast<int>(samples.size()));
    o->set("items", jsonArray(samples));
    return o;
}

Poco::JSON::Object::Ptr toJson(const CustodyEvent& e) { return kCustodyEvent(e); }
Poco::JSON::Object::Ptr toJson(const RetentionPeriod& p) { return kRetentionPeriod(p); }
Poco::JSON::Object::Ptr toJson(const OrderItem& i) { return kOrderItem(i); }

Poco::JSON::Object::Ptr toJson(const Order& x, const std::vector<Sample>* samples) {
    auto o = kOrderHead(x);
    if (!x.items.empty() || samples) kOrderItems.setInto(*o, x);
    if (samples) o->set("samples", jsonArray(*samples));
    kOrderTimes.setInto(*o, x);
    return o;
}

}  // namespace assay::intake
