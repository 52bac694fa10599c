// Order: a customer's order (委托单) with its requested test items, the contract review of each
// item and the quote, and the pure rules on it.
//
// Purpose: the values passed between OrderService, its repository and its handlers. An order
// belongs to a customer organization and holds samples; each sample carries the items asked
// for (a parameter with a method, optionally grouped in a named package). The report
// requirements (marks, language, uncertainty, decision rule) are fixed at contract review. An
// item is never removed: leaving it out is an exclusion with the reason and who agreed for the
// customer (R33). Status: draft -> reviewed -> accepted; cancelled from draft or reviewed.
// Thread-safety: value types and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "assay/Decimal.hpp"
#include "assay/Enum.hpp"
#include "assay/Error.hpp"

namespace assay::intake {

// R31: an item sent to another lab, with the customer's written consent and the receiving lab's
// acceptance, both before dispatch.
struct Subcontract {
    std::string receivingLab;
    std::optional<std::string> receivingCmaNo, receivingCnasNo;
    std::string consentedBy, consentRef;
    std::int64_t consentRecordedBy = 0, consentAtMs = 0;
    std::optional<std::string> acceptedBy, acceptanceRef;
    std::optional<std::int64_t> acceptedAtMs;
    std::optional<std::int64_t> dispatchedBy, dispatchedAtMs;
};

struct OrderItem {
    std::int64_t id = 0;
    std::int64_t sampleId = 0;
    std::string sampleCode;
    int position = 0;                       // 1-based within the order
    std::optional<std::string> package;     // the package it was asked for in ("重金属四项")
    std::int64_t parameterId = 0;
    std::int64_t methodId = 0;
    std::string parameterName;              // 铅(以Pb计)
    std::string methodCitation;             // GB 5009.12-2023 第一法
    // Contract review (empty until reviewed).
    bool reviewed = false;
    bool canPerform = false;
    std::optional<std::string> blockers;    // "R13: ...; R15: ..." when it cannot be performed
    std::optional<std::string> performers;  // who may perform it, comma separated
    bool cmaInScope = false;
    std::optional<std::string> cmaReason;   // "R1: ..." when outside
    bool cnasInScope = false;
    std::optional<std::string> cnasReason;
    std::optional<Decimal> price;           // CNY from the price list on the review date
    bool outsideScopeAccepted = false;      // the customer accepts it without the requested mark
    std::optional<std::string> outsideScopeNote;
    bool excluded = false;                  // R33: left out with the customer's agreement
    std::optional<std::string> exclusionReason;
    std::optional<std::string> exclusionAgreedBy;
    std::optional<Subcontract> subcontract;  // R31
};

// draft -> reviewed (contract review, R33) -> accepted; a change sends a reviewed order back to
// draft; draft or reviewed may be cancelled.
enum class OrderStatus { Draft, Reviewed, Accepted, Cancelled };
using assay::operator<<;

struct Order {
    std::int64_t id = 0;
    std::int64_t labId = 0;
    std::string code;                        // GDQTWT202600001
    std::int64_t customerOrgId = 0;
    std::string customerName;
    std::string contactName;
    std::optional<std::string> contactPhone, contactEmail;
    std::string site;                        // where the lab tests it (scope rows name their site)
    std::string dueDate;                     // YYYY-MM-DD
    std::string priority = "normal";         // normal | urgent
    bool wantCma = false, wantCnas = false;
    std::string reportLanguage = "bilingual";  // zh | en | bilingual
    bool uncertainty = false;
    std::optional<std::string> decisionRule;   // simple | guard_band (R30)
    OrderStatus status = OrderStatus::Draft;
    std::optional<std::int64_t> reviewedBy;
    std::optional<std::string> reviewerName, reviewedOn;
    std::optional<std::int64_t> reviewedAtMs;
    std::optional<Decimal> quoteTotal;
    std::int64_t createdBy = 0;
    std::int64_t createdAtMs = 0, updatedAtMs = 0;
    int version = 1;
    std::vector<OrderItem> items;            // filled by get
};

// The order-level fields a client sets (everything but samples and items).
struct OrderTerms {
    std::optional<std::int64_t> customerOrgId;
    std::string contactName;
    std::optional<std::string> contactPhone, contactEmail, site;
    std::string dueDate, priority = "normal";
    bool wantCma = false, wantCnas = false;
    std::string reportLanguage = "bilingual";
    bool uncertainty = false;
    std::optional<std::string> decisionRule;
};

// Every problem with the terms, fields named as in the API (customer_org_id, contact.name, ...).
std::vector<FieldError> orderTermsProblems(const OrderTerms& t, const std::string& today);

// Why an order may not be accepted yet: not reviewed, an item the lab cannot perform and that is
// not excluded, an item outside a requested mark's scope that the customer has not accepted as
// such. Each failure names its rule (R13/R15/R23 from the review, R1/R5/R25 for scope, R33 for
// an order with nothing left to test).
std::vector<RuleFailure> acceptanceBlockers(const Order& o);

// The quote: the sum of the prices of the items not excluded; empty when an item has no price.
std::optional<Decimal> quoteTotal(const std::vector<OrderItem>& items);

}  // namespace assay::intake

namespace assay {
template <>
struct EnumNames<intake::OrderStatus> {
    static constexpr std::array<std::string_view, 4> names{"draft", "reviewed", "accepted", "cancelled"};
};
}  // namespace assay
