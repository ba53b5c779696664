#include "site/search_page.hpp"

#include "content/article_service.hpp"
#include "core/vietnamese.hpp"
#include "site/layout.hpp"

#include <algorithm>

namespace cong::site {
namespace {

constexpr int PAGE_WINDOW = 2;

void write_form(render::HtmlWriter& html, const SearchPageView& view) {
    auto form = html.scope("form", {{"class", "search-page-form"},
                                    {"role", "search"},
                                    {"aria-label", "Tìm kiếm tin bài"},
                                    {"action", "/tim-kiem"},
                                    {"method", "get"}});
    {
        auto row = html.scope("p");
        html.element("label", {{"for", "q-trang"}}, "Từ khóa");
        html.void_element("input", {{"id", "q-trang"},
                                    {"type", "search"},
                                    {"name", "q"},
                                    {"value", view.query},
                                    {"maxlength", "200"},
                                    {"placeholder", "Ví dụ: nong thon moi, GPMB, Thanh Hóa"},
                                    {"autocomplete", "off"}});
        html.element("button", {{"type", "submit"}}, "Tìm");
    }
    auto filters = html.scope("fieldset", {{"class", "search-filters"}});
    html.element("legend", "Lọc kết quả");
    {
        auto row = html.scope("p");
        html.element("label", {{"for", "loc-chuyen-muc"}}, "Chuyên mục");
        auto select = html.scope("select", {{"id", "loc-chuyen-muc"}, {"name", "chuyen-muc"}});
        html.element("option", {{"value", ""}}, "Tất cả chuyên mục");
        for (const auto& c : view.frame.categories) {
            html.element("option", {{"value", c.slug}, {"selected", "selected", c.slug == view.category}},
                         c.parent_id ? "— " + c.name : c.name);
        }
    }
    auto row = html.scope("p");
    html.element("label", {{"for", "loc-tu"}}, "Từ ngày");
    html.void_element("input", {{"id", "loc-tu"}, {"type", "date"}, {"name", "tu"}, {"value", view.from}});
    html.element("label", {{"for", "loc-den"}}, "Đến ngày");
    html.void_element("input", {{"id", "loc-den"}, {"type", "date"}, {"name", "den"}, {"value", view.until}});
}

void write_page_link(render::HtmlWriter& html, const SearchPageView& view, int page, int current) {
    auto item = html.scope("li");
    auto number = std::to_string(page);
    auto label = "Trang " + number;
    html.element("a", {{"href", search_page_url(view, page)}, {"aria-label", label},
                       {"aria-current", "page", page == current}},
                 number);
}

void write_pagination(render::HtmlWriter& html, const SearchPageView& view, const search::SearchResults& r) {
    int count = std::min(r.page_count, search::MAX_PAGE);
    if (count <= 1) return;
    auto nav = html.scope("nav", {{"class", "pagination"}, {"aria-label", "Phân trang kết quả"}});
    auto list = html.scope("ul");
    if (r.page > 1) {
        auto item = html.scope("li");
        html.element("a", {{"href", search_page_url(view, r.page - 1)}, {"rel", "prev"}}, "‹ Trang trước");
    }
    int from = std::max(1, r.page - PAGE_WINDOW), to = std::min(count, r.page + PAGE_WINDOW);
    if (from > 1) write_page_link(html, view, 1, r.page);
    for (int p = from; p <= to; ++p) write_page_link(html, view, p, r.page);
    if (to < count) write_page_link(html, view, count, r.page);
    if (r.page < count) {
        auto item = html.scope("li");
        html.element("a", {{"href", search_page_url(view, r.page + 1)}, {"rel", "next"}}, "Trang sau ›");
    }
}

void write_empty_state(render::HtmlWriter& html, const SearchPageView& view) {
    auto box = html.scope("div", {{"class", "search-empty"}});
    html.element("p", "Không tìm thấy bài viết nào phù hợp với «" + view.query + "».");
    html.element("p", "Gợi ý:");
    auto list = html.scope("ul");
    html.element("li", "Kiểm tra lại chính tả; có thể gõ không dấu, ví dụ «" + core::fold_for_search(view.query) + "».");
    html.element("li", "Dùng ít từ hơn, hoặc từ khóa chung hơn.");
    html.element("li", "Thử từ viết tắt hoặc dạng đầy đủ: NTM – nông thôn mới, GPMB – giải phóng mặt bằng.");
    if (!view.category.empty() || !view.from.empty() || !view.until.empty()) {
        auto item = html.scope("li");
        html.text("Bỏ bớt bộ lọc: ");
        html.element("a", {{"href", "/tim-kiem?q=" + url_encode(view.query)}}, "tìm trong tất cả chuyên mục, mọi thời gian");
        html.text(".");
    }
}

void write_results(render::HtmlWriter& html, const SearchPageView& view, const search::SearchResults& r) {
    if (!r.has_terms) {
        html.element("p", {{"class", "search-hint"}},
                     view.query.empty() ? "Nhập từ khóa để tìm tin bài, ví dụ: nong thon moi, GPMB, Thanh Hóa."
                                        : "Từ khóa cần có ít nhất một chữ hoặc số.");
        return;
    }
    if (r.total == 0) {
        write_empty_state(html, view);
        return;
    }
    std::string count = std::string(r.total_exact ? "Tìm thấy " : "Tìm thấy hơn ") + core::format_integer_vi(r.total) +
                        " kết quả cho «" + view.query + "»";
    if (r.page_count > 1) count += " – trang " + std::to_string(r.page) + "/" + std::to_string(r.page_count);
    html.element("p", {{"class", "search-count"}, {"role", "status"}}, count + ".");
    if (r.results.empty()) {
        html.element("p", {{"class", "empty"}}, "Trang này không có kết quả.");
        write_pagination(html, view, r);  // the way back to the pages that have some
        return;
    }
    {
        auto list = html.scope("ol", {{"class", "search-results"}});
        for (const auto& result : r.results) {
            auto item = html.scope("li");
            {
                auto heading = html.scope("h2");
                auto link = html.scope("a", {{"href", content::article_path(result.article)}});
                write_highlighted(html, result.title);
            }
            {
                auto meta = html.scope("p", {{"class", "meta"}});
                if (result.category) {
                    html.element("a", {{"href", content::category_path(*result.category)}}, result.category->name);
                    html.text(" · ");
                }
                if (result.article.published_at) {
                    auto stamp = core::format_rfc3339_vietnam(*result.article.published_at);
                    html.element("time", {{"datetime", stamp}}, core::format_vi_date(*result.article.published_at));
                }
            }
            if (!result.snippet.empty()) {
                auto snippet = html.scope("p", {{"class", "snippet"}});
                write_highlighted(html, result.snippet);
            }
        }
    }
    write_pagination(html, view, r);
}

}  // namespace

void write_highlighted(render::HtmlWriter& html, const search::Highlighted& text) {
    for (const auto& span : text.spans) {
        if (span.match)
            html.element("mark", span.text);
        else
            html.text(span.text);
    }
}

std::string search_page_url(const SearchPageView& view, int page) {
    std::string url = "/tim-kiem?q=" + url_encode(view.query);
    if (!view.category.empty()) url += "&chuyen-muc=" + url_encode(view.category);
    if (!view.from.empty()) url += "&tu=" + url_encode(view.from);
    if (!view.until.empty()) url += "&den=" + url_encode(view.until);
    if (page > 1) url += "&trang=" + std::to_string(page);
    return url;
}

void write_search_page(render::HtmlWriter& html, const SearchPageView& view, core::Timestamp now) {
    PageMeta meta;
    meta.title = view.query.empty() ? "Tìm kiếm" : "Tìm kiếm: " + view.query;
    meta.canonical_path = "/tim-kiem";
    meta.indexable = false;  // result pages are endless variations of the articles themselves
    write_layout(html, view.frame, meta, now, [&] {
        html.element("h1", "Tìm kiếm");
        write_form(html, view);
        if (!view.error.empty()) {
            html.element("p", {{"class", "form-error"}, {"role", "alert"}}, view.error);
            return;
        }
        if (view.results) write_results(html, view, *view.results);
    });
}

}  // namespace cong::site
