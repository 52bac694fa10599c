// LoginThrottle: slows down password guessing.
//
// Purpose: counts failed logins per username and per client address in a sliding window.
// After maxFailures failures inside the window, further attempts for that username (or from
// that address, at 4x the limit) are refused with 429 until the oldest failure leaves the
// window, without checking the password, so a locked account cannot be probed. A success
// clears the username's count. State is in memory, per assayd process (docs/architecture.md).
// Thread-safety: all methods are safe from any thread.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>

#include "assay/Clock.hpp"

namespace assay::identity {

class LoginThrottle {
public:
    LoginThrottle(const Clock& clock, int maxFailures, int windowSeconds)
        : clock_(clock), max_(maxFailures), window_ms_(std::int64_t(windowSeconds) * 1000) {}

    // Seconds to wait before another attempt is allowed; 0 when allowed now.
    int retryAfter(const std::string& username, const std::string& address);
    void failed(const std::string& username, const std::string& address);
    void succeeded(const std::string& username);

private:
    int wait(std::deque<std::int64_t>& q, std::size_t limit, std::int64_t now);
    const Clock& clock_;
    int max_;
    std::int64_t window_ms_;
    std::mutex mutex_;
    std::map<std::string, std::deque<std::int64_t>> by_user_, by_address_;
};

}  // namespace assay::identity
