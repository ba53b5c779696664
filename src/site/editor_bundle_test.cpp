#include "site/assets.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <string>

using namespace cong::site;

namespace {

const Asset* served(std::string_view logical) {
    auto url = asset_url(logical);
    if (url.empty()) return nullptr;
    return find_asset(url.substr(std::string_view("/static/").size()));
}

}  // namespace

TEST(EditorBundle, IsServedUnderContentHashedNames) {
    EXPECT_TRUE(std::regex_match(std::string(asset_url("admin-editor.js")),
                                 std::regex("/static/admin-editor\\.[0-9a-f]{8}\\.js")));
    EXPECT_TRUE(std::regex_match(std::string(asset_url("admin-editor.css")),
                                 std::regex("/static/admin-editor\\.[0-9a-f]{8}\\.css")));
    const Asset* script = served("admin-editor.js");
    const Asset* style = served("admin-editor.css");
    ASSERT_NE(script, nullptr);
    ASSERT_NE(style, nullptr);
    EXPECT_EQ(script->content_type, "text/javascript; charset=utf-8");
    EXPECT_EQ(style->content_type, "text/css; charset=utf-8");
}

// The script links its own stylesheet (edit pages carry only the <script>), by the address that build.mjs
// computed the way embed_assets.cmake does: if the two rules drift apart, the editor loses its styles.
TEST(EditorBundle, ScriptLinksTheStylesheetAtTheAddressTheServerGivesIt) {
    const Asset* script = served("admin-editor.js");
    ASSERT_NE(script, nullptr);
    EXPECT_NE(script->bytes.find(asset_url("admin-editor.css")), std::string_view::npos);
}

TEST(EditorBundle, ScriptIsTheMinifiedEditorWithTheFigureNodeOfTheSchema) {
    const Asset* script = served("admin-editor.js");
    ASSERT_NE(script, nullptr);
    // Minified: lines average thousands of characters (the few newlines left are inside template strings).
    auto lines = std::count(script->bytes.begin(), script->bytes.end(), '\n') + 1;
    EXPECT_GT(script->bytes.size() / std::size_t(lines), 1000u);
    // The editor's Vietnamese toolbar is in it, and the schema's figure node.
    EXPECT_NE(script->bytes.find("Tiêu đề H"), std::string_view::npos);
    EXPECT_NE(script->bytes.find("name:\"figure\""), std::string_view::npos);
}
