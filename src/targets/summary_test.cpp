#include "targets/summary.hpp"

#include <gtest/gtest.h>

namespace cong::targets {
namespace {

TEST(Summary, ReproducesTheSeedSentenceFromCounts) {
    StandingCounts counts{.completed = 3, .above_threshold = 8, .below_threshold = 5, .not_assessed = 22};
    EXPECT_EQ(summary_sentence(counts, 25),
              "có 03/38 chỉ tiêu hoàn thành và hoàn thành vượt kế hoạch; 08/38 chỉ tiêu đạt trên 25%KH; "
              "05/38 chỉ tiêu dưới 25% KH; còn 22/38 chỉ tiêu chưa đánh giá");
}

TEST(Summary, CountsArePaddedToTheWidthOfTheTotal) {
    EXPECT_EQ(format_count(3, 38), "03/38");
    EXPECT_EQ(format_count(0, 5), "00/05");
    EXPECT_EQ(format_count(7, 120), "007/120");
    EXPECT_EQ(format_count(38, 38), "38/38");
}

TEST(Summary, TheThresholdOfThePeriodAppearsInBothBuckets) {
    StandingCounts counts{.completed = 10, .above_threshold = 0, .below_threshold = 1, .not_assessed = 0};
    EXPECT_EQ(summary_sentence(counts, 50),
              "có 10/11 chỉ tiêu hoàn thành và hoàn thành vượt kế hoạch; 00/11 chỉ tiêu đạt trên 50%KH; "
              "01/11 chỉ tiêu dưới 50% KH; còn 00/11 chỉ tiêu chưa đánh giá");
}

TEST(Summary, CountsAddUpByStanding) {
    StandingCounts counts;
    for (auto s : {Standing::Completed, Standing::NotAssessed, Standing::NotAssessed, Standing::BelowThreshold})
        counts.add(s);
    EXPECT_EQ(counts.completed, 1);
    EXPECT_EQ(counts.not_assessed, 2);
    EXPECT_EQ(counts.below_threshold, 1);
    EXPECT_EQ(counts.total(), 4);
}

}  // namespace
}  // namespace cong::targets
