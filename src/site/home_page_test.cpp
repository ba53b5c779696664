#include "site/pages.hpp"
#include "site/test_content.hpp"

#include <gtest/gtest.h>

using namespace cong;
using namespace cong::site;
using namespace cong::site::fixtures;

namespace {

content::HomeContent home() {
    content::HomeContent h;
    h.frame = seed_frame();
    h.featured = {summary(1, "Tin nổi bật một", true), summary(2, "Tin nổi bật hai", true),
                  summary(3, "Tin nổi bật ba", false)};
    h.latest = {summary(4, "Tin mới bốn", false), summary(5, "Tin mới năm", false)};
    content::HomeContent::Section strategy{h.frame.categories.back(), {}};
    for (int i = 10; i < 17; ++i) strategy.articles.push_back(summary(i, "Quy hoạch " + std::to_string(i), true));
    h.sections.push_back(strategy);
    return h;
}

std::string render_page(const content::HomeContent& h) {
    render::HtmlWriter html;
    write_home_page(html, h, fixed_now());
    return html.take();
}

bool contains(const std::string& html, const std::string& text) { return html.find(text) != std::string::npos; }

int count(const std::string& html, const std::string& text) {
    int n = 0;
    for (auto at = html.find(text); at != std::string::npos; at = html.find(text, at + 1)) ++n;
    return n;
}

}  // namespace

TEST(HomePage, LeadStoryIsLargeWithTheOtherFeaturedBeside) {
    auto html = render_page(home());
    EXPECT_TRUE(contains(html, "<h2 class=\"section-heading\" id=\"tin-noi-bat\">Tin nổi bật</h2>"
                               "<article class=\"card card-lead\"><a href=\"/bai-viet/bai-viet-1\""));
    EXPECT_TRUE(contains(html, "<h3><a href=\"/bai-viet/bai-viet-1\">Tin nổi bật một</a></h3>"));
    EXPECT_TRUE(contains(html, "<ul class=\"featured-more\"><li class=\"card\">"));
    EXPECT_TRUE(contains(html, "<h3><a href=\"/bai-viet/bai-viet-3\">Tin nổi bật ba</a></h3></li></ul>"));
}

TEST(HomePage, OnlyTheFirstPhotoLoadsEagerlyAndEveryPhotoHasItsSize) {
    auto html = render_page(home());
    EXPECT_EQ(count(html, "loading=\"eager\""), 1);
    EXPECT_GE(count(html, "loading=\"lazy\""), 2);
    EXPECT_EQ(count(html, "<img "), count(html, "width=\"640\" height=\"427\" alt=\""));
    EXPECT_LT(html.find("loading=\"eager\""), html.find("loading=\"lazy\""));
}

TEST(HomePage, LatestNewsListsTitlesWithDates) {
    auto html = render_page(home());
    EXPECT_TRUE(contains(html, "<h2 class=\"section-heading\" id=\"tin-moi\">Tin mới</h2><ul><li>"
                               "<a href=\"/bai-viet/bai-viet-4\">Tin mới bốn</a> <span class=\"date\">"
                               "<time datetime=\"2024-03-30T09:15:00+07:00\">30/03/2024</time></span></li>"));
}

TEST(HomePage, EachCategorySectionLinksToItsListingWithAtMostFiveArticles) {
    auto html = render_page(home());
    EXPECT_TRUE(contains(html, "<h2 class=\"section-heading\" id=\"chuyen-muc-2\"><a "
                               "href=\"/chuyen-muc/chien-luoc-dinh-huong-quy-hoach\">Chiến lược - Định Hướng - "
                               "Quy hoạch</a></h2>"));
    EXPECT_TRUE(contains(html, "Quy hoạch 14</a>"));
    EXPECT_FALSE(contains(html, "Quy hoạch 15</a>"));
    // The first of a section shows its photo and lead; the rest are titles.
    EXPECT_TRUE(contains(html, "<p class=\"lead\">Tóm tắt của bài 10.</p>"));
    EXPECT_FALSE(contains(html, "Tóm tắt của bài 11."));
}

TEST(HomePage, TitleIsTheSiteNameAndTheMenuMarksHome) {
    auto html = render_page(home());
    EXPECT_TRUE(contains(html, "<title>Cổng thông tin điện tử huyện Thọ Xuân - Thanh Hóa</title>"));
    EXPECT_TRUE(contains(html, "<h1 class=\"visually-hidden\">Cổng thông tin điện tử huyện Thọ Xuân - Thanh Hóa</h1>"));
    EXPECT_TRUE(contains(html, "<li><a href=\"/\" aria-current=\"page\">Trang chủ</a></li>"));
    EXPECT_TRUE(contains(html, "<meta name=\"description\" content=\"THỌ XUÂN PHẤN ĐẤU")) << "the slogan";
}

TEST(HomePage, APortalWithoutArticlesSaysSo) {
    content::HomeContent empty;
    empty.frame = seed_frame();
    auto html = render_page(empty);
    EXPECT_TRUE(contains(html, "<p class=\"empty\">Chưa có bài viết</p>"));
}
