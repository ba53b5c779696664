#include "targets/classification.hpp"

namespace cong::targets {
namespace {

// Figures are decimals typed by people ("0,3"); binary doubles make 0.075 ÷ 0.3 come out a hair under 25%.
constexpr double TOLERANCE = 1e-9;

Assessment judge(double progress, int threshold_percent) {
    if (progress >= 100.0 - TOLERANCE) return {Standing::Completed, progress};
    if (progress >= double(threshold_percent) - TOLERANCE) return {Standing::AboveThreshold, progress};
    return {Standing::BelowThreshold, progress};
}

Assessment higher_is_better(double plan, double figure, int threshold_percent) {
    if (plan <= 0) return {Standing::Completed, std::nullopt};
    return judge(figure / plan * 100.0, threshold_percent);
}

Assessment lower_is_better(double plan, double figure, int threshold_percent) {
    if (figure <= plan) {
        if (figure <= 0) return {Standing::Completed, plan <= 0 ? std::optional<double>(100.0) : std::nullopt};
        return {Standing::Completed, plan / figure * 100.0};
    }
    if (plan <= 0) return {Standing::BelowThreshold, 0.0};
    return judge(plan / figure * 100.0, threshold_percent);
}

}  // namespace

std::string_view to_string(Standing standing) {
    switch (standing) {
        case Standing::Completed:
            return "completed";
        case Standing::AboveThreshold:
            return "above_threshold";
        case Standing::BelowThreshold:
            return "below_threshold";
        case Standing::NotAssessed:
            return "not_assessed";
    }
    return "not_assessed";
}

std::string_view standing_label(Standing standing) {
    switch (standing) {
        case Standing::Completed:
            return "Hoàn thành";
        case Standing::AboveThreshold:
            return "Đạt trên ngưỡng";
        case Standing::BelowThreshold:
            return "Dưới ngưỡng";
        case Standing::NotAssessed:
            return "Chưa đánh giá";
    }
    return "Chưa đánh giá";
}

Assessment assess(const model::Target& target, std::optional<double> figure, int threshold_percent) {
    if (!figure) return {Standing::NotAssessed, std::nullopt};
    switch (target.kind) {
        case model::TargetKind::HigherIsBetter:
            return higher_is_better(target.plan_value, *figure, threshold_percent);
        case model::TargetKind::LowerIsBetter:
            return lower_is_better(target.plan_value, *figure, threshold_percent);
        case model::TargetKind::YesNo:
            if (*figure >= 1.0 - TOLERANCE) return {Standing::Completed, 100.0};
            return {Standing::BelowThreshold, 0.0};
        case model::TargetKind::WithinRange: {
            double low = target.plan_value;
            double high = target.plan_max.value_or(low);
            if (*figure >= low - TOLERANCE && *figure <= high + TOLERANCE) return {Standing::Completed, 100.0};
            if (*figure < low) return higher_is_better(low, *figure, threshold_percent);
            return lower_is_better(high, *figure, threshold_percent);
        }
    }
    return {Standing::NotAssessed, std::nullopt};
}

}  // namespace cong::targets
