#include "media/file_name.hpp"

#include <gtest/gtest.h>

namespace cong::media {
namespace {

TEST(FileName, KeepsOnlyTheLastPathComponent) {
    EXPECT_EQ(display_file_name("22 (3).jpg"), "22 (3).jpg");
    EXPECT_EQ(display_file_name("../../etc/passwd"), "passwd");
    EXPECT_EQ(display_file_name("C:\\x\\y.jpg"), "y.jpg");
    EXPECT_EQ(display_file_name("C:y.jpg"), "y.jpg");
    EXPECT_EQ(display_file_name("dir/"), "");
    EXPECT_EQ(display_file_name(".."), "");
    EXPECT_EQ(display_file_name("  ảnh hội nghị.jpg \t"), "ảnh hội nghị.jpg");
    EXPECT_EQ(display_file_name("a\r\nb\x7f.jpg"), "ab.jpg");
}

TEST(FileName, TruncatesLongNamesOnCharacterBoundariesKeepingTheExtension) {
    std::string long_name;
    for (int i = 0; i < 100; ++i) long_name += "ả";  // two bytes… three in fact: U+1EA3
    long_name += ".jpg";
    std::string cut = truncate_file_name(long_name);
    EXPECT_LE(cut.size(), MAX_FILE_NAME_BYTES);
    EXPECT_EQ(cut.substr(cut.size() - 4), ".jpg");
    EXPECT_EQ((cut.size() - 4) % 3, 0u);  // no split "ả"
    EXPECT_EQ(truncate_file_name("short.png"), "short.png");
    EXPECT_EQ(truncate_file_name(std::string(300, 'x')), std::string(255, 'x'));
}

}  // namespace
}  // namespace cong::media

namespace cong::media {
namespace {

TEST(ContentDisposition, KeepsAPlainNameAsIs) {
    EXPECT_EQ(content_disposition_inline("22 (3).jpg"), "inline; filename=\"22 (3).jpg\"; filename*=UTF-8''22%20%283%29.jpg");
}

TEST(ContentDisposition, FoldsVietnameseForOldClientsAndEncodesItForNewOnes) {
    EXPECT_EQ(content_disposition_inline("Lúa chín.webp"),
              "inline; filename=\"lua chin.webp\"; filename*=UTF-8''L%C3%BAa%20ch%C3%ADn.webp");
}

TEST(ContentDisposition, QuotesBackslashesEmojiAndLineBreaksCannotEscapeTheHeader) {
    auto value = content_disposition_inline("a\"b\\c\r\nSet-Cookie: x=1 🌾.jpg");
    EXPECT_EQ(value.find('\r'), std::string::npos);
    EXPECT_EQ(value.find('\n'), std::string::npos);
    EXPECT_EQ(value, "inline; filename=\"a_b_c__set-cookie: x=1 _.jpg\"; "
                     "filename*=UTF-8''a%22b%5Cc%0D%0ASet-Cookie%3A%20x%3D1%20%F0%9F%8C%BE.jpg");
    EXPECT_EQ(content_disposition_inline(""), "inline; filename=\"anh\"; filename*=UTF-8''");
}

}  // namespace
}  // namespace cong::media
