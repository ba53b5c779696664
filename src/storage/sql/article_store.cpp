#include "storage/postgres/pg_engine.hpp"
#include "storage/sql/sql_stores.hpp"
#include "storage/sql/store_support.hpp"
#include "storage/sqlite/sqlite_engine.hpp"

#include <algorithm>

namespace cong::storage::sql {
namespace {

constexpr auto ARTICLE_COLUMNS =
    "id, site_id, category_id, title, slug, lead, body_json, body_text, cover_media_id, byline, source, status, "
    "featured, published_at, author_id, created_at, updated_at";

// The same columns in the same order, with the two large ones left empty (see list_all_published).
constexpr auto ARTICLE_SUMMARY_COLUMNS =
    "id, site_id, category_id, title, slug, lead, '' AS body_json, '' AS body_text, cover_media_id, byline, source, "
    "status, featured, published_at, author_id, created_at, updated_at";

template <class Engine>
Result<model::Article> read_article(typename Engine::Columns& c) {
    model::Article article;
    article.id = c.int64();
    article.site_id = c.int64();
    article.category_id = c.int64();
    article.title = c.text();
    article.slug = c.text();
    article.lead = c.text();
    article.body_json = c.text();
    article.body_text = c.text();
    article.cover_media_id = c.optional_int64();
    article.byline = c.text();
    article.source = c.text();
    auto status_text = c.text();
    auto status = model::parse_article_status(status_text);
    if (!status) {
        return Error{core::Errc::Internal,
                     std::string(Engine::NAME) + ": unknown article status '" + status_text + "'"};
    }
    article.status = *status;
    article.featured = c.boolean();
    article.published_at = c.optional_timestamp();
    article.author_id = c.optional_int64();
    article.created_at = c.timestamp();
    article.updated_at = c.timestamp();
    return article;
}

std::string select_articles(std::string_view rest) {
    return std::string("SELECT ") + ARTICLE_COLUMNS + " FROM articles " + std::string(rest);
}

// The WHERE clause shared by list_published and count_published. The literals status = 'published'
// and featured = 1 stay in the SQL text, not in parameters: the planner (of either engine) can use a partial index only
// when the query's WHERE visibly implies the index's. Everything that varies is bound.
std::string published_where(const PublishedQuery& query) {
    std::string where = "WHERE site_id = ? AND status = 'published' AND published_at <= ?";
    if (!query.category_ids.empty()) {
        where += " AND category_id IN (" + placeholders(padded_count(query.category_ids.size())) + ")";
    }
    if (query.featured) where += *query.featured ? " AND featured = 1" : " AND featured = 0";
    if (query.exclude_id) where += " AND id <> ?";
    return where;
}

template <class Statement>
int bind_published_where(Statement& statement, const PublishedQuery& query) {
    int index = 1;
    statement.bind(index++, query.site_id);
    statement.bind(index++, query.now);
    if (!query.category_ids.empty()) index = bind_padded(statement, index, query.category_ids);
    if (query.exclude_id) statement.bind(index++, *query.exclude_id);
    return index;
}

Result<void> check_published_query(const PublishedQuery& query) {
    CONG_TRY_VOID(check_in_list(query.category_ids, "category"));
    if (query.limit < 0 || query.limit > MAX_LIST_LIMIT) {
        return Error{core::Errc::InvalidInput, "Số bài mỗi trang phải từ 0 đến " + std::to_string(MAX_LIST_LIMIT) + ".",
                     "limit"};
    }
    if (query.offset < 0) return Error{core::Errc::InvalidInput, "Vị trí bắt đầu không được âm.", "offset"};
    return {};
}

}  // namespace

template <class Engine>
Result<std::optional<model::Article>> ArticleStoreOn<Engine>::find_article(std::int64_t id) {
    CONG_TRY(statement, connection_.prepare(select_articles("WHERE id = ?")));
    statement.bind_all(id);
    return query_optional<model::Article>(statement, read_article<Engine>);
}

template <class Engine>
Result<std::optional<model::Article>> ArticleStoreOn<Engine>::find_article_by_slug(std::int64_t site_id,
                                                                                   std::string_view slug) {
    CONG_TRY(statement, connection_.prepare(select_articles("WHERE site_id = ? AND slug = ?")));
    statement.bind_all(site_id, slug);
    return query_optional<model::Article>(statement, read_article<Engine>);
}

template <class Engine>
Result<bool> ArticleStoreOn<Engine>::slug_exists(std::int64_t site_id, std::string_view slug) {
    CONG_TRY(statement, connection_.prepare("SELECT EXISTS (SELECT 1 FROM articles WHERE site_id = ? AND slug = ?)"));
    statement.bind_all(site_id, slug);
    CONG_TRY(has_row, statement.step());
    return has_row && statement.int64(0) != 0;
}

template <class Engine>
Result<std::int64_t> ArticleStoreOn<Engine>::insert_article(const model::Article& a) {
    CONG_TRY(statement, connection_.prepare(with_returning_id<Engine>(
                            "INSERT INTO articles (site_id, category_id, title, slug, lead, body_json, body_text, "
                            "cover_media_id, byline, source, status, featured, published_at, author_id, created_at, "
                            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")));
    statement.bind_all(a.site_id, a.category_id, a.title, a.slug, a.lead, a.body_json, a.body_text, a.cover_media_id,
                       a.byline, a.source, model::to_string(a.status), a.featured, a.published_at, a.author_id,
                       a.created_at, a.updated_at);
    return Engine::inserted_id(statement);
}

template <class Engine>
Result<void> ArticleStoreOn<Engine>::update_article(const model::Article& a) {
    // site_id and created_at stay: an article belongs to its site from the day it was written.
    CONG_TRY(statement,
             connection_.prepare("UPDATE articles SET category_id = ?, title = ?, slug = ?, lead = ?, body_json = ?, "
                                 "body_text = ?, cover_media_id = ?, byline = ?, source = ?, status = ?, featured = ?, "
                                 "published_at = ?, author_id = ?, updated_at = ? WHERE id = ?"));
    statement.bind_all(a.category_id, a.title, a.slug, a.lead, a.body_json, a.body_text, a.cover_media_id, a.byline,
                       a.source, model::to_string(a.status), a.featured, a.published_at, a.author_id, a.updated_at,
                       a.id);
    CONG_TRY_VOID(statement.run());
    return require_changed(statement, "bài viết");
}

template <class Engine>
Result<void> ArticleStoreOn<Engine>::delete_article(std::int64_t id) {
    // Its rows in article_media go with it (ON DELETE CASCADE).
    CONG_TRY(statement, connection_.prepare("DELETE FROM articles WHERE id = ?"));
    statement.bind_all(id);
    CONG_TRY_VOID(statement.run());
    return require_changed(statement, "bài viết");
}

template <class Engine>
Result<std::vector<model::Article>> ArticleStoreOn<Engine>::list_published(const PublishedQuery& query) {
    CONG_TRY_VOID(check_published_query(query));
    CONG_TRY(statement, connection_.prepare(select_articles(published_where(query) +
                                                            " ORDER BY published_at DESC, id DESC LIMIT ? OFFSET ?")));
    int index = bind_published_where(statement, query);
    statement.bind(index++, query.limit);
    statement.bind(index++, query.offset);
    return query_all<model::Article>(statement, read_article<Engine>);
}

template <class Engine>
Result<std::int64_t> ArticleStoreOn<Engine>::count_published(const PublishedQuery& query) {
    CONG_TRY_VOID(check_in_list(query.category_ids, "category"));
    CONG_TRY(statement, connection_.prepare("SELECT count(*) FROM articles " + published_where(query)));
    bind_published_where(statement, query);
    CONG_TRY(has_row, statement.step());
    return has_row ? statement.int64(0) : 0;
}

template <class Engine>
Result<void> ArticleStoreOn<Engine>::set_article_media(std::int64_t article_id,
                                                       const std::vector<std::int64_t>& media_ids) {
    CONG_TRY_VOID(check_in_list(media_ids, "media"));
    // A photo shown twice (cover and figure) is one row.
    auto unique_ids = media_ids;
    std::sort(unique_ids.begin(), unique_ids.end());
    unique_ids.erase(std::unique(unique_ids.begin(), unique_ids.end()), unique_ids.end());

    CONG_TRY(clear, connection_.prepare("DELETE FROM article_media WHERE article_id = ?"));
    clear.bind_all(article_id);
    CONG_TRY_VOID(clear.run());
    CONG_TRY(insert, connection_.prepare("INSERT INTO article_media (article_id, media_id) VALUES (?, ?)"));
    for (auto media_id : unique_ids) {
        insert.reset();
        insert.bind_all(article_id, media_id);
        CONG_TRY_VOID(insert.run());
    }
    return {};
}

template <class Engine>
Result<std::vector<std::int64_t>> ArticleStoreOn<Engine>::list_article_media(std::int64_t article_id) {
    CONG_TRY(statement,
             connection_.prepare("SELECT media_id FROM article_media WHERE article_id = ? ORDER BY media_id"));
    statement.bind_all(article_id);
    return query_all<std::int64_t>(statement, [](Columns& c) -> Result<std::int64_t> { return c.int64(); });
}

template <class Engine>
Result<std::vector<std::int64_t>> ArticleStoreOn<Engine>::list_article_ids(std::int64_t site_id) {
    CONG_TRY(statement, connection_.prepare("SELECT id FROM articles WHERE site_id = ? ORDER BY id"));
    statement.bind_all(site_id);
    return query_all<std::int64_t>(statement, [](Columns& c) -> Result<std::int64_t> { return c.int64(); });
}

template <class Engine>
Result<std::vector<model::Article>> ArticleStoreOn<Engine>::list_all_published(std::int64_t site_id,
                                                                               core::Timestamp now) {
    CONG_TRY(statement, connection_.prepare(std::string("SELECT ") + ARTICLE_SUMMARY_COLUMNS +
                                            " FROM articles WHERE site_id = ? AND status = 'published' AND "
                                            "published_at <= ? ORDER BY published_at DESC, id DESC"));
    statement.bind_all(site_id, now);
    return query_all<model::Article>(statement, read_article<Engine>);
}

template class ArticleStoreOn<sqlite::Engine>;
template class ArticleStoreOn<postgres::Engine>;

}  // namespace cong::storage::sql
