#include "content/category_service.hpp"

#include "core/text_field.hpp"
#include "core/vietnamese.hpp"

namespace cong::content {

core::Result<model::Category> CategoryService::create_category(model::Category category) {
    using core::Errc;
    CONG_TRY(name, core::clean_text_field(category.name, MAX_CATEGORY_NAME_CHARS, core::Required::Yes, core::LineBreaks::Refused, "name", "Tên chuyên mục"));
    CONG_TRY(description, core::clean_text_field(category.description, 1000, core::Required::No, core::LineBreaks::Allowed, "description", "Mô tả"));
    category.name = std::move(name);
    category.description = std::move(description);
    category.slug = core::slugify(category.slug.empty() ? category.name : category.slug);
    if (category.slug.empty()) return core::Error{Errc::InvalidInput, "Địa chỉ (slug) không hợp lệ", "slug"};
    category.site_id = site_id_;
    auto created = db_.write([&](storage::Tx& tx) -> core::Result<model::Category> {
        if (category.parent_id) {
            CONG_TRY(parent, tx.categories().find_category(*category.parent_id));
            if (!parent || parent->site_id != site_id_)
                return core::Error{Errc::InvalidInput, "Chuyên mục cha không tồn tại", "parent_id"};
        }
        CONG_TRY(existing, tx.categories().find_category_by_slug(site_id_, category.slug));
        if (existing)
            return core::Error{Errc::Conflict, "Địa chỉ chuyên mục \"" + category.slug + "\" đã được dùng", "slug"};
        CONG_TRY(id, tx.categories().insert_category(category));
        category.id = id;
        return category;
    });
    if (created && listener_) listener_->content_changed({core::site_tag(site_id_), core::category_tag(created->id)});
    return created;
}

core::Result<std::vector<model::Category>> CategoryService::list_categories() {
    return db_.read([&](storage::Tx& tx) { return tx.categories().list_categories(site_id_); });
}

}  // namespace cong::content
