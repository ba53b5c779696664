// Categories: creating the sections that form a site's menu, with their rules.
#pragma once

#include "audit/audit_log.hpp"
#include "core/change_listener.hpp"
#include "core/result.hpp"
#include "model/category.hpp"
#include "storage/database.hpp"

#include <vector>

namespace cong::content {

constexpr std::size_t MAX_CATEGORY_NAME_CHARS = 150;
constexpr std::size_t MAX_CATEGORY_DESCRIPTION_CHARS = 1000;
// Positions are small: a menu has a handful of entries per level, and reordering renumbers them 0, 1, 2 …
constexpr int MAX_CATEGORY_POSITION = 10'000;

enum class MoveDirection { Up, Down };

class CategoryService {
public:
    CategoryService(storage::Database& db, std::int64_t site_id) : db_(db), site_id_(site_id) {}
    // Told after each committed change: a new category changes the menu of every page. May be null.
    void set_change_listener(core::ChangeListener* listener) { listener_ = listener; }

    // Checks the name, derives the slug when empty, refuses a taken slug (Conflict) or an unknown parent.
    core::Result<model::Category> create_category(model::Category category);
    // The same, made by a person in the back office: recorded as "category.create" in the same transaction.
    core::Result<model::Category> create_category(model::Category category, const audit::Actor& actor);

    // Renames, moves (parent), reorders (position) or shows/hides a category: every field of `category`
    // replaces the stored one (site_id stays). Refuses a parent that is the category itself or one of its
    // descendants (a cycle would take the branch out of the menu), a parent of another site, a taken slug.
    // Recorded as "category.update".
    core::Result<model::Category> update_category(model::Category category, const audit::Actor& actor);

    // Swaps a category with its neighbour among its siblings in menu order; the siblings are renumbered
    // 0, 1, 2 … so ties left by older data never block a move. At either end it is a no-op.
    core::Result<void> move_category(std::int64_t id, MoveDirection direction, const audit::Actor& actor);

    // In menu order: parents before children, siblings by position.
    core::Result<std::vector<model::Category>> list_categories();
    core::Result<model::Category> find_category(std::int64_t id);

private:
    core::Result<model::Category> create(model::Category category, const audit::Actor* actor);
    void changed(std::int64_t category_id);

    storage::Database& db_;
    std::int64_t site_id_;
    core::ChangeListener* listener_ = nullptr;
};

}  // namespace cong::content
