// SitePages: the handlers of the public site — they read published content and answer with whole HTML pages.
#pragma once

#include "content/published_content.hpp"
#include "core/clock.hpp"
#include "http/message.hpp"
#include "media/media_service.hpp"
#include "site/feeds.hpp"
#include "search/search_service.hpp"

#include <optional>
#include <string_view>

namespace cong::site {

class TargetSummaries;  // site/target_pages.hpp

// The longest slug looked up; anything longer cannot exist (slugs are cut at 80 bytes) and is a 404.
constexpr std::size_t MAX_SLUG_BYTES = 200;

struct SitePages {
    content::PublishedContent& content_;
    media::MediaService& media_;            // the photo library, for the routes that serve its files
    core::Timestamp (*now_)() = core::now;  // the header's date line; tests fix it
    search::SearchService* search_ = nullptr;  // the public search; without it /tim-kiem is not offered
    const TargetSummaries* target_summaries_ = nullptr;  // live "target summary" blocks; without it they are left out

    // GET /
    http::Response show_home(const http::Request& request) const;
    // GET /chuyen-muc/{slug}?trang=N — a page number that is not 1…page count is a 404 page, not an error.
    http::Response show_category(const http::Request& request) const;
    // GET /bai-viet/{slug}
    http::Response show_article(const http::Request& request) const;
    // GET /tim-kiem?q=&chuyen-muc=&tu=&den=&trang= — bad input is a 400 page that says why.
    http::Response show_search(const http::Request& request) const;
    // GET /static/{file} — only content-hashed names, cached for a year.
    http::Response show_static_asset(const http::Request& request) const;
    // GET /rss.xml — the latest news for feed readers and aggregators.
    http::Response show_rss(const http::Request& request) const;
    // GET /chuyen-muc/{slug}/rss.xml — the newest articles of one category.
    http::Response show_category_rss(const http::Request& request) const;
    // GET /sitemap.xml — every public page, for search engines; an index of sitemap pages past 50,000.
    http::Response show_sitemap(const http::Request& request) const;
    // GET /sitemap-{N}.xml — one page of a large site's sitemap.
    http::Response show_sitemap_page(const http::Request& request) const;
    // GET /robots.txt
    http::Response show_robots(const http::Request& request) const;
    // GET /media/{file} — an uploaded photo by its content hash, cached for a year.
    http::Response show_media_file(const http::Request& request) const;
    // Any path nothing else answers: the Vietnamese 404 page.
    http::Response show_not_found(const http::Request& request) const;

private:
    // NotFound becomes the 404 page; anything else a 503 (Busy) or 500 page, logged here, once.
    http::Response show_error(const http::Request& request, const core::Error& error) const;
    content::SiteFrame frame_or_default() const;
    // A cover photo as a feed enclosure: its JPEG at the fallback width (what a feed reader shows, far lighter
    // than the full size) with the exact size of that file; nullopt when the photo has no variants yet.
    std::optional<Enclosure> cover_enclosure(const model::Media& cover) const;
};

// The value of ?trang=: absent is page 1; anything but a plain number from 1 to MAX_PAGE_NUMBER is nullopt.
std::optional<int> parse_page_number(const std::optional<std::string>& text);

}  // namespace cong::site
