// New Rural Development (nông thôn mới, NTM): versioned sets of numbered criteria, the communes they are
// assessed in, and each assessment of one criterion in one commune.
#pragma once

#include "core/clock.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace cong::model {

// A set of criteria as a decision fixes them for a period and level, e.g. "Bộ tiêu chí quốc gia về xã
// nông thôn mới giai đoạn 2021–2025" (Quyết định 318/QĐ-TTg), 19 criteria.
struct CriteriaSet {
    std::int64_t id = 0;
    std::int64_t site_id = 0;
    std::string slug;
    std::string title;
    std::string decision_ref;  // "Quyết định số 318/QĐ-TTg ngày 08/3/2022"
    std::string level;         // "Xã nông thôn mới", "Xã nông thôn mới nâng cao", …
    int first_year = 0;        // the period the set is in force: 2021–2025
    int last_year = 0;
    core::Timestamp created_at{};
};

struct Criterion {
    std::int64_t id = 0;
    std::int64_t set_id = 0;
    int number = 0;          // "Tiêu chí số 2"
    std::string name;        // "Giao thông"
    std::string group_name;  // "Hạ tầng kinh tế - xã hội"
};

// A commune (xã, phường, thị trấn). One merged in the 2025 reorganisation points to the commune it became
// and keeps its own records.
struct Commune {
    std::int64_t id = 0;
    std::int64_t site_id = 0;
    std::string name;  // "Xã Xuân Lập"
    std::optional<std::int64_t> merged_into;
};

// Whether a commune met a criterion, as of a date, with the evidence; entries are never overwritten.
struct CriterionAssessment {
    std::int64_t id = 0;
    std::int64_t commune_id = 0;
    std::int64_t criterion_id = 0;
    bool met = false;
    std::string assessed_on;  // "2024-03-31", the date the assessment holds for
    std::string evidence;     // the decision or report it rests on
    std::optional<std::int64_t> entered_by;
    core::Timestamp entered_at{};
};

}  // namespace cong::model
