#include "http/rate_limiter.hpp"

#include <gtest/gtest.h>

namespace cong::http {
namespace {

using namespace std::chrono_literals;

TEST(RateLimiter, AllowsABurstThenRefusesWithTheTimeToWait) {
    RateLimiter limiter("search", {.per_second = 0.5, .burst = 3});
    auto t0 = RateLimiter::Clock::time_point{} + 1h;
    for (int i = 0; i < 3; ++i) EXPECT_FALSE(limiter.take("203.0.113.7", t0)) << i;
    auto refused = limiter.take("203.0.113.7", t0);
    ASSERT_TRUE(refused);
    EXPECT_EQ(*refused, 2s);  // one token every two seconds
    EXPECT_EQ(limiter.refused(), 1U);
    // Another address is not held back by the first one's excess.
    EXPECT_FALSE(limiter.take("198.51.100.1", t0));
}

TEST(RateLimiter, TokensComeBackAtTheSustainedRateUpToTheBurst) {
    RateLimiter limiter("api", {.per_second = 1, .burst = 2});
    auto t0 = RateLimiter::Clock::time_point{} + 1h;
    EXPECT_FALSE(limiter.take("a", t0));
    EXPECT_FALSE(limiter.take("a", t0));
    EXPECT_TRUE(limiter.take("a", t0));
    EXPECT_FALSE(limiter.take("a", t0 + 1s));
    EXPECT_TRUE(limiter.take("a", t0 + 1s));
    // A long quiet period refills only up to the burst.
    EXPECT_FALSE(limiter.take("a", t0 + 1h));
    EXPECT_FALSE(limiter.take("a", t0 + 1h));
    EXPECT_TRUE(limiter.take("a", t0 + 1h));
}

TEST(RateLimiter, MemoryStaysBoundedUnderAFloodOfAddresses) {
    RateLimiter limiter("login", {.per_second = 1, .burst = 5}, 1600);
    auto t0 = RateLimiter::Clock::time_point{} + 1h;
    for (int i = 0; i < 100'000; ++i) (void)limiter.take("10.0." + std::to_string(i / 256) + "." + std::to_string(i % 256), t0);
    EXPECT_LE(limiter.tracked_clients(), 1600U);
    EXPECT_GT(limiter.tracked_clients(), 0U);
}

TEST(RateLimiter, TheAddressUsedMostRecentlyIsKeptWhenOthersAreForgotten) {
    RateLimiter limiter("login", {.per_second = 0.001, .burst = 1}, 16);  // one address per shard
    auto t0 = RateLimiter::Clock::time_point{} + 1h;
    EXPECT_FALSE(limiter.take("attacker", t0));
    EXPECT_TRUE(limiter.take("attacker", t0));
    // The attacker keeps trying; it stays the newest in its shard, so its empty bucket is never forgotten.
    for (int i = 0; i < 10; ++i) EXPECT_TRUE(limiter.take("attacker", t0 + std::chrono::seconds(i))) << i;
}

}  // namespace
}  // namespace cong::http
