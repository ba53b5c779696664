#include "storage/sqlite/sqlite_search_store.hpp"

#include "core/vietnamese.hpp"
#include "storage/sql/store_support.hpp"
#include "storage/sqlite/sqlite_engine.hpp"
#include "storage/sqlite/sqlite_stores.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

namespace cong::storage::sqlite {

using namespace sql;  // the engine-neutral store helpers: query_all, placeholders, check_in_list…
namespace {

// cong_rank(search_index, span, w1, …, w5): FTS5's own bm25 (same k1, b, column weights and formula),
// with one change that matters at scale: the document frequency of each phrase. bm25() counts it by
// running every phrase of the query over the whole index once per query — 8 ms for one common word
// and ~40 ms for a common phrase such as "nông thôn mới" at 100,000 articles, whatever the LIMIT or
// rowid window. cong_rank stops counting at DF_SAMPLE hits: a phrase with fewer hits gets its exact
// frequency (every phrase of a small site, every rare word), one with more gets it estimated from how
// densely its first DF_SAMPLE hits lie over the ids (span = highest − lowest indexed id + 1). For such
// common phrases the IDF is small and nearly flat, so the estimate barely moves a score.
constexpr int DF_SAMPLE = 256;
constexpr double BM25_K1 = 1.2;
constexpr double BM25_B = 0.75;

struct DfSample {
    sqlite3_int64 hits = 0;
    sqlite3_int64 first = 0;
    sqlite3_int64 last = 0;
};

int count_hits(const Fts5ExtensionApi* api, Fts5Context* fts, void* user) {
    auto* sample = static_cast<DfSample*>(user);
    sqlite3_int64 rowid = api->xRowid(fts);
    if (sample->hits == 0) sample->first = rowid;
    sample->last = rowid;
    return ++sample->hits >= DF_SAMPLE ? SQLITE_DONE : SQLITE_OK;
}

struct RankData {
    double average_length = 1;
    std::vector<double> idf;
    std::vector<double> frequency;  // per phrase, for the current row
};

void free_rank_data(void* data) { delete static_cast<RankData*>(data); }

int rank_data(const Fts5ExtensionApi* api, Fts5Context* fts, double span, RankData** out) {
    if (auto* data = static_cast<RankData*>(api->xGetAuxdata(fts, 0))) {
        *out = data;
        return SQLITE_OK;
    }
    auto data = std::make_unique<RankData>();
    int phrases = api->xPhraseCount(fts);
    sqlite3_int64 rows = 0, tokens = 0;
    int rc = api->xRowCount(fts, &rows);
    if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &tokens);
    if (rc != SQLITE_OK) return rc;
    data->average_length = rows > 0 ? double(tokens) / double(rows) : 1.0;
    if (data->average_length <= 0) data->average_length = 1.0;
    data->frequency.assign(std::size_t(phrases), 0.0);
    for (int i = 0; i < phrases; ++i) {
        DfSample sample;
        rc = api->xQueryPhrase(fts, i, &sample, count_hits);
        if (rc != SQLITE_OK) return rc;
        double hits = double(sample.hits);
        if (sample.hits >= DF_SAMPLE && sample.last > sample.first && span > 0)
            hits = std::clamp(double(DF_SAMPLE) * span / double(sample.last - sample.first + 1), double(DF_SAMPLE),
                              double(std::max<sqlite3_int64>(rows, DF_SAMPLE)));
        double idf = std::log((double(rows) - hits + 0.5) / (hits + 0.5));
        data->idf.push_back(idf <= 0.0 ? 1e-6 : idf);
    }
    *out = data.get();
    rc = api->xSetAuxdata(fts, data.release(), free_rank_data);
    return rc;
}

void cong_rank(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* context, int argc,
               sqlite3_value** argv) {
    double span = argc > 0 ? sqlite3_value_double(argv[0]) : 0.0;
    RankData* data = nullptr;
    int rc = rank_data(api, fts, span, &data);
    int instances = 0;
    if (rc == SQLITE_OK) {
        std::fill(data->frequency.begin(), data->frequency.end(), 0.0);
        rc = api->xInstCount(fts, &instances);
    }
    for (int i = 0; rc == SQLITE_OK && i < instances; ++i) {
        int phrase = 0, column = 0, offset = 0;
        rc = api->xInst(fts, i, &phrase, &column, &offset);
        if (rc == SQLITE_OK && phrase >= 0 && std::size_t(phrase) < data->frequency.size())
            data->frequency[std::size_t(phrase)] += (argc > column + 1) ? sqlite3_value_double(argv[column + 1]) : 1.0;
    }
    int length = 0;
    if (rc == SQLITE_OK) rc = api->xColumnSize(fts, -1, &length);
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(context, rc);
        return;
    }
    double score = 0;
    double norm = BM25_K1 * (1 - BM25_B + BM25_B * double(length) / data->average_length);
    for (std::size_t i = 0; i < data->idf.size(); ++i) {
        double f = data->frequency[i];
        score += data->idf[i] * (f * (BM25_K1 + 1.0)) / (f + norm);
    }
    sqlite3_result_double(context, -score);
}

