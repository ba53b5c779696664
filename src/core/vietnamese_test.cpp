#include "core/vietnamese.hpp"

#include <gtest/gtest.h>

using namespace cong::core;

TEST(Vietnamese, FoldRemovesDiacriticsAndCaseOnRealHeadlines) {
    EXPECT_EQ(fold("Ban Thường vụ Huyện ủy Thọ Xuân"), "ban thuong vu huyen uy tho xuan");
    EXPECT_EQ(fold("ĐẢNG BỘ HUYỆN"), "dang bo huyen");
    EXPECT_EQ(fold("Thanh Hoá"), fold("Thanh Hóa"));
    EXPECT_EQ(fold("thuỷ lợi"), "thuy loi");
}

TEST(Vietnamese, FoldTreatsDecomposedTextLikeComposed) {
    // "Thọ" written as o + combining dot below (NFD).
    EXPECT_EQ(fold("Tho\xcc\xa3"), "tho");
    EXPECT_EQ(to_nfc("Tho\xcc\xa3"), "Thọ");
}

TEST(Vietnamese, FoldIsIdempotent) {
    for (const char* text : {"Nông thôn mới", "HĐND, UBND", "09-NQ/HU", "2020-2025"}) {
        EXPECT_EQ(fold(fold(text)), fold(text)) << text;
    }
}

TEST(Vietnamese, SlugsAreHyphenatedAscii) {
    EXPECT_EQ(slugify("Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 26"),
              "hoi-nghi-ban-chap-hanh-dang-bo-huyen-lan-thu-26");
    EXPECT_EQ(slugify("Chiến lược - Định Hướng - Quy hoạch"), "chien-luoc-dinh-huong-quy-hoach");
    EXPECT_EQ(slugify("  ***  "), "");
    EXPECT_LE(slugify(std::string(300, 'a') + " b", 80).size(), 80u);
    EXPECT_EQ(slugify("một hai ba bốn năm", 10), "mot-hai-ba");
}

TEST(Vietnamese, Utf8ValidationRejectsMalformedBytes) {
    EXPECT_TRUE(is_valid_utf8("Thọ Xuân"));
    EXPECT_TRUE(is_valid_utf8(""));
    EXPECT_FALSE(is_valid_utf8("\xff"));
    EXPECT_FALSE(is_valid_utf8("\xc3"));              // truncated
    EXPECT_FALSE(is_valid_utf8("\xc0\xaf"));          // overlong '/'
    EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));      // surrogate
    EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // above U+10FFFF
}

TEST(Vietnamese, NumbersUseDotsForThousandsAndCommaForDecimals) {
    EXPECT_EQ(format_number_vi(1234567.5, 1), "1.234.567,5");
    EXPECT_EQ(format_integer_vi(237), "237");
    EXPECT_EQ(format_integer_vi(-1000), "-1.000");
    EXPECT_EQ(format_number_vi(0.25, 2), "0,25");
}

TEST(Vietnamese, LengthCountsCharactersNotBytes) {
    EXPECT_EQ(utf8_length("Thọ Xuân"), 8u);
    EXPECT_EQ(trim("  a b \n"), "a b");
}

namespace {

std::vector<std::string> folded_tokens(std::string_view text) {
    std::vector<std::string> out;
    for (auto& token : tokenize_for_search(text)) out.push_back(token.folded);
    return out;
}

}  // namespace

TEST(VietnameseSearch, ToneKeyIgnoresWhereTheToneIsPlaced) {
    EXPECT_EQ(tone_key("hoà"), tone_key("hòa"));
    EXPECT_EQ(tone_key("hoà"), "hoa2");
    EXPECT_EQ(tone_key("thuỷ"), tone_key("thủy"));
    EXPECT_EQ(tone_key("thủy"), "thuy3");
    EXPECT_EQ(tone_key("Hoá"), tone_key("Hóa"));
    EXPECT_EQ(tone_key("khoẻ"), tone_key("khỏe"));
    EXPECT_EQ(tone_key("uỷ"), tone_key("ủy"));
    EXPECT_EQ(tone_key("mới"), "mơi1");
    EXPECT_EQ(tone_key("ĐƯỜNG"), "đương2");
    EXPECT_NE(tone_key("mới"), tone_key("mơi"));
    EXPECT_NE(tone_key("mới"), tone_key("mời"));
}

