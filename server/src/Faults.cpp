// Faults: one armed point at a time, guarded by a mutex only while armed or counting.
#include "assay/Faults.hpp"

#include <atomic>
#include <cstdlib>
#include <map>
#include <mutex>
#include <set>

namespace assay::faults {

namespace {
std::atomic<bool> active{false};
std::mutex mutex;
std::string armed;
std::set<std::string> always;  // from ASSAY_TEST_FAULT
std::map<std::string, int> counts;
}  // namespace

void arm(const std::string& point) {
    std::lock_guard<std::mutex> lock(mutex);
    armed = point;
    counts.clear();
    active.store(true);
}

std::string armFromEnvironment() {
    const char* v = std::getenv("ASSAY_TEST_FAULT");
    const std::string list = v ? v : "";
    std::lock_guard<std::mutex> lock(mutex);
    always.clear();
    std::size_t at = 0;
    while (at < list.size()) {
        std::size_t comma = list.find(',', at);
        if (comma == std::string::npos) comma = list.size();
        if (comma > at) always.insert(list.substr(at, comma - at));
        at = comma + 1;
    }
    active.store(!always.empty() || !armed.empty());
    return list;
}

void disarm() {
    std::lock_guard<std::mutex> lock(mutex);
    armed.clear();
    always.clear();
    active.store(false);
}

void hit(const char* point) {
    if (!active.load(std::memory_order_relaxed)) return;
    std::lock_guard<std::mutex> lock(mutex);
    ++counts[point];
    if (always.count(point)) throw FaultInjected(point);
    if (!armed.empty() && armed == point) {
        armed.clear();
        throw FaultInjected(point);
    }
}

int reached(const std::string& point) {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = counts.find(point);
    return it == counts.end() ? 0 : it->second;
}

void resetCounts() {
    std::lock_guard<std::mutex> lock(mutex);
    counts.clear();
}

}  // namespace assay::faults
