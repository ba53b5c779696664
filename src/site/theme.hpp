// Theme: a site's own colours as a small stylesheet at an address made of the colours themselves
// ("/giao-dien/1a5c9e-ffd966.css"), so it is cached for a year and a change of colours is a new address.
// Served from /giao-dien rather than written into the page: the coming CSP allows styles from files only.
#pragma once

#include "http/message.hpp"
#include "model/site.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace cong::site {

// The address of the site's colour stylesheet; empty when the site keeps the built-in colours (no link).
std::string theme_stylesheet_path(const model::Site& site);

// The stylesheet for a file name "<primary>-<accent>.css" (six lower-case hex digits each), or nullopt for any
// other name. It sets the custom properties of assets/site.css, except in the reader's high-contrast mode.
std::optional<std::string> theme_stylesheet(std::string_view file_name);

// GET /giao-dien/{file}: the stylesheet with a year's caching, or nullopt (the caller answers 404).
std::optional<http::Response> serve_theme_stylesheet(const http::Request& request);

}  // namespace cong::site
