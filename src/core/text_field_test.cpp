#include "core/text_field.hpp"

#include <gtest/gtest.h>

using namespace cong::core;

namespace {
Result<std::string> title(std::string_view value, LineBreaks breaks = LineBreaks::Refused) {
    return clean_text_field(value, 10, Required::Yes, breaks, "title", "Tiêu đề");
}
}  // namespace

TEST(TextField, TrimsAndNormalisesToNfc) {
    EXPECT_EQ(title("  Tho\xcc\xa3 Xua\xcc\x82n \n").value(), "Thọ Xuân");
}

TEST(TextField, RefusalsNameTheFieldInVietnamese) {
    auto empty = title("   ");
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error().field, "title");
    EXPECT_EQ(empty.error().detail, "Tiêu đề không được để trống");
    EXPECT_EQ(title("Mười một ký tự").error().detail, "Tiêu đề không được dài quá 10 ký tự");
    EXPECT_TRUE(title("Mười ký tự"));  // ten characters, many more bytes
}

TEST(TextField, ControlCharactersAndBadUtf8AreRefused) {
    for (std::string_view bad : {std::string_view("a\x01" "b"), std::string_view("a\x7f" "b"),
                                 std::string_view("a\xc2\x85" "b"), std::string_view("a\xff" "b"),
                                 std::string_view("a\0b", 3)}) {
        EXPECT_FALSE(title(bad)) << bad;
    }
    EXPECT_TRUE(title("a\tb"));
    EXPECT_TRUE(title("\xc2\xa0" "a"));  // a no-break space is text, not a control
}

TEST(TextField, LineBreaksOnlyWhereAllowed) {
    EXPECT_FALSE(title("một\nhai"));
    EXPECT_EQ(title("một\nhai", LineBreaks::Allowed).value(), "một\nhai");
}
