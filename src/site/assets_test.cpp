#include "site/assets.hpp"
#include "site/test_content.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <string>

using namespace cong::site;

namespace {

std::string read_source_file(const std::string& relative) {
    std::ifstream in(cong::site::fixtures::source_path(relative), std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

}  // namespace

TEST(Assets, UrlsCarryAnEightDigitContentHash) {
    EXPECT_TRUE(std::regex_match(std::string(asset_url("site.css")), std::regex("/static/site\\.[0-9a-f]{8}\\.css")));
    EXPECT_TRUE(std::regex_match(std::string(asset_url("site.js")), std::regex("/static/site\\.[0-9a-f]{8}\\.js")));
    EXPECT_TRUE(
        std::regex_match(std::string(asset_url("favicon.svg")), std::regex("/static/favicon\\.[0-9a-f]{8}\\.svg")));
}

TEST(Assets, EachHashedNameIsFoundWithItsContentType) {
    struct Case {
        const char* logical;
        const char* content_type;
    };
    for (auto [logical, content_type] : {Case{"site.css", "text/css; charset=utf-8"},
                                         Case{"site.js", "text/javascript; charset=utf-8"},
                                         Case{"favicon.svg", "image/svg+xml"}}) {
        auto url = asset_url(logical);
        ASSERT_FALSE(url.empty()) << logical;
        const Asset* asset = find_asset(url.substr(std::string_view("/static/").size()));
        ASSERT_NE(asset, nullptr) << logical;
        EXPECT_EQ(asset->content_type, content_type);
        EXPECT_FALSE(asset->bytes.empty());
    }
}

TEST(Assets, EmbeddedBytesAreTheFilesInTheAssetsFolder) {
    for (const char* logical : {"site.css", "site.js", "favicon.svg"}) {
        auto url = asset_url(logical);
        const Asset* asset = find_asset(url.substr(std::string_view("/static/").size()));
        ASSERT_NE(asset, nullptr);
        EXPECT_EQ(std::string(asset->bytes), read_source_file(std::string("assets/") + logical)) << logical;
    }
}

TEST(Assets, UnknownAndUnhashedNamesAreNotServed) {
    EXPECT_EQ(find_asset("site.css"), nullptr);  // only the hashed name is immutable
    EXPECT_EQ(find_asset("site.00000000.css"), nullptr);
    EXPECT_EQ(find_asset(""), nullptr);
    EXPECT_EQ(find_asset("../CMakeLists.txt"), nullptr);
    EXPECT_TRUE(asset_url("missing.css").empty());
}

TEST(Assets, ContentTypeFollowsTheExtension) {
    EXPECT_EQ(asset_content_type("a.b.css"), "text/css; charset=utf-8");
    EXPECT_EQ(asset_content_type("logo.png"), "image/png");
    EXPECT_EQ(asset_content_type("README"), "application/octet-stream");
}
