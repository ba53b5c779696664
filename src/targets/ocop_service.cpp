#include "targets/ocop_service.hpp"

#include "core/text_field.hpp"
#include "core/vietnamese.hpp"
#include "targets/ntm_service.hpp"

#include <algorithm>
#include <chrono>
#include <set>

namespace cong::targets {
namespace {

using core::Errc;
using core::Error;
using core::Result;

Result<void> require_keeper(const model::User& user) {
    if (user.role == model::Role::Admin || user.role == model::Role::Approver) return {};
    return Error{Errc::Forbidden, "Chỉ người duyệt hoặc quản trị viên mới được cập nhật danh mục sản phẩm OCOP"};
}

std::string describe(const model::OcopProduct& p) {
    return p.name + " (" + std::to_string(p.stars) + " sao, " + std::string(model::ocop_group_name(p.group_code)) +
           ", năm " + std::to_string(p.year_recognised) + ")";
}

}  // namespace

std::string stars_text(int stars) { return std::to_string(stars) + " sao"; }

Result<model::OcopProduct> OcopService::checked(const OcopProductInput& input) {
    model::OcopProduct p;
    CONG_TRY(name, core::clean_text_field(input.name, MAX_OCOP_NAME_CHARS, core::Required::Yes,
                                          core::LineBreaks::Refused, "name", "Tên sản phẩm"));
    CONG_TRY(producer, core::clean_text_field(input.producer, MAX_OCOP_PRODUCER_CHARS, core::Required::Yes,
                                              core::LineBreaks::Refused, "producer", "Chủ thể sản xuất"));
    CONG_TRY(decision, core::clean_text_field(input.decision_ref, MAX_OCOP_DECISION_CHARS, core::Required::No,
                                              core::LineBreaks::Refused, "decision_ref", "Quyết định công nhận"));
    CONG_TRY(description, core::clean_text_field(input.description, MAX_OCOP_DESCRIPTION_CHARS, core::Required::No,
                                                 core::LineBreaks::Allowed, "description", "Mô tả"));
    if (input.stars < 3 || input.stars > 5)
        return Error{Errc::InvalidInput, "Hạng sao OCOP phải là 3, 4 hoặc 5", "stars"};
    if (model::ocop_group_name(input.group_code).empty())
        return Error{Errc::InvalidInput, "Nhóm sản phẩm không hợp lệ", "group"};
    // The programme began in 2018 (QĐ 490/QĐ-TTg); a year after next is a typing slip.
    auto today = std::chrono::floor<std::chrono::days>(core::now() + core::VIETNAM_OFFSET);
    int this_year = int(std::chrono::year_month_day{today}.year());
    if (input.year_recognised < 2018 || input.year_recognised > this_year + 1)
        return Error{Errc::InvalidInput, "Năm công nhận phải từ 2018 đến " + std::to_string(this_year + 1),
                     "year_recognised"};
    if (input.media_ids.size() > MAX_OCOP_PHOTOS)
        return Error{Errc::InvalidInput, "Tối đa " + std::to_string(MAX_OCOP_PHOTOS) + " ảnh cho một sản phẩm", "media"};
    std::set<std::int64_t> seen;
    for (auto id : input.media_ids)
        if (id <= 0 || !seen.insert(id).second)
            return Error{Errc::InvalidInput, "Mỗi ảnh chỉ chọn một lần", "media"};
    p.site_id = site_id_;
    p.name = std::move(name);
    p.slug = core::slugify(input.slug.empty() ? p.name : input.slug);
    if (p.slug.empty() || p.slug.size() > 200) return Error{Errc::InvalidInput, "Địa chỉ (slug) không hợp lệ", "slug"};
    p.stars = input.stars;
    p.producer = std::move(producer);
    p.commune_id = input.commune_id;
    p.group_code = input.group_code;
    p.year_recognised = input.year_recognised;
    p.decision_ref = std::move(decision);
    p.description = std::move(description);
    p.demo = input.demo;
    p.media_ids = input.media_ids;
    return p;
}

Result<model::OcopProduct> OcopService::create(const OcopProductInput& input, const model::User& user,
                                               const std::string& ip) {
    CONG_TRY_VOID(require_keeper(user));
    CONG_TRY(product, checked(input));
    product.created_at = product.updated_at = core::now();
    auto saved = db_.write([&](storage::Tx& tx) -> Result<model::OcopProduct> {
        CONG_TRY(existing, tx.targets().find_ocop_product_by_slug(site_id_, product.slug));
        if (existing) return Error{Errc::Conflict, "Địa chỉ \"" + product.slug + "\" đã được dùng", "slug"};
        if (product.commune_id) {
            CONG_TRY(commune, tx.targets().find_commune(*product.commune_id));
            if (!commune || commune->site_id != site_id_)
                return Error{Errc::InvalidInput, "Xã không tồn tại", "commune_id"};
            product.commune_name = commune->name;
        }
        CONG_TRY(media, tx.media().find_media_by_ids(product.media_ids));
        if (media.size() != product.media_ids.size() ||
            std::any_of(media.begin(), media.end(), [&](const model::Media& m) { return m.site_id != site_id_; }))
            return Error{Errc::InvalidInput, "Ảnh không có trong thư viện ảnh", "media"};
        CONG_TRY(id, tx.targets().insert_ocop_product(product));
        product.id = id;
        if (!product.media_ids.empty()) CONG_TRY_VOID(tx.targets().set_ocop_product_media(id, product.media_ids));
        CONG_TRY_VOID(audit::record(tx, audit::Actor::user(user, ip),
                                    {.action = "ocop.create",
                                     .object_type = "ocop_product",
                                     .object_id = id,
                                     .site_id = site_id_,
                                     .detail = describe(product)}));
        return product;
    });
    if (saved) changed();
    return saved;
}

Result<model::OcopProduct> OcopService::update(std::int64_t id, const OcopProductInput& input, const model::User& user,
                                               const std::string& ip) {
    CONG_TRY_VOID(require_keeper(user));
    CONG_TRY(product, checked(input));
    product.id = id;
    product.updated_at = core::now();
    auto saved = db_.write([&](storage::Tx& tx) -> Result<model::OcopProduct> {
        CONG_TRY(before, tx.targets().find_ocop_product(id));
        if (!before || before->site_id != site_id_) return Error{Errc::NotFound, "Không tìm thấy sản phẩm OCOP"};
        product.created_at = before->created_at;
        CONG_TRY(same_slug, tx.targets().find_ocop_product_by_slug(site_id_, product.slug));
        if (same_slug && same_slug->id != id)
            return Error{Errc::Conflict, "Địa chỉ \"" + product.slug + "\" đã được dùng", "slug"};
        if (product.commune_id) {
            CONG_TRY(commune, tx.targets().find_commune(*product.commune_id));
            if (!commune || commune->site_id != site_id_)
                return Error{Errc::InvalidInput, "Xã không tồn tại", "commune_id"};
            product.commune_name = commune->name;
        }
        CONG_TRY(media, tx.media().find_media_by_ids(product.media_ids));
        if (media.size() != product.media_ids.size() ||
            std::any_of(media.begin(), media.end(), [&](const model::Media& m) { return m.site_id != site_id_; }))
            return Error{Errc::InvalidInput, "Ảnh không có trong thư viện ảnh", "media"};
        CONG_TRY_VOID(tx.targets().update_ocop_product(product));
        CONG_TRY_VOID(tx.targets().set_ocop_product_media(id, product.media_ids));
        std::string detail = describe(*before);
        if (describe(*before) != describe(product)) detail += " → " + describe(product);
        CONG_TRY_VOID(audit::record(tx, audit::Actor::user(user, ip),
                                    {.action = "ocop.update",
                                     .object_type = "ocop_product",
                                     .object_id = id,
                                     .site_id = site_id_,
                                     .detail = detail}));
        return product;
    });
    if (saved) changed();
    return saved;
}

Result<std::optional<model::OcopProduct>> OcopService::find(std::int64_t id) {
    CONG_TRY(product, db_.read([&](storage::Tx& tx) { return tx.targets().find_ocop_product(id); }));
    if (product && product->site_id != site_id_) return std::optional<model::OcopProduct>{};
    return product;
}

Result<std::optional<model::OcopProduct>> OcopService::find_by_slug(std::string_view slug) {
    return db_.read([&](storage::Tx& tx) { return tx.targets().find_ocop_product_by_slug(site_id_, slug); });
}

Result<std::vector<model::OcopProduct>> OcopService::list(const OcopFilter& filter) {
    return db_.read([&](storage::Tx& tx) -> Result<std::vector<model::OcopProduct>> {
        CONG_TRY(products, tx.targets().list_ocop_products(site_id_));
        std::set<std::int64_t> communes;
        if (filter.commune_id) {
            // A commune's products include those of the communes merged into it.
            communes.insert(*filter.commune_id);
            CONG_TRY(all, tx.targets().list_communes(site_id_));
            for (const auto& c : all)
                if (c.merged_into == filter.commune_id) communes.insert(c.id);
        }
        std::vector<model::OcopProduct> out;
        for (auto& p : products) {
            if (filter.stars && p.stars != *filter.stars) continue;
            if (!filter.group_code.empty() && p.group_code != filter.group_code) continue;
            if (filter.commune_id && (!p.commune_id || !communes.count(*p.commune_id))) continue;
            out.push_back(std::move(p));
        }
        std::stable_sort(out.begin(), out.end(), [](const model::OcopProduct& a, const model::OcopProduct& b) {
            if (a.stars != b.stars) return a.stars > b.stars;
            return vietnamese_less(a.name, b.name);
        });
        return out;
    });
}

Result<std::map<std::int64_t, model::Media>> OcopService::photos(const std::vector<model::OcopProduct>& products) {
    std::vector<std::int64_t> ids;
    for (const auto& p : products) ids.insert(ids.end(), p.media_ids.begin(), p.media_ids.end());
    std::map<std::int64_t, model::Media> out;
    if (ids.empty()) return out;
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    // find_media_by_ids takes at most 1000 ids at a time.
    for (std::size_t at = 0; at < ids.size(); at += 1000) {
        std::vector<std::int64_t> chunk(ids.begin() + std::ptrdiff_t(at),
                                        ids.begin() + std::ptrdiff_t(std::min(ids.size(), at + 1000)));
        CONG_TRY(media, db_.read([&](storage::Tx& tx) { return tx.media().find_media_by_ids(chunk); }));
        for (auto& m : media)
            if (m.site_id == site_id_) out.emplace(m.id, std::move(m));
    }
    return out;
}

void OcopService::changed() {
    if (listener_) listener_->content_changed({ocop_tag(site_id_)});
}

}  // namespace cong::targets
