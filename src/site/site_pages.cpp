#include "site/site_pages.hpp"

#include "core/change_listener.hpp"
#include "core/log.hpp"
#include "core/vietnamese.hpp"
#include "media/file_name.hpp"
#include "media/variant_names.hpp"
#include "site/assets.hpp"
#include "site/feeds.hpp"
#include "site/pages.hpp"
#include "site/search_page.hpp"
#include "site/target_pages.hpp"

#include <fstream>

namespace cong::site {
namespace {

// A page number has at most as many digits as MAX_PAGE_NUMBER; more is refused before converting.
constexpr std::size_t MAX_PAGE_DIGITS = 5;

http::Response html_page(render::HtmlWriter& html, int status = 200) {
    return http::Response::html(html.take(), status);
}

// Marks a page as the same for every reader, kept by the page cache until one of its tags changes. Every
// page shows the site's name and menu. A query the page does not read would only fill the cache with
// copies, so such requests are rendered each time.
void cacheable(http::Response& response, const http::Request& request, std::string_view canonical_query,
               const model::Site& site, std::vector<std::string> tags) {
    if (request.query != canonical_query) return;
    tags.push_back(core::site_tag(site.id));
    response.cache_tags = std::move(tags);
}

// Feeds, the sitemap and robots.txt carry absolute links: reader-independent only with a configured host,
// otherwise they follow the client's Host header.
void cacheable_with_links(http::Response& response, const http::Request& request, const model::Site& site,
                          std::vector<std::string> tags) {
    if (site.host.empty()) return;
    cacheable(response, request, "", site, std::move(tags));
}

}  // namespace

std::optional<int> parse_page_number(const std::optional<std::string>& text) {
    if (!text) return 1;
    if (text->empty() || text->size() > MAX_PAGE_DIGITS) return std::nullopt;
    int page = 0;
    for (char c : *text) {
        if (c < '0' || c > '9') return std::nullopt;
        page = page * 10 + (c - '0');
    }
    if (page < 1 || page > content::MAX_PAGE_NUMBER) return std::nullopt;
    return page;
}

http::Response SitePages::show_home(const http::Request& request) const {
    auto home = content_.home();
    if (!home) return show_error(request, home.error());
    render::HtmlWriter html;
    write_home_page(html, *home, now_());
    auto response = html_page(html);
    cacheable(response, request, "", home->frame.site, {core::listing_tag(home->frame.site.id)});
    return response;
}

http::Response SitePages::show_category(const http::Request& request) const {
    auto slug = request.param("slug");
    auto page = parse_page_number(request.query_param("trang"));
    if (!page || slug.size() > MAX_SLUG_BYTES) return show_not_found(request);
    auto category = content_.category(slug, *page);
    if (!category) return show_error(request, category.error());
    render::HtmlWriter html;
    write_category_page(html, *category, now_());
    auto response = html_page(html);
    auto canonical = *page == 1 ? std::string() : "trang=" + std::to_string(*page);
    cacheable(response, request, canonical, category->frame.site, {core::category_tag(category->category.id)});
    return response;
}

http::Response SitePages::show_article(const http::Request& request) const {
    auto slug = request.param("slug");
    if (slug.size() > MAX_SLUG_BYTES) return show_not_found(request);
    auto article = content_.article(slug);
    if (!article) return show_error(request, article.error());
    if (!*article) return show_not_found(request);
    render::HtmlWriter html;
    // The related articles are the newest others of its category; a "target summary" block adds its plan's tag.
    std::vector<std::string> tags{core::article_tag((*article)->article.id),
                                  core::category_tag((*article)->article.category_id)};
    content::TargetSummaryResolver summaries;
    if (target_summaries_)
        summaries = [&](std::string_view plan, std::string_view period) {
            return target_summaries_->block(plan, period, tags);
        };
    write_article_page(html, **article, now_(), summaries);
    auto response = html_page(html);
    cacheable(response, request, "", (*article)->frame.site, std::move(tags));
    return response;
}

http::Response SitePages::show_search(const http::Request& request) const {
    if (!search_) return show_not_found(request);
    auto frame = content_.frame();
    if (!frame) return show_error(request, frame.error());
    SearchPageView view;
    view.frame = std::move(*frame);
    // Parameters are bounded before anything reads them; the service checks the query itself.
    auto bounded = [&](std::string_view name) {
        auto value = request.query_param(name).value_or("");
        return value.size() > 4096 ? value.substr(0, 4096) : value;
    };
    view.query = bounded("q");
    view.category = bounded("chuyen-muc");
    view.from = bounded("tu");
    view.until = bounded("den");
    if (!core::is_valid_utf8(view.query)) view.query.clear();
    if (!core::is_valid_utf8(view.category)) view.category.clear();
    if (!core::is_valid_utf8(view.from)) view.from = "?";  // still refused below, never echoed as bytes
    if (!core::is_valid_utf8(view.until)) view.until = "?";

    search::SearchRequest wanted;
    auto page = parse_page_number(request.query_param("trang"));
    core::Result<search::SearchResults> results = core::Error{core::Errc::InvalidInput, "Số trang không hợp lệ.", "trang"};
    if (page) {
        wanted.page = *page;
        wanted.query = request.query_param("q").value_or("");
        wanted.category_slug = view.category;
        results = [&]() -> core::Result<search::SearchResults> {
            if (!view.from.empty()) {
                CONG_TRY(from, search::parse_day(view.from, "tu"));
                wanted.from = from;
            }
            if (!view.until.empty()) {
                CONG_TRY(until, search::parse_day(view.until, "den"));
                wanted.until = until + std::chrono::days{1};  // "đến ngày" includes that day
            }
            return search_->search(wanted, now_());
        }();
    }
    int status = 200;
    if (results) {
        view.results = std::move(*results);
    } else if (results.error().code == core::Errc::InvalidInput) {
        view.error = results.error().detail;
        if (!core::is_valid_utf8(request.query_param("q").value_or(""))) view.query.clear();
        else if (core::utf8_length(view.query) > search::MAX_QUERY_CHARS) view.query.clear();
        status = 400;
    } else {
        return show_error(request, results.error());
    }
    render::HtmlWriter html;
    write_search_page(html, view, now_());
    return html_page(html, status);
}

http::Response SitePages::show_rss(const http::Request& request) const {
    auto frame = content_.frame();
    if (!frame) return show_error(request, frame.error());
    auto items = content_.latest(RSS_ITEMS);
    if (!items) return show_error(request, items.error());
    auto origin = public_origin(frame->site, request.header("Host").value_or(""));
    auto response = http::Response::text(write_rss(site_channel(*frame), *items, origin, now_(),
                                                   [this](const model::Media& m) { return cover_enclosure(m); }));
    response.content_type = "application/rss+xml; charset=utf-8";
    cacheable_with_links(response, request, frame->site, {core::listing_tag(frame->site.id)});
    return response;
}

std::optional<Enclosure> SitePages::cover_enclosure(const model::Media& cover) const {
    auto variants = media_.variants(cover.id);
    if (!variants) return std::nullopt;
    const model::MediaVariant* best = nullptr;
    for (const auto& variant : *variants) {
        if (variant.format != "jpg") continue;
        bool fits = variant.width <= media::FALLBACK_WIDTH;
        // The widest that fits the fallback width, else (a photo with only larger JPEGs) the narrowest.
        if (!best || (fits && (best->width > media::FALLBACK_WIDTH || variant.width > best->width)) ||
            (!fits && best->width > media::FALLBACK_WIDTH && variant.width < best->width))
            best = &variant;
    }
    if (!best) return std::nullopt;
    return Enclosure{media::variant_url(cover, best->width, media::VariantFormat::Jpeg), best->bytes};
}

http::Response SitePages::show_category_rss(const http::Request& request) const {
    auto slug = request.param("slug");
    if (slug.size() > MAX_SLUG_BYTES) return show_not_found(request);
    // The first page of the listing is the feed: the same newest articles, with their covers.
    auto category = content_.category(slug, 1);
    if (!category) return show_error(request, category.error());
    auto origin = public_origin(category->frame.site, request.header("Host").value_or(""));
    auto channel = category_channel(category->frame, category->category);
    auto response = http::Response::text(write_rss(channel, category->articles, origin, now_(),
                                                   [this](const model::Media& m) { return cover_enclosure(m); }));
    response.content_type = "application/rss+xml; charset=utf-8";
    cacheable_with_links(response, request, category->frame.site, {core::category_tag(category->category.id)});
    return response;
}

http::Response SitePages::show_sitemap(const http::Request& request) const {
    auto frame = content_.frame();
    if (!frame) return show_error(request, frame.error());
    auto articles = content_.all_articles();
    if (!articles) return show_error(request, articles.error());
    auto origin = public_origin(frame->site, request.header("Host").value_or(""));
    bool single = sitemap_page_count(*frame, *articles) == 1;
    auto xml = single ? *write_sitemap_page(*frame, *articles, origin, 1)
                      : write_sitemap_index(*frame, *articles, origin);
    auto response = http::Response::text(std::move(xml));
    response.content_type = "application/xml; charset=utf-8";
    cacheable_with_links(response, request, frame->site, {core::listing_tag(frame->site.id)});
    return response;
}

http::Response SitePages::show_sitemap_page(const http::Request& request) const {
    auto page = parse_sitemap_page(request.param("page"));
    if (!page) return show_not_found(request);
    auto frame = content_.frame();
    if (!frame) return show_error(request, frame.error());
    auto articles = content_.all_articles();
    if (!articles) return show_error(request, articles.error());
    auto origin = public_origin(frame->site, request.header("Host").value_or(""));
    auto xml = write_sitemap_page(*frame, *articles, origin, *page);
    if (!xml) return show_not_found(request);
    auto response = http::Response::text(std::move(*xml));
    response.content_type = "application/xml; charset=utf-8";
    cacheable_with_links(response, request, frame->site, {core::listing_tag(frame->site.id)});
    return response;
}

http::Response SitePages::show_robots(const http::Request& request) const {
    auto frame = content_.frame();
    if (!frame) return show_error(request, frame.error());
    auto response = http::Response::text(write_robots(public_origin(frame->site, request.header("Host").value_or(""))));
    cacheable_with_links(response, request, frame->site, {});
    return response;
}

http::Response SitePages::show_static_asset(const http::Request& request) const {
    const Asset* asset = find_asset(request.param("file"));
    if (!asset) return show_not_found(request);
    http::Response response;
    response.content_type = std::string(asset->content_type);
    response.body = std::string(asset->bytes);
    response.cache_control = std::string(ASSET_CACHE_CONTROL);
    return response;
}

http::Response SitePages::show_media_file(const http::Request& request) const {
    auto file_name = request.param("file");
    auto stored = media_.open_public_file(file_name);
    if (!stored) return show_error(request, stored.error());
    if (!*stored) return show_not_found(request);
    std::ifstream in((*stored)->path, std::ios::binary);
    std::string bytes((*stored)->bytes, '\0');
    if (!in.read(bytes.data(), std::streamsize(bytes.size())))
        return show_error(request, {core::Errc::Internal, "cannot read " + (*stored)->path.string()});
    http::Response response;
    response.content_type = (*stored)->content_type;
    response.body = std::move(bytes);
    // The name is the upload's hash with the variant's width and format: the bytes behind it never change.
    response.cache_control = std::string(ASSET_CACHE_CONTROL);
    response.header("ETag", "\"" + std::string(file_name) + "\"");
    // A variant is shown, never downloaded as an attachment (the server adds X-Content-Type-Options: nosniff to
    // every answer, so it is never sniffed into a page either); saved, it keeps the name its uploader gave it.
    response.header("Content-Disposition", media::content_disposition_inline((*stored)->download_name));
    return response;
}

http::Response SitePages::show_not_found(const http::Request&) const {
    render::HtmlWriter html;
    write_not_found_page(html, frame_or_default(), now_());
    auto response = html_page(html, 404);
    response.cache_control = "no-store";
    return response;
}

http::Response SitePages::show_error(const http::Request& request, const core::Error& error) const {
    if (error.code == core::Errc::NotFound) return show_not_found(request);
    int status = error.code == core::Errc::Busy ? 503 : 500;
    core::log::error("public page failed", {{"request_id", request.request_id},
                                            {"path", request.path},
                                            {"status", status},
                                            {"error", core::errc_code(error.code)},
                                            {"detail", error.detail}});
    render::HtmlWriter html;
    write_error_page(html, frame_or_default(), status, now_());
    auto response = html_page(html, status);
    response.cache_control = "no-store";
    if (status == 503) response.header("Retry-After", "30");
    return response;
}

// The error pages still wear the site's name and menu when the database answers; when it does not,
// a plain frame is better than no page at all.
content::SiteFrame SitePages::frame_or_default() const {
    auto frame = content_.frame();
    if (frame) return std::move(*frame);
    return {};
}

}  // namespace cong::site
