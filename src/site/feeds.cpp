#include "site/feeds.hpp"

#include "content/article_service.hpp"
#include "render/html_writer.hpp"
#include "site/layout.hpp"
#include "site/pages.hpp"
#include "site/partials.hpp"

#include <algorithm>
#include <map>

namespace cong::site {
namespace {

// XML needs the same five escapes as HTML, so the HTML writer's escaping serves both.
void element(std::string& out, std::string_view tag, std::string_view text) {
    out += '<';
    out += tag;
    out += '>';
    render::escape_html(out, text);
    out += "</";
    out += tag;
    out += '>';
}

bool is_plain_host(std::string_view host) {
    if (host.empty() || host.size() > 255) return false;
    return std::all_of(host.begin(), host.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
               c == ':' || c == '[' || c == ']';
    });
}

}  // namespace

std::string public_origin(const model::Site& site, std::string_view request_host) {
    if (!site.host.empty()) return "https://" + site.host;
    if (is_plain_host(request_host)) return "http://" + std::string(request_host);
    return {};
}

RssChannel site_channel(const content::SiteFrame& frame) {
    RssChannel channel;
    channel.title = site_display_name(frame.site);
    channel.description = frame.site.slogan.empty() ? channel.title : frame.site.slogan;
    channel.page_path = "/";
    channel.self_path = "/rss.xml";
    return channel;
}

RssChannel category_channel(const content::SiteFrame& frame, const model::Category& category) {
    RssChannel channel;
    channel.title = category.name + " - " + std::string(site_display_name(frame.site));
    channel.description = category.description.empty() ? channel.title : category.description;
    channel.page_path = content::category_path(category);
    channel.self_path = category_feed_path(category);
    return channel;
}

std::string write_rss(const RssChannel& channel, const std::vector<content::ArticleSummary>& items,
                      std::string_view origin, core::Timestamp now, const EnclosureOf& enclosure_of) {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" "
                      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>";
    element(out, "title", channel.title);
    element(out, "link", std::string(origin) + channel.page_path);
    element(out, "description", channel.description);
    element(out, "language", "vi");
    element(out, "lastBuildDate",
            core::format_rfc822_vietnam(items.empty() || !items.front().article.published_at
                                            ? now
                                            : *items.front().article.published_at));
    out += "<atom:link href=\"";
    render::escape_html(out, std::string(origin) + channel.self_path);
    out += "\" rel=\"self\" type=\"application/rss+xml\"/>";
    for (const auto& item : items) {
        const auto& article = item.article;
        std::string link = std::string(origin) + content::article_path(article);
        out += "<item>";
        element(out, "title", article.title);
        element(out, "link", link);
        out += "<guid isPermaLink=\"true\">";
        render::escape_html(out, link);
        out += "</guid>";
        if (article.published_at) element(out, "pubDate", core::format_rfc822_vietnam(*article.published_at));
        if (item.category) element(out, "category", item.category->name);
        if (!article.lead.empty()) element(out, "description", article.lead);
        if (!article.byline.empty()) element(out, "dc:creator", article.byline);
        if (auto enclosure = item.cover && enclosure_of ? enclosure_of(*item.cover) : std::nullopt) {
            out += "<enclosure url=\"";
            render::escape_html(out, std::string(origin) + enclosure->path);
            out += "\" length=\"" + std::to_string(enclosure->bytes) + "\" type=\"image/jpeg\"/>";
        }
        out += "</item>";
    }
    out += "</channel></rss>\n";
    return out;
}

namespace {

// The sitemap's addresses in order: the home page, every category, every article. Only the slice of one
// page is ever turned into text, so a large site's sitemap pages are built one at a time.
struct SitemapEntries {
    const content::SiteFrame& frame;
    const std::vector<model::Article>& articles;
    std::map<std::int64_t, core::Timestamp> category_modified;  // newest article per category
    std::optional<core::Timestamp> site_modified;

    SitemapEntries(const content::SiteFrame& f, const std::vector<model::Article>& a) : frame(f), articles(a) {
        for (const auto& article : articles) {
            auto [it, inserted] = category_modified.emplace(article.category_id, article.updated_at);
            if (!inserted && it->second < article.updated_at) it->second = article.updated_at;
            if (!site_modified || *site_modified < article.updated_at) site_modified = article.updated_at;
        }
    }
    std::size_t size() const { return 1 + frame.categories.size() + articles.size(); }

