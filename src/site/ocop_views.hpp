// OCOP views: the public catalogue of OCOP products — the listing with its filters (stars, product group,
// commune) and one product's page with its photos.
#pragma once

#include "content/published_content.hpp"
#include "core/clock.hpp"
#include "model/media.hpp"
#include "model/ntm.hpp"
#include "model/ocop.hpp"
#include "render/html_writer.hpp"
#include "targets/ocop_service.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace cong::site {

// "/ocop/<slug>"
std::string ocop_path(const model::OcopProduct& product);

struct OcopListing {
    std::vector<model::OcopProduct> products;
    std::map<std::int64_t, model::Media> photos;
    targets::OcopFilter filter;
    std::vector<model::Commune> communes;  // the choices of the commune filter, in Vietnamese order
    std::string error;                     // a filter the reader sent that means nothing (served with 400)
};

// GET /ocop?sao=&nhom=&xa=
void write_ocop_list_page(render::HtmlWriter& html, const content::SiteFrame& frame, const OcopListing& listing,
                          core::Timestamp now);

// GET /ocop/{slug}
void write_ocop_product_page(render::HtmlWriter& html, const content::SiteFrame& frame,
                             const model::OcopProduct& product, const std::vector<model::Media>& photos,
                             core::Timestamp now);

}  // namespace cong::site