TEST(VietnameseSearch, DecomposedTextGivesTheSameKeysAsComposed) {
    // "Thuỷ lợi Thọ Xuân" typed with combining marks (NFD), and with the deprecated tone marks U+0340/U+0341.
    std::string nfd = "Thuy\xcc\x89 lo\xcc\x9b\xcc\xa3i Tho\xcc\xa3 Xu\xc3\xa2n";
    auto tokens = tokenize_for_search(nfd);
    ASSERT_EQ(tokens.size(), 4u);
    EXPECT_EQ(tokens[0].exact, "thuy3");
    EXPECT_EQ(tokens[1].exact, "lơi5");
    EXPECT_EQ(tokens[1].folded, "loi");
    EXPECT_EQ(tokens[2].exact, "tho5");
    EXPECT_EQ(tone_key("ho\xcd\x81"), "ho1");
    EXPECT_EQ(nfd.substr(tokens[1].begin, tokens[1].end - tokens[1].begin), "lo\xcc\x9b\xcc\xa3i");
}

TEST(VietnameseSearch, EveryVietnameseVowelLetterFoldsToItsBase) {
    const char* rows[] = {"aáàảãạ", "ăắằẳẵặ", "âấầẩẫậ", "eéèẻẽẹ", "êếềểễệ", "iíìỉĩị",
                          "oóòỏõọ", "ôốồổỗộ", "ơớờởỡợ", "uúùủũụ", "ưứừửữự", "yýỳỷỹỵ"};
    for (const char* row : rows) {
        std::string lower = row;
        auto tokens = tokenize_for_search(lower);
        ASSERT_EQ(tokens.size(), 1u);
        std::string base = tokens[0].folded.substr(0, 1);
        EXPECT_EQ(tokens[0].folded, std::string(6, base[0])) << row;
        EXPECT_EQ(fold(to_nfc(lower)), tokens[0].folded) << row;
    }
    EXPECT_EQ(fold_for_search("ĐẤT ĐAI đường Ðà ð"), "dat dai duong da d");
    EXPECT_EQ(fold_for_search("ẤP ẮP ỰC"), fold_for_search("ấp ắp ực"));
}

TEST(VietnameseSearch, TokensKeepNumbersAndDocumentCodesFindable) {
    EXPECT_EQ(folded_tokens("Giai đoạn 2020-2025"), (std::vector<std::string>{"giai", "doan", "2020", "2025"}));
    EXPECT_EQ(folded_tokens("Nghị quyết số 09-NQ/HU"), (std::vector<std::string>{"nghi", "quyet", "so", "09", "nq", "hu"}));
    EXPECT_EQ(folded_tokens("1.250 tỷ đồng; HĐND, UBND"), (std::vector<std::string>{"1", "250", "ty", "dong", "hdnd", "ubnd"}));
}

TEST(VietnameseSearch, OffsetsPointAtTheOriginalWords) {
    std::string text = "«Nông thôn mới» – Thọ Xuân";
    auto tokens = tokenize_for_search(text);
    ASSERT_EQ(tokens.size(), 5u);
    EXPECT_EQ(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin), "Nông");
    EXPECT_EQ(text.substr(tokens[4].begin, tokens[4].end - tokens[4].begin), "Xuân");
    EXPECT_TRUE(tokens[0].has_diacritics);
    EXPECT_FALSE(tokenize_for_search("Thanh")[0].has_diacritics);
    EXPECT_TRUE(tokenize_for_search("HĐND")[0].has_diacritics);
}

TEST(VietnameseSearch, ZeroWidthCharactersAndBadBytesNeverBreakOrJoinWords) {
    EXPECT_EQ(folded_tokens("Th\xe1\xbb\x8d\xe2\x80\x8bXu\xc3\xa2n"), (std::vector<std::string>{"thoxuan"}));
    EXPECT_EQ(folded_tokens("Soft\xc2\xadhyphen"), (std::vector<std::string>{"softhyphen"}));
    EXPECT_EQ(folded_tokens("ab\xff" "cd \xc3"), (std::vector<std::string>{"ab", "cd"}));
    EXPECT_TRUE(tokenize_for_search("").empty());
    EXPECT_TRUE(tokenize_for_search(" *\"():-- ").empty());
    EXPECT_TRUE(tokenize_for_search("\xcc\x81\xcc\x81").empty());  // marks with no letter
}

TEST(VietnameseSearch, FoldingForSearchIsIdempotent) {
    for (const char* text : {"Nông thôn mới Thọ Xuân", "HĐND, UBND", "09-NQ/HU", "Straße ΣΊΣΥΦΟΣ Đà Nẵng"}) {
        std::string once = fold_for_search(text);
        EXPECT_EQ(fold_for_search(once), once) << text;
    }
}
