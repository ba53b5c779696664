#include "search/highlight.hpp"

namespace cong::search {
namespace {

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

void append(Highlighted& out, std::string_view text, bool match) {
    std::string clean;
    clean.reserve(text.size());
    for (char c : text) {
        if (is_space(c)) {
            if (!clean.empty() && clean.back() == ' ') continue;
            if (clean.empty() && !out.spans.empty() && !out.spans.back().text.empty() &&
                out.spans.back().text.back() == ' ')
                continue;
            clean += ' ';
        } else {
            clean += c;
        }
    }
    if (clean.empty()) return;
    if (!out.spans.empty() && out.spans.back().match == match && !match) {
        out.spans.back().text += clean;
        return;
    }
    out.spans.push_back(Span{std::move(clean), match});
}

// Marks the tokens first..last (inclusive) of text, from the start of token first to the end of last.
Highlighted mark(std::string_view text, const std::vector<core::SearchToken>& tokens, std::size_t first,
                 std::size_t last, const std::vector<bool>& matched) {
    Highlighted out;
    std::size_t at = tokens[first].begin;
    for (std::size_t i = first; i <= last; ++i) {
        if (!matched[i]) continue;
        append(out, text.substr(at, tokens[i].begin - at), false);
        append(out, text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin), true);
        at = tokens[i].end;
    }
    append(out, text.substr(at, tokens[last].end - at), false);
    return out;
}

std::vector<bool> matched_tokens(const std::vector<core::SearchToken>& tokens, const HighlightTerms& terms) {
    std::vector<bool> matched(tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) matched[i] = terms.matches(tokens[i].folded);
    return matched;
}

}  // namespace

std::string Highlighted::text() const {
    std::string out;
    for (const auto& s : spans) out += s.text;
    return out;
}

Highlighted highlight_all(std::string_view text, const HighlightTerms& terms) {
    auto tokens = core::tokenize_for_search(text);
    if (tokens.empty()) {
        Highlighted out;
        append(out, core::trim(text), false);
        return out;
    }
    auto matched = matched_tokens(tokens, terms);
    Highlighted out;
    append(out, core::trim(text.substr(0, tokens.front().begin)), false);
    auto body = mark(text, tokens, 0, tokens.size() - 1, matched);
    for (auto& s : body.spans) out.spans.push_back(std::move(s));
    append(out, core::trim(text.substr(tokens.back().end)), false);
    return out;
}

Highlighted highlight_excerpt(std::string_view text, const HighlightTerms& terms, std::size_t max_words) {
    auto tokens = core::tokenize_for_search(text);
    if (tokens.empty() || max_words == 0) return {};
    auto matched = matched_tokens(tokens, terms);
    // The window of max_words words with the most matches; ties go to the earliest. The window then
    // starts a few words before its first match, so the match is read in context.
    std::size_t n = tokens.size(), width = std::min(max_words, n);
    std::size_t count = 0;
    for (std::size_t i = 0; i < width; ++i) count += matched[i];
    std::size_t best = count, best_start = 0;
    for (std::size_t start = 1; start + width <= n; ++start) {
        count += matched[start + width - 1];
        count -= matched[start - 1];
        if (count > best) {
            best = count;
            best_start = start;
        }
    }
    if (best > 0) {
        std::size_t first_match = best_start;
        while (!matched[first_match]) ++first_match;
        std::size_t lead_in = std::min<std::size_t>(5, width / 4);
        best_start = first_match > lead_in ? first_match - lead_in : 0;
        if (best_start + width > n) best_start = n - width;
    }
    std::size_t last = best_start + width - 1;
    Highlighted out;
    if (best_start > 0) out.spans.push_back(Span{"… ", false});
    auto body = mark(text, tokens, best_start, last, matched);
    for (auto& s : body.spans) {
        if (!s.match && !out.spans.empty() && !out.spans.back().match) {
            out.spans.back().text += s.text;
            continue;
        }
        out.spans.push_back(std::move(s));
    }
    if (last + 1 < n) out.spans.push_back(Span{" …", false});
    return out;
}

bool has_match(std::string_view text, const HighlightTerms& terms) {
    for (const auto& t : core::tokenize_for_search(text))
        if (terms.matches(t.folded)) return true;
    return false;
}

}  // namespace cong::search
