// Result: test items, results with their versions and the raw entry records, and the pure
// rules on them: reading a typed value (never turning "ND" or "<0.005" into 0), the reported
// text, and the result workflow.
//
// Purpose: the values passed between the testing services, their repository and handlers. A test
// item is one ordered item (a parameter by a method on a sample) assigned to a technician for a
// test date (R13). A result is one attempt at it: entered -> checked -> approved, or
// invalidated with a reason; a retest is a new attempt and keeps the earlier one. Every change
// keeps the old value, who, when and why as a version (R20). A manual value is stored with its
// contemporaneous entry record as its raw data (R21).
// Thread-safety: value types and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "assay/Decimal.hpp"
#include "assay/Enum.hpp"
#include "assay/Message.hpp"
#include "assay/testing/ResultStatus.hpp"

namespace assay::testing {

struct TestItem {
    std::int64_t id = 0;
    std::int64_t labId = 0;
    std::int64_t orderItemId = 0;
    std::string orderCode;
    std::int64_t sampleId = 0;
    std::string sampleCode;
    std::string product, productCategory;
    std::int64_t parameterId = 0;
    std::int64_t methodId = 0;
    std::optional<std::int64_t> specificationId;
    std::optional<std::string> decisionRule;
    std::optional<std::int64_t> assigneeUserId;
    std::optional<std::string> assigneeName;
    std::optional<std::string> testDate;  // YYYY-MM-DD
    std::optional<std::int64_t> batchId;  // the QC batch it is measured in (R24)
    std::int64_t createdAtMs = 0, updatedAtMs = 0;
    int version = 1;
};

struct ResultVersion {
    int version = 0;
    ResultStatus status = ResultStatus::Entered;
    std::string valueText;
    std::string reported;
    std::optional<std::string> conformity;
    std::int64_t rawRef = 0;
    std::int64_t changedBy = 0;
    std::string changedName;
    std::int64_t changedAtMs = 0;
    std::optional<std::string> reason;
};

struct Result {
    std::int64_t id = 0;
    std::int64_t labId = 0;
    std::int64_t testItemId = 0;
    int attempt = 1;
    ResultStatus status = ResultStatus::Entered;
    std::string valueText;                 // as typed: "0.2001", "ND", "<0.005"
    std::optional<Decimal> value;          // empty below the LOD: never 0
    bool belowLod = false;
    std::optional<Decimal> lod;            // the limit the value is below
    std::string reported;                  // "0.20", "<0.005" or "未检出"
    std::string unit;
    std::optional<std::string> limitText;  // "≤0.2"
    std::optional<std::string> conformity;  // pass | fail | no_judgement; empty without a limit
    std::optional<Decimal> uncertainty;    // expanded U by the parameter's MU model
    bool muStraddles = false;              // R29: [value − U, value + U] contains a limit
    std::optional<std::string> equipmentFlag;  // R15 flag policy: why the equipment was not usable (no CMA/CNAS mark)
    std::optional<std::int64_t> ncId;          // the nonconformity opened for it
    std::string rawKind = "manual";        // manual | capture
    std::int64_t rawRef = 0;               // the entry record (or capture) holding the raw data
    std::optional<std::int64_t> formulaId;  // R39: the formula version a calculated result used
    std::optional<int> formulaVersion;
    std::optional<std::string> interim;    // "c=0.01234; X=0.0123": every step of the calculation
    std::int64_t performerUserId = 0;
    std::string performerName;
    std::optional<std::int64_t> checkerUserId, approverUserId;
    std::optional<std::string> checkerName, approverName, invalidReason, retestReason;
    std::int64_t createdAtMs = 0, updatedAtMs = 0;
    int version = 1;
    std::vector<ResultVersion> history;    // filled by get
    // Filled by get and the review queue: what no longer matches the state the audit trail
    // recorded for it (the row or its entry record was changed outside Assay); empty when intact.
    std::optional<std::string> tamperReason;
};

// A typed value read: a decimal, or below a limit ("ND"/"未检出"/"<LOD" below the parameter's
// LOD, "<0.005" below that number). Empty with a problem when it is neither.
struct TypedValue {
    std::optional<Decimal> value;
    bool belowLod = false;
    std::optional<Decimal> below;  // "<x": x; ND: the LOD
    Message problem;               // non-empty when unreadable
};
TypedValue readTypedValue(const std::string& typed, const std::optional<Decimal>& lod);

// The text a report prints below the LOD: "<0.005" (style "lod") or 未检出 (style "nd").
std::string belowLodText(const Decimal& below, const std::string& style);

bool isResultStatus(const std::string& s);

}  // namespace assay::testing
