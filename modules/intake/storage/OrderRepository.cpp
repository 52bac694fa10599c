// OrderRepository: named queries bound with soci::use; portable to SQLite and MariaDB.
#include "storage/OrderRepository.hpp"

#include <algorithm>

#include <limits>

#include "assay/Columns.hpp"
#include "assay/Rows.hpp"

namespace assay::intake {

namespace {
using Opt = rows::NullableText;

constexpr const char* kInsert =
    "INSERT INTO int_orders (id, lab_id, code, customer_org_id, contact_name, contact_phone, contact_email, site, due_date, "
    "priority, want_cma, want_cnas, report_language, uncertainty, decision_rule, status, reviewed_by, reviewer_name, "
    "reviewed_on, reviewed_at_ms, quote_total, created_by, created_at_ms, updated_at_ms, version) VALUES (:id, :lab, :code, "
    ":customer, :contact, :phone, :email, :site, :due, :priority, :cma, :cnas, :language, :uncertainty, :rule, :status, "
    "NULL, NULL, NULL, NULL, NULL, :created_by, :created, :created2, 1)";
// An order (alias o) with its customer's name (c).
constexpr const char* kOrdersFrom = "FROM int_orders o JOIN organizations c ON c.id = o.customer_org_id ";
constexpr const char* kUpdate =
    "UPDATE int_orders SET status = :status, reviewed_by = :reviewed_by, reviewer_name = :reviewer, reviewed_on = :reviewed_on, "
    "reviewed_at_ms = :reviewed_at, quote_total = :quote, due_date = :due, updated_at_ms = :updated, version = version + 1 "
    "WHERE lab_id = :lab AND id = :id AND version = :expected";
constexpr const char* kInsertItem =
    "INSERT INTO int_order_items (id, lab_id, order_id, sample_id, position, package, parameter_id, method_id, parameter_name, "
    "method_citation, reviewed, can_perform, blockers, performers, cma_in_scope, cma_reason, cnas_in_scope, cnas_reason, price, "
    "outside_scope_accepted, outside_scope_note, excluded, exclusion_reason, exclusion_agreed_by) VALUES (:id, :lab, :order_id, "
    ":sample, :position, :package, :parameter, :method, :parameter_name, :citation, 0, 0, NULL, NULL, 0, NULL, 0, NULL, NULL, "
    "0, NULL, 0, NULL, NULL)";
constexpr const char* kUpdateItem =
    "UPDATE int_order_items SET reviewed = :reviewed, can_perform = :can, blockers = :blockers, performers = :performers, "
    "cma_in_scope = :cma, cma_reason = :cma_reason, cnas_in_scope = :cnas, cnas_reason = :cnas_reason, price = :price, "
    "outside_scope_accepted = :accepted, outside_scope_note = :note, excluded = :excluded, exclusion_reason = :ex_reason, "
    "exclusion_agreed_by = :ex_by WHERE lab_id = :lab AND id = :id";
constexpr const char* kMaxPosition = "SELECT MAX(position) FROM int_order_items WHERE lab_id = :lab AND order_id = :order_id";

using columns::field;

const columns::ColumnMap<Order> kOrders{{
    {"id", field<&Order::id>},
    {"lab_id", field<&Order::labId>},
    {"code", field<&Order::code>},
    {"customer_org_id", field<&Order::customerOrgId>},
    {"c.name AS customer_name", field<&Order::customerName>},
    {"contact_name", field<&Order::contactName>},
    {"contact_phone", field<&Order::contactPhone>},
    {"contact_email", field<&Order::contactEmail>},
    {"site", field<&Order::site>},
    {"due_date", field<&Order::dueDate>},
    {"priority", field<&Order::priority>},
    {"want_cma", field<&Order::wantCma>},
    {"want_cnas", field<&Order::wantCnas>},
    {"report_language", field<&Order::reportLanguage>},
    {"uncertainty", field<&Order::uncertainty>},
    {"decision_rule", field<&Order::decisionRule>},
    {"status", field<&Order::status>},
    {"reviewed_by", field<&Order::reviewedBy>},
    {"reviewer_name", field<&Order::reviewerName>},
    {"reviewed_on", field<&Order::reviewedOn>},
    {"reviewed_at_ms", field<&Order::reviewedAtMs>},
    {"quote_total", field<&Order::quoteTotal>},
    {"created_by", field<&Order::createdBy>},
    {"created_at_ms", field<&Order::createdAtMs>},
    {"updated_at_ms", field<&Order::updatedAtMs>},
    {"version", field<&Order::version>},
}};

// An order item (alias i) with its sample's code (s).
const columns::ColumnMap<OrderItem> kItems{{
    {"id", field<&OrderItem::id>},
    {"sample_id", field<&OrderItem::sampleId>},
    {"s.code AS sample_code", field<&OrderItem::sampleCode>},
    {"position", field<&OrderItem::position>},
    {"package", field<&OrderItem::package>},
    {"parameter_id", field<&OrderItem::parameterId>},
    {"method_id", field<&OrderItem::methodId>},
    {"parameter_name", field<&OrderItem::parameterName>},
    {"method_citation", field<&OrderItem::methodCitation>},
    {"reviewed", field<&OrderItem::reviewed>},
    {"can_perform", field<&OrderItem::canPerform>},
    {"blockers", field<&OrderItem::blockers>},
    {"performers", field<&OrderItem::performers>},
    {"cma_in_scope", field<&OrderItem::cmaInScope>},
    {"cma_reason", field<&OrderItem::cmaReason>},
    {"cnas_in_scope", field<&OrderItem::cnasInScope>},
    {"cnas_reason", field<&OrderItem::cnasReason>},
    {"price", field<&OrderItem::price>},
    {"outside_scope_accepted", field<&OrderItem::outsideScopeAccepted>},
    {"outside_scope_note", field<&OrderItem::outsideScopeNote>},
    {"excluded", field<&OrderItem::excluded>},
    {"exclusion_reason", field<&OrderItem::exclusionReason>},
    {"exclusion_agreed_by", field<&OrderItem::exclusionAgreedBy>},
}};

// R31: an item's subcontract, keyed by the item.
struct SubcontractRow {
    std::int64_t orderItemId = 0;
    Subcontract s;
};

const columns::ColumnMap<SubcontractRow> kSubcontracts{{
    {"order_item_id", field<&SubcontractRow::orderItemId>},
    {"receiving_lab", field<&SubcontractRow::s, &Subcontract::receivingLab>},
    {"receiving_cma_no", field<&SubcontractRow::s, &Subcontract::receivingCmaNo>},
    {"receiving_cnas_no", field<&SubcontractRow::s, &Subcontract::receivingCnasNo>},
    {"consented_by", field<&SubcontractRow::s, &Subcontract::consentedBy>},
    {"consent_ref", field<&SubcontractRow::s, &Subcontract::consentRef>},
    {"consent_recorded_by", field<&SubcontractRow::s, &Subcontract::consentRecordedBy>},
    {"consent_at_ms", field<&SubcontractRow::s, &Subcontract::consentAtMs>},
    {"accepted_by", field<&SubcontractRow::s, &Subcontract::acceptedBy>},
    {"acceptance_ref", field<&SubcontractRow::s, &Subcontract::acceptanceRef>},
    {"accepted_at_ms", field<&SubcontractRow::s, &Subcontract::acceptedAtMs>},
    {"dispatched_by", field<&SubcontractRow::s, &Subcontract::dispatchedBy>},
    {"dispatched_at_ms", field<&SubcontractRow::s, &Subcontract::dispatchedAtMs>},
}};

std::string scopeWhere(const SampleScope& scope) {
    return scope.labId ? "WHERE o.lab_id = :owner " : "WHERE o.customer_org_id = :owner ";
}
}  // namespace

void OrderRepository::insert(Tx& tx, const Order& o) {
    long long id = o.id, lab = o.labId, customer = o.customerOrgId, by = o.createdBy, created = o.createdAtMs;
    int cma = o.wantCma, cnas = o.wantCnas, uncertainty = o.uncertainty;
    Opt phone(o.contactPhone), email(o.contactEmail), rule(o.decisionRule);
    tx.sql() << kInsert, soci::use(id, "id"), soci::use(lab, "lab"), soci::use(o.code, "code"), soci::use(customer, "customer"),
        soci::use(o.contactName, "contact"), soci::use(phone.value, phone.ind, "phone"), soci::use(email.value, email.ind, "email"),
        soci::use(o.site, "site"), soci::use(o.dueDate, "due"), soci::use(o.priority, "priority"), soci::use(cma, "cma"),
        soci::use(cnas, "cnas"), soci::use(o.reportLanguage, "language"), soci::use(uncertainty, "uncertainty"),
        soci::use(rule.value, rule.ind, "rule"), soci::use(o.status, "status"), soci::use(by, "created_by"),
        soci::use(created, "created"), soci::use(created, "created2");
}

std::optional<Order> OrderRepository::find(Tx& tx, const SampleScope& scope, const std::string& code) {
    long long owner = scope.labId ? scope.labId : scope.customerOrgId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kOrders.select(kOrdersFrom + scopeWhere(scope) + "AND o.code = :code ORDER BY o.id", {.alias = "o"}),
         soci::use(owner, "owner"), soci::use(code, "code"));
    return kOrders.first(rs);
}

