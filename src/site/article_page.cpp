#include "content/article_service.hpp"
#include "content/document.hpp"
#include "site/layout.hpp"
#include "site/pages.hpp"
#include "site/partials.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <utility>

namespace cong::site {
namespace {

// The share endpoints take the page's address as their last query parameter.
constexpr std::string_view FACEBOOK_SHARE_PREFIX = "https://www.facebook.com/sharer/sharer.php?u=";
constexpr std::string_view ZALO_SHARE_PREFIX = "https://sp.zalo.me/share_to_zalo?url=";

// "Đăng lúc: 03/04/2024 (GMT+7)" beside the reader's text-size control "A− 100% A+" and a print button.
// The controls need the script, so they start hidden and site.js reveals them. Each button's name begins
// with what it shows, so a reader who says "A+" to voice control reaches it.
void write_article_meta(render::HtmlWriter& html, const model::Article& article) {
    auto meta = html.scope("div", {{"class", "article-meta"}});
    if (article.published_at) {
        auto machine = core::format_rfc3339_vietnam(*article.published_at);
        auto stamp = "Đăng lúc: " + core::format_vi_date(*article.published_at) + " (GMT+7)";
        html.element("time", {{"class", "published"}, {"datetime", machine}}, stamp);
    }
    auto tools = html.scope("div", {{"class", "article-tools"}, {"hidden", ""}, {"data-needs-js", ""}});
    {
        auto size = html.scope("div", {{"class", "text-size"}, {"role", "group"}, {"aria-label", "Cỡ chữ"}});
        html.element("button", {{"type", "button"}, {"data-text-size-step", "-1"}, {"aria-label", "A− Giảm cỡ chữ"}},
                     "A−");
        html.element("span", {{"class", "text-size-value"}, {"data-text-size-value", ""}, {"aria-live", "polite"}},
                     "100%");
        html.element("button", {{"type", "button"}, {"data-text-size-step", "1"}, {"aria-label", "A+ Tăng cỡ chữ"}},
                     "A+");
    }
    html.element("button", {{"type", "button"}, {"class", "print-button"}, {"data-print", ""}}, "In bài viết");
}

// The cover as the first photo, with its own caption, unless the body shows the same photo itself.
void write_cover(render::HtmlWriter& html, const content::ArticleContent& content, const content::Document& body) {
    if (!content.cover) return;
    auto ids = body.media_ids();
    if (std::find(ids.begin(), ids.end(), content.cover->id) != ids.end()) return;
    auto view = figure_view(*content.cover);
    auto figure = html.scope("figure", {{"class", "figure cover"}});
    write_image(html, *content.cover, view.alt, "eager");
    if (view.caption_default.empty() && view.credit.empty()) return;
    auto caption = html.scope("figcaption");
    html.text(view.caption_default);
    if (!view.credit.empty()) {
        if (!view.caption_default.empty()) html.text(" ");
        html.element("span", {{"class", "credit"}}, view.credit);
    }
}

// A stored body that no longer parses (a schema change gone wrong) still shows its text.
void write_plain_body(render::HtmlWriter& html, std::string_view text) {
    while (!text.empty()) {
        auto end = text.find("\n\n");
        auto paragraph = text.substr(0, end);
        if (!paragraph.empty()) html.element("p", paragraph);
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 2);
    }
}

void write_byline(render::HtmlWriter& html, const model::Article& article) {
    std::string line = article.byline;
    if (!article.source.empty()) {
        if (!line.empty()) line += ", ";
        line += article.source;
    }
    if (!line.empty()) html.element("p", {{"class", "byline"}}, line);
}

// Plain links with the address in the query: no third-party script loads, and nothing is sent to
// Facebook or Zalo until the reader chooses to share. A site without a configured host knows only the
// page's path, which is no use to Facebook: its links then wait hidden for site.js to put in the address
// the browser shows.
void write_share(render::HtmlWriter& html, const model::Site& site, const std::string& page_path) {
    auto page_url = absolute_url(site, page_path);
    bool needs_js = site.host.empty();
    auto share = html.scope("div", {{"class", "share"},
                                    {"role", "group"},
                                    {"aria-label", "Chia sẻ bài viết"},
                                    {"data-needs-js", "", needs_js},
                                    {"hidden", "", needs_js}});
    html.element("span", {{"class", "share-label"}, {"aria-hidden", "true"}}, "Chia sẻ:");
    auto facebook = std::string(FACEBOOK_SHARE_PREFIX) + url_encode(page_url);
    html.element("a",
                 {{"class", "share-link"}, {"href", facebook}, {"data-share-prefix", FACEBOOK_SHARE_PREFIX}},
                 "Facebook");
    auto zalo = std::string(ZALO_SHARE_PREFIX) + url_encode(page_url);
    html.element("a", {{"class", "share-link"}, {"href", zalo}, {"data-share-prefix", ZALO_SHARE_PREFIX}}, "Zalo");
    html.element(
        "button",
        {{"type", "button"}, {"class", "copy-link"}, {"data-copy-link", ""}, {"data-needs-js", ""}, {"hidden", ""}},
        "Sao chép liên kết");
    html.element("span", {{"class", "copy-status"}, {"data-copy-status", ""}, {"role", "status"}}, "");
}

void write_related(render::HtmlWriter& html, const std::vector<content::ArticleSummary>& related) {
    if (related.empty()) return;
    auto section = html.scope("section", {{"class", "related"}, {"aria-labelledby", "tin-lien-quan"}});
    html.element("h2", {{"id", "tin-lien-quan"}}, "Tin liên quan");
    auto list = html.scope("ul");
    for (const auto& summary : related) {
        auto item = html.scope("li");
        auto href = content::article_path(summary.article);
        html.element("a", {{"href", href}}, summary.article.title);
        if (summary.article.published_at) {
            html.text(" ");
            auto date = html.scope("span", {{"class", "date"}});
            html.text("(");
            write_date(html, *summary.article.published_at);
            html.text(")");
        }
    }
}

}  // namespace

