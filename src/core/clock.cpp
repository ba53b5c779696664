#include "core/clock.hpp"

#include <array>
#include <cstdio>

namespace cong::core {
namespace {

struct Civil {
    int year, month, day, hour, minute, second, weekday;  // weekday: 0 = Sunday
};

Civil to_civil(Timestamp t, std::chrono::seconds offset) {
    using namespace std::chrono;
    auto local = t + offset;
    auto days = floor<std::chrono::days>(local);
    year_month_day ymd{days};
    hh_mm_ss hms{local - days};
    weekday wd{days};
    return {int(ymd.year()), int(unsigned(ymd.month())), int(unsigned(ymd.day())), int(hms.hours().count()),
            int(hms.minutes().count()), int(hms.seconds().count()), int(wd.c_encoding())};
}

constexpr std::array<const char*, 7> VI_WEEKDAYS = {"Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư",
                                                   "Thứ Năm",  "Thứ Sáu", "Thứ Bảy"};
constexpr std::array<const char*, 7> EN_WEEKDAYS = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<const char*, 12> EN_MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

template <class... Args>
std::string print(const char* format, Args... args) {
    char buffer[96];
    int n = std::snprintf(buffer, sizeof buffer, format, args...);
    return std::string(buffer, n > 0 ? std::size_t(n) : 0);
}

}  // namespace

Timestamp now() { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); }

std::string format_vi_weekday_date(Timestamp t) {
    auto c = to_civil(t, VIETNAM_OFFSET);
    return print("%s, %02d/%02d/%04d", VI_WEEKDAYS[c.weekday], c.day, c.month, c.year);
}

std::string format_vi_date(Timestamp t) {
    auto c = to_civil(t, VIETNAM_OFFSET);
    return print("%02d/%02d/%04d", c.day, c.month, c.year);
}

std::string format_vi_date_time(Timestamp t) {
    auto c = to_civil(t, VIETNAM_OFFSET);
    return print("%02d/%02d/%04d %02d:%02d", c.day, c.month, c.year, c.hour, c.minute);
}

std::string format_rfc3339(Timestamp t) {
    auto c = to_civil(t, std::chrono::seconds{0});
    return print("%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day, c.hour, c.minute, c.second);
}

std::string format_rfc3339_vietnam(Timestamp t) {
    auto c = to_civil(t, VIETNAM_OFFSET);
    return print("%04d-%02d-%02dT%02d:%02d:%02d+07:00", c.year, c.month, c.day, c.hour, c.minute, c.second);
}

std::string format_rfc822_vietnam(Timestamp t) {
    auto c = to_civil(t, VIETNAM_OFFSET);
    return print("%s, %02d %s %04d %02d:%02d:%02d +0700", EN_WEEKDAYS[c.weekday], c.day, EN_MONTHS[c.month - 1],
                 c.year, c.hour, c.minute, c.second);
}

std::string format_http_date(Timestamp t) {
    auto c = to_civil(t, std::chrono::seconds{0});
    return print("%s, %02d %s %04d %02d:%02d:%02d GMT", EN_WEEKDAYS[c.weekday], c.day, EN_MONTHS[c.month - 1], c.year,
                 c.hour, c.minute, c.second);
}

Result<Timestamp> parse_rfc3339(std::string_view text) {
    auto fail = [&] { return Error{Errc::InvalidInput, "expected an RFC 3339 date-time such as 2024-04-03T08:30:00+07:00"}; };
    if (text.size() < 20 || text.size() > 40) return fail();
    auto digits = [&](std::size_t pos, std::size_t count, int& out) {
        out = 0;
        for (std::size_t i = pos; i < pos + count; ++i) {
            if (i >= text.size() || text[i] < '0' || text[i] > '9') return false;
            out = out * 10 + (text[i] - '0');
        }
        return true;
    };
    int year, month, day, hour, minute, second;
    if (!digits(0, 4, year) || text[4] != '-' || !digits(5, 2, month) || text[7] != '-' || !digits(8, 2, day) ||
        (text[10] != 'T' && text[10] != 't' && text[10] != ' ') || !digits(11, 2, hour) || text[13] != ':' ||
        !digits(14, 2, minute) || text[16] != ':' || !digits(17, 2, second))
        return fail();
    std::size_t pos = 19;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        std::size_t start = pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
        if (pos == start) return fail();
    }
    if (pos >= text.size()) return fail();
    int offset_minutes = 0;
    if (text[pos] == 'Z' || text[pos] == 'z') {
        ++pos;
    } else if (text[pos] == '+' || text[pos] == '-') {
        int sign = text[pos] == '-' ? -1 : 1;
        int oh, om;
        if (!digits(pos + 1, 2, oh) || pos + 3 >= text.size() || text[pos + 3] != ':' || !digits(pos + 4, 2, om) ||
            oh > 23 || om > 59)
            return fail();
        offset_minutes = sign * (oh * 60 + om);
        pos += 6;
    } else {
        return fail();
    }
    if (pos != text.size()) return fail();
    using namespace std::chrono;
    year_month_day ymd{std::chrono::year{year}, std::chrono::month{unsigned(month)}, std::chrono::day{unsigned(day)}};
    if (!ymd.ok() || hour > 23 || minute > 59 || second > 60) return fail();
    auto t = sys_days{ymd} + hours{hour} + minutes{minute} + seconds{std::min(second, 59)} - minutes{offset_minutes};
    return Timestamp{t};
}

}  // namespace cong::core
