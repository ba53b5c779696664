#include "storage/postgres/pg_search_store.hpp"

#include "core/vietnamese.hpp"
#include "storage/postgres/pg_engine.hpp"
#include "storage/sql/store_support.hpp"
#include "storage/postgres/pg_stores.hpp"

#include <algorithm>
#include <unordered_map>

namespace cong::storage::postgres {

using namespace sql;  // the engine-neutral store helpers: query_all, placeholders, check_in_list…
namespace {

// PostgreSQL's limits on a tsvector (tsearch/ts_type.h): a lexeme is under 2 KB, a position at most
// 16383, a lexeme keeps at most 256 positions, the whole vector under 1 MB. The server refuses a literal
// past the first and last; the index keeps what fits rather than refusing to index a long article.
constexpr std::size_t MAX_LEXEME_BYTES = 2000;
constexpr int MAX_POSITION = 16383;
constexpr std::size_t MAX_POSITIONS_PER_LEXEME = 256;
constexpr std::size_t MAX_VECTOR_BYTES = 900 * 1024;

// tsvector and tsquery literal of one lexeme: quoted, with ' doubled and \ escaped.
void append_lexeme(std::string& out, std::string_view lexeme) {
    out += '\'';
    for (char c : lexeme) {
        if (c == '\'' || c == '\\') out += c == '\'' ? '\'' : '\\';
        out += c;
    }
    out += '\'';
}

// One alternative of a tsquery part: a word ('nong', 'thuo':*) or a phrase ('nong' <-> 'thon').
void append_words(std::string& out, const std::vector<std::string>& words, bool prefix) {
    if (words.size() > 1) out += '(';
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (i > 0) out += " <-> ";
        append_lexeme(out, words[i]);
    }
    if (words.size() > 1) out += ')';
    if (prefix && words.size() == 1) out += ":*";
}

// Ranking, larger is better: ts_rank with weights {D, C, B, A} — a word in the title counts ten times a
// word in the body or a caption, one in the lead four times. An article spelling the words as typed
// matches their exact keys too, so it outranks one that only matches folded. Recency: × 1.3 for an
// article published today, × 1.15 at six months, tending to 1 (the same curve as SQLite's).
constexpr auto RANK =
    "ts_rank('{0.1, 0.1, 0.4, 1.0}', document, ?::tsquery) * "
    "(1.0 + 0.3 / (1.0 + greatest(0, ? - published_at) / 15552000.0))";

std::string search_where(const SearchQuery& query) {
    std::string where = "FROM search_articles WHERE document @@ ?::tsquery AND site_id = ? AND published_at <= ?";
    if (!query.category_ids.empty())
        where += " AND category_id IN (" + placeholders(padded_count(query.category_ids.size())) + ")";
    if (query.from) where += " AND published_at >= ?";
    if (query.until) where += " AND published_at < ?";
    return where;
}

int bind_search_where(PgStatement& statement, int index, const SearchQuery& query, const std::string& tsquery) {
    statement.bind(index++, tsquery);
    statement.bind(index++, query.site_id);
    statement.bind(index++, query.now);
    if (!query.category_ids.empty()) index = bind_padded(statement, index, query.category_ids);
    if (query.from) statement.bind(index++, *query.from);
    if (query.until) statement.bind(index++, *query.until);
    return index;
}

std::optional<std::int64_t> positive(std::int64_t limit) {
    return limit > 0 ? std::optional<std::int64_t>(limit) : std::nullopt;  // NULL: LIMIT ALL
}

}  // namespace

std::string tsvector_literal(std::string_view title, std::string_view lead, std::string_view body,
                             std::string_view captions) {
    struct Entry {
        std::string lexeme;
        std::string positions;
        std::size_t count = 0;
    };
    std::vector<Entry> entries;
    std::unordered_map<std::string, std::size_t> index;
    std::size_t bytes = 0;
    auto add = [&](const std::string& lexeme, int position, char weight) {
        if (lexeme.empty() || lexeme.size() > MAX_LEXEME_BYTES) return;
        auto [at, inserted] = index.try_emplace(lexeme, entries.size());
        if (inserted) {
            if (bytes + lexeme.size() > MAX_VECTOR_BYTES) {
                index.erase(at);
                return;
            }
            bytes += lexeme.size() + 8;
            entries.push_back({lexeme, {}, 0});
        }
        auto& entry = entries[at->second];
        if (entry.count >= MAX_POSITIONS_PER_LEXEME) return;
        if (entry.count > 0) entry.positions += ',';
        entry.positions += std::to_string(position);
        entry.positions += weight;
        ++entry.count;
        bytes += 7;
    };
    int position = 0;
    auto field = [&](std::string_view text, char weight) {
        auto tokens = core::tokenize_for_search(text);
        if (tokens.empty()) return;
        ++position;  // one unused position between fields: no phrase spans two of them
        for (const auto& token : tokens) {
            position = std::min(position + 1, MAX_POSITION);
            add(token.folded, position, weight);
            if (token.exact != token.folded) add(token.exact, position, weight);
        }
    };
    field(title, 'A');
    field(lead, 'B');
    field(body, 'C');
    field(captions, 'C');
    std::string out;
    out.reserve(bytes);
    for (const auto& entry : entries) {
        if (!out.empty()) out += ' ';
        append_lexeme(out, entry.lexeme);
        out += ':';
        out += entry.positions;
    }
    return out;
}