std::string article_json_ld(const content::ArticleContent& content) {
    const auto& article = content.article;
    const auto& site = content.frame.site;
    auto page_url = absolute_url(site, content::article_path(article));
    boost::json::object doc;
    doc["@context"] = "https://schema.org";
    doc["@type"] = "NewsArticle";
    doc["headline"] = article.title;
    if (!article.lead.empty()) doc["description"] = article.lead;
    doc["inLanguage"] = "vi";
    doc["url"] = page_url;
    doc["mainEntityOfPage"] = page_url;
    if (article.published_at) doc["datePublished"] = core::format_rfc3339_vietnam(*article.published_at);
    // Readers never saw the article before it was published, so it cannot have changed for them earlier.
    auto modified = article.updated_at;
    if (article.published_at && *article.published_at > modified) modified = *article.published_at;
    doc["dateModified"] = core::format_rfc3339_vietnam(modified);
    if (!content.breadcrumb.empty()) doc["articleSection"] = content.breadcrumb.back().name;
    if (content.cover) {
        boost::json::object image;
        image["@type"] = "ImageObject";
        image["url"] = absolute_url(site, media_url(*content.cover));
        if (content.cover->width > 0) image["width"] = content.cover->width;
        if (content.cover->height > 0) image["height"] = content.cover->height;
        if (!content.cover->caption.empty()) image["caption"] = content.cover->caption;
        doc["image"] = std::move(image);
    }
    if (!article.byline.empty()) {
        boost::json::object author;
        author["@type"] = "Person";
        author["name"] = article.byline;
        doc["author"] = std::move(author);
    }
    boost::json::object publisher;
    publisher["@type"] = "GovernmentOrganization";
    publisher["name"] = std::string(site_display_name(site));
    if (!site.host.empty()) publisher["url"] = absolute_url(site, "/");
    doc["publisher"] = std::move(publisher);
    return json_ld_script_text(boost::json::serialize(doc));
}

namespace {

// The public page, and the back office's preview of an unpublished article drawn by the same code: the
// preview only adds a banner and keeps search engines away.
void write_article(render::HtmlWriter& html, const content::ArticleContent& content, core::Timestamp now,
                   bool preview, const content::TargetSummaryResolver& summaries) {
    const auto& article = content.article;
    PageMeta meta;
    meta.indexable = !preview;
    meta.title = article.title;
    meta.description = article.lead;
    meta.canonical_path = content::article_path(article);
    meta.og_type = "article";
    if (content.cover) {
        meta.og_image_path = media_url(*content.cover);
        meta.og_image_width = content.cover->width;
        meta.og_image_height = content.cover->height;
        meta.og_image_alt = content.cover->alt.empty() ? content.cover->caption : content.cover->alt;
    }
    meta.published_at = article.published_at;
    if (!content.breadcrumb.empty()) {
        const auto& section = content.breadcrumb.back();
        meta.feeds.push_back({section.name + " - " + std::string(site_display_name(content.frame.site)),
                              category_feed_path(section)});
    }
    if (!preview) meta.json_ld = article_json_ld(content);
    for (const auto& category : content.breadcrumb) meta.active_category_ids.push_back(category.id);

    auto body = content::parse_stored_document(article.body_json);
    // The first photo on screen loads at once; when the cover is not shown above the body, that is the
    // body's first figure.
    bool first_figure = !content.cover;
    if (body && content.cover) {
        auto ids = body->media_ids();
        first_figure = std::find(ids.begin(), ids.end(), content.cover->id) != ids.end();
    }
    content::FigureResolver resolve = [&](std::int64_t id) -> std::optional<content::FigureView> {
        std::optional<content::FigureView> view;
        auto it = content.media.find(id);
        if (it != content.media.end()) view = figure_view(it->second);
        else if (content.cover && content.cover->id == id) view = figure_view(*content.cover);
        if (view) view->eager = std::exchange(first_figure, false);
        return view;
    };

    write_layout(html, content.frame, meta, now, [&] {
        if (preview)
            html.element("p", {{"class", "preview-banner"}, {"role", "status"}},
                         "Bản xem trước — bạn đọc chưa thấy bài viết này cho đến khi bài được đăng.");
        write_breadcrumb(html, content.breadcrumb, false);
        // On wide screens the related articles stand beside the text instead of under it.
        auto columns = html.scope("div", {{"class", "article-layout"}});
        {
            auto scope = html.scope("article", {{"class", "article"}});
            html.element("h1", article.title);
            write_article_meta(html, article);
            if (!article.lead.empty()) html.element("p", {{"class", "lead"}}, article.lead);
            {
                auto text = html.scope("div", {{"class", "article-body"}});
                if (body) {
                    write_cover(html, content, *body);
                    content::render_document(html, *body, resolve, summaries);
                } else {
                    write_cover(html, content, content::Document{});
                    write_plain_body(html, article.body_text);
                }
            }
            write_byline(html, article);
            write_share(html, content.frame.site, meta.canonical_path);
        }
        write_related(html, content.related);
    });
}

}  // namespace

void write_article_page(render::HtmlWriter& html, const content::ArticleContent& content, core::Timestamp now,
                        const content::TargetSummaryResolver& summaries) {
    write_article(html, content, now, false, summaries);
}

void write_article_preview(render::HtmlWriter& html, const content::ArticleContent& content, core::Timestamp now) {
    write_article(html, content, now, true, {});
}

}  // namespace cong::site
