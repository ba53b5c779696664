// RateLimiter: how often one client may do something costly (search, log in, write through the API) — a
// token bucket per client address, in bounded memory however many addresses an attacker uses.
#pragma once

#include <chrono>
#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace cong::http {

struct RateLimit {
    double per_second = 1;  // sustained rate
    double burst = 10;      // requests allowed at once after a quiet period
};

class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;

    // name labels the limiter in metrics ("search"); max_clients bounds memory: when that many addresses are
    // tracked, the one idle longest is forgotten (a forgotten address starts with a full bucket, which is
    // what an address idle that long would have anyway, unless it was far over the limit a moment ago).
    RateLimiter(std::string name, RateLimit limit, std::size_t max_clients = 100'000);

    // Takes one token for client. nullopt: allowed; otherwise how long to wait before the next try
    // (at least one second, for Retry-After).
    std::optional<std::chrono::seconds> take(std::string_view client, Clock::time_point now = Clock::now());

    const std::string& name() const { return name_; }
    std::size_t tracked_clients() const;
    std::uint64_t refused() const;

private:
    struct Bucket {
        double tokens;
        Clock::time_point updated;
        std::list<std::string>::iterator age;  // position in by_age_, newest at the front
    };
    struct Shard {
        mutable std::mutex mutex;
        std::unordered_map<std::string, Bucket> buckets;
        std::list<std::string> by_age;
        std::uint64_t refused = 0;
    };
    Shard& shard_for(std::string_view client);

    std::string name_;
    RateLimit limit_;
    std::size_t max_per_shard_;
    std::vector<Shard> shards_;
};

}  // namespace cong::http
