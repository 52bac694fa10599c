// IdGenerator: 64-bit internal ids that are not a hot global auto-increment.
//
// Purpose: primary keys for every table. The default generator is time-ordered
// (41 bits of milliseconds since 2024-01-01, 10 bits of node id, 12 bits of sequence), so ids
// from several assayd nodes never collide and inserts stay roughly append-only in B-trees,
// which keeps the schema portable to Galera and TiDB (ARCHITECTURE.md). Human-facing numbers
// (sample codes, report numbers) come from per-lab sequences instead (Sequences.hpp).
// Thread-safety: next() is safe to call from any thread.
#pragma once

#include <cstdint>
#include <mutex>

#include "assay/Clock.hpp"

namespace assay {

class IdGenerator {
public:
    virtual ~IdGenerator() = default;
    virtual std::int64_t next() = 0;
};

class TimeOrderedIdGenerator final : public IdGenerator {
public:
    // nodeId must be in [0, 1023]; throws std::invalid_argument otherwise.
    TimeOrderedIdGenerator(const Clock& clock, int nodeId);
    std::int64_t next() override;

private:
    const Clock& clock_;
    std::int64_t node_;
    std::mutex mutex_;
    std::int64_t last_ms_ = 0;
    std::int64_t seq_ = 0;
};

}  // namespace assay
