#include "content/category_service.hpp"

#include "core/text_field.hpp"
#include "core/vietnamese.hpp"

#include <algorithm>

namespace cong::content {
namespace {

using core::Errc;

// Name, description and slug as they are stored; the slug derived from the name when left empty.
core::Result<void> clean_fields(model::Category& category) {
    CONG_TRY(name, core::clean_text_field(category.name, MAX_CATEGORY_NAME_CHARS, core::Required::Yes,
                                          core::LineBreaks::Refused, "name", "Tên chuyên mục"));
    CONG_TRY(description, core::clean_text_field(category.description, MAX_CATEGORY_DESCRIPTION_CHARS,
                                                 core::Required::No, core::LineBreaks::Allowed, "description", "Mô tả"));
    category.name = std::move(name);
    category.description = std::move(description);
    category.slug = core::slugify(category.slug.empty() ? category.name : category.slug);
    if (category.slug.empty()) return core::Error{Errc::InvalidInput, "Địa chỉ (slug) không hợp lệ", "slug"};
    if (category.position < -MAX_CATEGORY_POSITION || category.position > MAX_CATEGORY_POSITION)
        return core::Error{Errc::InvalidInput, "Thứ tự phải là số nguyên từ -10.000 đến 10.000", "position"};
    return {};
}

core::Result<void> check_slug_free(storage::Tx& tx, const model::Category& category) {
    CONG_TRY(existing, tx.categories().find_category_by_slug(category.site_id, category.slug));
    if (existing && existing->id != category.id)
        return core::Error{Errc::Conflict, "Địa chỉ chuyên mục \"" + category.slug + "\" đã được dùng", "slug"};
    return {};
}

// The parent must be a category of the same site and, for an existing category, not the category itself nor
// below it: following parents up from the new parent must never reach the category.
core::Result<void> check_parent(storage::Tx& tx, const model::Category& category) {
    if (!category.parent_id) return {};
    std::optional<std::int64_t> ancestor = category.parent_id;
    for (int steps = 0; ancestor; ++steps) {
        if (category.id != 0 && *ancestor == category.id)
            return core::Error{Errc::InvalidInput, "Không thể chuyển chuyên mục vào chính nó hoặc chuyên mục con của nó",
                               "parent_id"};
        CONG_TRY(parent, tx.categories().find_category(*ancestor));
        if (!parent || parent->site_id != category.site_id)
            return core::Error{Errc::InvalidInput, "Chuyên mục cha không tồn tại", "parent_id"};
        // Stored trees never loop (this check guards every write), but a bound keeps a damaged one finite.
        if (steps > 1000) return core::Error{Errc::Conflict, "Cây chuyên mục bị vòng lặp", "parent_id"};
        ancestor = parent->parent_id;
    }
    return {};
}

// What changed, in words for the audit log ("đổi tên «A» → «B»; ẩn khỏi menu").
std::string describe_change(const model::Category& before, const model::Category& after) {
    std::vector<std::string> parts;
    if (before.name != after.name) parts.push_back("đổi tên «" + before.name + "» → «" + after.name + "»");
    if (before.slug != after.slug) parts.push_back("đổi địa chỉ " + before.slug + " → " + after.slug);
    if (before.description != after.description) parts.push_back("sửa mô tả");
    if (before.parent_id != after.parent_id)
        parts.push_back("chuyển vào " + (after.parent_id ? "chuyên mục " + std::to_string(*after.parent_id) : std::string("cấp cao nhất")));
    if (before.position != after.position)
        parts.push_back("thứ tự " + std::to_string(before.position) + " → " + std::to_string(after.position));
    if (before.in_menu != after.in_menu) parts.push_back(after.in_menu ? "hiện trong menu" : "ẩn khỏi menu");
    std::string out = after.name + ": ";
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i > 0 ? "; " : "") + parts[i];
    if (parts.empty()) out += "không đổi";
    return out;
}

audit::Event category_event(std::string action, const model::Category& category, std::string detail) {
    return {.action = std::move(action), .object_type = "category", .object_id = category.id,
            .site_id = category.site_id, .detail = std::move(detail)};
}

}  // namespace