std::vector<Order> OrderRepository::list(Tx& tx, const SampleScope& scope, std::int64_t beforeId, int limit,
                                         std::optional<OrderStatus> filter, const std::string& dueBefore) {
    const std::string status = filter ? toString(*filter) : "";  // "" = any
    long long owner = scope.labId ? scope.labId : scope.customerOrgId,
              before = beforeId == 0 ? std::numeric_limits<long long>::max() : beforeId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kOrders.select(kOrdersFrom + scopeWhere(scope) +
                                                "AND o.id < :before AND (:status = '' OR o.status = :status2) "
                                                "AND (:due = '' OR o.due_date < :due2) ORDER BY o.id DESC LIMIT :lim",
                                            {.alias = "o"}),
         soci::use(owner, "owner"), soci::use(before, "before"), soci::use(status, "status"), soci::use(status, "status2"),
         soci::use(dueBefore, "due"), soci::use(dueBefore, "due2"), soci::use(limit, "lim"));
    return kOrders.all(rs);
}

bool OrderRepository::update(Tx& tx, const Order& o, int expectedVersion) {
    long long lab = o.labId, id = o.id, updated = o.updatedAtMs, by = o.reviewedBy.value_or(0), at = o.reviewedAtMs.value_or(0);
    int expected = expectedVersion;
    soci::indicator byInd = o.reviewedBy ? soci::i_ok : soci::i_null, atInd = o.reviewedAtMs ? soci::i_ok : soci::i_null;
    Opt reviewer(o.reviewerName), on(o.reviewedOn), quote(o.quoteTotal);
    soci::statement st = (tx.sql().prepare << kUpdate, soci::use(o.status, "status"), soci::use(by, byInd, "reviewed_by"),
                          soci::use(reviewer.value, reviewer.ind, "reviewer"), soci::use(on.value, on.ind, "reviewed_on"),
                          soci::use(at, atInd, "reviewed_at"), soci::use(quote.value, quote.ind, "quote"), soci::use(o.dueDate, "due"),
                          soci::use(updated, "updated"), soci::use(lab, "lab"), soci::use(id, "id"), soci::use(expected, "expected"));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

void OrderRepository::insertItem(Tx& tx, std::int64_t labId, std::int64_t orderId, const OrderItem& i) {
    long long id = i.id, lab = labId, order = orderId, sample = i.sampleId, parameter = i.parameterId, method = i.methodId;
    int position = i.position;
    Opt package(i.package);
    tx.sql() << kInsertItem, soci::use(id, "id"), soci::use(lab, "lab"), soci::use(order, "order_id"), soci::use(sample, "sample"),
        soci::use(position, "position"), soci::use(package.value, package.ind, "package"), soci::use(parameter, "parameter"),
        soci::use(method, "method"), soci::use(i.parameterName, "parameter_name"), soci::use(i.methodCitation, "citation");
}

std::vector<OrderItem> OrderRepository::items(Tx& tx, std::int64_t labId, std::int64_t orderId) {
    std::vector<OrderItem> out;
    long long lab = labId, order = orderId;
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << kItems.select("FROM int_order_items i JOIN int_samples s ON s.id = i.sample_id "
                                           "AND s.lab_id = i.lab_id "
                                           "WHERE i.lab_id = :lab AND i.order_id = :order_id ORDER BY i.position",
                                           {.alias = "i"}),
         soci::use(lab, "lab"), soci::use(order, "order_id"));
    out = kItems.all(rs);
    // R31: the items' subcontracts.
    soci::rowset<soci::row> sc =
        (tx.sql().prepare << kSubcontracts.select("FROM int_subcontracts WHERE lab_id = :lab AND order_id = :order_id"),
         soci::use(lab, "lab"), soci::use(order, "order_id"));
    for (auto& row : kSubcontracts.all(sc)) {
        auto it = std::find_if(out.begin(), out.end(), [&](const OrderItem& i) { return i.id == row.orderItemId; });
        if (it != out.end()) it->subcontract = std::move(row.s);
    }
    return out;
}

