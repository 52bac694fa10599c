// ResultEvents: what the testing module tells other systems through the host outbox.
//
// Purpose: `result.failed_limit` is written in the transaction that stores a result judged
// failing its limit (不合格: conformity "fail"), when it is entered or its value corrected, so the
// message exists exactly when the judgment does. A check or approval of that result sends
// nothing more. The payload carries the result's identity and judgment (sample, parameter, value
// as reported, limit); the receiver de-duplicates on the message id, or on result_id + version.
// Thread-safety: pure functions; publishFailedLimit writes through the caller's Tx.
#pragma once

#include <string>

#include "assay/Outbox.hpp"
#include "domain/Result.hpp"

namespace assay::testing {

inline constexpr const char* kResultFailedLimitTopic = "result.failed_limit";

// The JSON object of a result.failed_limit message for result r (version: as stored) of item.
std::string resultFailedLimitPayload(const TestItem& item, const Result& r, int version);
// Enqueues result.failed_limit in tx when r is judged "fail"; nothing otherwise, or when outbox
// is null (a service built without one).
void publishFailedLimit(Outbox* outbox, Tx& tx, const TestItem& item, const Result& r, int version);

}  // namespace assay::testing
