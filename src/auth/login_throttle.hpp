// LoginThrottle: failed sign-ins counted per key (a client address) in a fixed-size table in memory.
#pragma once

#include "core/clock.hpp"

#include <chrono>
#include <cstddef>
#include <list>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace cong::auth {

struct ThrottleLimits {
    // A flood of addresses must not grow memory: past this many keys the least recently failed is forgotten.
    std::size_t capacity = 4096;
    int max_failures = 20;                 // failures within the window that block the key
    std::chrono::seconds window{15 * 60};  // counted from the key's first failure
};

// Thread-safe: handlers on every I/O thread share one.
class LoginThrottle {
public:
    explicit LoginThrottle(ThrottleLimits limits = {});

    // True while key has max_failures failures in its current window.
    bool blocked(std::string_view key, core::Timestamp now) const;
    void record_failure(std::string_view key, core::Timestamp now);
    // Failures of key so far in its current window (0 when unknown or the window has passed).
    int failures(std::string_view key, core::Timestamp now) const;
    std::size_t size() const;

private:
    struct Entry {
        core::Timestamp window_start{};
        int failures = 0;
        std::list<std::string>::iterator order;  // position in recent_, newest at the front
    };

    ThrottleLimits limits_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;
    std::list<std::string> recent_;
};

}  // namespace cong::auth
