// OrderService: orders (委托单) with their samples and requested items, the contract review
// (合同评审) with the quote, the customer's decisions on items, and acceptance.
//
// Purpose: a technician or manager creates an order for a customer organization with its
// samples (registered and numbered like any sample, R18) and the items asked for each. The
// contract review asks accreditation's CapabilityCheck, per item, whether the lab can do it
// (method R23, an authorized performer R13, usable equipment R15) and whether it is inside the
// CMA and CNAS scope (R1, R5, R25), prices it from the register's price list, and stores the
// reviewer and date. The customer may accept an item outside a requested mark's scope, or agree
// to exclude an item (R33); nothing is removed silently. Acceptance is blocked until every
// remaining item can be done and every scope gap is accepted. Every change is audited.
// Tenancy: the lab's staff see their lab's orders; a customer's users see only their own
// organization's orders (read-only); anything else is a 404.
// Thread-safety: safe from any request thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "assay/Audit.hpp"
#include "assay/Db.hpp"
#include "assay/IdGenerator.hpp"
#include "assay/Principal.hpp"
#include "assay/ServiceRegistry.hpp"
#include "assay/accreditation/CapabilityCheck.hpp"
#include "assay/accreditation/Register.hpp"
#include "assay/identity/OrganizationDirectory.hpp"
#include "assay/intake/BookingDesk.hpp"
#include "assay/intake/OrderAcceptance.hpp"
#include "assay/intake/OrderedItems.hpp"
#include "domain/Order.hpp"
#include "domain/SampleService.hpp"
#include "storage/OrderRepository.hpp"

namespace assay::intake {

struct ItemRequest {
    std::int64_t parameterId = 0;
    std::int64_t methodId = 0;
    std::optional<std::string> package;
};

struct OrderSampleInput {
    SampleInput sample;
    std::vector<ItemRequest> items;
};

struct ItemDecision {
    std::optional<bool> acceptOutsideScope;  // the customer accepts it without the mark
    std::optional<std::string> note;
    std::optional<bool> exclude;             // R33: leave it out with the customer's agreement
    std::optional<std::string> reason;
    std::optional<std::string> agreedBy;     // who agreed for the customer
};

struct SubcontractRequest {
    std::string receivingLab;
    std::optional<std::string> receivingCmaNo, receivingCnasNo;
    std::string consentedBy;  // who gave the customer's written consent
    std::string consentRef;   // the consent document (letter, signed order clause)
};

class OrderService final : public OrderedItems, public BookingDesk {
public:
    static constexpr std::size_t kMaxSamples = 200;
    static constexpr std::size_t kMaxItemsPerSample = 100;

    OrderService(Db& db, const Clock& clock, IdGenerator& ids, AuditLog& audit, identity::OrganizationDirectory& orgs,
                 accreditation::Register& reg, accreditation::CapabilityCheck& capability, SampleService& samples,
                 std::string codeFormat, std::string defaultSite)
        : db_(db), clock_(clock), ids_(ids), audit_(audit), orgs_(orgs), register_(reg), capability_(capability),
          samples_(samples), format_(std::move(codeFormat)), defaultSite_(std::move(defaultSite)) {}

    // Every problem with a new order, fields named as in the API (the handler merges them with
    // the body's own). Errors: 422 when the caller is not in a lab.
    std::vector<FieldError> createProblems(const Principal& p, const OrderTerms& terms, const std::vector<OrderSampleInput>& samples);
    // The same, in the caller's transaction (create() asks it again in its own).
    std::vector<FieldError> createProblems(Tx& tx, const Principal& p, const OrderTerms& terms, const std::vector<OrderSampleInput>& samples);
    // A draft order with its samples and items, in one transaction. Errors: 400 naming every bad
    // field (samples[i].items[j].method_id ...; a parameter or method the register lacks);
    // 422 when the caller is not in a lab or the lab has no code.
    Order create(const Principal& p, const OrderTerms& terms, const std::vector<OrderSampleInput>& samples,
                 const std::string& requestId);
    // Adds a sample with its items to a draft or reviewed order (a reviewed order goes back to
    // draft: it must be reviewed again). Errors: 400; 404; 409 when accepted or cancelled; 412.
    Order addSample(const Principal& p, const std::string& code, int expectedVersion, const OrderSampleInput& in,
                    const std::string& requestId);
    Order get(const Principal& p, const std::string& code);  // with items; 404
    // overdue: only accepted orders due before the lab's today (the dashboard's 逾期 queue).
    std::vector<Order> list(const Principal& p, std::int64_t beforeId, int limit, std::optional<OrderStatus> status, bool overdue = false);
    std::vector<Sample> samples(const Principal& p, const Order& o);
    // The contract review on date (default today): every item not excluded gets the capability
    // and scope verdicts and its price; the order becomes reviewed with the quote total.
    // Errors: 400 (date); 404; 409 unless draft or reviewed; 412.
    Order review(const Principal& p, const std::string& code, int expectedVersion, const std::optional<std::string>& date,
                 const std::string& requestId);
    // R31: the customer's written consent to send item `position` to the receiving lab (before
    // acceptance or after it); replaces an earlier one that was not dispatched. Errors: 400
    // (receiving_lab, consented_by, consent_ref); 404; 409 cancelled, excluded or dispatched; 412.
    Order subcontract(const Principal& p, const std::string& code, int expectedVersion, int position, const SubcontractRequest& r,
                      const std::string& requestId);
    // R31: the receiving lab's acceptance. Errors: 400; 404 (no subcontract); 409 dispatched; 412.
    Order acceptSubcontract(const Principal& p, const std::string& code, int expectedVersion, int position, const std::string& acceptedBy,
                            const std::string& acceptanceRef, const std::string& requestId);
    // R31: dispatch, refused (422 R31) until the consent and the acceptance are recorded and the
    // order is accepted. Errors: 404; 409 dispatched already; 412; 422.
    Order dispatchSubcontract(const Principal& p, const std::string& code, int expectedVersion, int position, const std::string& requestId);
    // The customer's decision on one item. Errors: 400 (a reason and who agreed to exclude; a
    // note to accept outside the scope); 404; 409 when cancelled, or un-excluding after
    // acceptance; 412.
    Order decide(const Principal& p, const std::string& code, int expectedVersion, int position, const ItemDecision& d,
                 const std::string& requestId);
    // Errors: 404; 409 when not reviewed; 412; 422 listing every blocker (acceptanceBlockers).
    // The steps other modules added (testing: the order's test items) run in the same
    // transaction, after the order is stored as accepted; their failure leaves it unaccepted.
    Order accept(const Principal& p, const std::string& code, int expectedVersion, const std::string& requestId);
    // The specification a sample's results will be judged by, chosen at contract review (draft or
    // reviewed; after acceptance testing changes it with a reason); null clears it. Errors: 400
    // (specification_id unknown, or without a limit for any item of the sample); 404 (order,
    // sample of the order); 409 (accepted or cancelled); 412.
    Order chooseSpecification(const Principal& p, const std::string& code, int expectedVersion, const std::string& sampleCode,
                              std::optional<std::int64_t> specId, const std::string& requestId);
    std::vector<OrderedItem> acceptedItems(Tx& tx, std::int64_t labId, const std::string& orderCode) override;
    ReportTerms acceptedTerms(Tx& tx, std::int64_t labId, const std::string& orderCode) override;
    // Where accept() finds the step other modules published (OrderAcceptedStep), at acceptance
    // time (they initialize after intake).
    void findAcceptedStepIn(const ServiceRegistry& services) { services_ = &services; }

