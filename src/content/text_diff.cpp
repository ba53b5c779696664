#include "content/text_diff.hpp"

#include <algorithm>
#include <optional>
#include <span>

namespace cong::content {
namespace {

using Tokens = std::span<const std::string_view>;

bool is_space(char c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

struct Edit {
    DiffOp op;
    std::string_view token;
};

// Myers, "An O(ND) Difference Algorithm and Its Variations" (1986): the furthest-reaching path on each
// diagonal k = x − y after d edits, with the frontier of every d kept (only its 2d + 1 live entries) so
// the path can be walked back. nullopt when more than limit edits are needed.
std::optional<std::vector<Edit>> myers(Tokens a, Tokens b, std::size_t limit) {
    const int n = static_cast<int>(a.size());
    const int m = static_cast<int>(b.size());
    const int max_d = std::min(n + m, static_cast<int>(limit));
    const int offset = max_d + 1;
    std::vector<int> v(2 * static_cast<std::size_t>(offset) + 1, 0);
    std::vector<std::vector<int>> trace;
    int final_d = -1;
    for (int d = 0; d <= max_d && final_d < 0; ++d) {
        for (int k = -d; k <= d; k += 2) {
            int x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1]
                                                                                   : v[offset + k - 1] + 1;
            int y = x - k;
            while (x < n && y < m && a[x] == b[y]) ++x, ++y;
            v[offset + k] = x;
            if (x >= n && y >= m) final_d = d;
        }
        trace.emplace_back(v.begin() + (offset - d), v.begin() + (offset + d + 1));
    }
    if (final_d < 0) return std::nullopt;

    std::vector<Edit> edits;
    int x = n, y = m;
    for (int d = final_d; d > 0; --d) {
        const auto& previous = trace[d - 1];
        auto at = [&](int k) { return previous[k + d - 1]; };
        int k = x - y;
        bool down = k == -d || (k != d && at(k - 1) < at(k + 1));
        int prev_k = down ? k + 1 : k - 1;
        int prev_x = at(prev_k);
        int prev_y = prev_x - prev_k;
        // The snake after the edit, walked back.
        while (x > prev_x + (down ? 0 : 1) && y > prev_y + (down ? 1 : 0)) {
            edits.push_back({DiffOp::Equal, a[x - 1]});
            --x, --y;
        }
        if (down)
            edits.push_back({DiffOp::Insert, b[prev_y]});
        else
            edits.push_back({DiffOp::Delete, a[prev_x]});
        x = prev_x;
        y = prev_y;
    }
    while (x > 0 && y > 0) {
        edits.push_back({DiffOp::Equal, a[x - 1]});
        --x, --y;
    }
    std::reverse(edits.begin(), edits.end());
    return edits;
}

void append(std::vector<DiffPiece>& pieces, DiffOp op, std::string_view token) {
    if (token.empty()) return;
    if (!pieces.empty() && pieces.back().op == op)
        pieces.back().text += token;
    else
        pieces.push_back({op, std::string(token)});
}

}  // namespace

std::vector<std::string_view> split_words(std::string_view text) {
    std::vector<std::string_view> tokens;
    std::size_t start = 0;
    while (start < text.size()) {
        bool space = is_space(text[start]);
        std::size_t end = start + 1;
        while (end < text.size() && is_space(text[end]) == space) ++end;
        tokens.push_back(text.substr(start, end - start));
        start = end;
    }
    return tokens;
}

std::vector<DiffPiece> diff_words(std::string_view before, std::string_view after) {
    auto a = split_words(before);
    auto b = split_words(after);
    // The common start and end cost nothing to find and are most of a typical revision.
    std::size_t prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
    std::size_t suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
           a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix])
        ++suffix;

    std::vector<DiffPiece> pieces;
    for (std::size_t i = 0; i < prefix; ++i) append(pieces, DiffOp::Equal, a[i]);
    Tokens middle_a = Tokens(a).subspan(prefix, a.size() - prefix - suffix);
    Tokens middle_b = Tokens(b).subspan(prefix, b.size() - prefix - suffix);
    if (auto edits = myers(middle_a, middle_b, MAX_EDIT_DISTANCE)) {
        for (const auto& edit : *edits) append(pieces, edit.op, edit.token);
    } else {
        for (auto token : middle_a) append(pieces, DiffOp::Delete, token);
        for (auto token : middle_b) append(pieces, DiffOp::Insert, token);
    }
    for (std::size_t i = a.size() - suffix; i < a.size(); ++i) append(pieces, DiffOp::Equal, a[i]);
    return pieces;
}

DiffCount count_changes(const std::vector<DiffPiece>& pieces) {
    DiffCount count;
    for (const auto& piece : pieces) {
        if (piece.op == DiffOp::Equal) continue;
        std::size_t words = 0;
        for (auto token : split_words(piece.text))
            if (!is_space(token.front())) ++words;
        (piece.op == DiffOp::Insert ? count.inserted : count.deleted) += words;
    }
    return count;
}

void write_diff(render::HtmlWriter& html, const std::vector<DiffPiece>& pieces) {
    for (const auto& piece : pieces) {
        switch (piece.op) {
            case DiffOp::Equal:
                html.text(piece.text);
                break;
            case DiffOp::Delete:
                html.element("del", piece.text);
                break;
            case DiffOp::Insert:
                html.element("ins", piece.text);
                break;
        }
    }
}

}  // namespace cong::content
