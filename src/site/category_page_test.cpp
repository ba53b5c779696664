#include "site/pages.hpp"
#include "site/test_content.hpp"

#include <gtest/gtest.h>

using namespace cong;
using namespace cong::site;
using namespace cong::site::fixtures;

namespace {

// "Tin trong huyện" (a child of "Tin tức"), page `page` of `page_count`, with three articles.
content::CategoryContent listing(int page, int page_count) {
    content::CategoryContent c;
    c.frame = seed_frame();
    c.category = c.frame.categories[1];
    c.category.description = "Tin hoạt động của huyện.";
    c.breadcrumb = {c.frame.categories[0], c.category};
    c.articles = {summary(1, "Bài thứ nhất", true), summary(2, "Bài thứ hai", false), summary(3, "Bài thứ ba", true)};
    c.page = page;
    c.page_count = page_count;
    c.total = page_count * content::CATEGORY_PAGE_SIZE;
    return c;
}

std::string render_page(const content::CategoryContent& category) {
    render::HtmlWriter html;
    write_category_page(html, category, fixed_now());
    return html.take();
}

bool contains(const std::string& html, const std::string& text) { return html.find(text) != std::string::npos; }

}  // namespace

TEST(CategoryPage, ShowsBreadcrumbNameDescriptionAndArticles) {
    auto html = render_page(listing(1, 1));
    EXPECT_TRUE(contains(html, "<nav class=\"breadcrumb\" aria-label=\"Đường dẫn\"><ol><li><a href=\"/\">Trang chủ</a></li>"
                               "<li><a href=\"/chuyen-muc/tin-tuc\">Tin tức</a></li>"
                               "<li><span aria-current=\"page\">Tin trong huyện</span></li></ol></nav>"));
    EXPECT_TRUE(contains(html, "<h1>Tin trong huyện</h1>"));
    EXPECT_TRUE(contains(html, "<p class=\"category-description\">Tin hoạt động của huyện.</p>"));
    EXPECT_TRUE(contains(html, "<h2><a href=\"/bai-viet/bai-viet-1\">Bài thứ nhất</a></h2>"));
    EXPECT_TRUE(contains(html, "<p class=\"date\"><time datetime=\"2024-04-02T09:15:00+07:00\">02/04/2024</time></p>"));
    EXPECT_TRUE(contains(html, "<p class=\"lead\">Tóm tắt của bài 1.</p>"));
    EXPECT_TRUE(contains(html, "<title>Tin trong huyện - Cổng thông tin điện tử huyện Thọ Xuân - Thanh Hóa</title>"));
    EXPECT_FALSE(contains(html, "Phân trang")) << "one page needs no pagination";
}

TEST(CategoryPage, ThumbnailsHaveSizesAndOnlyTheFirstLoadsEagerly) {
    auto html = render_page(listing(1, 1));
    EXPECT_TRUE(contains(html, "<a class=\"thumb\" href=\"/bai-viet/bai-viet-1\" tabindex=\"-1\" aria-hidden=\"true\">"
                               "<picture><source type=\"image/webp\" srcset=\"/media/"));
    // WebP and JPEG each at 320 and 640 wide; a thumbnail is drawn 7rem wide, so phones take the 320.
    EXPECT_TRUE(contains(html, "-320.webp 320w, /media/"));
    EXPECT_TRUE(contains(html, "-320.jpg 320w, /media/"));
    EXPECT_TRUE(contains(html, "sizes=\"(max-width: 23rem) 30vw, 7rem\" width=\"640\" height=\"427\" alt=\"\" "
                               "loading=\"eager\" decoding=\"async\"></picture>"));
    EXPECT_TRUE(contains(html, "width=\"640\" height=\"427\" alt=\"\" loading=\"lazy\""));
}

TEST(CategoryPage, MenuMarksTheListingAndItsParent) {
    auto html = render_page(listing(1, 1));
    EXPECT_TRUE(contains(html, "<a href=\"/chuyen-muc/tin-trong-huyen\" aria-current=\"page\">Tin trong huyện</a>"));
    EXPECT_TRUE(contains(html, "<a href=\"/chuyen-muc/tin-tuc\" aria-current=\"true\">Tin tức</a><ul>"))
        << "the parent, with its children as a submenu";
    EXPECT_TRUE(contains(html, "<a href=\"/chuyen-muc/chien-luoc-dinh-huong-quy-hoach\">Chiến lược"));
}

TEST(CategoryPage, ChildCategoriesAreLinked) {
    auto category = listing(1, 1);
    category.category = category.frame.categories[0];
    category.breadcrumb = {category.category};
    category.children = {category.frame.categories[1], category.frame.categories[2]};
    auto html = render_page(category);
    EXPECT_TRUE(contains(html, "<nav class=\"subcategories\" aria-label=\"Chuyên mục con\"><ul>"
                               "<li><a href=\"/chuyen-muc/tin-trong-huyen\">Tin trong huyện</a></li>"
                               "<li><a href=\"/chuyen-muc/tin-xa-thi-tran\">Tin xã, thị trấn</a></li></ul></nav>"));
}

