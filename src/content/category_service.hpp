// Categories: creating the sections that form a site's menu, with their rules.
#pragma once

#include "core/change_listener.hpp"
#include "core/result.hpp"
#include "model/category.hpp"
#include "storage/database.hpp"

#include <vector>

namespace cong::content {

constexpr std::size_t MAX_CATEGORY_NAME_CHARS = 150;

class CategoryService {
public:
    CategoryService(storage::Database& db, std::int64_t site_id) : db_(db), site_id_(site_id) {}
    // Told after each committed change: a new category changes the menu of every page. May be null.
    void set_change_listener(core::ChangeListener* listener) { listener_ = listener; }

    // Checks the name, derives the slug when empty, refuses a taken slug (Conflict) or an unknown parent.
    core::Result<model::Category> create_category(model::Category category);
    // In menu order: parents before children, siblings by position.
    core::Result<std::vector<model::Category>> list_categories();

private:
    storage::Database& db_;
    std::int64_t site_id_;
    core::ChangeListener* listener_ = nullptr;
};

}  // namespace cong::content
