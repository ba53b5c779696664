#include "content/article_service.hpp"

#include "core/text_field.hpp"
#include "core/vietnamese.hpp"
#include "search/article_index.hpp"

#include <algorithm>

namespace cong::content {
namespace {

using core::Errc;
using core::Error;
using core::Result;
using model::ArticleStatus;
using model::Role;

// The audit action of a save that moved an article from before (none: just created) to after.
std::string transition_action(std::optional<ArticleStatus> before, ArticleStatus after, SaveKind kind) {
    if (before == after || (!before && after == ArticleStatus::Draft))
        return kind == SaveKind::Autosave ? "article.autosave" : "article.update";
    switch (after) {
        case ArticleStatus::Draft: return "article.return_to_draft";
        case ArticleStatus::Pending: return "article.submit";
        case ArticleStatus::Scheduled: return "article.schedule";
        case ArticleStatus::Published: return "article.publish";
        case ArticleStatus::Unpublished: return "article.unpublish";
    }
    return "article.update";
}

model::ArticleRevision revision_of(const model::Article& article, const ActingUser& acting, SaveKind kind) {
    model::ArticleRevision r;
    r.article_id = article.id;
    r.user_id = acting.user.id;
    r.login = acting.user.login;
    r.created_at = article.updated_at;
    r.autosave = kind == SaveKind::Autosave;
    r.status = article.status;
    r.title = article.title;
    r.lead = article.lead;
    r.body_json = article.body_json;
    r.byline = article.byline;
    r.source = article.source;
    r.category_id = article.category_id;
    r.cover_media_id = article.cover_media_id;
    r.featured = article.featured;
    r.published_at = article.published_at;
    return r;
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

bool can_review(const model::User& user) { return user.role == Role::Admin || user.role == Role::Approver; }

// Editors write and submit their own articles while no approver has taken them on (draft, pending,
// unpublished); approvers and admins may change any article.
bool can_edit(const model::User& user, const model::Article& article) {
    if (can_review(user)) return true;
    return article.author_id == user.id &&
           (article.status == ArticleStatus::Draft || article.status == ArticleStatus::Pending ||
            article.status == ArticleStatus::Unpublished);
}

std::string article_path(const model::Article& article) { return "/bai-viet/" + article.slug; }
std::string category_path(const model::Category& category) { return "/chuyen-muc/" + category.slug; }

Result<model::Article> ArticleService::apply(storage::Tx& tx, model::Article article, const ArticleInput& input,
                                             const model::User& user) {
    auto now = core::now();
    auto status = input.status;
    if (!can_review(user) && status != ArticleStatus::Draft && status != ArticleStatus::Pending)
        return Error{Errc::Forbidden, "Chỉ người duyệt bài hoặc quản trị mới được xuất bản, hẹn giờ hoặc gỡ bài",
                     "status"};
    if (status == ArticleStatus::Unpublished && article.status != ArticleStatus::Published &&
        article.status != ArticleStatus::Scheduled && article.status != ArticleStatus::Unpublished)
        return Error{Errc::InvalidInput, "Chỉ gỡ được bài đã đăng hoặc đã lên lịch", "status"};
    // "Published" at a future time is a schedule; a schedule whose time has already come is a publication.
    if (status == ArticleStatus::Published && input.published_at && *input.published_at > now)
        status = ArticleStatus::Scheduled;
    if (status == ArticleStatus::Scheduled) {
        if (!input.published_at)
            return Error{Errc::InvalidInput, "Cần chọn thời điểm đăng để hẹn giờ", "published_at"};
        if (*input.published_at <= now) status = ArticleStatus::Published;
    }

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
    article.status = status;
    // The input carries the article's current time unless the editor changed or cleared it; an
    // article published without a time is published now.
    article.published_at = input.published_at;
    if (status == ArticleStatus::Published && !article.published_at) article.published_at = now;
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
    CONG_TRY_VOID(tx.search().index_article(article, search::photo_captions(article, found)));
    return article;
}

Result<int> ArticleService::reindex_search() {
    return db_.write([&](storage::Tx& tx) -> Result<int> {
        CONG_TRY(ids, tx.articles().list_article_ids(site_id_));
        int indexed = 0;
        for (auto id : ids) {
            CONG_TRY(article, tx.articles().find_article(id));
            if (!article) continue;
            CONG_TRY_VOID(search::reindex_article(tx, *article));
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

Result<void> ArticleService::record_save(storage::Tx& tx, const model::Article& article,
                                         std::optional<ArticleStatus> before, const ActingUser& acting,
                                         SaveKind kind, std::string action) {
    // Typing for an hour leaves one autosave revision, not hundreds: the next autosave by the same
    // account replaces it, while any manual save starts a new one.
    auto revision = revision_of(article, acting, kind);
    std::optional<model::ArticleRevision> latest;
    if (kind == SaveKind::Autosave) {
        CONG_TRY(found, tx.revisions().latest_revision(article.id));
        latest = std::move(found);
    }
    int number = 0;
    bool continued = latest && latest->autosave && latest->user_id == acting.user.id;
    if (continued) {
        revision.number = latest->number;
        CONG_TRY_VOID(tx.revisions().update_revision(revision));
        number = latest->number;
    } else {
        CONG_TRY(inserted, tx.revisions().insert_revision(revision));
        number = inserted;
    }

    auto event = [&](std::string name, std::string detail) {
        return audit::Event{std::move(name), "article", article.id, site_id_, std::move(detail)};
    };
    auto detail = article.title + " (phiên bản " + std::to_string(number) + ", " +
                  std::string(model::to_string(article.status)) + ")";
    if (!before) CONG_TRY_VOID(audit::record(tx, acting.actor(), event("article.create", detail)));
    if (action.empty()) {
        if (!before && article.status == ArticleStatus::Draft) return {};
        // The audit log says once that this account autosaved into revision N; the autosaves that keep
        // replacing it, every ~10 s while someone types, would bury every other entry.
        if (continued && before == article.status) return {};
        action = transition_action(before, article.status, kind);
    }
    if (article.status == ArticleStatus::Scheduled && article.published_at)
        detail += " lúc " + core::format_vi_date_time(*article.published_at);
    return audit::record(tx, acting.actor(), event(std::move(action), std::move(detail)));
}

Result<model::Article> ArticleService::create_article(const ArticleInput& input, const ActingUser& author,
                                                      SaveKind kind) {
    auto created = db_.write([&](storage::Tx& tx) -> Result<model::Article> {
        CONG_TRY(article, apply(tx, model::Article{}, input, author.user));
        CONG_TRY_VOID(record_save(tx, article, std::nullopt, author, kind));
        return article;
    });
    if (created) changed(created->id, created->category_id, created->category_id);
    return created;
}

Result<model::Article> ArticleService::update_article(std::int64_t id, const ArticleInput& input,
                                                      const ActingUser& editor, SaveKind kind) {
    return update_article(
        id,
        [&](ArticleInput& current) -> Result<void> {
            current = input;
            return {};
        },
        editor, kind);
}

Result<model::Article> ArticleService::update_article(std::int64_t id,
                                                      const std::function<Result<void>(ArticleInput&)>& change,
                                                      const ActingUser& editor, SaveKind kind) {
    std::int64_t old_category_id = 0;
    auto updated = db_.write([&](storage::Tx& tx) -> Result<model::Article> {
        CONG_TRY(existing, tx.articles().find_article(id));
        if (!existing || existing->site_id != site_id_) return Error{Errc::NotFound, "Không tìm thấy bài viết"};
        if (!can_edit(editor.user, *existing))
            return Error{Errc::Forbidden, "Bạn không có quyền sửa bài viết này"};
        old_category_id = existing->category_id;
        auto before = existing->status;
        CONG_TRY(category, tx.categories().find_category(existing->category_id));
        ArticleRecord record{*existing, category ? category->slug : ""};
        CONG_TRY(input, record.to_input());
        CONG_TRY_VOID(change(input));
        CONG_TRY(article, apply(tx, std::move(*existing), input, editor.user));
        CONG_TRY_VOID(record_save(tx, article, before, editor, kind));
        return article;
    });
    if (updated) changed(updated->id, updated->category_id, old_category_id);
    return updated;
}

Result<void> ArticleService::delete_article(std::int64_t id, const ActingUser& editor) {
    std::int64_t category_id = 0;
    auto deleted = db_.write([&](storage::Tx& tx) -> Result<void> {
        CONG_TRY(existing, tx.articles().find_article(id));
        if (!existing || existing->site_id != site_id_) return Error{Errc::NotFound, "Không tìm thấy bài viết"};
        if (!can_edit(editor.user, *existing))
            return Error{Errc::Forbidden, "Bạn không có quyền xóa bài viết này"};
        category_id = existing->category_id;
        CONG_TRY_VOID(tx.search().remove_article(id));
        CONG_TRY_VOID(tx.articles().delete_article(id));
        return audit::record(tx, editor.actor(),
                             {"article.delete", "article", id, site_id_, existing->title});
    });
    if (deleted) changed(id, category_id, category_id);
    return deleted;
}

Result<std::vector<model::Article>> ArticleService::publish_due(core::Timestamp now) {
    auto published = db_.write([&](storage::Tx& tx) -> Result<std::vector<model::Article>> {
        // Inside the writer's transaction: two runs at once are serialised, and the second finds nothing.
        CONG_TRY(ids, tx.editorial().list_due_scheduled(site_id_, now, MAX_SCHEDULED_PER_RUN));
        std::vector<model::Article> done;
        for (auto id : ids) {
            CONG_TRY(article, tx.articles().find_article(id));
            if (!article || article->status != ArticleStatus::Scheduled) continue;
            article->status = ArticleStatus::Published;
            CONG_TRY_VOID(tx.articles().update_article(*article));
            CONG_TRY_VOID(search::reindex_article(tx, *article));
            auto detail = article->title + " (hẹn giờ " + core::format_vi_date_time(*article->published_at) + ")";
            CONG_TRY_VOID(audit::record(tx, audit::Actor::system("system:scheduler"),
                                        {"article.publish_scheduled", "article", id, site_id_, std::move(detail)}));
            article->body_json.clear();
            article->body_text.clear();
            done.push_back(std::move(*article));
        }
        return done;
    });
    if (published)
        for (const auto& article : *published) changed(article.id, article.category_id, article.category_id);
    return published;
}

Result<ArticleList> ArticleService::list_articles(const ArticleFilter& filter, const model::User& viewer) {
    return db_.read([&](storage::Tx& tx) -> Result<ArticleList> {
        storage::ArticleListQuery query;
        query.site_id = site_id_;
        query.status = filter.status;
        query.text = filter.text;
        if (filter.mine) query.author_id = viewer.id;
        CONG_TRY(categories, tx.categories().list_categories(site_id_));
        if (!filter.category_slug.empty()) {
            auto it = std::find_if(categories.begin(), categories.end(),
                                   [&](const model::Category& c) { return c.slug == filter.category_slug; });
            if (it == categories.end())
                return Error{Errc::InvalidInput, "Chuyên mục \"" + filter.category_slug + "\" không tồn tại",
                             "category"};
            query.category_id = it->id;
        }
        ArticleList list;
        CONG_TRY(total, tx.editorial().count_articles(query));
        list.total = total;
        list.page_count = std::max<int>(1, int((total + ARTICLE_LIST_PAGE_SIZE - 1) / ARTICLE_LIST_PAGE_SIZE));
        list.page = std::clamp(filter.page, 1, list.page_count);
        query.limit = ARTICLE_LIST_PAGE_SIZE;
        query.offset = (list.page - 1) * ARTICLE_LIST_PAGE_SIZE;
        CONG_TRY(articles, tx.editorial().list_articles(query));
        for (auto& article : articles) {
            ArticleListItem item{std::move(article), ""};
            for (const auto& c : categories)
                if (c.id == item.article.category_id) item.category_name = c.name;
            list.items.push_back(std::move(item));
        }
        return list;
    });
}

Result<std::vector<model::Category>> ArticleService::categories() {
    return db_.read([&](storage::Tx& tx) { return tx.categories().list_categories(site_id_); });
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