TEST(CategoryPage, MiddlePageLinksBothWaysAndAroundIt) {
    auto html = render_page(listing(4, 9));
    EXPECT_TRUE(contains(html, "<nav class=\"pagination\" aria-label=\"Phân trang\"><ul>"
                               "<li><a href=\"/chuyen-muc/tin-trong-huyen?trang=3\" rel=\"prev\">‹ Trang trước</a></li>"
                               "<li><a href=\"/chuyen-muc/tin-trong-huyen\" aria-label=\"Trang 1\">1</a></li>"
                               "<li><a href=\"/chuyen-muc/tin-trong-huyen?trang=2\" aria-label=\"Trang 2\">2</a></li>"
                               "<li><a href=\"/chuyen-muc/tin-trong-huyen?trang=3\" aria-label=\"Trang 3\">3</a></li>"
                               "<li><a href=\"/chuyen-muc/tin-trong-huyen?trang=4\" aria-label=\"Trang 4\" "
                               "aria-current=\"page\">4</a></li>"
                               "<li><a href=\"/chuyen-muc/tin-trong-huyen?trang=5\" aria-label=\"Trang 5\">5</a></li>"
                               "<li><a href=\"/chuyen-muc/tin-trong-huyen?trang=6\" aria-label=\"Trang 6\">6</a></li>"
                               "<li><span aria-hidden=\"true\">…</span></li>"
                               "<li><a href=\"/chuyen-muc/tin-trong-huyen?trang=9\" aria-label=\"Trang 9\">9</a></li>"
                               "<li><a href=\"/chuyen-muc/tin-trong-huyen?trang=5\" rel=\"next\">Trang sau ›</a></li>"
                               "</ul></nav>"));
    EXPECT_TRUE(contains(html, "<link rel=\"canonical\" href=\"/chuyen-muc/tin-trong-huyen?trang=4\">"));
    EXPECT_TRUE(contains(html, "<title>Tin trong huyện - Trang 4 - "));
}

TEST(CategoryPage, FirstPageHasNoPreviousAndLastPageHasNoNext) {
    auto first = render_page(listing(1, 3));
    EXPECT_FALSE(contains(first, "rel=\"prev\""));
    EXPECT_TRUE(contains(first, "<a href=\"/chuyen-muc/tin-trong-huyen?trang=2\" rel=\"next\">"));
    EXPECT_TRUE(contains(first, "<link rel=\"canonical\" href=\"/chuyen-muc/tin-trong-huyen\">"));
    auto last = render_page(listing(3, 3));
    EXPECT_FALSE(contains(last, "rel=\"next\""));
    EXPECT_TRUE(contains(last, "<a href=\"/chuyen-muc/tin-trong-huyen?trang=2\" rel=\"prev\">"));
    EXPECT_FALSE(contains(last, "…</span>"));
}

TEST(CategoryPage, EmptyCategorySaysSo) {
    auto category = listing(1, 1);
    category.articles.clear();
    category.total = 0;
    auto html = render_page(category);
    EXPECT_TRUE(contains(html, "<p class=\"empty\">Chưa có bài viết</p>"));
    EXPECT_FALSE(contains(html, "article-list"));
}

TEST(CategoryPage, MarkupInNamesAndDescriptionsIsEscaped) {
    auto category = listing(2, 3);
    category.category.name = "<script>x()</script>";
    category.category.description = "<img src=x onerror=y()>";
    category.articles.front().article.title = "\"><b>tiêu đề</b>";
    auto html = render_page(category);
    EXPECT_FALSE(contains(html, "<script>x()"));
    EXPECT_FALSE(contains(html, "<img src=x"));
    EXPECT_FALSE(contains(html, "<b>tiêu đề"));
    EXPECT_TRUE(contains(html, "<h1>&lt;script&gt;x()&lt;/script&gt;</h1>"));
    EXPECT_TRUE(contains(html, "&quot;&gt;&lt;b&gt;tiêu đề&lt;/b&gt;</a>"));
}

TEST(CategoryPage, PageUrlsUseTrangAfterTheFirst) {
    auto category = seed_frame().categories.back();
    EXPECT_EQ(category_page_url(category, 1), "/chuyen-muc/chien-luoc-dinh-huong-quy-hoach");
    EXPECT_EQ(category_page_url(category, 12), "/chuyen-muc/chien-luoc-dinh-huong-quy-hoach?trang=12");
}

TEST(CategoryPage, HeadLinksNeighbourPagesAndTheCategoryFeed) {
    auto html = render_page(listing(4, 9));
    EXPECT_TRUE(contains(html, "<link rel=\"prev\" href=\"/chuyen-muc/tin-trong-huyen?trang=3\">"));
    EXPECT_TRUE(contains(html, "<link rel=\"next\" href=\"/chuyen-muc/tin-trong-huyen?trang=5\">"));
    EXPECT_TRUE(contains(html, "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Tin trong huyện - "));
    EXPECT_TRUE(contains(html, "href=\"/chuyen-muc/tin-trong-huyen/rss.xml\">"));
    auto first = render_page(listing(1, 1));
    EXPECT_FALSE(contains(first, "<link rel=\"prev\""));
    EXPECT_FALSE(contains(first, "<link rel=\"next\""));
}
