#include "site/assets.hpp"

#include "site/embedded_assets.hpp"

#include <array>
#include <utility>
#include <vector>

namespace cong::site {
namespace {

constexpr std::string_view STATIC_PREFIX = "/static/";

constexpr std::array<std::pair<std::string_view, std::string_view>, 12> CONTENT_TYPES = {{
    {".css", "text/css; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".webp", "image/webp"},
    {".jpg", "image/jpeg"},
    {".woff2", "font/woff2"},
    {".json", "application/json"},
    {".txt", "text/plain; charset=utf-8"},
    {".map", "application/json"},
}};

struct ServedAsset {
    std::string_view file_name;  // the hashed name, the part of the URL after "/static/"
    Asset asset;
};

// Built once, on first use; never changes afterwards, so concurrent readers need no lock.
const std::vector<ServedAsset>& served_assets() {
    static const std::vector<ServedAsset> table = [] {
        std::vector<ServedAsset> out;
        for (const auto& embedded : detail::embedded_assets()) {
            auto file_name = embedded.url.substr(STATIC_PREFIX.size());
            out.push_back({file_name, Asset{asset_content_type(embedded.logical_name), embedded.bytes}});
        }
        return out;
    }();
    return table;
}

}  // namespace

std::string_view asset_content_type(std::string_view file_name) {
    auto dot = file_name.rfind('.');
    if (dot != std::string_view::npos) {
        auto extension = file_name.substr(dot);
        for (const auto& [ext, type] : CONTENT_TYPES)
            if (ext == extension) return type;
    }
    return "application/octet-stream";
}

std::string_view asset_url(std::string_view logical_name) {
    for (const auto& embedded : detail::embedded_assets())
        if (embedded.logical_name == logical_name) return embedded.url;
    return {};
}

const Asset* find_asset(std::string_view hashed_file_name) {
    for (const auto& served : served_assets())
        if (served.file_name == hashed_file_name) return &served.asset;
    return nullptr;
}

}  // namespace cong::site
