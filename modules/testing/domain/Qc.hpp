// Qc: QC batches, QC samples with their acceptance criteria, and the Westgard rules (R24).
//
// Purpose: results of one parameter by one method are measured in a batch with QC samples: a
// blank (at most a limit), a duplicate (relative percent difference at most a maximum), a spike
// (recovery within a window) and a reference material (within a tolerance of its certified
// value, and not expired on the day). A failing QC sample holds the batch: its results are not
// approved until an authorized person records a disposition (accept, retest or reject). QC
// values are kept as time series per material, on which the Westgard rules run.
// Thread-safety: value types and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "assay/Decimal.hpp"
#include "assay/Enum.hpp"
#include "assay/Error.hpp"

namespace assay::testing {

// open -> held (a QC sample failed) -> released | retest | rejected (the disposition, R24).
enum class BatchStatus { Open, Held, Released, Retest, Rejected };
using assay::operator<<;

struct Batch {
    std::int64_t id = 0;
    std::int64_t labId = 0;
    std::string name;
    std::int64_t parameterId = 0;
    std::int64_t methodId = 0;
    BatchStatus status = BatchStatus::Open;
    std::optional<std::string> dispositionReason, disposedName;
    std::optional<std::int64_t> disposedBy, disposedAtMs;
    std::int64_t createdBy = 0;
    std::int64_t createdAtMs = 0, updatedAtMs = 0;
    int version = 1;
};

struct QcInput {
    std::string kind;      // blank | duplicate | spike | reference
    std::string material;  // the series it belongs to ("GBW10045a", "空白", ...)
    std::optional<Decimal> value;
    std::optional<Decimal> limitMax;                       // blank
    std::optional<Decimal> value2, maxRpd;                 // duplicate (RPD in %)
    std::optional<Decimal> base, added, recoveryLow, recoveryHigh;  // spike (recovery in %)
    std::optional<Decimal> certified, tolerance, sd;       // reference (tolerance and sd in the unit)
    std::optional<std::string> expiresOn;                  // reference: YYYY-MM-DD
};

struct QcResult {
    std::int64_t id = 0;
    std::int64_t batchId = 0;
    std::string kind, material;
    Decimal value;
    std::string criteria;           // "RPD ≤ 10%", "recovery 80–120%": stored as a message (assay/StoredReasons.hpp, qcText)
    std::optional<Decimal> figure;  // the RPD, the recovery, the deviation
    std::optional<Decimal> target, sd;  // reference: for the control chart
    bool pass = false;
    std::string detail;
    std::int64_t measuredBy = 0;
    std::string measuredName;
    std::int64_t measuredAtMs = 0;
};

// Every missing or bad field of a QC sample for its kind, named as in the API.
std::vector<FieldError> qcProblems(const QcInput& in);
// A QC result's criteria or detail as a reader sees it, in lang (rows stored before read as they are).
std::string qcText(const std::string& stored, Lang lang);
// Judges a QC sample measured on `date`: fills criteria, figure, pass and detail.
QcResult evaluateQc(const QcInput& in, const std::string& date);

// Westgard rules broken at each point of a series of z-scores (oldest first): "1-2s" (a
// warning), "1-3s", "2-2s", "R-4s", "4-1s", "10-x" (rejections).
std::vector<std::vector<std::string>> westgard(const std::vector<Decimal>& z);

}  // namespace assay::testing

namespace assay {
template <>
struct EnumNames<testing::BatchStatus> {
    static constexpr std::array<std::string_view, 5> names{"open", "held", "released", "retest", "rejected"};
};
}  // namespace assay
