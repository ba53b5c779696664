#include "site/theme.hpp"

#include "content/site_service.hpp"
#include "site/assets.hpp"

#include <algorithm>
#include <cstdio>

namespace cong::site {
namespace {

constexpr std::string_view THEME_PREFIX = "/giao-dien/";
constexpr std::size_t HEX_DIGITS = 6;

bool is_lower_hex(std::string_view text) {
    return text.size() == HEX_DIGITS &&
           std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// The primary colour three-quarters as bright: the menu and footer bars, under the banner's gradient.
std::string darker(std::string_view hex) {
    std::string out = "#";
    for (std::size_t at = 0; at < HEX_DIGITS; at += 2) {
        int value = std::stoi(std::string(hex.substr(at, 2)), nullptr, 16) * 3 / 4;
        char digits[3];
        std::snprintf(digits, sizeof digits, "%02x", value);
        out += digits;
    }
    return out;
}

}  // namespace

std::string theme_stylesheet_path(const model::Site& site) {
    if (site.primary_colour.empty() && site.accent_colour.empty()) return {};
    auto digits = [](const std::string& colour, std::string_view fallback) {
        return std::string((colour.empty() ? fallback : std::string_view(colour)).substr(1));
    };
    return std::string(THEME_PREFIX) + digits(site.primary_colour, content::DEFAULT_PRIMARY_COLOUR) + "-" +
           digits(site.accent_colour, content::DEFAULT_ACCENT_COLOUR) + ".css";
}

std::optional<std::string> theme_stylesheet(std::string_view file_name) {
    constexpr std::string_view SUFFIX = ".css";
    if (file_name.size() != 2 * HEX_DIGITS + 1 + SUFFIX.size() || !file_name.ends_with(SUFFIX) ||
        file_name[HEX_DIGITS] != '-')
        return std::nullopt;
    auto primary = file_name.substr(0, HEX_DIGITS);
    auto accent = file_name.substr(HEX_DIGITS + 1, HEX_DIGITS);
    if (!is_lower_hex(primary) || !is_lower_hex(accent)) return std::nullopt;
    // :not(.high-contrast): the reader's high-contrast choice (site.js) wins over the site's colours.
    std::string css = "/* Cổng: the colours chosen in the site settings. */\n:root:not(.high-contrast){--red:#";
    css += primary;
    css += ";--red-dark:";
    css += darker(primary);
    css += ";--gold:#";
    css += accent;
    css += "}\n";
    return css;
}

std::optional<http::Response> serve_theme_stylesheet(const http::Request& request) {
    auto css = theme_stylesheet(request.param("file"));
    if (!css) return std::nullopt;
    http::Response response;
    response.content_type = "text/css; charset=utf-8";
    response.body = std::move(*css);
    // The address is the content: it never changes meaning.
    response.cache_control = std::string(ASSET_CACHE_CONTROL);
    return response;
}

}  // namespace cong::site
