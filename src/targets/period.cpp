#include "targets/period.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace cong::targets {
namespace {

constexpr std::size_t MAX_PERIOD_KEY_BYTES = 16;

core::Error bad_period() {
    return core::Error{core::Errc::InvalidInput,
                       "Kỳ báo cáo không hợp lệ: dùng dạng 2024-t03 (tháng), 2024-q1 (quý), 2024-6t (6 tháng), "
                       "2024-9t (9 tháng) hoặc 2024-nam (cả năm)",
                       "period"};
}

bool parse_number(std::string_view text, int& out) {
    if (text.empty() || text.size() > 4) return false;
    for (char c : text)
        if (c < '0' || c > '9') return false;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc{} && end == text.data() + text.size();
}

int kind_rank(PeriodKind kind) {
    // Periods ending with the same month: the month, then the quarter, then 6/9 months, then the year.
    switch (kind) {
        case PeriodKind::Month:
            return 0;
        case PeriodKind::Quarter:
            return 1;
        case PeriodKind::SixMonths:
            return 2;
        case PeriodKind::NineMonths:
            return 2;
        case PeriodKind::Year:
            return 3;
    }
    return 0;
}

}  // namespace

std::string Period::key() const {
    std::string year_text = std::to_string(year);
    switch (kind) {
        case PeriodKind::Month: {
            char month[4];
            std::snprintf(month, sizeof month, "%02d", number);
            return year_text + "-t" + month;
        }
        case PeriodKind::Quarter:
            return year_text + "-q" + std::to_string(number);
        case PeriodKind::SixMonths:
            return year_text + "-6t";
        case PeriodKind::NineMonths:
            return year_text + "-9t";
        case PeriodKind::Year:
            return year_text + "-nam";
    }
    return year_text;
}

std::string Period::label() const {
    static constexpr std::array<std::string_view, 4> ROMAN{"I", "II", "III", "IV"};
    std::string year_text = std::to_string(year);
    switch (kind) {
        case PeriodKind::Month:
            return "Tháng " + std::to_string(number) + " năm " + year_text;
        case PeriodKind::Quarter:
            return "Quý " + std::string(ROMAN[std::size_t(number - 1) % 4]) + " năm " + year_text;
        case PeriodKind::SixMonths:
            return "6 tháng đầu năm " + year_text;
        case PeriodKind::NineMonths:
            return "9 tháng năm " + year_text;
        case PeriodKind::Year:
            return "Năm " + year_text;
    }
    return year_text;
}

int Period::end_month() const {
    switch (kind) {
        case PeriodKind::Month:
            return number;
        case PeriodKind::Quarter:
            return number * 3;
        case PeriodKind::SixMonths:
            return 6;
        case PeriodKind::NineMonths:
            return 9;
        case PeriodKind::Year:
            return 12;
    }
    return 12;
}

std::strong_ordering Period::operator<=>(const Period& other) const {
    if (auto c = year <=> other.year; c != 0) return c;
    if (auto c = end_month() <=> other.end_month(); c != 0) return c;
    if (auto c = kind_rank(kind) <=> kind_rank(other.kind); c != 0) return c;
    return int(kind) <=> int(other.kind);
}

core::Result<Period> parse_period(std::string_view text) {
    if (text.size() > MAX_PERIOD_KEY_BYTES) return bad_period();
    std::string key;
    for (char c : text) key += char(std::tolower(static_cast<unsigned char>(c)));
    auto dash = key.find('-');
    if (dash == std::string::npos) return bad_period();
    Period period;
    if (!parse_number(std::string_view(key).substr(0, dash), period.year) || period.year < 1990 || period.year > 2100)
        return bad_period();
    std::string_view rest = std::string_view(key).substr(dash + 1);
    if (rest == "6t") {
        period.kind = PeriodKind::SixMonths;
        period.number = 0;
    } else if (rest == "9t") {
        period.kind = PeriodKind::NineMonths;
        period.number = 0;
    } else if (rest == "nam") {
        period.kind = PeriodKind::Year;
        period.number = 0;
    } else if (rest.size() == 2 && rest[0] == 'q') {
        period.kind = PeriodKind::Quarter;
        if (!parse_number(rest.substr(1), period.number) || period.number < 1 || period.number > 4) return bad_period();
    } else if ((rest.size() == 2 || rest.size() == 3) && rest[0] == 't') {
        period.kind = PeriodKind::Month;
        if (!parse_number(rest.substr(1), period.number) || period.number < 1 || period.number > 12)
            return bad_period();
    } else {
        return bad_period();
    }
    return period;
}

int period_threshold(const model::TargetPlan& plan, const Period& period) {
    switch (period.end_month()) {
        case 3:
            return plan.threshold_q1;
        case 6:
            return plan.threshold_6m;
        case 9:
            return plan.threshold_9m;
        case 12:
            return 100;
        default:
            return int(std::lround(period.end_month() * 100.0 / 12.0));
    }
}

}  // namespace cong::targets
