// Feeds for machines: the RSS 2.0 channel of latest news, the sitemap of every public page, robots.txt.
#pragma once

#include "content/published_content.hpp"
#include "core/clock.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace cong::site {

constexpr int RSS_ITEMS = 30;

// The scheme and host that absolute links start with: the site's own host (over HTTPS) when it has
// one, else the Host the reader asked for, when it is a plain host name; empty when neither is usable.
std::string public_origin(const model::Site& site, std::string_view request_host);

std::string write_rss(const content::SiteFrame& frame, const std::vector<content::ArticleSummary>& items,
                      std::string_view origin, core::Timestamp now);
std::string write_sitemap(const content::SiteFrame& frame, const std::vector<model::Article>& articles,
                          std::string_view origin);
std::string write_robots(std::string_view origin);

}  // namespace cong::site
