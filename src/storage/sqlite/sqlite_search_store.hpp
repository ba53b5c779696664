// The FTS5 expression of a search: how storage::SearchTerms become a MATCH over search_index (migration 0003).
// Header-only, so the query fuzzer (tests/fuzz) checks the very expressions the store runs without linking it.
#pragma once

#include "storage/stores.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace cong::storage::sqlite {

// Prefix words spelled out as the indexed terms they begin ("thuo" → thuoc, thuong): a prefix found
// here is matched as any of its terms (none: nothing matches); one not found stays an FTS5 prefix.
using PrefixExpansions = std::map<std::string, std::vector<std::string>>;

namespace fts5 {

// The folded columns; the exact column is named only for words typed with diacritics.
constexpr std::string_view FOLDED = "{title lead body captions} : ";
constexpr std::string_view EXACT = "exact : ";

// FTS5 string literal; folded words never hold a quote, but the expression must stay well-formed anyway.
inline void append_quoted(std::string& out, const std::vector<std::string>& words) {
    out += '"';
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (i > 0) out += ' ';
        for (char c : words[i]) {
            if (c == '"') out += '"';
            out += c;
        }
    }
    out += '"';
}

}  // namespace fts5

// The FTS5 match expression of a non-empty query: every part is one AND operand, the folded words
// over the four folded columns, OR the exact keys over the exact column when the user typed
// diacritics, OR each synonym phrase. Every word is quoted, so nothing typed is ever FTS5 syntax.
inline std::string fts5_match(const std::vector<SearchTerm>& terms, const PrefixExpansions& expansions = {}) {
    std::string out;
    for (const auto& term : terms) {
        if (!out.empty()) out += " AND ";
        std::vector<std::string> alternatives;
        std::string folded(fts5::FOLDED);
        auto expanded = term.prefix && term.words.size() == 1 ? expansions.find(term.words[0]) : expansions.end();
        if (expanded == expansions.end()) {
            fts5::append_quoted(folded, term.words);
            if (term.prefix) folded += " *";
        } else if (expanded->second.empty()) {
            fts5::append_quoted(folded, term.words);  // no word begins so: matches nothing, as the prefix would
        } else {
            folded += '(';
            for (std::size_t i = 0; i < expanded->second.size(); ++i) {
                if (i > 0) folded += " OR ";
                fts5::append_quoted(folded, {expanded->second[i]});
            }
            folded += ')';
        }
        alternatives.push_back(std::move(folded));
        if (!term.exact.empty()) {
            std::string exact(fts5::EXACT);
            fts5::append_quoted(exact, term.exact);
            alternatives.push_back(std::move(exact));
        }
        for (const auto& synonym : term.synonyms) {
            if (synonym.empty()) continue;
            std::string other(fts5::FOLDED);
            fts5::append_quoted(other, synonym);
            alternatives.push_back(std::move(other));
        }
        if (alternatives.size() == 1) {
            out += alternatives[0];
            continue;
        }
        out += '(';
        for (std::size_t i = 0; i < alternatives.size(); ++i) {
            if (i > 0) out += " OR ";
            out += alternatives[i];
        }
        out += ')';
    }
    return out;
}

}  // namespace cong::storage::sqlite
