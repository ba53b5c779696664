#include "http/rate_limiter.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

namespace cong::http {
namespace {

// Independent locks, so requests from different addresses rarely wait for each other.
constexpr std::size_t SHARDS = 16;

}  // namespace

RateLimiter::RateLimiter(std::string name, RateLimit limit, std::size_t max_clients)
    : name_(std::move(name)),
      limit_(limit),
      max_per_shard_(std::max<std::size_t>(1, max_clients / SHARDS)),
      shards_(SHARDS) {}

RateLimiter::Shard& RateLimiter::shard_for(std::string_view client) {
    return shards_[std::hash<std::string_view>{}(client) % shards_.size()];
}

std::optional<std::chrono::seconds> RateLimiter::take(std::string_view client, Clock::time_point now) {
    Shard& shard = shard_for(client);
    std::lock_guard lock(shard.mutex);
    auto found = shard.buckets.find(std::string(client));
    if (found == shard.buckets.end()) {
        if (shard.buckets.size() >= max_per_shard_) {
            shard.buckets.erase(shard.by_age.back());
            shard.by_age.pop_back();
        }
        shard.by_age.emplace_front(client);
        found = shard.buckets.emplace(std::string(client), Bucket{limit_.burst, now, shard.by_age.begin()}).first;
    } else {
        shard.by_age.splice(shard.by_age.begin(), shard.by_age, found->second.age);
    }
    Bucket& bucket = found->second;
    double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
    if (elapsed > 0) {
        bucket.tokens = std::min(limit_.burst, bucket.tokens + elapsed * limit_.per_second);
        bucket.updated = now;
    }
    if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return std::nullopt;
    }
    ++shard.refused;
    double wait = (1 - bucket.tokens) / limit_.per_second;
    return std::chrono::seconds(std::max<long long>(1, static_cast<long long>(std::ceil(wait))));
}

std::size_t RateLimiter::tracked_clients() const {
    std::size_t total = 0;
    for (const auto& shard : shards_) {
        std::lock_guard lock(shard.mutex);
        total += shard.buckets.size();
    }
    return total;
}

std::uint64_t RateLimiter::refused() const {
    std::uint64_t total = 0;
    for (const auto& shard : shards_) {
        std::lock_guard lock(shard.mutex);
        total += shard.refused;
    }
    return total;
}

}  // namespace cong::http