void OrderRepository::saveSubcontract(Tx& tx, std::int64_t labId, std::int64_t orderId, std::int64_t orderItemId, const Subcontract& s) {
    long long lab = labId, order = orderId, item = orderItemId, recordedBy = s.consentRecordedBy, consentAt = s.consentAtMs;
    long long acceptedAt = s.acceptedAtMs.value_or(0), dispatchedBy = s.dispatchedBy.value_or(0), dispatchedAt = s.dispatchedAtMs.value_or(0);
    soci::indicator aInd = s.acceptedAtMs ? soci::i_ok : soci::i_null, dbInd = s.dispatchedBy ? soci::i_ok : soci::i_null,
                    daInd = s.dispatchedAtMs ? soci::i_ok : soci::i_null;
    rows::NullableText cma(s.receivingCmaNo), cnas(s.receivingCnasNo), acceptedBy(s.acceptedBy), acceptanceRef(s.acceptanceRef);
    tx.sql() << "DELETE FROM int_subcontracts WHERE lab_id = :lab AND order_item_id = :item", soci::use(lab, "lab"), soci::use(item, "item");
    tx.sql() << "INSERT INTO int_subcontracts (order_item_id, lab_id, order_id, receiving_lab, receiving_cma_no, receiving_cnas_no, consented_by, "
                "consent_ref, consent_recorded_by, consent_at_ms, accepted_by, acceptance_ref, accepted_at_ms, dispatched_by, dispatched_at_ms) "
                "VALUES (:item, :lab, :order_id, :receiving, :cma, :cnas, :consented_by, :consent_ref, :recorded_by, :consent_at, :accepted_by, "
                ":acceptance_ref, :accepted_at, :dispatched_by, :dispatched_at)",
        soci::use(item, "item"), soci::use(lab, "lab"), soci::use(order, "order_id"), soci::use(s.receivingLab, "receiving"),
        soci::use(cma.value, cma.ind, "cma"), soci::use(cnas.value, cnas.ind, "cnas"), soci::use(s.consentedBy, "consented_by"),
        soci::use(s.consentRef, "consent_ref"), soci::use(recordedBy, "recorded_by"), soci::use(consentAt, "consent_at"),
        soci::use(acceptedBy.value, acceptedBy.ind, "accepted_by"), soci::use(acceptanceRef.value, acceptanceRef.ind, "acceptance_ref"),
        soci::use(acceptedAt, aInd, "accepted_at"), soci::use(dispatchedBy, dbInd, "dispatched_by"), soci::use(dispatchedAt, daInd, "dispatched_at");
}

