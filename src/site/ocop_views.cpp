#include "site/ocop_views.hpp"

#include "http/message.hpp"
#include "site/layout.hpp"
#include "site/partials.hpp"

namespace cong::site {
namespace {

constexpr std::string_view LIST_TITLE = "Sản phẩm OCOP";
constexpr std::string_view LIST_PATH = "/ocop";

void write_breadcrumb_to(render::HtmlWriter& html, const model::OcopProduct* product) {
    auto nav = html.scope("nav", {{"class", "breadcrumb"}, {"aria-label", "Đường dẫn"}});
    auto list = html.scope("ol");
    {
        auto item = html.scope("li");
        html.element("a", {{"href", "/"}}, "Trang chủ");
    }
    if (!product) {
        auto item = html.scope("li");
        html.element("span", {{"aria-current", "page"}}, LIST_TITLE);
        return;
    }
    {
        auto item = html.scope("li");
        html.element("a", {{"href", LIST_PATH}}, LIST_TITLE);
    }
    auto item = html.scope("li");
    html.element("span", {{"aria-current", "page"}}, product->name);
}

// The stars drawn for the eye and the count written for everyone, screen readers included.
void write_stars(render::HtmlWriter& html, int stars) {
    auto wrap = html.scope("span", {{"class", "ocop-stars"}});
    std::string glyphs;
    for (int i = 0; i < stars; ++i) glyphs += "★";
    html.element("span", {{"aria-hidden", "true"}}, glyphs);
    html.text(" " + targets::stars_text(stars));
}

void write_demo_badge(render::HtmlWriter& html, const model::OcopProduct& product) {
    if (product.demo)
        html.element("span", {{"class", "ocop-demo"}}, "Dữ liệu minh họa, không phải sản phẩm có thật");
}

// "/ocop?sao=4&nhom=thuc-pham&xa=3": the listing with these filters, the empty ones left out.
std::string listing_url(const targets::OcopFilter& filter) {
    std::string query;
    auto add = [&](std::string_view name, const std::string& value) {
        query += (query.empty() ? "?" : "&") + std::string(name) + "=" + value;
    };
    if (filter.stars) add("sao", std::to_string(*filter.stars));
    if (!filter.group_code.empty()) add("nhom", filter.group_code);
    if (filter.commune_id) add("xa", std::to_string(*filter.commune_id));
    return std::string(LIST_PATH) + query;
}

// One filter as a row of links, the chosen one marked: links wrap on a narrow screen where a drop-down list
// as wide as its longest choice would not, and they need no script.
template <class Choose>
void write_choice(render::HtmlWriter& html, std::string_view heading, const std::vector<std::pair<std::string, bool>>& items,
                  Choose&& url_of) {
    auto nav = html.scope("nav", {{"class", "ocop-filter"}, {"aria-label", heading}});
    html.element("span", {{"class", "ocop-filter-name"}}, std::string(heading) + ":");
    auto list = html.scope("ul");
    for (std::size_t i = 0; i < items.size(); ++i) {
        auto item = html.scope("li");
        html.element("a", {{"href", url_of(i)}, {"aria-current", "true", items[i].second}}, items[i].first);
    }
}

void write_filters(render::HtmlWriter& html, const OcopListing& listing) {
    const auto& current = listing.filter;
    {
        std::vector<std::pair<std::string, bool>> items{{"Tất cả", !current.stars}};
        for (int stars = 5; stars >= 3; --stars) items.emplace_back(targets::stars_text(stars), current.stars == stars);
        write_choice(html, "Hạng sao", items, [&](std::size_t i) {
            auto filter = current;
            filter.stars = i == 0 ? std::nullopt : std::optional<int>(6 - int(i));
            return listing_url(filter);
        });
    }
    {
        std::vector<std::pair<std::string, bool>> items{{"Tất cả", current.group_code.empty()}};
        for (const auto& group : model::OCOP_GROUPS)
            items.emplace_back(std::string(group.name), current.group_code == group.code);
        write_choice(html, "Nhóm sản phẩm", items, [&](std::size_t i) {
            auto filter = current;
            filter.group_code = i == 0 ? std::string() : std::string(model::OCOP_GROUPS[i - 1].code);
            return listing_url(filter);
        });
    }
    std::vector<const model::Commune*> communes;
    for (const auto& commune : listing.communes)
        if (commune.unit_level == model::NtmUnitLevel::Commune) communes.push_back(&commune);
    if (communes.empty()) return;
    std::vector<std::pair<std::string, bool>> items{{"Tất cả", !current.commune_id}};
    for (const auto* commune : communes)
        items.emplace_back(commune->name + (commune->merged_into ? " (trước sáp nhập)" : ""),
                           current.commune_id == commune->id);
    write_choice(html, "Xã", items, [&](std::size_t i) {
        auto filter = current;
        filter.commune_id = i == 0 ? std::nullopt : std::optional<std::int64_t>(communes[i - 1]->id);
        return listing_url(filter);
    });
}

}  // namespace

std::string ocop_path(const model::OcopProduct& product) {
    return std::string(LIST_PATH) + "/" + http::percent_encode(product.slug);
}

void write_ocop_list_page(render::HtmlWriter& html, const content::SiteFrame& frame, const OcopListing& listing,
                          core::Timestamp now) {
    PageMeta meta;
    meta.title = std::string(LIST_TITLE);
    meta.description = "Danh mục sản phẩm OCOP (Mỗi xã một sản phẩm) được công nhận 3 đến 5 sao, theo nhóm và theo xã.";
    meta.canonical_path = std::string(LIST_PATH);
    meta.indexable = listing.error.empty();
    write_layout(html, frame, meta, now, [&] {
        write_breadcrumb_to(html, nullptr);
        auto section = html.scope("section", {{"class", "ocop-list"}});
        html.element("h1", LIST_TITLE);
        write_filters(html, listing);
        if (!listing.error.empty()) {
            html.element("p", {{"class", "form-error"}, {"role", "alert"}}, listing.error);
            return;
        }
        html.element("p", {{"class", "ocop-count"}, {"role", "status"}},
                     std::to_string(listing.products.size()) + " sản phẩm");
        if (listing.products.empty()) {
            html.element("p", "Không có sản phẩm nào phù hợp.");
            return;
        }
        ImageLoading loading;
        auto list = html.scope("ul", {{"class", "ocop-products"}});
        for (const auto& p : listing.products) {
            auto item = html.scope("li", {{"class", "ocop-product"}});
            if (!p.media_ids.empty()) {
                auto photo = listing.photos.find(p.media_ids.front());
                if (photo != listing.photos.end())
                    write_image(html, photo->second, "", loading.next(), THUMBNAIL_IMAGE_SIZES);
            }
            {
                auto heading = html.scope("h2");
                html.element("a", {{"href", ocop_path(p)}}, p.name);
            }
            write_stars(html, p.stars);
            auto details = html.scope("p", {{"class", "ocop-meta"}});
            html.text(std::string(model::ocop_group_name(p.group_code)) + " · " + p.producer);
            if (!p.commune_name.empty()) html.text(" · " + p.commune_name);
            html.text(" · Công nhận năm " + std::to_string(p.year_recognised));
            if (p.demo) {
                html.text(" ");
                write_demo_badge(html, p);
            }
        }
    });
}

void write_ocop_product_page(render::HtmlWriter& html, const content::SiteFrame& frame,
                             const model::OcopProduct& product, const std::vector<model::Media>& photos,
                             core::Timestamp now) {
    PageMeta meta;
    meta.title = product.name + " – sản phẩm OCOP " + targets::stars_text(product.stars);
    meta.description = shorten(product.description.empty()
                                   ? product.name + ", " + std::string(model::ocop_group_name(product.group_code)) +
                                         ", " + product.producer
                                   : product.description,
                               SUMMARY_LEAD_BYTES);
    meta.canonical_path = ocop_path(product);
    if (!photos.empty()) {
        meta.og_image_path = media_url(photos.front());
        meta.og_image_width = photos.front().width;
        meta.og_image_height = photos.front().height;
        meta.og_image_alt = photos.front().alt.empty() ? product.name : photos.front().alt;
    }
    write_layout(html, frame, meta, now, [&] {
        write_breadcrumb_to(html, &product);
        auto article = html.scope("article", {{"class", "ocop-detail"}});
        html.element("h1", product.name);
        write_stars(html, product.stars);
        write_demo_badge(html, product);
        {
            auto facts = html.scope("dl", {{"class", "ocop-facts"}});
            auto fact = [&](std::string_view term, const std::string& value) {
                if (value.empty()) return;
                html.element("dt", term);
                html.element("dd", value);
            };
            fact("Hạng", targets::stars_text(product.stars));
            fact("Nhóm sản phẩm", std::string(model::ocop_group_name(product.group_code)));
            fact("Chủ thể sản xuất", product.producer);
            fact("Địa phương", product.commune_name);
            fact("Năm công nhận", std::to_string(product.year_recognised));
            fact("Quyết định công nhận", product.decision_ref);
        }
        if (!product.description.empty()) {
            auto text = html.scope("div", {{"class", "ocop-description"}});
            std::string_view rest = product.description;
            // Paragraphs are separated by blank lines, as the back-office form keeps them.
            while (!rest.empty()) {
                auto end = rest.find("\n\n");
                auto paragraph = rest.substr(0, end);
                if (!paragraph.empty()) html.element("p", paragraph);
                if (end == std::string_view::npos) break;
                rest.remove_prefix(end + 2);
            }
        }
        ImageLoading loading;
        for (const auto& photo : photos) {
            auto figure = html.scope("figure", {{"class", "figure"}});
            write_image(html, photo, photo.alt.empty() ? product.name : photo.alt, loading.next());
            if (!photo.caption.empty() || !photo.credit.empty()) {
                auto caption = html.scope("figcaption");
                html.text(photo.caption);
                if (!photo.credit.empty()) {
                    if (!photo.caption.empty()) html.text(" ");
                    html.element("span", {{"class", "credit"}}, photo.credit);
                }
            }
        }
        auto back = html.scope("p");
        html.element("a", {{"href", LIST_PATH}}, "Xem tất cả sản phẩm OCOP");
    });
}

}  // namespace cong::site
