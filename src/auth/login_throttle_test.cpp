#include "auth/login_throttle.hpp"

#include <gtest/gtest.h>

namespace cong::auth {
namespace {

core::Timestamp at(std::int64_t seconds) {
    return core::Timestamp{std::chrono::seconds{seconds}};
}

TEST(LoginThrottle, BlocksAKeyAfterTheLimitWithinTheWindow) {
    LoginThrottle throttle{{.capacity = 10, .max_failures = 3, .window = std::chrono::seconds{60}}};
    for (int i = 0; i < 2; ++i) throttle.record_failure("10.0.0.1", at(100 + i));
    EXPECT_FALSE(throttle.blocked("10.0.0.1", at(102)));
    throttle.record_failure("10.0.0.1", at(103));
    EXPECT_TRUE(throttle.blocked("10.0.0.1", at(104)));
    EXPECT_FALSE(throttle.blocked("10.0.0.2", at(104)));
}

TEST(LoginThrottle, ForgetsFailuresOnceTheWindowHasPassed) {
    LoginThrottle throttle{{.capacity = 10, .max_failures = 2, .window = std::chrono::seconds{60}}};
    throttle.record_failure("a", at(0));
    throttle.record_failure("a", at(1));
    EXPECT_TRUE(throttle.blocked("a", at(59)));
    EXPECT_FALSE(throttle.blocked("a", at(60)));
    throttle.record_failure("a", at(61));
    EXPECT_EQ(throttle.failures("a", at(61)), 1);
}

TEST(LoginThrottle, KeepsAtMostItsCapacityAndEvictsTheLeastRecent) {
    LoginThrottle throttle{{.capacity = 3, .max_failures = 2, .window = std::chrono::seconds{600}}};
    throttle.record_failure("old", at(0));
    throttle.record_failure("old", at(1));
    throttle.record_failure("b", at(2));
    throttle.record_failure("c", at(3));
    // "old" failed again most recently, so "b" is now the least recent and goes first.
    throttle.record_failure("old", at(4));
    throttle.record_failure("d", at(5));
    EXPECT_EQ(throttle.size(), 3u);
    EXPECT_EQ(throttle.failures("b", at(6)), 0);
    EXPECT_TRUE(throttle.blocked("old", at(6)));
    // A flood of new addresses never grows the table.
    for (int i = 0; i < 1000; ++i) throttle.record_failure("flood-" + std::to_string(i), at(10));
    EXPECT_EQ(throttle.size(), 3u);
    EXPECT_FALSE(throttle.blocked("old", at(11)));
}

}  // namespace
}  // namespace cong::auth
