#include "search/highlight.hpp"

#include <gtest/gtest.h>

namespace cong::search {
namespace {

HighlightTerms terms(std::vector<std::string> words, std::vector<std::string> prefixes = {}) {
    return HighlightTerms{std::move(words), std::move(prefixes)};
}

std::string marked(const Highlighted& h) {
    std::string out;
    for (auto& s : h.spans) out += s.match ? "[" + s.text + "]" : s.text;
    return out;
}

TEST(Highlight, MarksTheOriginalSpellingOfFoldedMatches) {
    auto h = highlight_all("Con đường giao thông mới ở Thọ Xuân", terms({"duong", "tho"}));
    EXPECT_EQ(marked(h), "Con [đường] giao thông mới ở [Thọ] Xuân");
    EXPECT_EQ(h.text(), "Con đường giao thông mới ở Thọ Xuân");
}

TEST(Highlight, ExcerptIsCutAroundTheMatches) {
    std::string text;
    for (int i = 0; i < 50; ++i) text += "chữ ";
    text += "cầu treo bản Mười";
    for (int i = 0; i < 50; ++i) text += " chữ";
    auto h = highlight_excerpt(text, terms({"cau", "treo"}), 10);
    EXPECT_EQ(marked(h), "… chữ chữ [cầu] [treo] bản Mười chữ chữ chữ chữ …");
}

TEST(Highlight, ExcerptWithoutMatchesIsTheBeginning) {
    auto h = highlight_excerpt("Một hai ba.\n\nBốn năm", terms({"muoi"}), 4);
    EXPECT_EQ(marked(h), "Một hai ba. Bốn …");
    EXPECT_TRUE(highlight_excerpt("", terms({"a"})).empty());
    EXPECT_TRUE(highlight_excerpt(" — ", terms({"a"})).empty());
}

TEST(Highlight, PrefixesMarkWordsBeingTyped) {
    EXPECT_EQ(marked(highlight_all("Đua thuyền rồng", terms({}, {"thuy"}))), "Đua [thuyền] rồng");
    EXPECT_TRUE(has_match("Đua thuyền rồng", terms({"rong"})));
    EXPECT_FALSE(has_match("Đua thuyền rồng", terms({"ron"})));
}

}  // namespace
}  // namespace cong::search
