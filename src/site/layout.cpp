#include "site/layout.hpp"

#include "content/article_service.hpp"
#include "site/assets.hpp"
#include "site/partials.hpp"
#include "site/theme.hpp"

#include <algorithm>

namespace cong::site {
namespace {

constexpr std::string_view GENERIC_SITE_NAME = "Cổng thông tin điện tử";

bool contains(const std::vector<std::int64_t>& ids, std::int64_t id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

void write_head(render::HtmlWriter& html, const model::Site& site, const PageMeta& meta) {
    auto head = html.scope("head");
    html.void_element("meta", {{"charset", "utf-8"}});
    html.void_element("meta", {{"name", "viewport"}, {"content", "width=device-width, initial-scale=1"}});

    std::string title = meta.title;
    if (!title.empty()) title += " - ";
    title += site_display_name(site);
    html.element("title", title);

    std::string description = meta.description.empty() ? site.slogan : meta.description;
    description = shorten(description, SUMMARY_LEAD_BYTES);
    if (!description.empty()) html.void_element("meta", {{"name", "description"}, {"content", description}});
    if (!meta.indexable) html.void_element("meta", {{"name", "robots"}, {"content", "noindex"}});

    std::string canonical = absolute_url(site, meta.canonical_path);
    if (!meta.canonical_path.empty()) html.void_element("link", {{"rel", "canonical"}, {"href", canonical}});

    html.void_element("meta", {{"property", "og:site_name"}, {"content", site_display_name(site)}});
    html.void_element("meta", {{"property", "og:locale"}, {"content", "vi_VN"}});
    html.void_element("meta", {{"property", "og:type"}, {"content", meta.og_type}});
    html.void_element("meta", {{"property", "og:title"}, {"content", meta.title.empty() ? title : meta.title}});
    if (!description.empty()) html.void_element("meta", {{"property", "og:description"}, {"content", description}});
    // Open Graph wants an absolute address; a site without a host has none to give.
    if (!meta.canonical_path.empty() && !site.host.empty())
        html.void_element("meta", {{"property", "og:url"}, {"content", canonical}});
    if (!meta.og_image_path.empty()) {
        auto image = absolute_url(site, meta.og_image_path);
        html.void_element("meta", {{"property", "og:image"}, {"content", image}});
        if (meta.og_image_width > 0 && meta.og_image_height > 0) {
            auto width = std::to_string(meta.og_image_width);
            auto height = std::to_string(meta.og_image_height);
            html.void_element("meta", {{"property", "og:image:width"}, {"content", width}});
            html.void_element("meta", {{"property", "og:image:height"}, {"content", height}});
        }
        if (!meta.og_image_alt.empty())
            html.void_element("meta", {{"property", "og:image:alt"}, {"content", meta.og_image_alt}});
    }
    if (meta.published_at) {
        auto published = core::format_rfc3339_vietnam(*meta.published_at);
        html.void_element("meta", {{"property", "article:published_time"}, {"content", published}});
    }
    // Twitter (X) reads its own card type and falls back to the Open Graph title, description and image.
    auto card = meta.og_image_path.empty() ? "summary" : "summary_large_image";
    html.void_element("meta", {{"name", "twitter:card"}, {"content", card}});
    html.void_element("meta", {{"name", "twitter:title"}, {"content", meta.title.empty() ? title : meta.title}});
    if (!description.empty()) html.void_element("meta", {{"name", "twitter:description"}, {"content", description}});
    if (!meta.og_image_path.empty()) {
        auto image = absolute_url(site, meta.og_image_path);
        html.void_element("meta", {{"name", "twitter:image"}, {"content", image}});
    }

    if (!meta.prev_path.empty()) {
        auto prev = absolute_url(site, meta.prev_path);
        html.void_element("link", {{"rel", "prev"}, {"href", prev}});
    }
    if (!meta.next_path.empty()) {
        auto next = absolute_url(site, meta.next_path);
        html.void_element("link", {{"rel", "next"}, {"href", next}});
    }
    auto site_feed = std::string(site_display_name(site)) + " - Tin mới";
    auto feed_link = [&](std::string_view feed_title, std::string_view path) {
        html.void_element("link",
                          {{"rel", "alternate"}, {"type", "application/rss+xml"}, {"title", feed_title}, {"href", path}});
    };
    feed_link(site_feed, "/rss.xml");
    for (const auto& feed : meta.feeds) feed_link(feed.title, feed.path);

    auto theme_colour = site.primary_colour.empty() ? std::string_view("#9b111e") : std::string_view(site.primary_colour);
    html.void_element("meta", {{"name", "theme-color"}, {"content", theme_colour}});
    html.void_element("link", {{"rel", "icon"}, {"href", asset_url("favicon.svg")}, {"type", "image/svg+xml"}});
    html.void_element("link", {{"rel", "stylesheet"}, {"href", asset_url("site.css")}});
    // The site's own colours, after site.css so they override its defaults.
    if (auto theme = theme_stylesheet_path(site); !theme.empty())
        html.void_element("link", {{"rel", "stylesheet"}, {"href", theme}});
    html.element("script", {{"src", asset_url("site.js")}, {"defer", ""}}, "");
    if (!meta.json_ld.empty()) {
        html.open("script", {{"type", "application/ld+json"}});
        html.trusted(render::TrustedHtml(meta.json_ld));
        html.close("script");
    }
}

// One menu item; aria-current says "this page" on the listing itself and "this section" on its articles.
void write_menu_link(render::HtmlWriter& html, const model::Category& category, const PageMeta& meta) {
    auto href = content::category_path(category);
    std::string_view current;
    if (meta.current_category_id == category.id)
        current = "page";
    else if (contains(meta.active_category_ids, category.id))
        current = "true";
    html.element("a", {{"href", href}, {"aria-current", current, !current.empty()}}, category.name);
}

// Top-level categories with their children as a submenu; deeper levels are listed on their parent's page.
void write_menu(render::HtmlWriter& html, const std::vector<model::Category>& categories, const PageMeta& meta) {
    auto nav = html.scope("nav", {{"class", "menu"}, {"aria-label", "Chuyên mục"}});
    auto wrap = html.scope("div", {{"class", "wrap"}});
    auto list = html.scope("ul");
    {
        auto item = html.scope("li");
        html.element("a", {{"href", "/"}, {"aria-current", "page", meta.canonical_path == "/"}}, "Trang chủ");
    }
    for (const auto& top : categories) {
        if (top.parent_id || !top.in_menu) continue;
        auto item = html.scope("li");
        write_menu_link(html, top, meta);
        bool has_children = std::any_of(categories.begin(), categories.end(), [&](const model::Category& c) {
            return c.parent_id == top.id && c.in_menu;
        });
        if (!has_children) continue;
        auto submenu = html.scope("ul");
        for (const auto& child : categories) {
            if (child.parent_id != top.id || !child.in_menu) continue;
            auto child_item = html.scope("li");
            write_menu_link(html, child, meta);
        }
    }
}

void write_header(render::HtmlWriter& html, const content::SiteFrame& frame, const PageMeta& meta,
                  core::Timestamp now) {
    const auto& site = frame.site;
    auto header = html.scope("header", {{"class", "site-header"}});
    {
        auto banner = html.scope("div", {{"class", "banner"}});
        auto wrap = html.scope("div", {{"class", "wrap"}});
        {
            auto name = html.scope("p", {{"class", "site-name"}});
            auto home = html.scope("a", {{"href", "/"}});
            if (frame.logo && frame.logo->width > 0 && frame.logo->height > 0) {
                // 64 px tall at the photo's own proportions; alt is empty because the name follows in the link.
                constexpr int LOGO_HEIGHT = 64;
                auto width = std::to_string(std::max(1, frame.logo->width * LOGO_HEIGHT / frame.logo->height));
                auto height = std::to_string(LOGO_HEIGHT);
                html.void_element("img", {{"class", "site-logo"},
                                          {"src", media_url(*frame.logo)},
                                          {"width", width},
                                          {"height", height},
                                          {"alt", ""}});
            }
            html.text(site_display_name(site));
        }
        if (!site.slogan.empty()) html.element("p", {{"class", "slogan"}}, site.slogan);
    }
    {
        auto toolbar = html.scope("div", {{"class", "toolbar"}});
        auto wrap = html.scope("div", {{"class", "wrap"}});
        {
            auto today = html.scope("p", {{"class", "today"}});
            auto day = core::format_rfc3339_vietnam(now).substr(0, 10);
            html.element("time", {{"datetime", day}}, core::format_vi_weekday_date(now));
        }
        // High contrast is a reader's choice remembered like the text size; it needs the script, so it
        // starts hidden.
        html.element("button", {{"type", "button"},
                                {"class", "contrast-toggle"},
                                {"aria-pressed", "false"},
                                {"data-contrast-toggle", ""},
                                {"data-needs-js", ""},
                                {"hidden", ""}},
                     "Tương phản cao");
        write_search_form(html, "dau-trang", "Tìm kiếm trên cổng");
    }
    write_menu(html, frame.categories, meta);
}

// The footer names the agency that owns the portal and how to reach it, as Nghị định 42/2022 asks.
void write_footer(render::HtmlWriter& html, const model::Site& site, const PageMeta& meta, core::Timestamp now) {
    auto footer = html.scope("footer", {{"class", "site-footer"}});
    auto wrap = html.scope("div", {{"class", "wrap"}});
    html.element("p", {{"class", "footer-owner"}}, site_display_name(site));
    if (!site.owner.empty()) html.element("p", std::string("Cơ quan chủ quản: ") + site.owner);
    if (!site.responsible_person.empty())
        html.element("p", std::string("Chịu trách nhiệm chính: ") + site.responsible_person);
    if (!site.licence.empty()) html.element("p", site.licence);
    if (!site.address.empty()) html.element("p", std::string("Địa chỉ: ") + site.address);
    if (!site.phone.empty()) {
        std::string tel = "tel:";
        for (char c : site.phone)
            if ((c >= '0' && c <= '9') || (c == '+' && tel.size() == 4)) tel += c;
        auto line = html.scope("p");
        html.text("Điện thoại: ");
        html.element("a", {{"href", tel}}, site.phone);
    }
    if (!site.email.empty()) {
        auto mailto = std::string("mailto:") + site.email;
        auto line = html.scope("p");
        html.text("Email: ");
        html.element("a", {{"href", mailto}}, site.email);
    }
    {
        auto nav = html.scope("nav", {{"class", "footer-links"}, {"aria-label", "Liên kết cuối trang"}});
        auto list = html.scope("ul");
        auto link = [&](std::string_view href, std::string_view text) {
            auto item = html.scope("li");
            html.element("a", {{"href", href}}, text);
        };
        link("/", "Trang chủ");
        link("/tim-kiem", "Tìm kiếm");
        link("/chi-tieu", "Chỉ tiêu phát triển KT-XH");
        link("/tieu-chi-nong-thon-moi", "Tiêu chí nông thôn mới");
        link("/ocop", "Sản phẩm OCOP");
        link("/rss.xml", "RSS");
        link("/sitemap.xml", "Sơ đồ trang");
    }
    auto year = core::format_vi_date(now).substr(6);
    std::string copyright = "© " + year + " " + std::string(site_display_name(site)) + ". Ghi rõ nguồn “" +
                            std::string(site_display_name(site)) +
                            "” khi phát hành lại thông tin từ cổng thông tin này.";
    html.element("p", {{"class", "copyright"}}, copyright);
    // Shown only on paper, so a printed article says where it came from.
    auto print = html.scope("p", {{"class", "print-url"}});
    html.text("Địa chỉ trang: ");
    html.element("span", {{"data-page-url", ""}}, absolute_url(site, meta.canonical_path));
}

}  // namespace

std::string url_encode(std::string_view text) {
    static constexpr char HEX[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size() * 3);
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        bool unreserved = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
                          (byte >= '0' && byte <= '9') || byte == '-' || byte == '.' || byte == '_' || byte == '~';
        if (unreserved) {
            out += c;
        } else {
            out += '%';
            out += HEX[byte >> 4];
            out += HEX[byte & 0x0F];
        }
    }
    return out;
}

std::string json_ld_script_text(std::string_view json) {
    std::string out;
    out.reserve(json.size());
    for (char c : json) {
        if (c == '<')
            out += "\\u003c";
        else if (c == '>')
            out += "\\u003e";
        else if (c == '&')
            out += "\\u0026";
        else
            out += c;
    }
    return out;
}

std::string_view site_display_name(const model::Site& site) {
    return site.name.empty() ? GENERIC_SITE_NAME : std::string_view(site.name);
}

void write_layout(render::HtmlWriter& html, const content::SiteFrame& frame, const PageMeta& meta,
                  core::Timestamp now, const std::function<void()>& write_main) {
    html.doctype();
    auto document = html.scope("html", {{"lang", "vi"}});
    write_head(html, frame.site, meta);
    auto body = html.scope("body");
    html.element("a", {{"class", "skip-link"}, {"href", "#noi-dung"}}, "Bỏ qua để đến nội dung chính");
    write_header(html, frame, meta, now);
    {
        auto main = html.scope("main", {{"id", "noi-dung"}, {"class", "wrap"}, {"tabindex", "-1"}});
        write_main();
    }
    write_footer(html, frame.site, meta, now);
}

}  // namespace cong::site
