#include "site/search_page.hpp"

#include <gtest/gtest.h>

namespace cong::site {
namespace {

bool contains(const std::string& html, std::string_view text) { return html.find(text) != std::string::npos; }

SearchPageView view_with(std::string query) {
    SearchPageView view;
    view.frame.site.name = "Cổng thông tin điện tử huyện Thọ Xuân";
    view.query = std::move(query);
    return view;
}

std::string render(const SearchPageView& view) {
    render::HtmlWriter html;
    write_search_page(html, view, core::Timestamp{std::chrono::seconds{1'764'115'200}});
    return html.take();
}

TEST(SearchPage, MatchedWordsAreMarkedAndEverythingElseIsEscaped) {
    auto view = view_with("<script>nong thon");
    search::SearchResults results;
    results.has_terms = true;
    results.total = 1;
    results.page_count = 1;
    search::SearchResult r;
    r.article.slug = "xay-dung-nong-thon-moi";
    r.article.published_at = core::Timestamp{std::chrono::seconds{1'712'107'800}};
    r.title.spans = {{"Xây dựng ", false}, {"nông", true}, {" ", false}, {"thôn", true}, {" mới <b>", false}};
    r.snippet.spans = {{"… xã ", false}, {"Nông", true}, {" <script>alert(1)</script>", false}};
    results.results.push_back(r);
    view.results = results;
    auto html = render(view);
    EXPECT_TRUE(contains(html, "Xây dựng <mark>nông</mark> <mark>thôn</mark> mới &lt;b&gt;"));
    EXPECT_TRUE(contains(html, "<mark>Nông</mark> &lt;script&gt;alert(1)&lt;/script&gt;"));
    EXPECT_FALSE(contains(html, "<script>alert"));
    EXPECT_FALSE(contains(html, "<script>nong"));
    EXPECT_TRUE(contains(html, "value=\"&lt;script&gt;nong thon\""));
    EXPECT_TRUE(contains(html, "Tìm thấy 1 kết quả cho «&lt;script&gt;nong thon»"));
    EXPECT_TRUE(contains(html, "href=\"/bai-viet/xay-dung-nong-thon-moi\""));
    EXPECT_TRUE(contains(html, "03/04/2024"));
    EXPECT_TRUE(contains(html, "<meta name=\"robots\" content=\"noindex\">"));
}

TEST(SearchPage, NothingFoundGivesVietnameseHintsAndAWayOutOfTheFilters) {
    auto view = view_with("khủng long");
    view.category = "tin-tuc";
    search::SearchResults results;
    results.has_terms = true;
    view.results = results;
    auto html = render(view);
    EXPECT_TRUE(contains(html, "Không tìm thấy bài viết nào phù hợp với «khủng long»."));
    EXPECT_TRUE(contains(html, "«khung long»"));
    EXPECT_TRUE(contains(html, "href=\"/tim-kiem?q=kh%E1%BB%A7ng%20long\""));
}

TEST(SearchPage, ManyResultsSayMoreThanAndPageLinksKeepTheFilters) {
    auto view = view_with("huyện");
    view.from = "2024-01-01";
    search::SearchResults results;
    results.has_terms = true;
    results.total = 1000;
    results.total_exact = false;
    results.page = 2;
    results.page_count = 100;
    view.results = results;
    auto html = render(view);
    EXPECT_TRUE(contains(html, "Tìm thấy hơn 1.000 kết quả"));
    EXPECT_TRUE(contains(html, "/tim-kiem?q=huy%E1%BB%87n&amp;tu=2024-01-01&amp;trang=3"));
    EXPECT_EQ(search_page_url(view, 1), "/tim-kiem?q=huy%E1%BB%87n&tu=2024-01-01");
}

TEST(SearchPage, ARefusedRequestShowsWhyAboveTheForm) {
    auto view = view_with("");
    view.error = "Từ khóa quá dài: tối đa 200 ký tự.";
    auto html = render(view);
    EXPECT_TRUE(contains(html, "role=\"alert\">Từ khóa quá dài: tối đa 200 ký tự.</p>"));
}

}  // namespace
}  // namespace cong::site
