// OcopPages: the handlers of the public OCOP catalogue — the listing with its filters and each product's page.
#pragma once

#include "content/published_content.hpp"
#include "core/clock.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "site/site_pages.hpp"
#include "targets/ntm_service.hpp"
#include "targets/ocop_service.hpp"

namespace cong::site {

struct OcopPages {
    content::PublishedContent& content_;
    targets::OcopService& ocop_;
    targets::NtmService& ntm_;              // the communes of the filter
    const SitePages& site_;                 // the 404 and error pages
    core::Timestamp (*now_)() = core::now;  // the header's date line; tests fix it

    // GET /ocop?sao=3|4|5&nhom=<group code>&xa=<commune id> — a filter value that means nothing is a 400 page
    // that says which; the unfiltered listing is kept by the page cache until a product changes.
    http::Response show_list(const http::Request& request) const;
    // GET /ocop/{slug}
    http::Response show_product(const http::Request& request) const;

private:
    // NotFound becomes the 404 page; anything else a 503 (Busy) or 500 page, logged here, once.
    http::Response show_error(const http::Request& request, const core::Error& error) const;
};

// Registers "/ocop" and "/ocop/{slug}" (defined in site/routes.cpp, beside the other public routes).
void add_ocop_routes(http::Router& router, OcopPages& pages);

}  // namespace cong::site
