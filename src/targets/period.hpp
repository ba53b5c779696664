// Period: the span a report covers — a month, a quarter, the first 6 or 9 months, or the whole year —
// with its key in URLs and storage ("2024-q1"), its Vietnamese name and its on-track threshold.
#pragma once

#include "core/result.hpp"
#include "model/target.hpp"

#include <compare>
#include <string>
#include <string_view>

namespace cong::targets {

enum class PeriodKind { Month, Quarter, SixMonths, NineMonths, Year };

// Figures are cumulative from the start of the year, so a period is known by the month it ends with.
struct Period {
    PeriodKind kind = PeriodKind::Quarter;
    int year = 0;
    int number = 1;  // the month (1–12) or the quarter (1–4); 0 for the other kinds

    // "2024-t03", "2024-q1", "2024-6t", "2024-9t", "2024-nam".
    std::string key() const;
    // "Tháng 3 năm 2024", "Quý I năm 2024", "6 tháng đầu năm 2024", "9 tháng năm 2024", "Năm 2024".
    std::string label() const;
    // The last month the period covers: 3 for Q1, 6 for "6 tháng", 12 for the year.
    int end_month() const;

    // Chronological: by year, then by the month the period ends, a month before the quarter it closes.
    std::strong_ordering operator<=>(const Period& other) const;
    bool operator==(const Period& other) const = default;
};

// Accepts the keys of Period::key in any ASCII case; InvalidInput (field "period") otherwise.
core::Result<Period> parse_period(std::string_view text);

// The share of the year's plan, in percent, that counts as on track at the end of period: the plan's
// thresholds after Q1, 6 and 9 months (the second and third quarter close 6 and 9 months); 100 for the
// year and the fourth quarter; for the other months, the month's share of the year.
int period_threshold(const model::TargetPlan& plan, const Period& period);

}  // namespace cong::targets
