// Metrics: request counters, a latency histogram and pool use, in Prometheus text format.
//
// Purpose: GET /metrics. Requests are counted by route pattern (never the raw path, so the
// label set stays bounded), method and status.
// Thread-safety: observe() and render() are safe from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace assay {

class Db;

class Metrics {
public:
    void observe(const std::string& route, const std::string& method, int status, double seconds);
    std::string render(const Db& db) const;

private:
    static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                        0.1,   0.25,   0.5,   1.0,  2.5,   10.0};
    mutable std::mutex mutex_;
    std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
    std::array<std::uint64_t, kBuckets.size()> buckets_{};
    std::uint64_t count_ = 0;
    double sum_ = 0;
};

}  // namespace assay
