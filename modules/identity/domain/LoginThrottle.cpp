// LoginThrottle: sliding windows of failure times.
#include "LoginThrottle.hpp"

namespace assay::identity {

int LoginThrottle::wait(std::deque<std::int64_t>& q, std::size_t limit, std::int64_t now) {
    while (!q.empty() && q.front() <= now - window_ms_) q.pop_front();
    if (q.size() < limit) return 0;
    const std::int64_t until = q[q.size() - limit] + window_ms_;
    return static_cast<int>((until - now + 999) / 1000);
}

int LoginThrottle::retryAfter(const std::string& username, const std::string& address) {
    std::lock_guard lock(mutex_);
    const std::int64_t now = toEpochMillis(clock_.now());
    const int u = wait(by_user_[username], static_cast<std::size_t>(max_), now);
    const int a = wait(by_address_[address], static_cast<std::size_t>(max_) * 4, now);
    return std::max(u, a);
}

void LoginThrottle::failed(const std::string& username, const std::string& address) {
    std::lock_guard lock(mutex_);
    const std::int64_t now = toEpochMillis(clock_.now());
    by_user_[username].push_back(now);
    by_address_[address].push_back(now);
    if (by_user_.size() > 100000) by_user_.clear();  // bound memory under a username spray
    if (by_address_.size() > 100000) by_address_.clear();
}

void LoginThrottle::succeeded(const std::string& username) {
    std::lock_guard lock(mutex_);
    by_user_.erase(username);
}

}  // namespace assay::identity
