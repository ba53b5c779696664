#include "targets/period.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace cong::targets {
namespace {

TEST(Period, KeysRoundTripAndHaveVietnameseNames) {
    struct Case {
        const char* key;
        const char* label;
    };
    const Case cases[] = {
        {"2024-t03", "Tháng 3 năm 2024"},    {"2024-q1", "Quý I năm 2024"},   {"2024-q4", "Quý IV năm 2024"},
        {"2024-6t", "6 tháng đầu năm 2024"}, {"2024-9t", "9 tháng năm 2024"}, {"2024-nam", "Năm 2024"},
    };
    for (const auto& c : cases) {
        auto period = parse_period(c.key);
        ASSERT_TRUE(period) << c.key;
        EXPECT_EQ(period->key(), c.key);
        EXPECT_EQ(period->label(), c.label);
    }
    EXPECT_EQ(parse_period("2024-Q2")->key(), "2024-q2");
    EXPECT_EQ(parse_period("2024-t7")->key(), "2024-t07");
}

TEST(Period, MalformedKeysAreRefusedNamingTheField) {
    for (const char* bad : {"", "2024", "2024-q5", "2024-q0", "2024-t13", "2024-t00", "24-q1", "2024-x1", "abcd-q1",
                            "2024-q1x", "1800-q1", "2024-6t-extra-long-key", "2024--q1"}) {
        auto period = parse_period(bad);
        ASSERT_FALSE(period) << bad;
        EXPECT_EQ(period.error().code, core::Errc::InvalidInput);
        EXPECT_EQ(period.error().field, "period");
    }
}

TEST(Period, ThresholdsFollowThePlanAndTheMonthThePeriodEnds) {
    model::TargetPlan plan;
    plan.threshold_q1 = 20;
    plan.threshold_6m = 45;
    plan.threshold_9m = 70;
    EXPECT_EQ(period_threshold(plan, *parse_period("2024-q1")), 20);
    EXPECT_EQ(period_threshold(plan, *parse_period("2024-t03")), 20);
    EXPECT_EQ(period_threshold(plan, *parse_period("2024-q2")), 45);
    EXPECT_EQ(period_threshold(plan, *parse_period("2024-6t")), 45);
    EXPECT_EQ(period_threshold(plan, *parse_period("2024-9t")), 70);
    EXPECT_EQ(period_threshold(plan, *parse_period("2024-nam")), 100);
    EXPECT_EQ(period_threshold(plan, *parse_period("2024-t04")), 33);
    EXPECT_EQ(period_threshold(model::TargetPlan{}, *parse_period("2024-q1")), 25);
}

TEST(Period, PeriodsSortInCalendarOrder) {
    std::vector<Period> periods;
    for (const char* key : {"2024-nam", "2024-9t", "2024-q1", "2024-t03", "2024-6t", "2023-nam", "2024-t01"})
        periods.push_back(*parse_period(key));
    std::sort(periods.begin(), periods.end());
    std::vector<std::string> keys;
    for (const auto& p : periods) keys.push_back(p.key());
    EXPECT_EQ(keys, (std::vector<std::string>{"2023-nam", "2024-t01", "2024-t03", "2024-q1", "2024-6t", "2024-9t",
                                              "2024-nam"}));
}

}  // namespace
}  // namespace cong::targets