    // BookingDesk (domain/OrderBookings.cpp): orders booked on the platform.
    std::string createBookedOrder(Tx& tx, const Principal& lab, const BookedOrder& order, const std::string& requestId) override;
    std::optional<OrderState> orderState(Tx& tx, std::int64_t labId, const std::string& code) override;
    void acceptBookedOrder(Tx& tx, const Principal& lab, const std::string& code, const std::vector<int>& outsidePositions,
                           const std::string& note, const std::string& dueDate, const std::string& requestId) override;
    void cancelBookedOrder(Tx& tx, const Principal& lab, const std::string& code, const std::string& reason,
                           const std::string& requestId) override;
    // Errors: 400 (reason); 404; 409 when accepted or cancelled; 412.
    Order cancel(const Principal& p, const std::string& code, int expectedVersion, const std::string& reason,
                 const std::string& requestId);

private:
    // The review's verdicts and prices for each item of the order on date on, in tx.
    std::vector<OrderItem> verdicts(Tx& tx, const Order& current, const std::string& on);
    void checkItems(Tx& tx, std::int64_t lab, const std::vector<OrderSampleInput>& samples, const std::string& prefix,
                    const SampleService::ProductList& products, std::vector<FieldError>& errors);
    // createProblems with the lab's product list already read (create() reads it once for both).
    std::vector<FieldError> createProblems(Tx& tx, const Principal& p, const OrderTerms& terms, const std::vector<OrderSampleInput>& samples,
                                           const SampleService::ProductList& products);
    void insertSample(Tx& tx, const Principal& p, std::int64_t lab, const std::string& labCode, Order& o,
                      const OrderSampleInput& in, int& position, const std::string& requestId,
                      const SampleService::ProductList& products);
    // Loads the order (404, 412), lets apply change `next`, stores it, then runs after(tx, next)
    // in the same transaction.
    // The use cases in the caller's transaction (the public ones open theirs and call these).
    Order createIn(Tx& tx, const Principal& p, const OrderTerms& terms, const std::vector<OrderSampleInput>& samples,
                   const std::string& requestId);
    Order decideIn(Tx& tx, const Principal& p, const std::string& code, int expectedVersion, int position, const ItemDecision& d,
                   const std::string& requestId);
    Order acceptIn(Tx& tx, const Principal& p, const std::string& code, int expectedVersion, const std::string& requestId);
    Order cancelIn(Tx& tx, const Principal& p, const std::string& code, int expectedVersion, const std::string& reason,
                   const std::string& requestId);
    // The agreed due date of a booked order (audited with note).
    Order setDueDateIn(Tx& tx, const Principal& p, const std::string& code, int expectedVersion, const std::string& date,
                       const std::string& note, const std::string& requestId);
    template <class Change, class After = void (*)(Tx&, const Order&)>
    Order changeIn(Tx& tx, const Principal& p, const std::string& code, int expectedVersion, Change apply,
                   After after = [](Tx&, const Order&) {});
    template <class Change, class After = void (*)(Tx&, const Order&)>
    Order change(const Principal& p, const std::string& code, int expectedVersion, Change apply,
                 After after = [](Tx&, const Order&) {});
    Db& db_;
    const Clock& clock_;
    IdGenerator& ids_;
    AuditLog& audit_;
    identity::OrganizationDirectory& orgs_;
    accreditation::Register& register_;
    accreditation::CapabilityCheck& capability_;
    SampleService& samples_;
    std::string format_;
    std::string defaultSite_;
    OrderRepository repo_;
    const ServiceRegistry* services_ = nullptr;
};

}  // namespace assay::intake