std::string tsquery_text(const std::vector<SearchTerm>& terms) {
    std::string out;
    for (const auto& term : terms) {
        if (!out.empty()) out += " & ";
        out += '(';
        append_words(out, term.words, term.prefix);
        if (!term.exact.empty()) {
            out += " | ";
            append_words(out, term.exact, false);
        }
        for (const auto& synonym : term.synonyms) {
            if (synonym.empty()) continue;
            out += " | ";
            append_words(out, synonym, false);
        }
        out += ')';
    }
    return out;
}

Result<void> PgSearchStore::index_article(const model::Article& article, std::string_view captions) {
    // Drafts and articles waiting for approval are never searched: they are not in the index at all.
    if (article.status != model::ArticleStatus::Published || !article.published_at) return remove_article(article.id);
    CONG_TRY(statement,
             connection_.prepare("INSERT INTO search_articles (article_id, site_id, category_id, published_at, "
                                 "document) VALUES (?, ?, ?, ?, ?::tsvector) ON CONFLICT (article_id) DO UPDATE SET "
                                 "site_id = excluded.site_id, category_id = excluded.category_id, "
                                 "published_at = excluded.published_at, document = excluded.document"));
    statement.bind_all(article.id, article.site_id, article.category_id, *article.published_at,
                       tsvector_literal(article.title, article.lead, article.body_text, captions));
    return statement.run();
}

Result<void> PgSearchStore::remove_article(std::int64_t article_id) {
    CONG_TRY(statement, connection_.prepare("DELETE FROM search_articles WHERE article_id = ?"));
    statement.bind_all(article_id);
    return statement.run();
}

Result<std::vector<SearchHit>> PgSearchStore::search(const SearchQuery& query) {
    CONG_TRY_VOID(check_search_query(query));
    auto tsquery = tsquery_text(query.terms);
    // The window: only the newest rank_window matches are ranked (by id, like SQLite's window); finding
    // them reads no document, ranking them reads each one.
    CONG_TRY(statement, connection_.prepare(std::string("WITH window_matches AS (SELECT article_id, published_at, "
                                                        "document ") +
                                            search_where(query) +
                                            " ORDER BY article_id DESC LIMIT ?) SELECT article_id, (" + RANK +
                                            ")::float8 AS score FROM window_matches "
                                            "ORDER BY score DESC, article_id DESC LIMIT ? OFFSET ?"));
    int index = bind_search_where(statement, 1, query, tsquery);
    statement.bind(index++, positive(query.rank_window));
    statement.bind(index++, tsquery);
    statement.bind(index++, query.now);
    statement.bind(index++, query.limit);
    statement.bind(index++, query.offset);
    std::vector<SearchHit> hits;
    for (;;) {
        CONG_TRY(has_row, statement.step());
        if (!has_row) return hits;
        hits.push_back(SearchHit{statement.int64(0), -statement.float64(1)});
    }
}

Result<std::int64_t> PgSearchStore::count(const SearchQuery& query) {
    CONG_TRY_VOID(check_search_query(query));
    auto tsquery = tsquery_text(query.terms);
    std::optional<std::int64_t> limit;
    if (query.count_limit > 0) limit = query.count_limit + 1;
    CONG_TRY(statement,
             connection_.prepare("SELECT count(*) FROM (SELECT 1 " + search_where(query) + " LIMIT ?) AS matches"));
    int index = bind_search_where(statement, 1, query, tsquery);
    statement.bind(index, limit);
    CONG_TRY(has_row, statement.step());
    return has_row ? statement.int64(0) : 0;
}

Result<std::vector<SearchSynonym>> PgSearchStore::list_synonyms() {
    CONG_TRY(statement, connection_.prepare("SELECT abbreviation, expansion FROM search_synonyms "
                                            "ORDER BY lower(abbreviation), abbreviation"));
    return query_all<SearchSynonym>(statement, [](PgColumns& c) -> Result<SearchSynonym> {
        SearchSynonym synonym;
        synonym.abbreviation = c.text();
        synonym.expansion = c.text();
        return synonym;
    });
}

Result<void> PgSearchStore::set_synonym(const SearchSynonym& synonym) {
    // Like SQLite's NOCASE primary key: "ntm" replaces the expansion of "NTM" and keeps its spelling.
    CONG_TRY(statement, connection_.prepare("INSERT INTO search_synonyms (abbreviation, expansion) VALUES (?, ?) "
                                            "ON CONFLICT ((lower(abbreviation))) DO UPDATE SET expansion = "
                                            "excluded.expansion"));
    statement.bind_all(synonym.abbreviation, synonym.expansion);
    return statement.run();
}

Result<void> PgSearchStore::remove_synonym(std::string_view abbreviation) {
    CONG_TRY(statement, connection_.prepare("DELETE FROM search_synonyms WHERE lower(abbreviation) = lower(?)"));
    statement.bind_all(abbreviation);
    CONG_TRY_VOID(statement.run());
    return require_changed(statement, "từ viết tắt");
}

}  // namespace cong::storage::postgres
