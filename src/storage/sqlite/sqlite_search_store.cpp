#include "core/vietnamese.hpp"
#include "storage/sqlite/sqlite_store_support.hpp"
#include "storage/sqlite/sqlite_stores.hpp"

namespace cong::storage::sqlite {
namespace {

// The folded and exact keys of one field, words separated by one space.
struct FieldKeys {
    std::string folded;
    std::string exact;
};

FieldKeys field_keys(std::string_view text) {
    FieldKeys keys;
    for (auto& token : core::tokenize_for_search(text)) {
        if (!keys.folded.empty()) {
            keys.folded += ' ';
            keys.exact += ' ';
        }
        keys.folded += token.folded;
        keys.exact += token.exact;
    }
    return keys;
}

// Ranking, smaller is better. bm25() weighs the columns title, lead, body, captions, exact: a word in
// the title counts ten times a word in the body. The exact column is only named by the match
// expression when the query carries diacritics, so then an article spelling the words as typed
// gains a second, rarer (so higher-scoring) term per word over one that only matches folded.
// Recency: the score of an article published today is multiplied by 1.3, by 1.15 at six months,
// tending to 1 — enough to order near-equals, never enough to bury a clearly better old match.
constexpr auto RANK =
    "bm25(search_index, 10.0, 4.0, 1.0, 2.0, 6.0) * "
    "(1.0 + 0.3 / (1.0 + max(0, ? - v.published_at) / 15552000.0))";

// CROSS JOIN fixes the join order: the full-text index drives and each match looks its row up in
// search_articles by primary key. Left to the planner, SQLite may walk the other table and re-run the
// whole MATCH once per row — measured at seconds per query on 5,000 articles.
std::string search_where(const SearchQuery& query, bool windowed = false) {
    std::string where =
        "FROM search_index CROSS JOIN search_articles v ON v.article_id = search_index.rowid "
        "WHERE search_index MATCH ? AND v.site_id = ? AND v.published_at <= ?";
    if (windowed) where += " AND search_index.rowid >= ?";
    if (!query.category_ids.empty())
        where += " AND v.category_id IN (" + placeholders(padded_count(query.category_ids.size())) + ")";
    if (query.from) where += " AND v.published_at >= ?";
    if (query.until) where += " AND v.published_at < ?";
    return where;
}

int bind_search_where(Statement& statement, int index, const SearchQuery& query,
                      std::optional<std::int64_t> window_start = std::nullopt) {
    statement.bind(index++, std::string_view(query.match));
    statement.bind(index++, query.site_id);
    statement.bind(index++, query.now);
    if (window_start) statement.bind(index++, *window_start);
    if (!query.category_ids.empty()) index = bind_padded(statement, index, query.category_ids);
    if (query.from) statement.bind(index++, *query.from);
    if (query.until) statement.bind(index++, *query.until);
    return index;
}

Result<void> check_search_query(const SearchQuery& query) {
    CONG_TRY_VOID(check_in_list(query.category_ids, "category"));
    if (query.match.empty()) return Error{core::Errc::InvalidInput, "Thiếu từ khóa tìm kiếm.", "q"};
    if (query.limit < 0 || query.limit > MAX_LIST_LIMIT)
        return Error{core::Errc::InvalidInput, "Số kết quả mỗi trang không hợp lệ.", "limit"};
    if (query.offset < 0) return Error{core::Errc::InvalidInput, "Vị trí bắt đầu không được âm.", "offset"};
    return {};
}

}  // namespace

Result<void> SqliteSearchStore::index_article(const model::Article& article, std::string_view captions) {
    CONG_TRY_VOID(remove_article(article.id));
    // Drafts and articles waiting for approval are never searched: they are not in the index at all.
    if (article.status != model::ArticleStatus::Published || !article.published_at) return {};
    CONG_TRY(visible, connection_.prepare("INSERT INTO search_articles (article_id, site_id, category_id, "
                                          "published_at) VALUES (?, ?, ?, ?)"));
    visible.bind_all(article.id, article.site_id, article.category_id, *article.published_at);
    CONG_TRY_VOID(visible.run());
    auto title = field_keys(article.title);
    auto lead = field_keys(article.lead);
    auto body = field_keys(article.body_text);
    auto photo_captions = field_keys(captions);
    std::string exact = title.exact;
    for (const auto* part : {&lead.exact, &body.exact, &photo_captions.exact}) {
        if (part->empty()) continue;
        if (!exact.empty()) exact += ' ';
        exact += *part;
    }
    CONG_TRY(statement,
             connection_.prepare("INSERT INTO search_index (rowid, title, lead, body, captions, exact) "
                                 "VALUES (?, ?, ?, ?, ?, ?)"));
    statement.bind_all(article.id, title.folded, lead.folded, body.folded, photo_captions.folded, exact);
    return statement.run();
}

Result<void> SqliteSearchStore::remove_article(std::int64_t article_id) {
    CONG_TRY(statement, connection_.prepare("DELETE FROM search_index WHERE rowid = ?"));
    statement.bind_all(article_id);
    CONG_TRY_VOID(statement.run());
    CONG_TRY(visible, connection_.prepare("DELETE FROM search_articles WHERE article_id = ?"));
    visible.bind_all(article_id);
    return visible.run();
}

Result<std::vector<SearchHit>> SqliteSearchStore::search(const SearchQuery& query) {
    CONG_TRY_VOID(check_search_query(query));
    // The window: the id of the rank_window-th newest match. FTS5 walks its matches in descending rowid
    // order without scoring them, so finding it is cheap; the rowid bound then lets FTS5 skip the rest.
    std::optional<std::int64_t> window_start;
    if (query.rank_window > 0) {
        CONG_TRY(window, connection_.prepare("SELECT rowid FROM search_index WHERE search_index MATCH ? "
                                             "ORDER BY rowid DESC LIMIT 1 OFFSET ?"));
        window.bind_all(std::string_view(query.match), query.rank_window - 1);
        CONG_TRY(has_row, window.step());
        if (has_row) window_start = window.int64(0);
    }
    CONG_TRY(statement, connection_.prepare(std::string("SELECT v.article_id, CAST((") + RANK + ") * 1000000 AS INTEGER) AS score " +
                                            search_where(query, window_start.has_value()) +
                                            " ORDER BY score, v.article_id DESC LIMIT ? OFFSET ?"));
    int index = 1;
    statement.bind(index++, query.now);
    index = bind_search_where(statement, index, query, window_start);
    statement.bind(index++, query.limit);
    statement.bind(index++, query.offset);
    std::vector<SearchHit> hits;
    for (;;) {
        CONG_TRY(has_row, statement.step());
        if (!has_row) return hits;
        hits.push_back(SearchHit{statement.int64(0), double(statement.int64(1)) / 1e6});
    }
}

Result<std::int64_t> SqliteSearchStore::count(const SearchQuery& query) {
    CONG_TRY_VOID(check_search_query(query));
    if (query.count_limit <= 0) {
        CONG_TRY(statement, connection_.prepare("SELECT count(*) " + search_where(query)));
        bind_search_where(statement, 1, query);
        CONG_TRY(has_row, statement.step());
        return has_row ? statement.int64(0) : 0;
    }
    CONG_TRY(statement, connection_.prepare("SELECT count(*) FROM (SELECT 1 " + search_where(query) + " LIMIT ?)"));
    int index = bind_search_where(statement, 1, query);
    statement.bind(index, query.count_limit + 1);
    CONG_TRY(has_row, statement.step());
    return has_row ? statement.int64(0) : 0;
}

Result<std::vector<SearchSynonym>> SqliteSearchStore::list_synonyms() {
    CONG_TRY(statement, connection_.prepare("SELECT abbreviation, expansion FROM search_synonyms ORDER BY abbreviation"));
    return query_all<SearchSynonym>(statement, [](Columns& c) -> Result<SearchSynonym> {
        SearchSynonym synonym;
        synonym.abbreviation = c.text();
        synonym.expansion = c.text();
        return synonym;
    });
}

Result<void> SqliteSearchStore::set_synonym(const SearchSynonym& synonym) {
    CONG_TRY(statement, connection_.prepare("INSERT INTO search_synonyms (abbreviation, expansion) VALUES (?, ?) "
                                            "ON CONFLICT (abbreviation) DO UPDATE SET expansion = excluded.expansion"));
    statement.bind_all(synonym.abbreviation, synonym.expansion);
    return statement.run();
}

Result<void> SqliteSearchStore::remove_synonym(std::string_view abbreviation) {
    CONG_TRY(statement, connection_.prepare("DELETE FROM search_synonyms WHERE abbreviation = ?"));
    statement.bind_all(abbreviation);
    CONG_TRY_VOID(statement.run());
    return require_changed(statement, "từ viết tắt");
}

}  // namespace cong::storage::sqlite
