#include "site/feeds.hpp"

#include "site/test_content.hpp"

#include <gtest/gtest.h>

using namespace cong;
using namespace cong::site;

namespace {
bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
}  // namespace

TEST(Feeds, OriginPrefersTheSiteHostAndRefusesOddHostHeaders) {
    model::Site site;
    EXPECT_EQ(public_origin(site, "127.0.0.1:8080"), "http://127.0.0.1:8080");
    EXPECT_EQ(public_origin(site, "evil.example/\"><script>"), "");
    EXPECT_EQ(public_origin(site, ""), "");
    site.host = "thoxuan.thanhhoa.gov.vn";
    EXPECT_EQ(public_origin(site, "attacker.example"), "https://thoxuan.thanhhoa.gov.vn");
}

TEST(Feeds, RssHasEachArticleWithVietnamTimeAndCoverEnclosure) {
    auto frame = fixtures::seed_frame();
    auto item = fixtures::summary(1, "Hội nghị BCH Đảng bộ huyện & “tổng kết”", true);
    auto rss = write_rss(frame, {item}, "https://thoxuan.thanhhoa.gov.vn", fixtures::fixed_now());
    EXPECT_TRUE(contains(rss, "<rss version=\"2.0\""));
    EXPECT_TRUE(contains(rss, "<language>vi</language>"));
    EXPECT_TRUE(contains(rss, "<title>Hội nghị BCH Đảng bộ huyện &amp; “tổng kết”</title>"));
    EXPECT_TRUE(contains(rss, "<link>https://thoxuan.thanhhoa.gov.vn/bai-viet/bai-viet-1</link>"));
    EXPECT_TRUE(contains(rss, "<pubDate>Tue, 02 Apr 2024 09:15:00 +0700</pubDate>"));
    EXPECT_TRUE(contains(rss, "<enclosure url=\"https://thoxuan.thanhhoa.gov.vn/media/"));
    EXPECT_TRUE(contains(rss, "type=\"image/jpeg\"/>"));
}

TEST(Feeds, SitemapListsHomeCategoriesAndArticlesWithAbsoluteAddresses) {
    auto frame = fixtures::seed_frame();
    auto article = fixtures::summary(2, "Tin", false).article;
    article.updated_at = core::parse_rfc3339("2024-04-03T09:15:00+07:00").value();
    auto xml = write_sitemap(frame, {article}, "https://thoxuan.thanhhoa.gov.vn");
    EXPECT_TRUE(contains(xml, "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
    EXPECT_TRUE(contains(xml, "<loc>https://thoxuan.thanhhoa.gov.vn/</loc>"));
    EXPECT_TRUE(contains(xml, "<loc>https://thoxuan.thanhhoa.gov.vn/chuyen-muc/chien-luoc-dinh-huong-quy-hoach</loc>"));
    EXPECT_TRUE(contains(xml, "<url><loc>https://thoxuan.thanhhoa.gov.vn/bai-viet/bai-viet-2</loc>"
                              "<lastmod>2024-04-03T09:15:00+07:00</lastmod></url>"));
}

TEST(Feeds, RobotsKeepsCrawlersOutOfTheApiAndPointsToTheSitemap) {
    auto robots = write_robots("https://thoxuan.thanhhoa.gov.vn");
    EXPECT_TRUE(contains(robots, "Disallow: /api/\n"));
    EXPECT_TRUE(contains(robots, "Sitemap: https://thoxuan.thanhhoa.gov.vn/sitemap.xml\n"));
}
