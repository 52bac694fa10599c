// Sample: a received item (样品) with its immutable code, description, receipt and status, and
// the pure rules on it: the status machine, the GS1 GTIN check and the code format.
//
// Purpose: the values passed between SampleService, its repository and its handlers. A sample's
// code is system-generated and never changes (R18); sub-samples carry their parent's code plus a
// number. The condition on receipt is mandatory, and a deviation needs the customer's decision
// (R19). Status moves only along the allowed transitions; nothing is deleted.
// Thread-safety: value types and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "assay/Decimal.hpp"
#include "assay/Enum.hpp"

namespace assay::intake {

// registered -> received -> in_testing -> tested -> reported -> retained -> disposed; rejected
// and cancelled as side exits (allowedTransitions).
enum class SampleStatus { Registered, Received, InTesting, Tested, Reported, Retained, Disposed, Rejected, Cancelled };
using assay::operator<<;

struct Sample {
    std::int64_t id = 0;
    std::int64_t labId = 0;
    std::string code;                       // GDQT2026000123, or GDQT2026000123-1 for a sub-sample
    std::optional<std::int64_t> parentId;
    std::optional<std::string> parentCode;
    std::optional<std::int64_t> customerOrgId;
    std::optional<std::int64_t> orderId;
    std::optional<std::string> orderCode;
    std::string name;                       // as the customer wrote it (东北大米（珍珠米）)
    std::optional<std::string> product;     // from the lab's product list (大米); absent on samples registered before it
    std::string productCategory;            // the product's category (粮食及其制品)
    std::optional<std::int64_t> specificationId;  // what its results are judged by, chosen at contract review
    std::optional<std::string> brand, model, batchNo, manufacturer, manufacturerUscc, productionDate;
    std::optional<Decimal> quantity;
    std::optional<std::string> unit, gtin;
    SampleStatus status = SampleStatus::Registered;
    std::optional<std::string> condition;        // on receipt (R19)
    std::optional<std::string> deviation;        // what was not as expected
    std::optional<std::string> customerDecision;  // proceed | reject, when there is a deviation
    std::optional<std::int64_t> receivedAtMs;
    std::optional<std::int64_t> receivedBy;
    std::string holder;                           // who or where holds it now (custody)
    std::optional<std::string> retainUntil;       // YYYY-MM-DD: disposal allowed from then on (R22)
    std::optional<std::string> disposalMethod;    // how it was disposed of
    std::int64_t createdAtMs = 0;
    std::int64_t updatedAtMs = 0;
    int version = 1;
};

struct CustodyEvent {
    std::int64_t id = 0;
    std::int64_t sampleId = 0;
    std::int64_t atMs = 0;
    std::int64_t byUser = 0;
    std::string byName;
    std::string fromHolder;
    std::string toHolder;
    std::string reason;
};

// Who is looking: a lab's staff see the lab's samples; a customer's users see their
// organization's samples in every lab of the instance. Exactly one of the two is set.
struct SampleScope {
    std::int64_t labId = 0;
    std::int64_t customerOrgId = 0;
};

// The register's filters; every one optional. Registered in [fromMs, toMs).
struct SampleFilter {
    std::optional<std::string> code, product, productCategory, text;
    std::optional<SampleStatus> status;
    std::optional<std::int64_t> customerOrgId, fromMs, toMs;
};

// The statuses a sample may move to from `status` (registered -> received -> in_testing ->
// tested -> reported -> retained -> disposed; rejected and cancelled as side exits).
std::vector<SampleStatus> allowedTransitions(SampleStatus status);

// GS1 check digit over GTIN-8/12/13/14 (digits only).
bool isValidGtin(const std::string& gtin);

// Expands a code format: {LAB} the lab code, {YYYY} / {YY} the year, {SEQ:0n} the sequence
// padded to n digits ({SEQ} unpadded). Empty when the format has no {SEQ...} or an unknown field.
std::optional<std::string> formatSampleCode(const std::string& format, const std::string& lab, int year, std::int64_t seq);

// What scope matching, limits and statistics use: the product chosen from the list, or, for a
// sample registered before products were chosen, its name.
inline const std::string& productOf(const Sample& s) { return s.product ? *s.product : s.name; }

}  // namespace assay::intake

namespace assay {
template <>
struct EnumNames<intake::SampleStatus> {
    static constexpr std::array<std::string_view, 9> names{"registered", "received", "in_testing", "tested",  "reported",
                                                           "retained",   "disposed", "rejected",   "cancelled"};
};
}  // namespace assay
