// Time: UTC instants for storage, Vietnamese calendar formats for display (Asia/Ho_Chi_Minh, UTC+7).
#pragma once

#include "core/result.hpp"

#include <chrono>
#include <string>
#include <string_view>

namespace cong::core {

// Whole seconds since the Unix epoch, UTC. Stored as an integer.
using Timestamp = std::chrono::sys_seconds;

// Vietnam has used UTC+7 without daylight saving since 1975, so a fixed offset is exact.
constexpr auto VIETNAM_OFFSET = std::chrono::hours{7};

Timestamp now();

// "Thứ Năm, 26/11/2026": the date line of the site header.
std::string format_vi_weekday_date(Timestamp t);
// "03/04/2024": day/month/year in Vietnam.
std::string format_vi_date(Timestamp t);
// "03/04/2024 08:30": date and time in Vietnam.
std::string format_vi_date_time(Timestamp t);
// "2024-04-03T01:30:00Z"
std::string format_rfc3339(Timestamp t);
// "2024-04-03T08:30:00+07:00": for feeds and meta tags read by people in Vietnam.
std::string format_rfc3339_vietnam(Timestamp t);
// "Wed, 03 Apr 2024 08:30:00 +0700": RSS 2.0 dates.
std::string format_rfc822_vietnam(Timestamp t);
// "Wed, 03 Apr 2024 01:30:00 GMT": HTTP dates.
std::string format_http_date(Timestamp t);

// Accepts RFC 3339 date-times ("2024-04-03T08:30:00+07:00", "…Z", fractional seconds ignored).
Result<Timestamp> parse_rfc3339(std::string_view text);

}  // namespace cong::core
