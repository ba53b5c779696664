// Category: a section of a site; categories form an ordered tree that is also the menu.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace cong::model {

struct Category {
    std::int64_t id = 0;
    std::int64_t site_id = 0;
    std::optional<std::int64_t> parent_id;
    std::string name;  // "Chiến lược - Định Hướng - Quy hoạch"
    std::string slug;  // "chien-luoc-dinh-huong-quy-hoach", unique within a site
    std::string description;
    int position = 0;  // order among siblings in the menu
    bool in_menu = true;
};

}  // namespace cong::model
