#include "site/ocop_pages.hpp"

#include "core/change_listener.hpp"
#include "core/log.hpp"
#include "site/pages.hpp"
#include "site/ocop_views.hpp"

namespace cong::site {
namespace {

// Small positive decimal numbers only: a filter value is never longer than this.
std::optional<std::int64_t> parse_small_id(std::string_view text) {
    if (text.empty() || text.size() > 12) return std::nullopt;
    std::int64_t value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    if (value <= 0) return std::nullopt;
    return value;
}

void cacheable(http::Response& response, const http::Request& request, std::int64_t site_id) {
    if (!request.query.empty()) return;
    response.cache_tags = {targets::ocop_tag(site_id), core::site_tag(site_id)};
}

}  // namespace

http::Response OcopPages::show_list(const http::Request& request) const {
    auto frame = content_.frame();
    if (!frame) return show_error(request, frame.error());
    OcopListing listing;
    auto communes = ntm_.list_communes();
    if (!communes) return show_error(request, communes.error());
    listing.communes = std::move(*communes);

    // Each filter is read and checked on its own; a bad one is named, never echoed back.
    if (auto stars = request.query_param("sao"); stars && !stars->empty()) {
        if (*stars == "3" || *stars == "4" || *stars == "5") listing.filter.stars = (*stars)[0] - '0';
        else listing.error = "Hạng sao phải là 3, 4 hoặc 5.";
    }
    if (auto group = request.query_param("nhom"); group && !group->empty()) {
        if (!model::ocop_group_name(*group).empty()) listing.filter.group_code = *group;
        else listing.error = "Nhóm sản phẩm không có trong danh mục.";
    }
    if (auto commune = request.query_param("xa"); commune && !commune->empty()) {
        auto id = parse_small_id(*commune);
        bool known = false;
        for (const auto& c : listing.communes)
            if (id && c.id == *id) known = true;
        if (known) listing.filter.commune_id = id;
        else listing.error = "Không có xã này trong danh sách.";
    }
    int status = 200;
    if (listing.error.empty()) {
        auto products = ocop_.list(listing.filter);
        if (!products) return show_error(request, products.error());
        listing.products = std::move(*products);
        auto photos = ocop_.photos(listing.products);
        if (!photos) return show_error(request, photos.error());
        listing.photos = std::move(*photos);
    } else {
        status = 400;
    }
    render::HtmlWriter html;
    write_ocop_list_page(html, *frame, listing, now_());
    auto response = http::Response::html(html.take(), status);
    if (status == 200) cacheable(response, request, frame->site.id);
    else response.cache_control = "no-store";
    return response;
}

http::Response OcopPages::show_product(const http::Request& request) const {
    auto slug = request.param("slug");
    if (slug.size() > MAX_SLUG_BYTES) return site_.show_not_found(request);
    auto product = ocop_.find_by_slug(slug);
    if (!product) return show_error(request, product.error());
    if (!*product) return site_.show_not_found(request);
    auto frame = content_.frame();
    if (!frame) return show_error(request, frame.error());
    auto photos = ocop_.photos({**product});
    if (!photos) return show_error(request, photos.error());
    std::vector<model::Media> ordered;
    for (auto id : (*product)->media_ids)
        if (auto it = photos->find(id); it != photos->end()) ordered.push_back(it->second);
    render::HtmlWriter html;
    write_ocop_product_page(html, *frame, **product, ordered, now_());
    auto response = http::Response::html(html.take());
    cacheable(response, request, frame->site.id);
    return response;
}

http::Response OcopPages::show_error(const http::Request& request, const core::Error& error) const {
    if (error.code == core::Errc::NotFound) return site_.show_not_found(request);
    int status = error.code == core::Errc::Busy ? 503 : 500;
    core::log::error("ocop page failed", {{"request_id", request.request_id},
                                          {"path", request.path},
                                          {"status", status},
                                          {"error", core::errc_code(error.code)},
                                          {"detail", error.detail}});
    render::HtmlWriter html;
    auto frame = content_.frame();
    write_error_page(html, frame ? *frame : content::SiteFrame{}, status, now_());
    auto response = http::Response::html(html.take(), status);
    response.cache_control = "no-store";
    if (status == 503) response.header("Retry-After", "30");
    return response;
}

}  // namespace cong::site
