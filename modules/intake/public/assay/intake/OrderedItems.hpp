// OrderedItems: the intake module's published view of what an accepted order asks to be tested.
//
// Purpose: the testing module creates its test items from an order through this interface,
// never through intake's domain headers: one entry per requested item that is not excluded
// (R33), with its sample (an existing, immutable sample id, R18) and the order's decision rule
// (R30). Published by IntakeModule.
// Thread-safety: implementations are safe from any thread.
#pragma once

#include "assay/Db.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace assay::intake {

struct OrderedItem {
    std::int64_t orderItemId = 0;
    std::string orderCode;
    std::int64_t sampleId = 0;
    std::string sampleCode;
    std::string sampleName;        // the product ("大米"): the sample's product from the lab's list, else its name
    std::string productCategory;   // "粮食及其制品"
    std::int64_t parameterId = 0;
    std::int64_t methodId = 0;
    std::optional<std::string> decisionRule;  // as agreed at contract review
    std::optional<std::int64_t> specificationId;  // the sample's, chosen at contract review
};

// What an accepted order asks of its report (the reports module reads it).
struct OrderExclusion {
    std::int64_t orderItemId = 0;
    std::string sampleCode;
    std::int64_t parameterId = 0;
    std::string reason;    // R33: printed on the report
    std::string agreedBy;
};

// A sample as the report describes it (ISO 7.8.2.1 g, h, n): the customer-supplied description
// (R28: flagged as such on the report), the condition on receipt, the receipt date and any
// deviation with the customer's decision.
struct ReportSample {
    std::string code, name, productCategory;
    std::optional<std::string> brand, model, batchNo, manufacturer, productionDate;  // supplied by the customer
    std::optional<std::string> quantity;  // "2 kg"
    std::optional<std::string> condition;
    std::optional<std::string> receivedOn;  // YYYY-MM-DD in the lab
    std::optional<std::string> deviation, customerDecision;
};

// R31: an item sent to another lab, as the report lists it.
struct SubcontractedItem {
    std::int64_t orderItemId = 0;
    std::string sampleCode;
    std::int64_t parameterId = 0;
    std::string receivingLab;
    std::optional<std::string> receivingCmaNo, receivingCnasNo;
    bool accepted = false, dispatched = false;  // the customer's consent is recorded for every entry
};

struct ReportTerms {
    std::string orderCode;
    std::int64_t customerOrgId = 0;
    std::string customerName;
    std::string site;                  // where the lab tested (scope rows name their site)
    bool wantCma = false, wantCnas = false;
    std::string language = "bilingual";  // zh | en | bilingual (R34)
    bool uncertainty = false;          // MU requested by the customer (R29)
    std::optional<std::string> decisionRule;
    std::vector<OrderExclusion> exclusions;
    std::string contact;                // "张三 13800000000" (ISO 7.8.2.1 e)
    std::vector<ReportSample> samples;  // every sample of the order
    bool labSampled = false;            // the lab took the samples (no sampling records in Assay yet: false)
    std::vector<SubcontractedItem> subcontracted;  // R31
};

class OrderedItems {
public:
    virtual ~OrderedItems() = default;
    // Both read in the caller's transaction tx.
    // The items of the lab's accepted order, excluded ones left out. Errors: Error(NotFound) for
    // no such order of the lab; Error(Conflict) when the order is not accepted.
    virtual std::vector<OrderedItem> acceptedItems(Tx& tx, std::int64_t labId, const std::string& orderCode) = 0;
    // The terms of the lab's accepted order. Errors: as acceptedItems.
    virtual ReportTerms acceptedTerms(Tx& tx, std::int64_t labId, const std::string& orderCode) = 0;
};

}  // namespace assay::intake