    std::pair<std::string, std::optional<core::Timestamp>> at(std::size_t index) const {
        if (index == 0) return {"/", site_modified};
        index -= 1;
        if (index < frame.categories.size()) {
            const auto& category = frame.categories[index];
            auto it = category_modified.find(category.id);
            std::optional<core::Timestamp> modified;
            if (it != category_modified.end()) modified = it->second;
            return {content::category_path(category), modified};
        }
        const auto& article = articles[index - frame.categories.size()];
        return {content::article_path(article), article.updated_at};
    }
};

std::size_t page_count_of(std::size_t urls, std::size_t per_page) {
    if (per_page == 0) per_page = SITEMAP_MAX_URLS;
    return std::max<std::size_t>(1, (urls + per_page - 1) / per_page);
}

}  // namespace

std::size_t sitemap_page_count(const content::SiteFrame& frame, const std::vector<model::Article>& articles,
                               std::size_t per_page) {
    return page_count_of(1 + frame.categories.size() + articles.size(), per_page);
}

std::optional<std::string> write_sitemap_page(const content::SiteFrame& frame,
                                              const std::vector<model::Article>& articles, std::string_view origin,
                                              std::size_t page, std::size_t per_page) {
    if (per_page == 0) per_page = SITEMAP_MAX_URLS;
    SitemapEntries entries(frame, articles);
    if (page < 1 || page > page_count_of(entries.size(), per_page)) return std::nullopt;
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">";
    std::size_t first = (page - 1) * per_page;
    std::size_t last = std::min(entries.size(), first + per_page);
    for (std::size_t i = first; i < last; ++i) {
        auto [path, modified] = entries.at(i);
        out += "<url>";
        element(out, "loc", std::string(origin) + path);
        if (modified) element(out, "lastmod", core::format_rfc3339_vietnam(*modified));
        out += "</url>";
    }
    out += "</urlset>\n";
    return out;
}

std::string write_sitemap_index(const content::SiteFrame& frame, const std::vector<model::Article>& articles,
                                std::string_view origin, std::size_t per_page) {
    if (per_page == 0) per_page = SITEMAP_MAX_URLS;
    SitemapEntries entries(frame, articles);
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">";
    auto pages = page_count_of(entries.size(), per_page);
    for (std::size_t page = 1; page <= pages; ++page) {
        std::optional<core::Timestamp> newest;
        std::size_t first = (page - 1) * per_page;
        std::size_t last = std::min(entries.size(), first + per_page);
        for (std::size_t i = first; i < last; ++i) {
            auto modified = entries.at(i).second;
            if (modified && (!newest || *newest < *modified)) newest = modified;
        }
        out += "<sitemap>";
        element(out, "loc", std::string(origin) + sitemap_page_path(page));
        if (newest) element(out, "lastmod", core::format_rfc3339_vietnam(*newest));
        out += "</sitemap>";
    }
    out += "</sitemapindex>\n";
    return out;
}

std::string sitemap_page_path(std::size_t page) { return "/sitemap-" + std::to_string(page) + ".xml"; }

std::optional<std::size_t> parse_sitemap_page(std::string_view captured) {
    constexpr std::string_view SUFFIX = ".xml";
    // More digits than this cannot be a page of any real site (100,000 pages hold five billion URLs).
    constexpr std::size_t MAX_DIGITS = 5;
    if (captured.size() <= SUFFIX.size() || !captured.ends_with(SUFFIX)) return std::nullopt;
    auto digits = captured.substr(0, captured.size() - SUFFIX.size());
    if (digits.size() > MAX_DIGITS || digits.front() == '0') return std::nullopt;
    std::size_t page = 0;
    for (char c : digits) {
        if (c < '0' || c > '9') return std::nullopt;
        page = page * 10 + std::size_t(c - '0');
    }
    return page;
}

std::string write_robots(std::string_view origin) {
    std::string out = "User-agent: *\nDisallow: /api/\n";
    if (!origin.empty()) out += "Sitemap: " + std::string(origin) + "/sitemap.xml\n";
    return out;
}

}  // namespace cong::site
