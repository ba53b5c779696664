// Site routes: the public site's part of the router table.
#pragma once

#include "http/router.hpp"
#include "site/site_pages.hpp"

namespace cong::site {

// Registers "/", "/chuyen-muc/{slug}", "/bai-viet/{slug}", "/static/{file}" and the 404 page for
// unmatched paths. pages must outlive router.
void add_site_routes(http::Router& router, SitePages& pages);

}  // namespace cong::site
