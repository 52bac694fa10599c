// OrderApi: HTTP handlers of orders (委托单), contract review and the quote.
//
// Routes (permission):
//   GET  /api/orders                           orders:read   ?status=&cursor=&limit= (newest first)
//   POST /api/orders                           orders:write  {customer_org_id, contact: {name, phone?, email?}, site?,
//                                                             due_date, priority?, report: {marks: [CMA|CNAS], language,
//                                                             uncertainty, decision_rule?}, samples: [{<sample fields>,
//                                                             items: [{parameter_id, method_id} | {package, items: [...]}]}]}
//   GET  /api/orders/{code}                    orders:read   with items, review, quote and samples; ETag
//   POST /api/orders/{code}/samples            orders:write  {<sample fields>, items}, If-Match
//   POST /api/orders/{code}/review             orders:write  {date?}, If-Match: contract review + quote
//   POST /api/orders/{code}/items/{position}   orders:write  {accept_outside_scope?, note?, exclude?, reason?, agreed_by?}
//   POST /api/orders/{code}/accept             orders:write  If-Match; 422 lists every blocker
//   POST /api/orders/{code}/cancel             orders:write  {reason}, If-Match
// Thread-safety: handlers are safe from any request thread.
#pragma once

#include "assay/Http.hpp"
#include "domain/OrderService.hpp"

namespace assay::intake {

void registerOrderRoutes(Router& router, OrderService& service);

}  // namespace assay::intake
