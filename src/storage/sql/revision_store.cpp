#include "storage/postgres/pg_engine.hpp"
#include "storage/sql/sql_stores.hpp"
#include "storage/sql/store_support.hpp"
#include "storage/sqlite/sqlite_engine.hpp"

#include <algorithm>

namespace cong::storage::sql {
namespace {

constexpr auto REVISION_COLUMNS =
    "id, article_id, number, user_id, login, created_at, autosave, status, title, lead, body_json, byline, source, "
    "category_id, cover_media_id, featured, published_at";
// The same columns with the body left out, for lists.
constexpr auto REVISION_SUMMARY_COLUMNS =
    "id, article_id, number, user_id, login, created_at, autosave, status, title, lead, '' AS body_json, byline, "
    "source, category_id, cover_media_id, featured, published_at";

template <class Engine>
Result<model::ArticleStatus> read_status(typename Engine::Columns& c) {
    auto text = c.text();
    auto status = model::parse_article_status(text);
    if (!status)
        return Error{core::Errc::Internal, std::string(Engine::NAME) + ": unknown article status '" + text + "'"};
    return *status;
}

template <class Engine>
Result<model::ArticleRevision> read_revision(typename Engine::Columns& c) {
    model::ArticleRevision r;
    r.id = c.int64();
    r.article_id = c.int64();
    r.number = c.integer();
    r.user_id = c.optional_int64();
    r.login = c.text();
    r.created_at = c.timestamp();
    r.autosave = c.boolean();
    CONG_TRY(status, read_status<Engine>(c));
    r.status = status;
    r.title = c.text();
    r.lead = c.text();
    r.body_json = c.text();
    r.byline = c.text();
    r.source = c.text();
    r.category_id = c.int64();
    r.cover_media_id = c.optional_int64();
    r.featured = c.boolean();
    r.published_at = c.optional_timestamp();
    return r;
}

// Articles without their two large columns, in the column order of sqlite_article_store.cpp.
constexpr auto ARTICLE_SUMMARY_COLUMNS =
    "id, site_id, category_id, title, slug, lead, cover_media_id, byline, source, status, featured, published_at, "
    "author_id, created_at, updated_at";

template <class Engine>
Result<model::Article> read_article_summary(typename Engine::Columns& c) {
    model::Article a;
    a.id = c.int64();
    a.site_id = c.int64();
    a.category_id = c.int64();
    a.title = c.text();
    a.slug = c.text();
    a.lead = c.text();
    a.cover_media_id = c.optional_int64();
    a.byline = c.text();
    a.source = c.text();
    CONG_TRY(status, read_status<Engine>(c));
    a.status = status;
    a.featured = c.boolean();
    a.published_at = c.optional_timestamp();
    a.author_id = c.optional_int64();
    a.created_at = c.timestamp();
    a.updated_at = c.timestamp();
    return a;
}

// One WHERE clause for listing and counting; "?N IS NULL OR …" keeps one prepared statement whatever the
// filters. The title filter is a substring search (Engine::find_in) on lower(): no LIKE wildcards to escape
// in what the editor typed. Built once per engine.
template <class Engine>
const std::string& list_where() {
    static const std::string where =
        " WHERE site_id = ?1"
        " AND (CAST(?2 AS TEXT) IS NULL OR status = ?2)"
        " AND (CAST(?3 AS BIGINT) IS NULL OR category_id = ?3)"
        " AND (CAST(?4 AS BIGINT) IS NULL OR author_id = ?4)"
        " AND (CAST(?5 AS TEXT) = '' OR " +
        Engine::find_in("lower(title)", "lower(?5)") + " > 0)";
    return where;
}

template <class Statement>
void bind_list_filters(Statement& statement, const ArticleListQuery& q) {
    std::optional<std::string> status;
    if (q.status) status = std::string(model::to_string(*q.status));
    statement.bind_all(q.site_id, status, q.category_id, q.author_id, q.text);
}

}  // namespace

template <class Engine>
Result<int> RevisionStoreOn<Engine>::insert_revision(const model::ArticleRevision& r) {
    // The number is taken in the same statement, inside the writer's transaction, so two saves never share one.
    CONG_TRY(statement,
             connection_.prepare(
                 "INSERT INTO article_revisions (article_id, number, user_id, login, created_at, autosave, status, "
                 "title, lead, body_json, byline, source, category_id, cover_media_id, featured, published_at) "
                 "VALUES (?1, (SELECT coalesce(max(number), 0) + 1 FROM article_revisions WHERE article_id = ?1), "
                 "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) RETURNING number"));
    statement.bind_all(r.article_id, r.user_id, r.login, r.created_at, r.autosave, model::to_string(r.status), r.title,
                       r.lead, r.body_json, r.byline, r.source, r.category_id, r.cover_media_id, r.featured,
                       r.published_at);
    CONG_TRY(number, returned_id(statement));
    return static_cast<int>(number);
}

template <class Engine>
Result<void> RevisionStoreOn<Engine>::update_revision(const model::ArticleRevision& r) {
    CONG_TRY(statement,
             connection_.prepare("UPDATE article_revisions SET user_id = ?, login = ?, created_at = ?, autosave = ?, "
                                 "status = ?, title = ?, lead = ?, body_json = ?, byline = ?, source = ?, "
                                 "category_id = ?, cover_media_id = ?, featured = ?, published_at = ? "
                                 "WHERE article_id = ? AND number = ?"));
    statement.bind_all(r.user_id, r.login, r.created_at, r.autosave, model::to_string(r.status), r.title, r.lead,
                       r.body_json, r.byline, r.source, r.category_id, r.cover_media_id, r.featured, r.published_at,
                       r.article_id, r.number);
    CONG_TRY_VOID(statement.run());
    return require_changed(statement, "phiên bản");
}

template <class Engine>
Result<std::optional<model::ArticleRevision>> RevisionStoreOn<Engine>::find_revision(std::int64_t article_id,
                                                                                     int number) {
    CONG_TRY(statement, connection_.prepare(std::string("SELECT ") + REVISION_COLUMNS +
                                            " FROM article_revisions WHERE article_id = ? AND number = ?"));
    statement.bind_all(article_id, number);
    return query_optional<model::ArticleRevision>(statement, read_revision<Engine>);
}

template <class Engine>
Result<std::optional<model::ArticleRevision>> RevisionStoreOn<Engine>::latest_revision(std::int64_t article_id) {
    CONG_TRY(statement, connection_.prepare(std::string("SELECT ") + REVISION_COLUMNS +
                                            " FROM article_revisions WHERE article_id = ? ORDER BY number DESC "
                                            "LIMIT 1"));
    statement.bind_all(article_id);
    return query_optional<model::ArticleRevision>(statement, read_revision<Engine>);
}

template <class Engine>
Result<std::vector<model::ArticleRevision>> RevisionStoreOn<Engine>::list_revisions(std::int64_t article_id) {
    CONG_TRY(statement, connection_.prepare(std::string("SELECT ") + REVISION_SUMMARY_COLUMNS +
                                            " FROM article_revisions WHERE article_id = ? ORDER BY number DESC"));
    statement.bind_all(article_id);
    return query_all<model::ArticleRevision>(statement, read_revision<Engine>);
}

template <class Engine>
Result<std::vector<model::Article>> EditorialStoreOn<Engine>::list_articles(const ArticleListQuery& query) {
    CONG_TRY(statement,
             connection_.prepare(std::string("SELECT ") + ARTICLE_SUMMARY_COLUMNS + " FROM articles" +
                                 list_where<Engine>() + " ORDER BY updated_at DESC, id DESC LIMIT ?6 OFFSET ?7"));
    bind_list_filters(statement, query);
    statement.bind(6, std::clamp(query.limit, 1, MAX_LIST_LIMIT));
    statement.bind(7, std::max(query.offset, 0));
    return query_all<model::Article>(statement, read_article_summary<Engine>);
}

template <class Engine>
Result<std::int64_t> EditorialStoreOn<Engine>::count_articles(const ArticleListQuery& query) {
    CONG_TRY(statement, connection_.prepare("SELECT count(*) FROM articles" + list_where<Engine>()));
    bind_list_filters(statement, query);
    CONG_TRY(has_row, statement.step());
    return has_row ? statement.int64(0) : 0;
}

template <class Engine>
Result<std::vector<std::int64_t>> EditorialStoreOn<Engine>::list_due_scheduled(std::int64_t site_id,
                                                                               core::Timestamp now, int limit) {
    // The literal status stays in the SQL text so the planner can use the partial index articles_scheduled.
    CONG_TRY(statement, connection_.prepare("SELECT id FROM articles WHERE site_id = ? AND status = 'scheduled' AND "
                                            "published_at <= ? ORDER BY published_at, id LIMIT ?"));
    statement.bind_all(site_id, now, std::clamp(limit, 1, MAX_LIST_LIMIT));
    return query_all<std::int64_t>(statement, [](Columns& c) -> Result<std::int64_t> { return c.int64(); });
}

template class RevisionStoreOn<sqlite::Engine>;
template class RevisionStoreOn<postgres::Engine>;
template class EditorialStoreOn<sqlite::Engine>;
template class EditorialStoreOn<postgres::Engine>;

}  // namespace cong::storage::sql
