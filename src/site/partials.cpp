#include "site/partials.hpp"

#include "content/article_service.hpp"
#include "media/variant_names.hpp"

namespace cong::site {

std::string media_url(const model::Media& media) { return media::display_url(media); }

std::string absolute_url(const model::Site& site, std::string_view path) {
    if (site.host.empty()) return std::string(path);
    std::string url = "https://";
    url += site.host;
    url += path;
    return url;
}

std::string shorten(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return std::string(text);
    std::size_t cut = max_bytes;
    // Back off to the start of a UTF-8 sequence, then to the last space, unless that loses too much.
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    auto space = text.rfind(' ', cut);
    if (space != std::string_view::npos && space > max_bytes / 2) cut = space;
    auto kept = text.substr(0, cut);
    while (!kept.empty() && (kept.back() == ' ' || kept.back() == ',' || kept.back() == ';')) kept.remove_suffix(1);
    std::string out(kept);
    out += "…";
    return out;
}

void write_image(render::HtmlWriter& html, const model::Media& media, std::string_view alt, std::string_view loading,
                 std::string_view sizes) {
    auto src = media::fallback_url(media);
    auto jpeg = media::srcset(media, media::VariantFormat::Jpeg);
    auto webp = media::srcset(media, media::VariantFormat::Webp);
    auto width = std::to_string(media.width);
    auto height = std::to_string(media.height);
    auto picture = html.scope("picture");
    html.void_element("source", {{"type", "image/webp"}, {"srcset", webp}, {"sizes", sizes}});
    html.void_element("img", {{"src", src},
                              {"srcset", jpeg},
                              {"sizes", sizes},
                              {"width", width, media.width > 0},
                              {"height", height, media.height > 0},
                              {"alt", alt},
                              {"loading", loading},
                              {"decoding", "async"}});
}

void write_date(render::HtmlWriter& html, core::Timestamp when) {
    auto machine = core::format_rfc3339_vietnam(when);
    html.element("time", {{"datetime", machine}}, core::format_vi_date(when));
}

void write_breadcrumb(render::HtmlWriter& html, const std::vector<model::Category>& chain, bool last_is_page) {
    auto nav = html.scope("nav", {{"class", "breadcrumb"}, {"aria-label", "Đường dẫn"}});
    auto list = html.scope("ol");
    {
        auto item = html.scope("li");
        html.element("a", {{"href", "/"}}, "Trang chủ");
    }
    for (std::size_t i = 0; i < chain.size(); ++i) {
        auto item = html.scope("li");
        if (last_is_page && i + 1 == chain.size()) {
            html.element("span", {{"aria-current", "page"}}, chain[i].name);
        } else {
            auto href = content::category_path(chain[i]);
            html.element("a", {{"href", href}}, chain[i].name);
        }
    }
}

void write_summary(render::HtmlWriter& html, const content::ArticleSummary& summary, std::string_view heading,
                   SummaryStyle style, ImageLoading& loading) {
    const auto& article = summary.article;
    auto href = content::article_path(article);
    auto item = html.scope("li", {{"class", "summary"}});
    {
        auto text = html.scope("div", {{"class", "summary-text"}});
        {
            auto title = html.scope(heading);
            html.element("a", {{"href", href}}, article.title);
        }
        if (article.published_at) {
            auto date = html.scope("p", {{"class", "date"}});
            write_date(html, *article.published_at);
        }
        if (style == SummaryStyle::WithCover && !article.lead.empty())
            html.element("p", {{"class", "lead"}}, shorten(article.lead, SUMMARY_LEAD_BYTES));
    }
    if (style == SummaryStyle::WithCover && summary.cover) {
        // The title above is the link for assistive technology; the photo repeats it for the eye only.
        auto thumb = html.scope("a", {{"class", "thumb"}, {"href", href}, {"tabindex", "-1"}, {"aria-hidden", "true"}});
        write_image(html, *summary.cover, "", loading.next(), THUMBNAIL_IMAGE_SIZES);
    }
}

void write_search_form(render::HtmlWriter& html, std::string_view id_suffix, std::string_view name) {
    std::string id = "q-";
    id += id_suffix;
    auto form = html.scope("form", {{"class", "search-form"},
                                    {"role", "search"},
                                    {"aria-label", name},
                                    {"action", "/tim-kiem"},
                                    {"method", "get"}});
    html.element("label", {{"class", "visually-hidden"}, {"for", id}}, "Tìm kiếm");
    html.void_element("input", {{"id", id},
                                {"type", "search"},
                                {"name", "q"},
                                {"maxlength", "200"},
                                {"placeholder", "Nhập từ khóa…"},
                                {"autocomplete", "off"}});
    html.element("button", {{"type", "submit"}}, "Tìm");
}

content::FigureView figure_view(const model::Media& media) {
    content::FigureView view;
    view.src = media::fallback_url(media);
    view.srcset = media::srcset(media, media::VariantFormat::Jpeg);
    view.webp_srcset = media::srcset(media, media::VariantFormat::Webp);
    view.sizes = std::string(ARTICLE_IMAGE_SIZES);
    view.width = media.width;
    view.height = media.height;
    // A photo without alt text is still described by its caption, which screen readers then hear.
    view.alt = media.alt.empty() ? media.caption : media.alt;
    view.caption_default = media.caption;
    view.credit = media.credit;
    return view;
}

}  // namespace cong::site
