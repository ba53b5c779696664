#include "content/article_service.hpp"
#include "site/layout.hpp"
#include "site/pages.hpp"
#include "site/partials.hpp"

#include <algorithm>

namespace cong::site {
namespace {

// Pages shown on each side of the current one; the first and last are always shown.
constexpr int PAGE_WINDOW = 2;

void write_page_link(render::HtmlWriter& html, const model::Category& category, int page, int current) {
    auto item = html.scope("li");
    auto href = category_page_url(category, page);
    auto number = std::to_string(page);
    auto label = "Trang " + number;
    html.element("a", {{"href", href}, {"aria-label", label}, {"aria-current", "page", page == current}}, number);
}

void write_pagination(render::HtmlWriter& html, const content::CategoryContent& content) {
    int page = content.page;
    int count = content.page_count;
    if (count <= 1) return;
    auto nav = html.scope("nav", {{"class", "pagination"}, {"aria-label", "Phân trang"}});
    auto list = html.scope("ul");
    if (page > 1) {
        auto item = html.scope("li");
        auto href = category_page_url(content.category, page - 1);
        html.element("a", {{"href", href}, {"rel", "prev"}}, "‹ Trang trước");
    }
    int from = std::max(1, page - PAGE_WINDOW);
    int to = std::min(count, page + PAGE_WINDOW);
    if (from > 1) write_page_link(html, content.category, 1, page);
    if (from > 2) {
        auto item = html.scope("li");
        html.element("span", {{"aria-hidden", "true"}}, "…");
    }
    for (int p = from; p <= to; ++p) write_page_link(html, content.category, p, page);
    if (to < count - 1) {
        auto item = html.scope("li");
        html.element("span", {{"aria-hidden", "true"}}, "…");
    }
    if (to < count) write_page_link(html, content.category, count, page);
    if (page < count) {
        auto item = html.scope("li");
        auto href = category_page_url(content.category, page + 1);
        html.element("a", {{"href", href}, {"rel", "next"}}, "Trang sau ›");
    }
}

}  // namespace

std::string category_feed_path(const model::Category& category) {
    return content::category_path(category) + "/rss.xml";
}

std::string category_page_url(const model::Category& category, int page) {
    auto url = content::category_path(category);
    if (page > 1) url += "?trang=" + std::to_string(page);
    return url;
}

void write_category_page(render::HtmlWriter& html, const content::CategoryContent& content, core::Timestamp now) {
    const auto& category = content.category;
    PageMeta meta;
    meta.title = category.name;
    if (content.page > 1) meta.title += " - Trang " + std::to_string(content.page);
    meta.description = category.description;
    meta.canonical_path = category_page_url(category, content.page);
    meta.current_category_id = category.id;
    if (content.page > 1) meta.prev_path = category_page_url(category, content.page - 1);
    if (content.page < content.page_count) meta.next_path = category_page_url(category, content.page + 1);
    meta.feeds.push_back({category.name + " - " + std::string(site_display_name(content.frame.site)),
                          category_feed_path(category)});
    for (const auto& c : content.breadcrumb) meta.active_category_ids.push_back(c.id);

    write_layout(html, content.frame, meta, now, [&] {
        auto breadcrumb = content.breadcrumb;
        if (breadcrumb.empty() || breadcrumb.back().id != category.id) breadcrumb.push_back(category);
        write_breadcrumb(html, breadcrumb, true);
        html.element("h1", category.name);
        if (!category.description.empty())
            html.element("p", {{"class", "category-description"}}, category.description);
        if (!content.children.empty()) {
            auto nav = html.scope("nav", {{"class", "subcategories"}, {"aria-label", "Chuyên mục con"}});
            auto list = html.scope("ul");
            for (const auto& child : content.children) {
                auto item = html.scope("li");
                auto href = content::category_path(child);
                html.element("a", {{"href", href}}, child.name);
            }
        }
        if (content.articles.empty()) {
            html.element("p", {{"class", "empty"}}, "Chưa có bài viết");
            return;
        }
        ImageLoading loading;
        {
            auto list = html.scope("ul", {{"class", "article-list"}});
            for (const auto& summary : content.articles)
                write_summary(html, summary, "h2", SummaryStyle::WithCover, loading);
        }
        write_pagination(html, content);
    });
}

}  // namespace cong::site
