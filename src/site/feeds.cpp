#include "site/feeds.hpp"

#include "content/article_service.hpp"
#include "render/html_writer.hpp"
#include "site/layout.hpp"
#include "site/partials.hpp"

#include <algorithm>

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

std::string write_rss(const content::SiteFrame& frame, const std::vector<content::ArticleSummary>& items,
                      std::string_view origin, core::Timestamp now) {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel>";
    std::string home = std::string(origin) + "/";
    element(out, "title", site_display_name(frame.site));
    element(out, "link", home);
    element(out, "description", frame.site.slogan.empty() ? site_display_name(frame.site) : frame.site.slogan);
    element(out, "language", "vi");
    element(out, "lastBuildDate",
            core::format_rfc822_vietnam(items.empty() || !items.front().article.published_at
                                            ? now
                                            : *items.front().article.published_at));
    out += "<atom:link href=\"";
    render::escape_html(out, std::string(origin) + "/rss.xml");
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
        if (item.cover) {
            out += "<enclosure url=\"";
            render::escape_html(out, std::string(origin) + media_url(*item.cover));
            out += "\" length=\"" + std::to_string(item.cover->bytes) + "\" type=\"";
            render::escape_html(out, item.cover->content_type);
            out += "\"/>";
        }
        out += "</item>";
    }
    out += "</channel></rss>\n";
    return out;
}

std::string write_sitemap(const content::SiteFrame& frame, const std::vector<model::Article>& articles,
                          std::string_view origin) {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">";
    auto url = [&](const std::string& path, const std::optional<core::Timestamp>& modified) {
        out += "<url>";
        element(out, "loc", std::string(origin) + path);
        if (modified) element(out, "lastmod", core::format_rfc3339_vietnam(*modified));
        out += "</url>";
    };
    url("/", articles.empty() ? std::nullopt : std::optional(articles.front().updated_at));
    for (const auto& category : frame.categories) url(content::category_path(category), std::nullopt);
    for (const auto& article : articles) url(content::article_path(article), article.updated_at);
    out += "</urlset>\n";
    return out;
}

std::string write_robots(std::string_view origin) {
    std::string out = "User-agent: *\nDisallow: /api/\n";
    if (!origin.empty()) out += "Sitemap: " + std::string(origin) + "/sitemap.xml\n";
    return out;
}

}  // namespace cong::site
