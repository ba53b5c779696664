#include "search/search_query.hpp"

#include <algorithm>

namespace cong::search {
namespace {

using core::Errc;
using core::Error;

std::vector<std::string> folded_words(const std::vector<core::SearchToken>& tokens) {
    std::vector<std::string> out;
    for (const auto& t : tokens) out.push_back(t.folded);
    return out;
}

std::vector<std::string> exact_words(const std::vector<core::SearchToken>& tokens) {
    std::vector<std::string> out;
    for (const auto& t : tokens) out.push_back(t.exact);
    return out;
}

const SynonymIndex::Entry* find_abbreviation(const SynonymIndex& synonyms, std::string_view folded) {
    for (const auto& e : synonyms.entries)
        if (e.abbreviation == folded) return &e;
    return nullptr;
}

// Turns the runs of plain words that spell out a known full form into one phrase part that also
// matches the abbreviation: "nong thon moi" → ("nong thon moi" OR "ntm").
std::vector<QueryPart> join_full_forms(std::vector<QueryPart> parts, const SynonymIndex& synonyms) {
    std::vector<QueryPart> out;
    std::size_t i = 0;
    while (i < parts.size()) {
        const SynonymIndex::Entry* found = nullptr;
        for (const auto& e : synonyms.entries) {
            std::size_t n = e.expansion.size();
            if (n < 2 || i + n > parts.size()) continue;
            bool all = true;
            for (std::size_t k = 0; k < n && all; ++k) {
                const auto& p = parts[i + k];
                all = !p.phrase && p.tokens.size() == 1 && p.tokens[0].folded == e.expansion[k];
            }
            if (all && (!found || n > found->expansion.size())) found = &e;
        }
        if (!found) {
            out.push_back(std::move(parts[i++]));
            continue;
        }
        QueryPart joined;
        joined.phrase = true;
        joined.abbreviation = found->abbreviation;
        for (std::size_t k = 0; k < found->expansion.size(); ++k) joined.tokens.push_back(parts[i + k].tokens[0]);
        i += found->expansion.size();
        out.push_back(std::move(joined));
    }
    return out;
}

}  // namespace

SynonymIndex SynonymIndex::from(const std::vector<storage::SearchSynonym>& synonyms) {
    SynonymIndex index;
    for (const auto& s : synonyms) {
        auto abbreviation = core::tokenize_for_search(s.abbreviation);
        auto expansion = core::tokenize_for_search(s.expansion);
        // Only one-word abbreviations are matched; a full form of one word is no abbreviation.
        if (abbreviation.size() != 1 || expansion.empty()) continue;
        Entry entry{abbreviation[0].folded, {}};
        for (auto& t : expansion) entry.expansion.push_back(t.folded);
        index.entries.push_back(std::move(entry));
    }
    return index;
}

core::Result<ParsedQuery> parse_query(std::string_view text, const SynonymIndex& synonyms) {
    if (!core::is_valid_utf8(text))
        return Error{Errc::InvalidInput, "Từ khóa chứa ký tự không hợp lệ (không phải UTF-8).", "q"};
    // Checked before any normalisation, so a huge paste costs nothing.
    if (text.size() > MAX_QUERY_CHARS * 4 || core::utf8_length(text) > MAX_QUERY_CHARS)
        return Error{Errc::InvalidInput,
                     "Từ khóa quá dài: tối đa " + std::to_string(MAX_QUERY_CHARS) + " ký tự.", "q"};
    std::string nfc = core::to_nfc(text);

    std::vector<QueryPart> parts;
    std::size_t words = 0;
    bool in_quotes = false;
    std::size_t start = 0;
    auto flush = [&](std::size_t end, bool quoted_part) {
        auto tokens = core::tokenize_for_search(std::string_view(nfc).substr(start, end - start));
        words += tokens.size();
        if (tokens.empty()) return;
        if (quoted_part && tokens.size() > 1) {
            QueryPart part;
            part.phrase = true;
            part.tokens = std::move(tokens);
            parts.push_back(std::move(part));
            return;
        }
        for (auto& token : tokens) {
            QueryPart part;
            part.tokens.push_back(std::move(token));
            parts.push_back(std::move(part));
        }
    };
    for (std::size_t i = 0; i < nfc.size(); ++i) {
        if (nfc[i] != '"') continue;
        flush(i, in_quotes);
        in_quotes = !in_quotes;
        start = i + 1;
    }
    std::size_t tail_start = start;
    std::size_t parts_before_tail = parts.size();
    flush(nfc.size(), in_quotes);  // an unbalanced quote runs to the end of the query
    if (words > MAX_QUERY_WORDS)
        return Error{Errc::InvalidInput,
                     "Từ khóa có quá nhiều từ: tối đa " + std::to_string(MAX_QUERY_WORDS) + " từ.", "q"};

    // Search as you type: the last word, unquoted and with nothing after it, may be unfinished. One or
    // two letters are too little to expand ("th" begins hundreds of syllables and would touch most of
    // the index); from three letters on the index holds the prefix itself.
    if (!parts.empty() && !in_quotes) {
        auto& last = parts.back();
        bool ends_the_text = parts.size() > parts_before_tail && !last.phrase && last.tokens.size() == 1 &&
                             tail_start + last.tokens[0].end == nfc.size();
        if (ends_the_text && core::utf8_length(last.tokens[0].folded) >= MIN_PREFIX_CHARS) last.prefix = true;
    }

    parts = join_full_forms(std::move(parts), synonyms);
    for (auto& part : parts) {
        if (part.phrase || part.tokens.size() != 1) continue;
        if (const auto* entry = find_abbreviation(synonyms, part.tokens[0].folded)) {
            part.expansion = entry->expansion;
            part.prefix = false;  // a known abbreviation is a finished word
        }
    }
    return ParsedQuery{std::move(parts)};
}

std::vector<storage::SearchTerm> search_terms(const ParsedQuery& query) {
    std::vector<storage::SearchTerm> terms;
    for (const auto& part : query.parts) {
        storage::SearchTerm term;
        term.words = folded_words(part.tokens);
        term.prefix = part.prefix;
        // A word typed with its diacritics is most likely finished: its exact key ranks those spellings first.
        bool diacritics = std::any_of(part.tokens.begin(), part.tokens.end(),
                                      [](const core::SearchToken& t) { return t.has_diacritics; });
        if (diacritics) term.exact = exact_words(part.tokens);
        if (!part.abbreviation.empty()) term.synonyms.push_back({part.abbreviation});
        if (!part.expansion.empty()) term.synonyms.push_back(part.expansion);
        terms.push_back(std::move(term));
    }
    return terms;
}

bool HighlightTerms::matches(std::string_view folded) const {
    for (const auto& w : words)
        if (folded == w) return true;
    for (const auto& p : prefixes)
        if (folded.substr(0, p.size()) == p) return true;
    return false;
}

HighlightTerms highlight_terms(const ParsedQuery& query) {
    HighlightTerms terms;
    for (const auto& part : query.parts) {
        for (const auto& t : part.tokens) (part.prefix ? terms.prefixes : terms.words).push_back(t.folded);
        if (!part.abbreviation.empty()) terms.words.push_back(part.abbreviation);
        for (const auto& w : part.expansion) terms.words.push_back(w);
    }
    return terms;
}

}  // namespace cong::search
