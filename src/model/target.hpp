// Targets: a plan (a resolution for a year) with its numbered socio-economic targets and the figures
// offices report for each period.
#pragma once

#include "core/clock.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cong::model {

// How a figure is judged against the plan value.
enum class TargetKind {
    HigherIsBetter,  // "thu ngân sách đạt 1.200 tỷ đồng": reach or pass the plan value
    LowerIsBetter,   // "tỷ lệ hộ nghèo còn dưới 1,5%": stay at or below the plan value
    YesNo,           // "hoàn thành tiêu chí huyện NTM nâng cao": 1 done, 0 not yet
    WithinRange,     // "tỷ lệ tăng dân số tự nhiên 0,7–0,9%": stay between plan_value and plan_max
};

inline std::string_view to_string(TargetKind kind) {
    switch (kind) {
        case TargetKind::HigherIsBetter:
            return "higher_is_better";
        case TargetKind::LowerIsBetter:
            return "lower_is_better";
        case TargetKind::YesNo:
            return "yes_no";
        case TargetKind::WithinRange:
            return "within_range";
    }
    return "higher_is_better";
}

inline std::optional<TargetKind> parse_target_kind(std::string_view text) {
    if (text == "higher_is_better") return TargetKind::HigherIsBetter;
    if (text == "lower_is_better") return TargetKind::LowerIsBetter;
    if (text == "yes_no") return TargetKind::YesNo;
    if (text == "within_range") return TargetKind::WithinRange;
    return std::nullopt;
}

// A resolution with targets for one year, e.g. "Nghị quyết số 09-NQ/HU về phương hướng, mục tiêu,
// nhiệm vụ năm 2024". Thresholds are the share of the year's plan (in percent) that counts as on track
// at the end of the first quarter, the first six months and the first nine months.
struct TargetPlan {
    std::int64_t id = 0;
    std::int64_t site_id = 0;
    std::string slug;  // "nghi-quyet-09-nq-hu-nam-2024", unique within a site
    std::string title;
    int year = 0;
    std::string description;
    int threshold_q1 = 25;
    int threshold_6m = 50;
    int threshold_9m = 75;
    std::optional<std::int64_t> created_by;
    core::Timestamp created_at{};
};

struct Target {
    std::int64_t id = 0;
    std::int64_t plan_id = 0;
    std::string code;        // as numbered in the resolution: "1", "2.3"
    std::string name;        // "Tổng giá trị sản xuất tăng"
    std::string group_name;  // "Kinh tế", "Văn hóa – xã hội", "Môi trường", "Quốc phòng – an ninh", …
    std::string unit;        // "%", "tỷ đồng", "xã"
    TargetKind kind = TargetKind::HigherIsBetter;
    double plan_value = 0;           // the year's plan; the lower bound for WithinRange; 1 for YesNo
    std::optional<double> plan_max;  // the upper bound, only for WithinRange
    std::optional<std::int64_t> office_id;  // the office that answers for it; none: no office named
    std::string office;              // that office's name when read back: "Phòng Tài chính - Kế hoạch"
    int position = 0;                // order in the resolution
};

// An office of the local government that answers for targets and enters their figures:
// "Phòng Tài chính - Kế hoạch". Names are unique within a site.
struct Office {
    std::int64_t id = 0;
    std::int64_t site_id = 0;
    std::string name;
};

// One figure entered for a target and period. Entries are never overwritten: the newest entry for a
// target and period is the current figure, the older ones are its history.
struct TargetReport {
    std::int64_t id = 0;
    std::int64_t target_id = 0;
    std::string period;           // a period key, see targets::Period: "2024-q1"
    std::optional<double> value;  // cumulative since the start of the year; none: not assessable yet
    std::string note;
    std::optional<std::int64_t> entered_by;
    std::string entered_by_name;  // the account's display name (or login) when read back; not stored
    core::Timestamp entered_at{};
};

}  // namespace cong::model
