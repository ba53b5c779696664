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
