// The public site's routes: one table, read top to bottom.
#include "site/routes.hpp"
#include "site/ocop_pages.hpp"
#include "site/target_pages.hpp"
#include "site/theme.hpp"

namespace cong::site {

void add_site_routes(http::Router& router, SitePages& pages) {
    auto handle = [&pages](http::Response (SitePages::*show)(const http::Request&) const) {
        return [&pages, show](const http::Request& request) { return (pages.*show)(request); };
    };

    // Reading the news: home, category listings (?trang=N), articles.
    router.get("/", handle(&SitePages::show_home));
    router.get("/chuyen-muc/{slug}", handle(&SitePages::show_category));
    router.get("/bai-viet/{slug}", handle(&SitePages::show_article));

    // Finding: the search page (the header's form sends GET /tim-kiem?q=).
    router.get("/tim-kiem", handle(&SitePages::show_search));

    // For machines: feed readers, search engines.
    router.get("/rss.xml", handle(&SitePages::show_rss));
    router.get("/chuyen-muc/{slug}/rss.xml", handle(&SitePages::show_category_rss));
    router.get("/sitemap.xml", handle(&SitePages::show_sitemap));
    router.get("/sitemap-{page}", handle(&SitePages::show_sitemap_page));
    router.get("/robots.txt", handle(&SitePages::show_robots));

    // Photos from the media library, by content hash.
    router.get("/media/{file}", handle(&SitePages::show_media_file));

    // Stylesheet, script and icons under content-hashed names.
    router.get("/static/{file}", handle(&SitePages::show_static_asset));
    // The site's colours (site settings), at an address made of the colours.
    router.get("/giao-dien/{file}", [&pages](const http::Request& request) {
        auto stylesheet = serve_theme_stylesheet(request);
        return stylesheet ? std::move(*stylesheet) : pages.show_not_found(request);
    });

    // Everything else: the Vietnamese 404 page.
    router.set_not_found(handle(&SitePages::show_not_found));
}

void add_target_routes(http::Router& router, TargetPages& pages) {
    auto handle = [&pages](http::Response (TargetPages::*show)(const http::Request&) const) {
        return [&pages, show](const http::Request& request) { return (pages.*show)(request); };
    };

    // Socio-economic targets: the plans, and each plan's dashboard by period (?ky=2024-q1).
    router.get("/chi-tieu", handle(&TargetPages::show_plans));
    router.get("/chi-tieu/{slug}", handle(&TargetPages::show_plan));
    router.get("/chi-tieu/{slug}/{code}", handle(&TargetPages::show_target));
    router.get("/chi-tieu/{slug}/so-lieu.csv", handle(&TargetPages::download_figures));
    // New Rural Development: the criteria sets, and each commune's standing against one of them.
    router.get("/tieu-chi-nong-thon-moi", handle(&TargetPages::show_criteria_sets));
    router.get("/tieu-chi-nong-thon-moi/{slug}", handle(&TargetPages::show_ntm_standing));
}

void add_ocop_routes(http::Router& router, OcopPages& pages) {
    auto handle = [&pages](http::Response (OcopPages::*show)(const http::Request&) const) {
        return [&pages, show](const http::Request& request) { return (pages.*show)(request); };
    };

    // OCOP products: the catalogue (?sao=&nhom=&xa=) and each product's page.
    router.get("/ocop", handle(&OcopPages::show_list));
    router.get("/ocop/{slug}", handle(&OcopPages::show_product));
}

}  // namespace cong::site
