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
