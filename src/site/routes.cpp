// The public site's routes: one table, read top to bottom.
#include "site/routes.hpp"

namespace cong::site {

void add_site_routes(http::Router& router, SitePages& pages) {
    auto handle = [&pages](http::Response (SitePages::*show)(const http::Request&) const) {
        return [&pages, show](const http::Request& request) { return (pages.*show)(request); };
    };

    // Reading the news: home, category listings (?trang=N), articles.
    router.get("/", handle(&SitePages::show_home));
    router.get("/chuyen-muc/{slug}", handle(&SitePages::show_category));
    router.get("/bai-viet/{slug}", handle(&SitePages::show_article));

    // For machines: feed readers, search engines.
    router.get("/rss.xml", handle(&SitePages::show_rss));
    router.get("/sitemap.xml", handle(&SitePages::show_sitemap));
    router.get("/robots.txt", handle(&SitePages::show_robots));

    // Photos from the media library, by content hash.
    router.get("/media/{file}", handle(&SitePages::show_media_file));

    // Stylesheet, script and icons under content-hashed names.
    router.get("/static/{file}", handle(&SitePages::show_static_asset));

    // Everything else: the Vietnamese 404 page.
    router.set_not_found(handle(&SitePages::show_not_found));
}

}  // namespace cong::site
