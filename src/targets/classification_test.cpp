#include "targets/classification.hpp"

#include <gtest/gtest.h>

namespace cong::targets {
namespace {

model::Target target(model::TargetKind kind, double plan, std::optional<double> plan_max = std::nullopt) {
    model::Target t;
    t.kind = kind;
    t.plan_value = plan;
    t.plan_max = plan_max;
    return t;
}

struct Case {
    const char* what;
    model::Target target;
    std::optional<double> figure;
    int threshold;
    Standing expected;
};

TEST(Classification, EveryKindFallsInTheRightBucket) {
    using K = model::TargetKind;
    const Case cases[] = {
        {"higher: over the plan", target(K::HigherIsBetter, 100), 130, 25, Standing::Completed},
        {"higher: exactly the plan", target(K::HigherIsBetter, 100), 100, 25, Standing::Completed},
        {"higher: above Q1 threshold", target(K::HigherIsBetter, 100), 40, 25, Standing::AboveThreshold},
        {"higher: exactly at the threshold", target(K::HigherIsBetter, 100), 25, 25, Standing::AboveThreshold},
        {"higher: threshold reached through decimals", target(K::HigherIsBetter, 0.3), 0.075, 25,
         Standing::AboveThreshold},
        {"higher: just under the threshold", target(K::HigherIsBetter, 100), 24.9, 25, Standing::BelowThreshold},
        {"higher: nothing yet", target(K::HigherIsBetter, 100), 0, 25, Standing::BelowThreshold},
        {"higher: 40% is behind at 9 months", target(K::HigherIsBetter, 100), 40, 75, Standing::BelowThreshold},
        {"higher: plan of zero is met by anything", target(K::HigherIsBetter, 0), 0, 25, Standing::Completed},
        {"lower: under the ceiling", target(K::LowerIsBetter, 1.5), 1.2, 25, Standing::Completed},
        {"lower: at the ceiling", target(K::LowerIsBetter, 1.5), 1.5, 25, Standing::Completed},
        {"lower: a little over the ceiling", target(K::LowerIsBetter, 1.5), 2.0, 25, Standing::AboveThreshold},
        {"lower: far over the ceiling", target(K::LowerIsBetter, 10), 50, 25, Standing::BelowThreshold},
        {"lower: plan of zero met by zero", target(K::LowerIsBetter, 0), 0, 25, Standing::Completed},
        {"lower: plan of zero broken", target(K::LowerIsBetter, 0), 1, 25, Standing::BelowThreshold},
        {"yes/no: done", target(K::YesNo, 1), 1, 25, Standing::Completed},
        {"yes/no: not yet", target(K::YesNo, 1), 0, 25, Standing::BelowThreshold},
        {"range: inside", target(K::WithinRange, 0.7, 0.9), 0.8, 25, Standing::Completed},
        {"range: on the bounds", target(K::WithinRange, 0.7, 0.9), 0.9, 25, Standing::Completed},
        {"range: under the lower bound", target(K::WithinRange, 0.7, 0.9), 0.5, 25, Standing::AboveThreshold},
        {"range: far under the lower bound", target(K::WithinRange, 0.7, 0.9), 0.1, 25, Standing::BelowThreshold},
        {"range: over the upper bound", target(K::WithinRange, 0.7, 0.9), 1.2, 75, Standing::AboveThreshold},
        {"range: far over the upper bound", target(K::WithinRange, 0.7, 0.9), 9, 25, Standing::BelowThreshold},
    };
    for (const auto& c : cases) EXPECT_EQ(assess(c.target, c.figure, c.threshold).standing, c.expected) << c.what;
}

TEST(Classification, AMissingFigureIsNotAssessedForEveryKind) {
    using K = model::TargetKind;
    for (auto kind : {K::HigherIsBetter, K::LowerIsBetter, K::YesNo, K::WithinRange}) {
        auto result =
            assess(target(kind, 5, kind == K::WithinRange ? std::optional<double>(6) : std::nullopt), std::nullopt, 25);
        EXPECT_EQ(result.standing, Standing::NotAssessed) << model::to_string(kind);
        EXPECT_FALSE(result.progress);
    }
}

TEST(Classification, ProgressIsThePercentageOfPlanInTheTargetsDirection) {
    using K = model::TargetKind;
    EXPECT_DOUBLE_EQ(*assess(target(K::HigherIsBetter, 200), 50, 25).progress, 25.0);
    EXPECT_DOUBLE_EQ(*assess(target(K::HigherIsBetter, 200), 300, 25).progress, 150.0);
    EXPECT_DOUBLE_EQ(*assess(target(K::LowerIsBetter, 2), 4, 25).progress, 50.0);
    EXPECT_FALSE(assess(target(K::HigherIsBetter, 0), 7, 25).progress) << "no percentage of a zero plan";
}

TEST(Classification, StandingsHaveStableCodesAndVietnameseLabels) {
    EXPECT_EQ(to_string(Standing::AboveThreshold), "above_threshold");
    EXPECT_EQ(standing_label(Standing::Completed), "Hoàn thành");
    EXPECT_EQ(standing_label(Standing::NotAssessed), "Chưa đánh giá");
}

}  // namespace
}  // namespace cong::targets
