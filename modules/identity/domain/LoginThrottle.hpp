// LoginThrottle: slows down password guessing.
//
// Purpose: counts login attempts per (normalized) username in a sliding window. begin() checks
// and counts in one step, before the password is verified, so parallel guesses cannot all slip
// through; a success clears the count. After maxFailures attempts inside the window, further
// attempts are refused with 429 until the oldest leaves the window, without checking the
// password, so a locked account cannot be probed. Rate limits by client address belong to the
// front proxy (docs/operations.md): behind it every client shares one address. State is in
// memory, per assayd process (docs/architecture.md).
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

    // 0: the attempt is allowed and counted. Otherwise the seconds to wait (nothing counted).
    int begin(const std::string& username);
    // Seconds to wait, without counting an attempt.
    int retryAfter(const std::string& username);
    void succeeded(const std::string& username);

private:
    int wait(std::deque<std::int64_t>& q, std::size_t limit, std::int64_t now);
    const Clock& clock_;
    int max_;
    std::int64_t window_ms_;
    std::mutex mutex_;
    std::map<std::string, std::deque<std::int64_t>> by_user_;
};

}  // namespace assay::identity
