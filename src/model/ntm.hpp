// New Rural Development (nông thôn mới, NTM): versioned sets of numbered criteria, the communes they are
// assessed in, and each assessment of one criterion in one commune.
#pragma once

#include "core/clock.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cong::model {

// The kind of unit a set assesses: communes, or (the 2021–2025 programme only) districts.
enum class NtmUnitLevel { Commune, District };
// The standard a set describes: nông thôn mới, nông thôn mới nâng cao, nông thôn mới kiểu mẫu.
enum class NtmRank { Standard, Advanced, Model };
// What a set's thresholds vary by: nothing, the 7 regions (QĐ 318/QĐ-TTg) or the 3 commune groups
// (QĐ 51/2025/QĐ-TTg).
enum class NtmZoneKind { None, Region, CommuneGroup };
// How an indicator's figure is judged against its threshold.
enum class IndicatorKind { AtLeast, AtMost, YesNo };

inline std::string_view to_string(NtmUnitLevel level) {
    return level == NtmUnitLevel::District ? "district" : "commune";
}
inline std::string_view to_string(NtmRank rank) {
    switch (rank) {
        case NtmRank::Standard: return "standard";
        case NtmRank::Advanced: return "advanced";
        case NtmRank::Model: return "model";
    }
    return "standard";
}
inline std::string_view to_string(NtmZoneKind kind) {
    switch (kind) {
        case NtmZoneKind::None: return "none";
        case NtmZoneKind::Region: return "region";
        case NtmZoneKind::CommuneGroup: return "commune_group";
    }
    return "none";
}
inline std::string_view to_string(IndicatorKind kind) {
    switch (kind) {
        case IndicatorKind::AtLeast: return "at_least";
        case IndicatorKind::AtMost: return "at_most";
        case IndicatorKind::YesNo: return "yes_no";
    }
    return "yes_no";
}
inline std::optional<NtmUnitLevel> parse_ntm_unit_level(std::string_view text) {
    if (text == "commune") return NtmUnitLevel::Commune;
    if (text == "district") return NtmUnitLevel::District;
    return std::nullopt;
}
inline std::optional<NtmRank> parse_ntm_rank(std::string_view text) {
    if (text == "standard") return NtmRank::Standard;
    if (text == "advanced") return NtmRank::Advanced;
    if (text == "model") return NtmRank::Model;
    return std::nullopt;
}
inline std::optional<NtmZoneKind> parse_ntm_zone_kind(std::string_view text) {
    if (text == "none") return NtmZoneKind::None;
    if (text == "region") return NtmZoneKind::Region;
    if (text == "commune_group") return NtmZoneKind::CommuneGroup;
    return std::nullopt;
}
inline std::optional<IndicatorKind> parse_indicator_kind(std::string_view text) {
    if (text == "at_least") return IndicatorKind::AtLeast;
    if (text == "at_most") return IndicatorKind::AtMost;
    if (text == "yes_no") return IndicatorKind::YesNo;
    return std::nullopt;
}
// "Nông thôn mới", "Nông thôn mới nâng cao", "Nông thôn mới kiểu mẫu".
inline std::string_view rank_label(NtmRank rank) {
    switch (rank) {
        case NtmRank::Standard: return "Nông thôn mới";
        case NtmRank::Advanced: return "Nông thôn mới nâng cao";
        case NtmRank::Model: return "Nông thôn mới kiểu mẫu";
    }
    return "Nông thôn mới";
}

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
    NtmUnitLevel unit_level = NtmUnitLevel::Commune;
    NtmRank rank = NtmRank::Standard;
    NtmZoneKind zone_kind = NtmZoneKind::None;
};

// One region or commune group of a set, e.g. "Bắc Trung Bộ" or "Nhóm 2"; thresholds may differ by it.
struct NtmZone {
    std::int64_t id = 0;
    std::int64_t set_id = 0;
    std::string code;  // "bac-trung-bo", "nhom-2"
    std::string name;
    int position = 0;
};

// A numbered indicator (chỉ tiêu) under a criterion: "2.1 Tỷ lệ đường xã được nhựa hóa…".
struct Indicator {
    std::int64_t id = 0;
    std::int64_t criterion_id = 0;
    std::string code;  // "2.1"
    std::string name;
    std::string unit;  // "%", "triệu đồng/người/năm"; empty for yes/no
    IndicatorKind kind = IndicatorKind::YesNo;
    int position = 0;
};

// The value an indicator must reach: for one zone, or for every zone when zone_id is empty. A threshold the
// decision sets in words only ("Đạt") is a YesNo indicator without a row here.
struct IndicatorThreshold {
    std::int64_t indicator_id = 0;
    std::optional<std::int64_t> zone_id;
    double value = 0;
};

// A figure (or a yes/no finding) for one indicator in one commune, as of a date; never overwritten.
struct IndicatorAssessment {
    std::int64_t id = 0;
    std::int64_t commune_id = 0;
    std::int64_t indicator_id = 0;
    std::optional<double> value;
    std::optional<bool> met;  // the finding when there is no figure to compare (yes/no, or no threshold)
    std::string assessed_on;
    std::string evidence;
    std::optional<std::int64_t> entered_by;
    core::Timestamp entered_at{};
};

// The zone a commune belongs to in one set.
struct CommuneZone {
    std::int64_t commune_id = 0;
    std::int64_t set_id = 0;
    std::int64_t zone_id = 0;
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
    NtmUnitLevel unit_level = NtmUnitLevel::Commune;  // a district ("Huyện Thọ Xuân") for district-level sets
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
