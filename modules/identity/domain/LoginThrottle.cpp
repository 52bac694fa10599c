// LoginThrottle: sliding windows of failure times.
#include "LoginThrottle.hpp"

namespace assay::identity {

int LoginThrottle::wait(std::deque<std::int64_t>& q, std::size_t limit, std::int64_t now) {
    while (!q.empty() && q.front() <= now - window_ms_) q.pop_front();
    if (q.size() < limit) return 0;
    const std::int64_t until = q[q.size() - limit] + window_ms_;
    return static_cast<int>((until - now + 999) / 1000);
}

int LoginThrottle::begin(const std::string& username) {
    std::lock_guard lock(mutex_);
    const std::int64_t now = toEpochMillis(clock_.now());
    auto& q = by_user_[username];
    if (const int w = wait(q, static_cast<std::size_t>(max_), now); w > 0) return w;
    q.push_back(now);
    if (by_user_.size() > 100000) {  // bound memory under a username spray: drop idle entries
        for (auto it = by_user_.begin(); it != by_user_.end();) {
            wait(it->second, static_cast<std::size_t>(max_), now);
            it = it->second.empty() ? by_user_.erase(it) : std::next(it);
        }
    }
    return 0;
}

int LoginThrottle::retryAfter(const std::string& username) {
    std::lock_guard lock(mutex_);
    return wait(by_user_[username], static_cast<std::size_t>(max_), toEpochMillis(clock_.now()));
}

void LoginThrottle::succeeded(const std::string& username) {
    std::lock_guard lock(mutex_);
    by_user_.erase(username);
}

}  // namespace assay::identity
