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
// A feed the page offers (<link rel="alternate" type="application/rss+xml">).
struct FeedLink {
    std::string title;
    std::string path;  // "/rss.xml", "/chuyen-muc/…/rss.xml"
};

struct PageMeta {
    std::string title;           // the page's own title; empty on the home page (the site name alone)
    std::string description;     // <meta name="description">; empty: the site's slogan
    std::string canonical_path;  // "/bai-viet/…"; empty: no canonical link (error pages)
    std::string og_type = "website";
    std::string og_image_path;  // "/media/….jpg"; empty: none
    int og_image_width = 0;     // the cover's size, so a shared link's card is laid out before the photo loads
    int og_image_height = 0;
    std::string og_image_alt;
    std::vector<FeedLink> feeds;  // besides the site's own feed, which every page offers
    std::string prev_path;        // a listing's neighbouring pages: <link rel="prev"/"next">
    std::string next_path;
    std::string json_ld;  // structured data, already serialised and escaped by json_ld_script_text
    std::optional<core::Timestamp> published_at;
    std::vector<std::int64_t> active_category_ids;   // the page's categories: their menu items are marked
    std::optional<std::int64_t> current_category_id;  // a category listing: its menu item is "the page"
    bool indexable = true;                            // false: robots noindex (error pages)
};

// Writes the whole document: head, header, <main id="noi-dung"> filled by write_main, footer.
// now gives the date line of the header ("Thứ Năm, 26/11/2026") and the copyright year.
void write_layout(render::HtmlWriter& html, const content::SiteFrame& frame, const PageMeta& meta,
                  core::Timestamp now, const std::function<void()>& write_main);

// The URL-encoded form of text for a query parameter (RFC 3986 unreserved characters kept as they are).
std::string url_encode(std::string_view text);

// JSON text made safe inside <script>: "<", ">" and "&" become \u003c, \u003e, \u0026, which JSON reads as the
// same characters, so a title containing "</script>" cannot end the element.
std::string json_ld_script_text(std::string_view json);

// The site's display name, with a generic one when the site has none yet (a fresh install).
std::string_view site_display_name(const model::Site& site);

}  // namespace cong::site
