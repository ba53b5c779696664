// Summary: the four counts of a plan's targets for a period and the Vietnamese sentence the quarterly
// report prints, in the seed article's exact words ("có 03/38 chỉ tiêu hoàn thành và …").
#pragma once

#include "targets/classification.hpp"

#include <string>

namespace cong::targets {

struct StandingCounts {
    int completed = 0;
    int above_threshold = 0;
    int below_threshold = 0;
    int not_assessed = 0;

    int total() const { return completed + above_threshold + below_threshold + not_assessed; }
    void add(Standing standing);
};

// "03/38": the count zero-padded to the width of the total, both at least two digits ("01/05"), as reports write it.
std::string format_count(int count, int total);

// "có 03/38 chỉ tiêu hoàn thành và hoàn thành vượt kế hoạch; 08/38 chỉ tiêu đạt trên 25%KH; 05/38 chỉ tiêu
// dưới 25% KH; còn 22/38 chỉ tiêu chưa đánh giá" — without a capital or a full stop, so it reads inside a
// longer sentence as it does in the seed.
std::string summary_sentence(const StandingCounts& counts, int threshold_percent);

}  // namespace cong::targets
