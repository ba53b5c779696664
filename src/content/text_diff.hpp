// Text diff: what changed between two versions of a text, word by word (Myers' O(ND) algorithm), for
// comparing two revisions of an article.
#pragma once

#include "render/html_writer.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cong::content {

enum class DiffOp { Equal, Delete, Insert };

// A run of consecutive tokens with the same fate; adjacent pieces never share an op.
struct DiffPiece {
    DiffOp op = DiffOp::Equal;
    std::string text;

    bool operator==(const DiffPiece&) const = default;
};

// Beyond this many inserted plus deleted words the two texts are shown as wholly replaced: the search
// costs memory in the square of this number, and such a diff would not help a reader anyway.
constexpr std::size_t MAX_EDIT_DISTANCE = 2000;

// Words (runs of non-space characters) and the runs of white space between them, in order; together
// they spell text exactly. Splitting only at ASCII white space keeps UTF-8 sequences whole.
std::vector<std::string_view> split_words(std::string_view text);

// The shortest word-level edit that turns before into after. Concatenating the Equal and Delete pieces
// gives before; the Equal and Insert pieces give after.
std::vector<DiffPiece> diff_words(std::string_view before, std::string_view after);

// The number of words (not white space) inserted and deleted.
struct DiffCount {
    std::size_t inserted = 0;
    std::size_t deleted = 0;
};
DiffCount count_changes(const std::vector<DiffPiece>& pieces);

// Writes the pieces as text, deletions in <del> and insertions in <ins> (escaped, like any text).
void write_diff(render::HtmlWriter& html, const std::vector<DiffPiece>& pieces);

}  // namespace cong::content
