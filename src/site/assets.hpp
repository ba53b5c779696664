// Assets: the stylesheet, script and icons, embedded in the binary and served under content-hashed names.
#pragma once

#include <string_view>

namespace cong::site {

// A hashed name never changes meaning, so browsers and proxies may keep it for a year without asking.
constexpr std::string_view ASSET_CACHE_CONTROL = "public, max-age=31536000, immutable";

struct Asset {
    std::string_view content_type;
    std::string_view bytes;
};

// "site.css" → "/static/site.1a2b3c4d.css". Empty when there is no such file in assets/, which is a
// programming error: the names are literals in the view functions.
std::string_view asset_url(std::string_view logical_name);

// The asset served at "/static/<hashed_file_name>", or null.
const Asset* find_asset(std::string_view hashed_file_name);

// The media type for a file name, by extension ("text/css; charset=utf-8").
std::string_view asset_content_type(std::string_view file_name);

}  // namespace cong::site
