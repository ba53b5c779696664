#include "core/clock.hpp"

#include <gtest/gtest.h>

using namespace cong::core;

TEST(Clock, HeaderDateIsVietnameseWeekdayInVietnamTime) {
    // 2026-11-25T17:30Z is already Thursday 26/11 in Vietnam.
    auto t = parse_rfc3339("2026-11-25T17:30:00Z").value();
    EXPECT_EQ(format_vi_weekday_date(t), "Thứ Năm, 26/11/2026");
    EXPECT_EQ(format_vi_date(t), "26/11/2026");
    EXPECT_EQ(format_vi_date_time(t), "26/11/2026 00:30");
}

TEST(Clock, SundayIsChuNhat) {
    auto t = parse_rfc3339("2024-04-07T09:00:00+07:00").value();
    EXPECT_EQ(format_vi_weekday_date(t), "Chủ Nhật, 07/04/2024");
}

TEST(Clock, Rfc3339RoundTripsWithOffsets) {
    auto t = parse_rfc3339("2024-04-03T08:30:00+07:00").value();
    EXPECT_EQ(format_rfc3339(t), "2024-04-03T01:30:00Z");
    EXPECT_EQ(format_rfc3339_vietnam(t), "2024-04-03T08:30:00+07:00");
    EXPECT_EQ(format_rfc822_vietnam(t), "Wed, 03 Apr 2024 08:30:00 +0700");
    EXPECT_EQ(format_http_date(t), "Wed, 03 Apr 2024 01:30:00 GMT");
    EXPECT_EQ(parse_rfc3339("2024-04-03T01:30:00.123Z").value(), t);
}

TEST(Clock, MalformedDatesAreRefused) {
    for (const char* text : {"", "2024-04-03", "2024-13-03T00:00:00Z", "2024-02-30T00:00:00Z", "2024-04-03T25:00:00Z",
                             "2024-04-03T08:30:00", "2024-04-03T08:30:00+7", "yesterday", "2024-04-03T08:30:00Zjunk"}) {
        EXPECT_FALSE(parse_rfc3339(text)) << text;
    }
}
