#include "media/atomic_file.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

namespace cong::media {
namespace {

std::filesystem::path make_temp_dir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "cong-atomic-XXXXXX").string();
    return std::filesystem::path{::mkdtemp(pattern.data())};
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in{path, std::ios::binary};
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

TEST(AtomicFile, WritesAFileWithParentDirectoriesAndLeavesNoTemporaryFile) {
    auto dir = make_temp_dir();
    auto path = dir / "ab" / "abcdef.jpg";
    std::string data{"\xFF\xD8 bytes \0 with nul", 20};
    ASSERT_TRUE(write_file_atomically(path, data).has_value());
    EXPECT_EQ(read_file(path), data);
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator{dir / "ab"}, std::filesystem::directory_iterator{}), 1);
    struct stat info {};
    ASSERT_EQ(::stat(path.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0644u);

    ASSERT_TRUE(write_file_atomically(path, "replaced").has_value());
    EXPECT_EQ(read_file(path), "replaced");
    std::filesystem::remove_all(dir);
}

TEST(AtomicFile, ReportsAnInternalErrorWhenTheDirectoryCannotBeCreated) {
    auto dir = make_temp_dir();
    std::ofstream{dir / "file"} << "x";
    auto written = write_file_atomically(dir / "file" / "inside.jpg", "data");
    ASSERT_FALSE(written.has_value());
    EXPECT_EQ(written.error().code, core::Errc::Internal);
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace cong::media
