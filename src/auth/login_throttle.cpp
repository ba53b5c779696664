#include "auth/login_throttle.hpp"

namespace cong::auth {

LoginThrottle::LoginThrottle(ThrottleLimits limits) : limits_(limits) {
    if (limits_.capacity == 0) limits_.capacity = 1;
}

int LoginThrottle::failures(std::string_view key, core::Timestamp now) const {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(std::string(key));
    if (it == entries_.end() || now - it->second.window_start >= limits_.window) return 0;
    return it->second.failures;
}

bool LoginThrottle::blocked(std::string_view key, core::Timestamp now) const {
    return failures(key, now) >= limits_.max_failures;
}

void LoginThrottle::record_failure(std::string_view key, core::Timestamp now) {
    std::lock_guard lock(mutex_);
    std::string owned(key);
    auto it = entries_.find(owned);
    if (it == entries_.end()) {
        if (entries_.size() >= limits_.capacity) {
            entries_.erase(recent_.back());
            recent_.pop_back();
        }
        recent_.push_front(owned);
        it = entries_.emplace(std::move(owned), Entry{now, 0, recent_.begin()}).first;
    } else {
        recent_.splice(recent_.begin(), recent_, it->second.order);
    }
    auto& entry = it->second;
    if (now - entry.window_start >= limits_.window) {
        entry.window_start = now;
        entry.failures = 0;
    }
    ++entry.failures;
}

std::size_t LoginThrottle::size() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
}

}  // namespace cong::auth
