// SearchQuery parsing: what a citizen typed, as words, quoted phrases and a last word being typed.
#pragma once

#include "core/result.hpp"
#include "core/vietnamese.hpp"
#include "storage/stores.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cong::search {

constexpr std::size_t MAX_QUERY_CHARS = 200;  // longer than any headline; a 10 KB paste is refused
constexpr std::size_t MAX_QUERY_WORDS = 24;
constexpr std::size_t MIN_PREFIX_CHARS = 3;  // the index holds 3-letter prefixes (migration 0003)

// One part of a query: a single word, or several words in quotes that must appear in this order.
struct QueryPart {
    std::vector<core::SearchToken> tokens;
    bool phrase = false;  // quoted by the user, or recognised as the full form of an abbreviation
    bool prefix = false;  // the last word, still being typed: "thuy" also finds "thuyen"
    std::string abbreviation;  // folded abbreviation this part also matches ("ntm" for nông thôn mới)
    std::vector<std::string> expansion;  // folded words this abbreviation part also matches
};

struct ParsedQuery {
    std::vector<QueryPart> parts;
    bool empty() const { return parts.empty(); }
};

// An abbreviation and its full form, both folded into words: {"hdnd"} ↔ {"hoi", "dong", "nhan", "dan"}.
struct SynonymIndex {
    struct Entry {
        std::string abbreviation;
        std::vector<std::string> expansion;
    };
    std::vector<Entry> entries;

    static SynonymIndex from(const std::vector<storage::SearchSynonym>& synonyms);
};

// Reads a query: NFC, words and quoted phrases (an unbalanced quote runs to the end), FTS syntax
// characters are ordinary separators. Fails on invalid UTF-8, over MAX_QUERY_CHARS characters or
// MAX_QUERY_WORDS words; a query with no word at all parses to an empty query.
core::Result<ParsedQuery> parse_query(std::string_view text, const SynonymIndex& synonyms);

// The parts of a query as the stores take them (storage::SearchTerm): folded words, exact keys when
// typed with diacritics, the prefix flag and the abbreviation or full form each part also matches.
// Each engine builds its own expression from these, so no query syntax crosses the storage boundary.
std::vector<storage::SearchTerm> search_terms(const ParsedQuery& query);

// The folded words a result should highlight, and whether each is a prefix.
struct HighlightTerms {
    std::vector<std::string> words;
    std::vector<std::string> prefixes;
    bool matches(std::string_view folded) const;
};
HighlightTerms highlight_terms(const ParsedQuery& query);

}  // namespace cong::search
