#include "targets/summary.hpp"

#include "core/vietnamese.hpp"

#include <algorithm>

namespace cong::targets {

void StandingCounts::add(Standing standing) {
    switch (standing) {
        case Standing::Completed:
            ++completed;
            break;
        case Standing::AboveThreshold:
            ++above_threshold;
            break;
        case Standing::BelowThreshold:
            ++below_threshold;
            break;
        case Standing::NotAssessed:
            ++not_assessed;
            break;
    }
}

std::string format_count(int count, int total) {
    std::string count_text = std::to_string(count);
    std::string total_text = std::to_string(total);
    std::size_t width = std::max<std::size_t>(2, total_text.size());
    if (count_text.size() < width) count_text.insert(0, width - count_text.size(), '0');
    if (total_text.size() < width) total_text.insert(0, width - total_text.size(), '0');
    return count_text + "/" + total_text;
}

std::string summary_sentence(const StandingCounts& counts, int threshold_percent) {
    int total = counts.total();
    std::string threshold = core::format_integer_vi(threshold_percent);
    // The seed writes "25%KH" in one bucket and "25% KH" in the next; reports are copied from it, so the
    // sentence keeps both spellings rather than tidying one of them.
    return "có " + format_count(counts.completed, total) + " chỉ tiêu hoàn thành và hoàn thành vượt kế hoạch; " +
           format_count(counts.above_threshold, total) + " chỉ tiêu đạt trên " + threshold + "%KH; " +
           format_count(counts.below_threshold, total) + " chỉ tiêu dưới " + threshold + "% KH; còn " +
           format_count(counts.not_assessed, total) + " chỉ tiêu chưa đánh giá";
}

}  // namespace cong::targets