// Registers cong_rank on this connection. FTS5 hands out its API through a pointer-passing query.
Result<void> register_rank(Connection& connection) {
    fts5_api* api = nullptr;
    sqlite3_stmt* statement = nullptr;
    int rc = sqlite3_prepare_v2(connection.handle(), "SELECT fts5(?1)", -1, &statement, nullptr);
    if (rc == SQLITE_OK) {
        sqlite3_bind_pointer(statement, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
        sqlite3_step(statement);
        rc = sqlite3_finalize(statement);
    }
    if (rc != SQLITE_OK || api == nullptr || api->iVersion < 2)
        return sqlite_error(connection.handle(), rc == SQLITE_OK ? SQLITE_ERROR : rc);
    rc = api->xCreateFunction(api, "cong_rank", nullptr, cong_rank, nullptr);
    if (rc != SQLITE_OK) return sqlite_error(connection.handle(), rc);
    return {};
}

// Prepares a statement that calls cong_rank, registering the function on first use by this connection
// (a statement naming an unknown function does not prepare).
Result<Statement> prepare_ranked(Connection& connection, const std::string& sql) {
    auto statement = connection.prepare(sql);
    if (statement) return statement;
    CONG_TRY_VOID(register_rank(connection));
    return connection.prepare(sql);
}

// The folded and exact keys of one field, words separated by one space.
struct FieldKeys {
    std::string folded;
    std::string exact;
};

FieldKeys field_keys(const std::vector<core::SearchToken>& tokens) {
    FieldKeys keys;
    for (const auto& token : tokens) {
        if (!keys.folded.empty()) {
            keys.folded += ' ';
            keys.exact += ' ';
        }
        keys.folded += token.folded;
        keys.exact += token.exact;
    }
    return keys;
}

// Search as you type past the prefix index (migration 0003 indexes 3-letter prefixes): for "thuo" *
// FTS5 merges the doclists of every term beginning "thuo" into memory, 8–11 ms at 100,000 articles,
// and again for each of the count, window, rank and frequency statements of one search. The terms
// themselves are few; spelled out as ("thuoi" OR "thuon" OR "thuong") the same match is read
// incrementally like any word (0.1 ms). The terms come from search_terms (migration 0012), which
// index_article keeps: the folded words longer than the prefix index.
constexpr std::size_t INDEXED_PREFIX_CHARS = 3;
constexpr std::size_t MAX_PREFIX_TERMS = 64;  // more: leave the prefix to FTS5

std::size_t utf8_chars(std::string_view text) {
    std::size_t n = 0;
    for (unsigned char c : text) n += (c & 0xC0) != 0x80;
    return n;
}

// The terms of the index beginning with prefix; nullopt when there are more than MAX_PREFIX_TERMS.
Result<std::optional<std::vector<std::string>>> prefix_terms(Connection& connection, const std::string& prefix) {
    CONG_TRY(statement, connection.prepare("SELECT term FROM search_terms WHERE term >= ? AND term < ? LIMIT ?"));
    // 0xFF never occurs in UTF-8, so prefix + "\xff" sorts after every term beginning with prefix.
    std::string upper = prefix + '\xff';
    statement.bind_all(std::string_view(prefix), std::string_view(upper), std::int64_t(MAX_PREFIX_TERMS + 1));
    std::vector<std::string> terms;
    for (;;) {
        CONG_TRY(has_row, statement.step());
        if (!has_row) break;
        terms.push_back(statement.text(0));
    }
    if (terms.size() > MAX_PREFIX_TERMS) return std::optional<std::vector<std::string>>{};
    return std::optional<std::vector<std::string>>{std::move(terms)};
}

// The folded words of an article that a prefix may have to be spelled out into, as a JSON array of
// distinct strings for json_each: one statement per article instead of one per word.
std::string prefix_terms_json(const std::vector<const std::vector<core::SearchToken>*>& fields) {
    std::vector<std::string_view> terms;
    for (const auto* tokens : fields)
        for (const auto& token : *tokens)
            if (utf8_chars(token.folded) > INDEXED_PREFIX_CHARS) terms.push_back(token.folded);
    std::sort(terms.begin(), terms.end());
    terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
    std::string json = "[";
    for (auto term : terms) {
        if (json.size() > 1) json += ',';
        json += '"';
        for (char c : term) {
            // Folded words are letters and digits; anything JSON would need escaped is escaped anyway.
            if (c == '"' || c == '\\') json += '\\';
            if (static_cast<unsigned char>(c) < 0x20) continue;
            json += c;
        }
        json += '"';
    }
    json += ']';
    return json;
}

// The match expression of a query, with every prefix longer than the indexed prefixes spelled out.
Result<std::string> match_expression(Connection& connection, const std::vector<SearchTerm>& terms) {
    PrefixExpansions expansions;
    for (const auto& term : terms) {
        if (!term.prefix || term.words.size() != 1 || utf8_chars(term.words[0]) <= INDEXED_PREFIX_CHARS) continue;
        CONG_TRY(found, prefix_terms(connection, term.words[0]));
        if (found) expansions[term.words[0]] = std::move(*found);
    }
    return fts5_match(terms, expansions);
}

// Ranking, smaller is better. cong_rank() (bm25, see above) weighs the columns title, lead, body,
// captions, exact: a word in the title counts ten times a word in the body. The exact column is only
// named by the match expression when the query carries diacritics, so then an article spelling the
// words as typed gains a second, rarer (so higher-scoring) term per word over one that only matches
// folded.
// Recency: the score of an article published today is multiplied by 1.3, by 1.15 at six months,
// tending to 1 — enough to order near-equals, never enough to bury a clearly better old match.
constexpr auto RANK =
    "cong_rank(search_index, ?, 10.0, 4.0, 1.0, 2.0, 6.0) * "
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

int bind_search_where(Statement& statement, int index, const SearchQuery& query, const std::string& match,
                      std::optional<std::int64_t> window_start = std::nullopt) {
    statement.bind(index++, std::string_view(match));
    statement.bind(index++, query.site_id);
    statement.bind(index++, query.now);
    if (window_start) statement.bind(index++, *window_start);
    if (!query.category_ids.empty()) index = bind_padded(statement, index, query.category_ids);
    if (query.from) statement.bind(index++, *query.from);
    if (query.until) statement.bind(index++, *query.until);
    return index;
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
    auto title_tokens = core::tokenize_for_search(article.title);
    auto lead_tokens = core::tokenize_for_search(article.lead);
    auto body_tokens = core::tokenize_for_search(article.body_text);
    auto caption_tokens = core::tokenize_for_search(captions);
    auto title = field_keys(title_tokens);
    auto lead = field_keys(lead_tokens);
    auto body = field_keys(body_tokens);
    auto photo_captions = field_keys(caption_tokens);
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
    CONG_TRY_VOID(statement.run());
    CONG_TRY(terms, connection_.prepare("INSERT OR IGNORE INTO search_terms (term) SELECT value FROM json_each(?)"));
    terms.bind_all(prefix_terms_json({&title_tokens, &lead_tokens, &body_tokens, &caption_tokens}));
    return terms.run();
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
    CONG_TRY(match, match_expression(connection_, query.terms));
    // The window: the id of the rank_window-th newest match. FTS5 walks its matches in descending rowid
    // order without scoring them, so finding it is cheap; the rowid bound then lets FTS5 skip the rest.
    std::optional<std::int64_t> window_start;
    if (query.rank_window > 0) {
        CONG_TRY(window, connection_.prepare("SELECT rowid FROM search_index WHERE search_index MATCH ? "
                                             "ORDER BY rowid DESC LIMIT 1 OFFSET ?"));
        window.bind_all(std::string_view(match), query.rank_window - 1);
        CONG_TRY(has_row, window.step());
        if (has_row) window_start = window.int64(0);
    }
    // The id span of the index, for cong_rank's frequency estimate: two primary-key lookups (with
    // min() and max() in one SELECT, SQLite would scan the whole table instead).
    CONG_TRY(span_statement, connection_.prepare("SELECT (SELECT max(article_id) FROM search_articles) - "
                                                 "(SELECT min(article_id) FROM search_articles) + 1"));
    CONG_TRY(has_span, span_statement.step());
    std::int64_t span = has_span && !span_statement.is_null(0) ? span_statement.int64(0) : 0;
    span_statement.reset();
    CONG_TRY(statement, prepare_ranked(connection_, std::string("SELECT v.article_id, CAST((") + RANK +
                                                         ") * 1000000 AS INTEGER) AS score " +
                                                         search_where(query, window_start.has_value()) +
                                                         " ORDER BY score, v.article_id DESC LIMIT ? OFFSET ?"));
    int index = 1;
    statement.bind(index++, span);
    statement.bind(index++, query.now);
    index = bind_search_where(statement, index, query, match, window_start);
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
    CONG_TRY(match, match_expression(connection_, query.terms));
    if (query.count_limit <= 0) {
        CONG_TRY(statement, connection_.prepare("SELECT count(*) " + search_where(query)));
        bind_search_where(statement, 1, query, match);
        CONG_TRY(has_row, statement.step());
        return has_row ? statement.int64(0) : 0;
    }
    CONG_TRY(statement, connection_.prepare("SELECT count(*) FROM (SELECT 1 " + search_where(query) + " LIMIT ?)"));
    int index = bind_search_where(statement, 1, query, match);
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
