// TimeOrderedIdGenerator: 41 bits ms since 2024-01-01 UTC | 10 bits node | 12 bits sequence.
#include "assay/IdGenerator.hpp"

#include <stdexcept>
#include <thread>

namespace assay {

namespace {
constexpr std::int64_t kEpochMs = 1704067200000;  // 2024-01-01T00:00:00Z
}

TimeOrderedIdGenerator::TimeOrderedIdGenerator(const Clock& clock, int nodeId)
    : clock_(clock), node_(nodeId) {
    if (nodeId < 0 || nodeId > 1023) throw std::invalid_argument("node id must be 0..1023");
}

std::int64_t TimeOrderedIdGenerator::next() {
    std::lock_guard lock(mutex_);
    std::int64_t ms = toEpochMillis(clock_.now()) - kEpochMs;
    if (ms < last_ms_) ms = last_ms_;  // clock stepped back: stay monotonic
    if (ms == last_ms_) {
        if (++seq_ > 4095) {  // 4096 ids in this millisecond: borrow the next one
            ++ms;
            seq_ = 0;
        }
    } else {
        seq_ = 0;
    }
    last_ms_ = ms;
    return (ms << 22) | (node_ << 12) | seq_;
}

}  // namespace assay
