// Classification: how far a target's figure is from its plan, and which of the report's four buckets
// it falls in — done or exceeded, on track (at or above the period's threshold), behind, not assessed.
#pragma once

#include "model/target.hpp"

#include <optional>
#include <string_view>

namespace cong::targets {

enum class Standing {
    Completed,       // "hoàn thành và hoàn thành vượt kế hoạch"
    AboveThreshold,  // "đạt trên 25%KH": at or above the period's threshold
    BelowThreshold,  // "dưới 25% KH"
    NotAssessed,     // "chưa đánh giá": no figure for the period
};

std::string_view to_string(Standing standing);  // "completed", "above_threshold", "below_threshold", "not_assessed"
// The short Vietnamese name shown in a table cell: "Hoàn thành", "Đạt trên ngưỡng", "Dưới ngưỡng", "Chưa đánh giá".
std::string_view standing_label(Standing standing);

struct Assessment {
    Standing standing = Standing::NotAssessed;
    // The figure as a percentage of the plan, read in the target's direction (for a lower-is-better target,
    // plan ÷ figure); none when it has no meaning (no figure, or a plan of 0 reached with 0).
    std::optional<double> progress;
};

// Rules, by kind (threshold in percent, from period_threshold):
// - higher is better: progress = figure ÷ plan; ≥ 100% completed; ≥ threshold above; else below.
//   A plan of 0 is met by any figure.
// - lower is better: a figure at or under the plan is completed; over it, progress = plan ÷ figure, judged
//   against the threshold like the others. A plan of 0 ("no forest fires") is met only by 0.
// - yes/no: 1 is completed, anything else is below (the thing is not done yet, whatever the period).
// - within range [plan_value, plan_max]: inside is completed; under it, judged as higher-is-better
//   against the lower bound; over it, as lower-is-better against the upper bound.
// A figure exactly at the threshold counts as above it ("đạt"), within a rounding tolerance.
Assessment assess(const model::Target& target, std::optional<double> figure, int threshold_percent);

}  // namespace cong::targets
