// Feeds for machines: RSS 2.0 channels of the latest news (the site's and each category's), the sitemap of
// every public page (an index of sitemaps past 50,000 addresses), robots.txt.
#pragma once

#include "content/published_content.hpp"
#include "core/clock.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cong::site {

constexpr int RSS_ITEMS = 30;

// The scheme and host that absolute links start with: the site's own host (over HTTPS) when it has
// one, else the Host the reader asked for, when it is a plain host name; empty when neither is usable.
std::string public_origin(const model::Site& site, std::string_view request_host);

// What an RSS channel is about: the whole site, or one category.
struct RssChannel {
    std::string title;
    std::string description;
    std::string page_path;  // the HTML page the channel mirrors: "/" or "/chuyen-muc/…"
    std::string self_path;  // the feed's own address: "/rss.xml" or "/chuyen-muc/…/rss.xml"
};

// The channel of the whole site: its name, slogan, home page and /rss.xml.
RssChannel site_channel(const content::SiteFrame& frame);
// The channel of one category: "<category> - <site>", its listing and its own feed.
RssChannel category_channel(const content::SiteFrame& frame, const model::Category& category);

// A photo as an RSS enclosure: its address from the site root and its exact size in bytes, which RSS requires.
struct Enclosure {
    std::string path;
    std::int64_t bytes = 0;
};
// How a feed finds the enclosure of a cover photo; nullopt leaves the item without one.
using EnclosureOf = std::function<std::optional<Enclosure>(const model::Media&)>;

// RSS 2.0: dates in Vietnam time (+0700), the cover photo as an enclosure, absolute links from origin.
std::string write_rss(const RssChannel& channel, const std::vector<content::ArticleSummary>& items,
                      std::string_view origin, core::Timestamp now, const EnclosureOf& enclosure_of);

// The sitemaps.org limit of URLs in one sitemap file; past it /sitemap.xml becomes a sitemap index.
constexpr std::size_t SITEMAP_MAX_URLS = 50000;

// The sitemap lists the home page, every category, then every article (newest first); a page of it
// holds per_page of those URLs. One page means /sitemap.xml is the sitemap itself.
std::size_t sitemap_page_count(const content::SiteFrame& frame, const std::vector<model::Article>& articles,
                               std::size_t per_page = SITEMAP_MAX_URLS);
// One <urlset> page (1-based); nullopt when page is past the last one.
std::optional<std::string> write_sitemap_page(const content::SiteFrame& frame,
                                              const std::vector<model::Article>& articles, std::string_view origin,
                                              std::size_t page, std::size_t per_page = SITEMAP_MAX_URLS);
// The <sitemapindex> pointing at /sitemap-1.xml … /sitemap-N.xml, each with its newest lastmod.
std::string write_sitemap_index(const content::SiteFrame& frame, const std::vector<model::Article>& articles,
                                std::string_view origin, std::size_t per_page = SITEMAP_MAX_URLS);
// "/sitemap-N.xml"
std::string sitemap_page_path(std::size_t page);
// The N of "N.xml" (what the route "/sitemap-{page}" captures); nullopt for anything else.
std::optional<std::size_t> parse_sitemap_page(std::string_view captured);

std::string write_robots(std::string_view origin);

}  // namespace cong::site
