// Layout: the frame of every public page — head, banner, date line, menu, search, footer.
#pragma once

#include "content/published_content.hpp"
#include "core/clock.hpp"
#include "render/html_writer.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace cong::site {

// What a page tells the layout about itself.
struct PageMeta {
    std::string title;           // the page's own title; empty on the home page (the site name alone)
    std::string description;     // <meta name="description">; empty: the site's slogan
    std::string canonical_path;  // "/bai-viet/…"; empty: no canonical link (error pages)
    std::string og_type = "website";
    std::string og_image_path;  // "/media/….jpg"; empty: none
    std::optional<core::Timestamp> published_at;
    std::vector<std::int64_t> active_category_ids;   // the page's categories: their menu items are marked
    std::optional<std::int64_t> current_category_id;  // a category listing: its menu item is "the page"
    bool indexable = true;                            // false: robots noindex (error pages)
};

// Writes the whole document: head, header, <main id="noi-dung"> filled by write_main, footer.
// now gives the date line of the header ("Thứ Năm, 26/11/2026") and the copyright year.
void write_layout(render::HtmlWriter& html, const content::SiteFrame& frame, const PageMeta& meta,
                  core::Timestamp now, const std::function<void()>& write_main);

// The site's display name, with a generic one when the site has none yet (a fresh install).
std::string_view site_display_name(const model::Site& site);

}  // namespace cong::site
