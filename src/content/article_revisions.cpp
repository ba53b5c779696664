// ArticleService's revisions: listing, comparing and restoring the saved versions of an article.
#include "content/article_service.hpp"

namespace cong::content {
namespace {

using core::Errc;
using core::Error;
using core::Result;

// The plain text of a stored body, for comparing; a body that no longer parses compares as its JSON.
std::string body_text_of(const std::string& body_json) {
    auto body = parse_document(body_json);
    return body ? body->plain_text() : body_json;
}

}  // namespace

Result<std::vector<model::ArticleRevision>> ArticleService::list_revisions(std::int64_t article_id) {
    return db_.read([&](storage::Tx& tx) -> Result<std::vector<model::ArticleRevision>> {
        CONG_TRY(article, tx.articles().find_article(article_id));
        if (!article || article->site_id != site_id_) return Error{Errc::NotFound, "Không tìm thấy bài viết"};
        return tx.revisions().list_revisions(article_id);
    });
}

Result<std::optional<model::ArticleRevision>> ArticleService::find_revision(std::int64_t article_id, int number) {
    return db_.read([&](storage::Tx& tx) -> Result<std::optional<model::ArticleRevision>> {
        CONG_TRY(article, tx.articles().find_article(article_id));
        if (!article || article->site_id != site_id_) return std::optional<model::ArticleRevision>{};
        return tx.revisions().find_revision(article_id, number);
    });
}

Result<RevisionComparison> ArticleService::compare_revisions(std::int64_t article_id, int a, int b) {
    CONG_TRY(first, find_revision(article_id, a));
    CONG_TRY(second, find_revision(article_id, b));
    if (!first || !second) return Error{Errc::NotFound, "Không tìm thấy phiên bản này của bài viết"};
    RevisionComparison out;
    out.title = diff_words(first->title, second->title);
    out.lead = diff_words(first->lead, second->lead);
    out.body = diff_words(body_text_of(first->body_json), body_text_of(second->body_json));
    out.a = std::move(*first);
    out.b = std::move(*second);
    return out;
}

Result<model::Article> ArticleService::restore_revision(std::int64_t article_id, int number, const ActingUser& editor) {
    std::int64_t old_category_id = 0;
    auto restored = db_.write([&](storage::Tx& tx) -> Result<model::Article> {
        CONG_TRY(existing, tx.articles().find_article(article_id));
        if (!existing || existing->site_id != site_id_) return Error{Errc::NotFound, "Không tìm thấy bài viết"};
        if (!can_edit(editor.user, *existing)) return Error{Errc::Forbidden, "Bạn không có quyền sửa bài viết này"};
        CONG_TRY(revision, tx.revisions().find_revision(article_id, number));
        if (!revision) return Error{Errc::NotFound, "Không tìm thấy phiên bản này của bài viết"};
        CONG_TRY(old_category, tx.categories().find_category(revision->category_id));
        if (!old_category)
            return Error{Errc::Conflict, "Chuyên mục của phiên bản này không còn; hãy chọn chuyên mục khác",
                         "category"};
        CONG_TRY(current_category, tx.categories().find_category(existing->category_id));
        old_category_id = existing->category_id;
        auto before = existing->status;
        ArticleRecord record{*existing, current_category ? current_category->slug : ""};
        CONG_TRY(input, record.to_input());
        CONG_TRY(body, parse_document(revision->body_json));
        input.title = revision->title;
        input.lead = revision->lead;
        input.body = std::move(body);
        input.byline = revision->byline;
        input.source = revision->source;
        input.category_slug = old_category->slug;
        input.cover_media_id = revision->cover_media_id;
        input.featured = revision->featured;
        CONG_TRY(article, apply(tx, std::move(*existing), input, editor.user));
        CONG_TRY_VOID(record_save(tx, article, before, editor, SaveKind::Manual, "article.restore_revision"));
        return article;
    });
    if (restored) changed(restored->id, restored->category_id, old_category_id);
    return restored;
}

Result<std::optional<ArticleRecord>> ArticleService::find_article(std::int64_t id) {
    return db_.read([&](storage::Tx& tx) -> Result<std::optional<ArticleRecord>> {
        CONG_TRY(article, tx.articles().find_article(id));
        if (!article || article->site_id != site_id_) return std::optional<ArticleRecord>{};
        CONG_TRY(category, tx.categories().find_category(article->category_id));
        return std::optional<ArticleRecord>{ArticleRecord{std::move(*article), category ? category->slug : ""}};
    });
}

}  // namespace cong::content