core::Result<model::Category> CategoryService::create_category(model::Category category) {
    return create(std::move(category), nullptr);
}

core::Result<model::Category> CategoryService::create_category(model::Category category, const audit::Actor& actor) {
    return create(std::move(category), &actor);
}

core::Result<model::Category> CategoryService::create(model::Category category, const audit::Actor* actor) {
    CONG_TRY_VOID(clean_fields(category));
    category.id = 0;
    category.site_id = site_id_;
    auto created = db_.write([&](storage::Tx& tx) -> core::Result<model::Category> {
        CONG_TRY_VOID(check_parent(tx, category));
        CONG_TRY_VOID(check_slug_free(tx, category));
        CONG_TRY(id, tx.categories().insert_category(category));
        category.id = id;
        if (actor) CONG_TRY_VOID(audit::record(tx, *actor, category_event("category.create", category, category.name)));
        return category;
    });
    if (created) changed(created->id);
    return created;
}

core::Result<model::Category> CategoryService::update_category(model::Category category, const audit::Actor& actor) {
    CONG_TRY_VOID(clean_fields(category));
    category.site_id = site_id_;
    auto updated = db_.write([&](storage::Tx& tx) -> core::Result<model::Category> {
        CONG_TRY(before, tx.categories().find_category(category.id));
        if (!before || before->site_id != site_id_)
            return core::Error{Errc::NotFound, "Không tìm thấy chuyên mục", "id"};
        CONG_TRY_VOID(check_parent(tx, category));
        CONG_TRY_VOID(check_slug_free(tx, category));
        CONG_TRY_VOID(tx.categories().update_category(category));
        CONG_TRY_VOID(audit::record(tx, actor, category_event("category.update", category, describe_change(*before, category))));
        return category;
    });
    if (updated) changed(updated->id);
    return updated;
}

core::Result<void> CategoryService::move_category(std::int64_t id, MoveDirection direction, const audit::Actor& actor) {
    bool moved = false;
    auto result = db_.write([&](storage::Tx& tx) -> core::Result<void> {
        CONG_TRY(all, tx.categories().list_categories(site_id_));
        auto self = std::find_if(all.begin(), all.end(), [&](const model::Category& c) { return c.id == id; });
        if (self == all.end()) return core::Error{Errc::NotFound, "Không tìm thấy chuyên mục", "id"};
        std::vector<model::Category> siblings;
        for (const auto& c : all)
            if (c.parent_id == self->parent_id) siblings.push_back(c);
        auto index = std::size_t(std::find_if(siblings.begin(), siblings.end(), [&](const model::Category& c) { return c.id == id; }) -
                                 siblings.begin());
        std::size_t other = direction == MoveDirection::Up ? index - 1 : index + 1;
        if ((direction == MoveDirection::Up && index == 0) || other >= siblings.size()) return {};
        std::swap(siblings[index], siblings[other]);
        for (std::size_t i = 0; i < siblings.size(); ++i) {
            if (siblings[i].position == int(i)) continue;
            siblings[i].position = int(i);
            CONG_TRY_VOID(tx.categories().update_category(siblings[i]));
        }
        moved = true;
        const auto& category = siblings[other];
        auto detail = category.name + (direction == MoveDirection::Up ? ": lên trên" : ": xuống dưới") +
                      " (thứ tự " + std::to_string(other) + ")";
        return audit::record(tx, actor, category_event("category.update", category, detail));
    });
    if (result && moved) changed(id);
    return result;
}

core::Result<std::vector<model::Category>> CategoryService::list_categories() {
    return db_.read([&](storage::Tx& tx) { return tx.categories().list_categories(site_id_); });
}

core::Result<model::Category> CategoryService::find_category(std::int64_t id) {
    return db_.read([&](storage::Tx& tx) -> core::Result<model::Category> {
        CONG_TRY(category, tx.categories().find_category(id));
        if (!category || category->site_id != site_id_) return core::Error{Errc::NotFound, "Không tìm thấy chuyên mục", "id"};
        return std::move(*category);
    });
}

void CategoryService::changed(std::int64_t category_id) {
    if (listener_) listener_->content_changed({core::site_tag(site_id_), core::category_tag(category_id)});
}

}  // namespace cong::content
