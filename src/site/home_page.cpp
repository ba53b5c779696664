#include "content/article_service.hpp"
#include "site/layout.hpp"
#include "site/pages.hpp"
#include "site/partials.hpp"

namespace cong::site {
namespace {

// Articles per category section on the home page: enough to show the section is alive, short enough
// that a phone reader reaches the next one.
constexpr std::size_t SECTION_ARTICLES = 5;

// The lead story: a large photo, the title, the date and the lead.
void write_lead_story(render::HtmlWriter& html, const content::ArticleSummary& summary, ImageLoading& loading) {
    const auto& article = summary.article;
    auto href = content::article_path(article);
    auto card = html.scope("article", {{"class", "card card-lead"}});
    if (summary.cover) {
        auto photo = html.scope("a", {{"href", href}, {"tabindex", "-1"}, {"aria-hidden", "true"}});
        write_image(html, *summary.cover, "", loading.next());
    }
    {
        auto title = html.scope("h3");
        html.element("a", {{"href", href}}, article.title);
    }
    if (article.published_at) {
        auto date = html.scope("p", {{"class", "date"}});
        write_date(html, *article.published_at);
    }
    if (!article.lead.empty()) html.element("p", {{"class", "lead"}}, shorten(article.lead, SUMMARY_LEAD_BYTES));
}

// The other featured stories: a small photo and the title.
void write_card(render::HtmlWriter& html, const content::ArticleSummary& summary, ImageLoading& loading) {
    const auto& article = summary.article;
    auto href = content::article_path(article);
    auto card = html.scope("li", {{"class", "card"}});
    if (summary.cover) {
        auto photo = html.scope("a", {{"href", href}, {"tabindex", "-1"}, {"aria-hidden", "true"}});
        write_image(html, *summary.cover, "", loading.next());
    }
    auto title = html.scope("h3");
    html.element("a", {{"href", href}}, article.title);
}

void write_featured(render::HtmlWriter& html, const std::vector<content::ArticleSummary>& featured,
                    ImageLoading& loading) {
    if (featured.empty()) return;
    auto section = html.scope("section", {{"class", "featured"}, {"aria-labelledby", "tin-noi-bat"}});
    html.element("h2", {{"class", "section-heading"}, {"id", "tin-noi-bat"}}, "Tin nổi bật");
    write_lead_story(html, featured.front(), loading);
    if (featured.size() == 1) return;
    auto list = html.scope("ul", {{"class", "featured-more"}});
    for (std::size_t i = 1; i < featured.size(); ++i) write_card(html, featured[i], loading);
}

void write_latest(render::HtmlWriter& html, const std::vector<content::ArticleSummary>& latest) {
    if (latest.empty()) return;
    auto section = html.scope("section", {{"class", "latest"}, {"aria-labelledby", "tin-moi"}});
    html.element("h2", {{"class", "section-heading"}, {"id", "tin-moi"}}, "Tin mới");
    auto list = html.scope("ul");
    for (const auto& summary : latest) {
        auto item = html.scope("li");
        auto href = content::article_path(summary.article);
        html.element("a", {{"href", href}}, summary.article.title);
        if (summary.article.published_at) {
            html.text(" ");
            auto date = html.scope("span", {{"class", "date"}});
            write_date(html, *summary.article.published_at);
        }
    }
}

void write_section(render::HtmlWriter& html, const content::HomeContent::Section& section, ImageLoading& loading) {
    auto id = "chuyen-muc-" + std::to_string(section.category.id);
    auto scope = html.scope("section", {{"class", "home-section"}, {"aria-labelledby", id}});
    {
        auto heading = html.scope("h2", {{"class", "section-heading"}, {"id", id}});
        auto href = content::category_path(section.category);
        html.element("a", {{"href", href}}, section.category.name);
    }
    auto list = html.scope("ul", {{"class", "article-list"}});
    for (std::size_t i = 0; i < section.articles.size() && i < SECTION_ARTICLES; ++i) {
        // The first article of a section carries its photo and lead; the others are titles, to keep the page light.
        auto style = i == 0 ? SummaryStyle::WithCover : SummaryStyle::TitleOnly;
        write_summary(html, section.articles[i], "h3", style, loading);
    }
}

}  // namespace

void write_home_page(render::HtmlWriter& html, const content::HomeContent& home, core::Timestamp now) {
    PageMeta meta;
    meta.canonical_path = "/";
    write_layout(html, home.frame, meta, now, [&] {
        ImageLoading loading;
        html.element("h1", {{"class", "visually-hidden"}}, site_display_name(home.frame.site));
        {
            auto grid = html.scope("div", {{"class", "home-grid"}});
            {
                auto column = html.scope("div");
                write_featured(html, home.featured, loading);
            }
            write_latest(html, home.latest);
        }
        if (home.featured.empty() && home.latest.empty() && home.sections.empty()) {
            html.element("p", {{"class", "empty"}}, "Chưa có bài viết");
            return;
        }
        auto sections = html.scope("div", {{"class", "home-sections"}});
        for (const auto& section : home.sections) write_section(html, section, loading);
    });
}

}  // namespace cong::site
