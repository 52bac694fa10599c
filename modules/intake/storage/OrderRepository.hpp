// OrderRepository: all SQL of int_orders and int_order_items.
//
// Purpose: orders and their requested items. Every query carries the lab id, or for a
// customer's view the customer organization. Items are never deleted: an exclusion is an
// update (R33). No transactions, permissions or audit here.
// Thread-safety: stateless; safe from any thread with its own Tx.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "assay/Db.hpp"
#include "domain/Order.hpp"
#include "domain/Sample.hpp"

namespace assay::intake {

class OrderRepository {
public:
    void insert(Tx& tx, const Order& o);
    // Without items; by code as the scope sees it (a lab: its own; a customer: its own orders).
    std::optional<Order> find(Tx& tx, const SampleScope& scope, const std::string& code);
    // Newest first; beforeId 0 = from the newest; no status = any.
    // dueBefore "" = any due date; else only orders due before that day (YYYY-MM-DD).
    std::vector<Order> list(Tx& tx, const SampleScope& scope, std::int64_t beforeId, int limit, std::optional<OrderStatus> status,
                            const std::string& dueBefore = "");
    // Status, review and quote. False when expectedVersion is stale.
    bool update(Tx& tx, const Order& o, int expectedVersion);
    void insertItem(Tx& tx, std::int64_t labId, std::int64_t orderId, const OrderItem& i);
    std::vector<OrderItem> items(Tx& tx, std::int64_t labId, std::int64_t orderId);  // with their subcontracts (R31)
    void saveSubcontract(Tx& tx, std::int64_t labId, std::int64_t orderId, std::int64_t orderItemId, const Subcontract& s);
    // The review verdict, the price and the customer's decisions of one item.
    void updateItem(Tx& tx, std::int64_t labId, const OrderItem& i);
    int maxPosition(Tx& tx, std::int64_t labId, std::int64_t orderId);
};

}  // namespace assay::intake
