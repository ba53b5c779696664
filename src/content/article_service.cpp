#include "content/article_service.hpp"

#include "core/text_field.hpp"
#include "core/vietnamese.hpp"

#include <algorithm>

namespace cong::content {
namespace {

using core::Errc;
using core::Error;
using core::Result;
using model::ArticleStatus;
using model::Role;

bool can_publish(const model::User& user) { return user.role == Role::Admin || user.role == Role::Approver; }

// Editors write and submit their own articles; approvers and admins may change any article.
bool can_edit(const model::User& user, const model::Article& article) {
    if (can_publish(user)) return true;
    return article.author_id == user.id && article.status != ArticleStatus::Published;
}

Result<std::string> unique_slug(storage::Tx& tx, std::int64_t site_id, std::string base) {
    if (base.empty()) base = "bai-viet";
    CONG_TRY(taken, tx.articles().slug_exists(site_id, base));
    if (!taken) return base;
    // The suffixed slug stays within the slug limit, so slugifying it again gives it back unchanged.
    if (base.size() > MAX_SLUG_BYTES - 4) base = core::slugify(base, MAX_SLUG_BYTES - 4);
    for (int suffix = 2; suffix < 1000; ++suffix) {
        std::string candidate = base + "-" + std::to_string(suffix);
        CONG_TRY(exists, tx.articles().slug_exists(site_id, candidate));
        if (!exists) return candidate;
    }
    return Error{Errc::Conflict, "Không tạo được địa chỉ (slug) duy nhất cho bài viết", "slug"};
}

}  // namespace

std::string article_path(const model::Article& article) { return "/bai-viet/" + article.slug; }
std::string category_path(const model::Category& category) { return "/chuyen-muc/" + category.slug; }

Result<model::Article> ArticleService::apply(storage::Tx& tx, model::Article article, const ArticleInput& input,
                                             const model::User& user) {
    if (input.status == ArticleStatus::Published && !can_publish(user))
        return Error{Errc::Forbidden, "Chỉ người duyệt bài hoặc quản trị mới được xuất bản", "status"};

    CONG_TRY(title, core::clean_text_field(input.title, MAX_TITLE_CHARS, core::Required::Yes, core::LineBreaks::Refused, "title", "Tiêu đề"));
    CONG_TRY(lead, core::clean_text_field(input.lead, MAX_LEAD_CHARS, core::Required::No, core::LineBreaks::Allowed, "lead", "Sa pô"));
    CONG_TRY(byline, core::clean_text_field(input.byline, MAX_BYLINE_CHARS, core::Required::No, core::LineBreaks::Refused, "byline", "Tác giả"));
    CONG_TRY(source, core::clean_text_field(input.source, MAX_BYLINE_CHARS, core::Required::No, core::LineBreaks::Refused, "source", "Nguồn"));

    CONG_TRY(category, tx.categories().find_category_by_slug(site_id_, input.category_slug));
    if (!category)
        return Error{Errc::InvalidInput, "Chuyên mục \"" + input.category_slug + "\" không tồn tại", "category"};

    std::vector<std::int64_t> media_ids = input.body.media_ids();
    if (input.cover_media_id) media_ids.insert(media_ids.begin(), *input.cover_media_id);
    std::sort(media_ids.begin(), media_ids.end());
    media_ids.erase(std::unique(media_ids.begin(), media_ids.end()), media_ids.end());
    CONG_TRY(found, tx.media().find_media_by_ids(media_ids));
    for (auto id : media_ids) {
        bool ok = std::any_of(found.begin(), found.end(),
                              [&](const model::Media& m) { return m.id == id && m.site_id == site_id_; });
        if (!ok) {
            bool is_cover = input.cover_media_id == id;
            return Error{is_cover ? Errc::InvalidInput : Errc::Unprocessable,
                         "Ảnh số " + std::to_string(id) + " không có trong thư viện ảnh",
                         is_cover ? "cover_media" : "body"};
        }
    }

    if (!input.slug.empty() && input.slug != article.slug) {
        std::string wanted = core::slugify(input.slug, MAX_SLUG_BYTES);
        if (wanted.empty()) return Error{Errc::InvalidInput, "Địa chỉ (slug) không hợp lệ", "slug"};
        if (wanted != article.slug) {
            CONG_TRY(slug, unique_slug(tx, site_id_, wanted));
            article.slug = slug;
        }
    } else if (article.slug.empty()) {
        CONG_TRY(slug, unique_slug(tx, site_id_, core::slugify(title, MAX_SLUG_BYTES)));
        article.slug = slug;
    }

    auto now = core::now();
    article.site_id = site_id_;
    article.category_id = category->id;
    article.title = std::move(title);
    article.lead = std::move(lead);
    article.byline = std::move(byline);
    article.source = std::move(source);
    article.body_json = input.body.to_json();
    article.body_text = input.body.plain_text();
    article.cover_media_id = input.cover_media_id;
    article.featured = input.featured;
    article.status = input.status;
    // The input carries the article's current time unless the editor changed or cleared it; an
    // article published without a time is published now.
    article.published_at = input.published_at;
    if (input.status == ArticleStatus::Published && !article.published_at) article.published_at = now;
    article.updated_at = now;

    if (article.id == 0) {
        article.created_at = now;
        article.author_id = user.id;
        CONG_TRY(id, tx.articles().insert_article(article));
        article.id = id;
    } else {
        CONG_TRY_VOID(tx.articles().update_article(article));
    }
    CONG_TRY_VOID(tx.articles().set_article_media(article.id, media_ids));
    // The search index changes in the same transaction as the article, so it is never stale.
    CONG_TRY_VOID(index_for_search(tx, article, found));
    return article;
}

Result<void> ArticleService::index_for_search(storage::Tx& tx, const model::Article& article,
                                              const std::vector<model::Media>& media) {
    // The body's text holds the captions written in the article; the photos' own captions come from here.
    std::string captions;
    for (const auto& photo : media) {
        if (photo.caption.empty() || article.cover_media_id == photo.id) continue;
        if (!captions.empty()) captions += "\n";
        captions += photo.caption;
    }
    return tx.search().index_article(article, captions);
}

Result<int> ArticleService::reindex_search() {
    return db_.write([&](storage::Tx& tx) -> Result<int> {
        CONG_TRY(ids, tx.articles().list_article_ids(site_id_));
        int indexed = 0;
        for (auto id : ids) {
            CONG_TRY(article, tx.articles().find_article(id));
            if (!article) continue;
            CONG_TRY(media_ids, tx.articles().list_article_media(id));
            CONG_TRY(media, tx.media().find_media_by_ids(media_ids));
            CONG_TRY_VOID(index_for_search(tx, *article, media));
            ++indexed;
        }
        return indexed;
    });
}

void ArticleService::changed(std::int64_t article_id, std::int64_t category_id, std::int64_t old_category_id) const {
    if (!listener_) return;
    std::vector<std::string> tags{core::article_tag(article_id), core::category_tag(category_id),
                                  core::listing_tag(site_id_)};
    if (old_category_id != category_id) tags.push_back(core::category_tag(old_category_id));
    listener_->content_changed(tags);
}

Result<model::Article> ArticleService::create_article(const ArticleInput& input, const model::User& author) {
    auto created = db_.write([&](storage::Tx& tx) { return apply(tx, model::Article{}, input, author); });
    if (created) changed(created->id, created->category_id, created->category_id);
    return created;
}

Result<model::Article> ArticleService::update_article(std::int64_t id, const ArticleInput& input,
                                                      const model::User& editor) {
    return update_article(
        id,
        [&](ArticleInput& current) -> Result<void> {
            current = input;
            return {};
        },
        editor);
}

Result<model::Article> ArticleService::update_article(std::int64_t id,
                                                      const std::function<Result<void>(ArticleInput&)>& change,
                                                      const model::User& editor) {
    std::int64_t old_category_id = 0;
    auto updated = db_.write([&](storage::Tx& tx) -> Result<model::Article> {
        CONG_TRY(existing, tx.articles().find_article(id));
        if (!existing || existing->site_id != site_id_) return Error{Errc::NotFound, "Không tìm thấy bài viết"};
        if (!can_edit(editor, *existing))
            return Error{Errc::Forbidden, "Bạn không có quyền sửa bài viết này"};
        old_category_id = existing->category_id;
        CONG_TRY(category, tx.categories().find_category(existing->category_id));
        ArticleRecord record{*existing, category ? category->slug : ""};
        CONG_TRY(input, record.to_input());
        CONG_TRY_VOID(change(input));
        return apply(tx, std::move(*existing), input, editor);
    });
    if (updated) changed(updated->id, updated->category_id, old_category_id);
    return updated;
}

Result<void> ArticleService::delete_article(std::int64_t id, const model::User& editor) {
    std::int64_t category_id = 0;
    auto deleted = db_.write([&](storage::Tx& tx) -> Result<void> {
        CONG_TRY(existing, tx.articles().find_article(id));
        if (!existing || existing->site_id != site_id_) return Error{Errc::NotFound, "Không tìm thấy bài viết"};
        if (!can_edit(editor, *existing))
            return Error{Errc::Forbidden, "Bạn không có quyền xóa bài viết này"};
        category_id = existing->category_id;
        CONG_TRY_VOID(tx.search().remove_article(id));
        return tx.articles().delete_article(id);
    });
    if (deleted) changed(id, category_id, category_id);
    return deleted;
}

Result<std::optional<ArticleRecord>> ArticleService::find_article(std::int64_t id) {
    return db_.read([&](storage::Tx& tx) -> Result<std::optional<ArticleRecord>> {
        CONG_TRY(article, tx.articles().find_article(id));
        if (!article || article->site_id != site_id_) return std::optional<ArticleRecord>{};
        CONG_TRY(category, tx.categories().find_category(article->category_id));
        return std::optional<ArticleRecord>{ArticleRecord{std::move(*article), category ? category->slug : ""}};
    });
}

Result<ArticleInput> ArticleRecord::to_input() const {
    CONG_TRY(body, parse_document(article.body_json));
    ArticleInput input;
    input.title = article.title;
    input.lead = article.lead;
    input.body = std::move(body);
    input.category_slug = category_slug;
    input.byline = article.byline;
    input.source = article.source;
    input.status = article.status;
    input.published_at = article.published_at;
    input.cover_media_id = article.cover_media_id;
    input.featured = article.featured;
    input.slug = article.slug;
    return input;
}

}  // namespace cong::content
