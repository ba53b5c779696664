#include "content/text_diff.hpp"

#include <gtest/gtest.h>

#include <random>

using namespace cong;
using content::DiffOp;
using content::DiffPiece;

namespace {

// Rebuilds one side from the pieces: before keeps Equal and Delete, after keeps Equal and Insert.
std::string side(const std::vector<DiffPiece>& pieces, DiffOp keep) {
    std::string out;
    for (const auto& piece : pieces)
        if (piece.op == DiffOp::Equal || piece.op == keep) out += piece.text;
    return out;
}

std::string to_html(const std::vector<DiffPiece>& pieces) {
    render::HtmlWriter html;
    content::write_diff(html, pieces);
    return html.take();
}

}  // namespace

TEST(TextDiff, SplitsIntoWordsAndSpacesThatSpellTheText) {
    auto tokens = content::split_words("Hội nghị  lần\nthứ 26");
    std::vector<std::string_view> expected{"Hội", " ", "nghị", "  ", "lần", "\n", "thứ", " ", "26"};
    EXPECT_EQ(tokens, expected);
    EXPECT_TRUE(content::split_words("").empty());
}

TEST(TextDiff, IdenticalTextsAreOneEqualPiece) {
    auto pieces = content::diff_words("Nông thôn mới", "Nông thôn mới");
    ASSERT_EQ(pieces.size(), 1u);
    EXPECT_EQ(pieces[0], (DiffPiece{DiffOp::Equal, "Nông thôn mới"}));
}

TEST(TextDiff, AChangedWordIsDeletedThenInserted) {
    auto pieces = content::diff_words("03/38 chỉ tiêu hoàn thành", "05/38 chỉ tiêu hoàn thành");
    std::vector<DiffPiece> expected{
        {DiffOp::Delete, "03/38"}, {DiffOp::Insert, "05/38"}, {DiffOp::Equal, " chỉ tiêu hoàn thành"}};
    EXPECT_EQ(pieces, expected);
}

TEST(TextDiff, InsertedWordsInTheMiddleKeepTheRestEqual) {
    auto pieces = content::diff_words("Hội nghị Ban Chấp hành", "Hội nghị lần thứ 26 Ban Chấp hành");
    EXPECT_EQ(side(pieces, DiffOp::Delete), "Hội nghị Ban Chấp hành");
    EXPECT_EQ(side(pieces, DiffOp::Insert), "Hội nghị lần thứ 26 Ban Chấp hành");
    auto count = content::count_changes(pieces);
    EXPECT_EQ(count.inserted, 3u);
    EXPECT_EQ(count.deleted, 0u);
}

TEST(TextDiff, FromNothingAndToNothing) {
    auto added = content::diff_words("", "Bài mới");
    ASSERT_EQ(added.size(), 1u);
    EXPECT_EQ(added[0].op, DiffOp::Insert);
    auto removed = content::diff_words("Bài cũ", "");
    ASSERT_EQ(removed.size(), 1u);
    EXPECT_EQ(removed[0].op, DiffOp::Delete);
    EXPECT_TRUE(content::diff_words("", "").empty());
}

TEST(TextDiff, FindsTheShortestEditOnTheClassicExample) {
    // Myers' own example, one letter per word: ABCABBA → CBABAC needs 5 edits.
    auto pieces = content::diff_words("A B C A B B A", "C B A B A C");
    EXPECT_EQ(side(pieces, DiffOp::Delete), "A B C A B B A");
    EXPECT_EQ(side(pieces, DiffOp::Insert), "C B A B A C");
    auto count = content::count_changes(pieces);
    EXPECT_EQ(count.inserted + count.deleted, 5u);
}

TEST(TextDiff, RandomEditsAlwaysRebuildBothSides) {
    std::mt19937 random(42);
    const char* words[] = {"xã", "huyện", "tỉnh", "Thọ", "Xuân", "nông", "thôn", "mới"};
    for (int round = 0; round < 200; ++round) {
        std::string a, b;
        for (int i = 0; i < 30; ++i) {
            if (random() % 3) a += std::string(words[random() % 8]) + (random() % 5 ? " " : "\n");
            if (random() % 3) b += std::string(words[random() % 8]) + " ";
        }
        auto pieces = content::diff_words(a, b);
        ASSERT_EQ(side(pieces, DiffOp::Delete), a);
        ASSERT_EQ(side(pieces, DiffOp::Insert), b);
        for (std::size_t i = 1; i < pieces.size(); ++i) ASSERT_NE(pieces[i].op, pieces[i - 1].op);
    }
}

TEST(TextDiff, TextsTooDifferentAreShownAsReplacedWhole) {
    std::string a, b;
    for (std::size_t i = 0; i < content::MAX_EDIT_DISTANCE; ++i) {
        a += "a" + std::to_string(i) + " ";
        b += "b" + std::to_string(i) + " ";
    }
    auto pieces = content::diff_words(a, b);
    EXPECT_EQ(side(pieces, DiffOp::Delete), a);
    EXPECT_EQ(side(pieces, DiffOp::Insert), b);
}

TEST(TextDiff, RendersDeletionsAndInsertionsEscaped) {
    auto html = to_html(content::diff_words("Giá <b>cũ</b>", "Giá mới & rẻ"));
    EXPECT_EQ(html, "Giá <del>&lt;b&gt;cũ&lt;/b&gt;</del><ins>mới &amp; rẻ</ins>");
}
