// Highlight: the original text of a result cut around its matched words, with those words marked.
#pragma once

#include "search/search_query.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace cong::search {

// A piece of original text; match: one of the words searched for.
struct Span {
    std::string text;
    bool match = false;
};

struct Highlighted {
    std::vector<Span> spans;
    bool empty() const { return spans.empty(); }
    std::string text() const;  // the plain text, marks dropped
};

// All of text, with the words that match terms marked. Runs of whitespace become one space.
Highlighted highlight_all(std::string_view text, const HighlightTerms& terms);

// The part of text (about max_words words) holding the most matched words, marked, with "…" where
// it was cut. Empty when text has no word; when no word matches, the beginning of the text.
Highlighted highlight_excerpt(std::string_view text, const HighlightTerms& terms, std::size_t max_words = 30);

// True when any word of text matches terms.
bool has_match(std::string_view text, const HighlightTerms& terms);

}  // namespace cong::search
