// SearchService: the public search over published articles — parse, match, rank, page and highlight.
#pragma once

#include "audit/audit_log.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "model/article.hpp"
#include "model/category.hpp"
#include "search/highlight.hpp"
#include "search/result_cache.hpp"
#include "search/search_query.hpp"
#include "storage/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cong::search {

constexpr int RESULTS_PER_PAGE = 10;
constexpr std::size_t MAX_ABBREVIATION_CHARS = 20;
constexpr std::size_t MAX_EXPANSION_CHARS = 200;
constexpr int MAX_PAGE = 100;  // deeper than anyone reads; keeps OFFSET cheap
// A word found in most articles ("của", "huyện") matches tens of thousands; ranking them all costs
// ~100 ms at 100,000 articles. Past this many matches only the newest RANK_WINDOW are ranked: for a
// news portal the newest of equally vague matches are the useful ones. Must cover the deepest page
// (MAX_PAGE × RESULTS_PER_PAGE).
constexpr int RANK_WINDOW = 1000;
// Counting every match of such a word costs as much as ranking them; past this, "more than" is said.
constexpr int COUNT_LIMIT = RANK_WINDOW;

// What the search page or API asks for, already decoded from the URL.
struct SearchRequest {
    std::string query;
    int page = 1;
    std::string category_slug;                // empty: every category (a category includes its children)
    std::optional<core::Timestamp> from;      // published at or after
    std::optional<core::Timestamp> until;     // published before
};

struct SearchResult {
    model::Article article;  // body_json left empty
    std::optional<model::Category> category;
    Highlighted title;
    Highlighted snippet;
};

struct SearchResults {
    std::int64_t total = 0;
    bool total_exact = true;  // false: more than total (COUNT_LIMIT) articles match
    int page = 1;
    int page_count = 0;
    bool has_terms = false;  // false: the query had no word to look for (empty, or only symbols)
    std::vector<SearchResult> results;
};

// "2024-04-03" → the first second of that day in Vietnam (UTC+7); InvalidInput naming field otherwise.
core::Result<core::Timestamp> parse_day(std::string_view text, std::string_view field);

class SearchService {
public:
    // cache: kept answers, or null to search every time. It must hear of every change of public content
    // (it is a ChangeListener); a change of the synonym list needs no telling, the answers' keys carry it.
    SearchService(storage::Database& db, std::int64_t site_id, ResultCache* cache = nullptr)
        : db_(db), site_id_(site_id), cache_(cache) {}

    // Never finds drafts, pending articles or articles whose time has not come. Fails with
    // InvalidInput (field "q", "page", "category" or "from") for input it cannot read.
    core::Result<SearchResults> search(const SearchRequest& request, core::Timestamp now);

    // The abbreviation list (CLI, API, back office), by abbreviation. Every search reads it afresh, so a
    // change takes effect on the next query, on every node, without a restart.
    core::Result<std::vector<storage::SearchSynonym>> list_synonyms();
    // Adds an abbreviation or replaces its full form ("ntm" replaces "NTM"), with an audit entry
    // search.synonym.set in the same transaction. InvalidInput (field abbreviation or expansion) for an
    // abbreviation that is not one word of at most MAX_ABBREVIATION_CHARS, or a full form of no word.
    // Returns the synonym as stored.
    core::Result<storage::SearchSynonym> set_synonym(const storage::SearchSynonym& synonym, const audit::Actor& actor);
    // Removes an abbreviation, with an audit entry search.synonym.remove. NotFound when there is none.
    core::Result<void> remove_synonym(std::string_view abbreviation, const audit::Actor& actor);

private:
    storage::Database& db_;
    std::int64_t site_id_;
    ResultCache* cache_ = nullptr;

    core::Result<SearchResults> run_search(storage::Tx& tx, const SearchRequest& request, core::Timestamp now,
                                           const std::vector<storage::SearchSynonym>& synonyms);
};

}  // namespace cong::search
