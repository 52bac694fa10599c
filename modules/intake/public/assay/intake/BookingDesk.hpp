// BookingDesk: the intake module's published interface for orders booked on the platform.
//
// Purpose: the platform link (issue 15) turns an SME's booking into a draft order waiting for
// contract review, reads the order's state to tell the SME (status, the reviewed quote, each
// item's scope verdict, the samples' receipt and status), and, when the SME accepts the lab's
// offer, records the SME's explicit acceptance of items outside the scope, the agreed due date
// and accepts the order, all through intake's own use cases (their checks, numbering and audit).
// Every method works in the caller's transaction (a caller that must survive a refusal runs the
// call in a nested Db::write of its unit of work: a savepoint). Published by IntakeModule.
// Thread-safety: implementations are safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "assay/Db.hpp"
#include "assay/Principal.hpp"

namespace assay::intake {

struct BookedItem {
    std::int64_t parameterId = 0;
    std::int64_t methodId = 0;
};

struct BookedSample {
    std::string name, category;
    std::optional<std::string> product;  // the product of the booked scope row
    std::optional<std::string> brand, model, batchNo, manufacturer, manufacturerUscc, quantity, unit;
    std::vector<BookedItem> items;
};

struct BookedOrder {
    std::int64_t customerOrgId = 0;
    std::string contactName;
    std::optional<std::string> contactPhone, contactEmail;
    std::string dueDate;  // YYYY-MM-DD
    std::optional<std::string> site;  // where the booked scope rows are performed
    bool wantCma = false, wantCnas = false;
    std::string reportLanguage = "zh";
    bool uncertainty = false;
    std::optional<std::string> decisionRule;
    std::vector<BookedSample> samples;
};

struct BookedItemState {
    int position = 0;
    std::string sampleCode, parameter, method;
    bool reviewed = false, canPerform = false, excluded = false, outsideAccepted = false;
    std::vector<std::string> outsideScope;  // the requested marks ("CMA", "CNAS") the item is outside of
    std::optional<std::string> reason;      // why (the review's R1/R5/R25 text) or why it cannot be performed
    std::optional<std::string> price;
};

struct BookedSampleState {
    std::string code, name, status;  // registered | received | in_testing | tested | reported | ...
    std::optional<std::string> condition, deviation, customerDecision, receivedAt;
};

struct OrderState {
    std::string code, status;  // draft | reviewed | accepted | cancelled
    std::string dueDate;
    std::optional<std::string> quoteTotal;  // when every item not excluded has a price
    std::vector<BookedItemState> items;
    std::vector<BookedSampleState> samples;
};

class BookingDesk {
public:
    virtual ~BookingDesk() = default;
    // A draft order for lab (the principal's organization). Returns the order code. Errors: as
    // OrderService::create (400 naming samples[i].items[j]...).
    virtual std::string createBookedOrder(Tx& tx, const Principal& lab, const BookedOrder& order, const std::string& requestId) = 0;
    virtual std::optional<OrderState> orderState(Tx& tx, std::int64_t labId, const std::string& code) = 0;
    // The customer accepted the offer: the listed positions are accepted outside the scope with
    // note, the due date becomes dueDate, and the order is accepted. Errors: 409 unless reviewed,
    // 422 with the acceptance blockers.
    virtual void acceptBookedOrder(Tx& tx, const Principal& lab, const std::string& code, const std::vector<int>& outsidePositions,
                                   const std::string& note, const std::string& dueDate, const std::string& requestId) = 0;
    // Cancels a draft or reviewed order with reason (409 once accepted).
    virtual void cancelBookedOrder(Tx& tx, const Principal& lab, const std::string& code, const std::string& reason,
                                   const std::string& requestId) = 0;
};

}  // namespace assay::intake