void OrderRepository::updateItem(Tx& tx, std::int64_t labId, const OrderItem& i) {
    long long lab = labId, id = i.id;
    int reviewed = i.reviewed, can = i.canPerform, cma = i.cmaInScope, cnas = i.cnasInScope, accepted = i.outsideScopeAccepted,
        excluded = i.excluded;
    Opt blockers(i.blockers), performers(i.performers), cmaReason(i.cmaReason), cnasReason(i.cnasReason), price(i.price),
        note(i.outsideScopeNote), exReason(i.exclusionReason), exBy(i.exclusionAgreedBy);
    tx.sql() << kUpdateItem, soci::use(reviewed, "reviewed"), soci::use(can, "can"),
        soci::use(blockers.value, blockers.ind, "blockers"), soci::use(performers.value, performers.ind, "performers"),
        soci::use(cma, "cma"), soci::use(cmaReason.value, cmaReason.ind, "cma_reason"), soci::use(cnas, "cnas"),
        soci::use(cnasReason.value, cnasReason.ind, "cnas_reason"), soci::use(price.value, price.ind, "price"),
        soci::use(accepted, "accepted"), soci::use(note.value, note.ind, "note"), soci::use(excluded, "excluded"),
        soci::use(exReason.value, exReason.ind, "ex_reason"), soci::use(exBy.value, exBy.ind, "ex_by"), soci::use(lab, "lab"),
        soci::use(id, "id");
}

int OrderRepository::maxPosition(Tx& tx, std::int64_t labId, std::int64_t orderId) {
    long long lab = labId, order = orderId;
    soci::rowset<soci::row> rs = (tx.sql().prepare << kMaxPosition, soci::use(lab, "lab"), soci::use(order, "order_id"));
    for (const auto& r : rs) return static_cast<int>(rows::i64(r, 0));
    return 0;
}

}  // namespace assay::intake
