// OCOP products (Chương trình Mỗi xã một sản phẩm): a product recognised with 3 to 5 stars, its producer,
// commune, product group and the year it was recognised, with photos from the media library.
#pragma once

#include "core/clock.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cong::model {

// The six product groups of Quyết định 148/QĐ-TTg (2023): its code in URLs and storage, and its name.
struct OcopGroup {
    std::string_view code;
    std::string_view name;
};

inline constexpr std::array<OcopGroup, 6> OCOP_GROUPS{{
    {"thuc-pham", "Thực phẩm"},
    {"do-uong", "Đồ uống"},
    {"thao-duoc", "Thảo dược"},
    {"thu-cong-my-nghe", "Thủ công mỹ nghệ"},
    {"sinh-vat-canh", "Sinh vật cảnh"},
    {"du-lich", "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch"},
}};

// The group's name for its code; empty for an unknown code.
inline std::string_view ocop_group_name(std::string_view code) {
    for (const auto& group : OCOP_GROUPS)
        if (group.code == code) return group.name;
    return {};
}

struct OcopProduct {
    std::int64_t id = 0;
    std::int64_t site_id = 0;
    std::string slug;  // "mat-ong-rung-xuan-lap", unique within a site
    std::string name;
    int stars = 3;                           // 3, 4 or 5
    std::string producer;                    // "HTX Nông nghiệp Xuân Lập"
    std::optional<std::int64_t> commune_id;  // a row of communes (the NTM communes)
    std::string commune_name;                // read back with the product; not stored
    std::string group_code;                  // one of OCOP_GROUPS
    int year_recognised = 0;
    std::string decision_ref;  // the recognition decision, when known
    std::string description;
    bool demo = false;  // an invented entry of the demo portal: labelled as such on every page
    std::vector<std::int64_t> media_ids;  // photos, in the order shown; the first is the cover
    core::Timestamp created_at{};
    core::Timestamp updated_at{};
};

}  // namespace cong::model
