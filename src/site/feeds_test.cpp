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
    auto enclosure = [](const model::Media& media) -> std::optional<Enclosure> {
        return Enclosure{"/media/" + media.sha256 + "-1024.jpg", 81234};
    };
    auto rss = write_rss(site_channel(frame), {item}, "https://thoxuan.thanhhoa.gov.vn", fixtures::fixed_now(), enclosure);
    EXPECT_TRUE(contains(rss, "<rss version=\"2.0\""));
    EXPECT_TRUE(contains(rss, "<language>vi</language>"));
    EXPECT_TRUE(contains(rss, "<title>Hội nghị BCH Đảng bộ huyện &amp; “tổng kết”</title>"));
    EXPECT_TRUE(contains(rss, "<link>https://thoxuan.thanhhoa.gov.vn/bai-viet/bai-viet-1</link>"));
    EXPECT_TRUE(contains(rss, "<pubDate>Tue, 02 Apr 2024 09:15:00 +0700</pubDate>"));
    EXPECT_TRUE(contains(rss, "<enclosure url=\"https://thoxuan.thanhhoa.gov.vn/media/" + item.cover->sha256 +
                                  "-1024.jpg\" length=\"81234\" type=\"image/jpeg\"/>"));
}

TEST(Feeds, SitemapListsHomeCategoriesAndArticlesWithAbsoluteAddresses) {
    auto frame = fixtures::seed_frame();
    auto article = fixtures::summary(2, "Tin", false).article;
    article.updated_at = core::parse_rfc3339("2024-04-03T09:15:00+07:00").value();
    auto xml = write_sitemap_page(frame, {article}, "https://thoxuan.thanhhoa.gov.vn", 1).value();
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

TEST(Feeds, CategoryFeedNamesTheCategoryAndPointsToItself) {
    auto frame = fixtures::seed_frame();
    const auto& category = frame.categories.back();
    auto item = fixtures::summary(3, "Quy hoạch chung đô thị", true);
    auto rss = write_rss(category_channel(frame, category), {item}, "https://thoxuan.thanhhoa.gov.vn",
                         fixtures::fixed_now(), nullptr);
    auto site_name = std::string(" - Cổng thông tin điện tử huyện Thọ Xuân - Thanh Hóa");
    EXPECT_TRUE(contains(rss, "<title>" + category.name + site_name + "</title>"));
    EXPECT_TRUE(contains(rss, "<link>https://thoxuan.thanhhoa.gov.vn/chuyen-muc/" + category.slug + "</link>"));
    EXPECT_TRUE(contains(rss, "<atom:link href=\"https://thoxuan.thanhhoa.gov.vn/chuyen-muc/" + category.slug +
                                  "/rss.xml\" rel=\"self\""));
    EXPECT_TRUE(contains(rss, "<title>Quy hoạch chung đô thị</title>"));
}

TEST(Feeds, SmallSiteHasOneSitemapWithCategoryLastmodFromItsNewestArticle) {
    auto frame = fixtures::seed_frame();
    auto older = fixtures::summary(4, "Cũ", false).article;
    auto newer = fixtures::summary(5, "Mới", false).article;
    older.category_id = newer.category_id = frame.categories.back().id;
    older.updated_at = core::parse_rfc3339("2024-04-01T08:00:00+07:00").value();
    newer.updated_at = core::parse_rfc3339("2024-04-05T08:00:00+07:00").value();
    std::vector<model::Article> articles{newer, older};
    EXPECT_EQ(sitemap_page_count(frame, articles), 1u);
    auto xml = write_sitemap_page(frame, articles, "https://h.vn", 1).value();
    EXPECT_TRUE(contains(xml, "<loc>https://h.vn/chuyen-muc/" + frame.categories.back().slug +
                                  "</loc><lastmod>2024-04-05T08:00:00+07:00</lastmod>"));
    EXPECT_TRUE(contains(xml, "<loc>https://h.vn/</loc><lastmod>2024-04-05T08:00:00+07:00</lastmod>"));
    EXPECT_FALSE(write_sitemap_page(frame, articles, "https://h.vn", 2)) << "no second page";
    EXPECT_FALSE(write_sitemap_page(frame, articles, "https://h.vn", 0));
}

TEST(Feeds, LargeSiteGetsAnIndexAndEveryAddressOnExactlyOnePage) {
    auto frame = fixtures::seed_frame();
    std::vector<model::Article> articles;
    for (int i = 1; i <= 10; ++i) {
        auto article = fixtures::summary(i, "Tin " + std::to_string(i), false).article;
        article.updated_at = core::parse_rfc3339("2024-04-01T08:00:00+07:00").value() + std::chrono::hours(i);
        articles.push_back(article);
    }
    constexpr std::size_t PER_PAGE = 4;
    auto total = 1 + frame.categories.size() + articles.size();
    auto pages = sitemap_page_count(frame, articles, PER_PAGE);
    EXPECT_EQ(pages, (total + PER_PAGE - 1) / PER_PAGE);
    auto index = write_sitemap_index(frame, articles, "https://h.vn", PER_PAGE);
    EXPECT_TRUE(contains(index, "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
    std::size_t urls = 0;
    for (std::size_t page = 1; page <= pages; ++page) {
        EXPECT_TRUE(contains(index, "<loc>https://h.vn/sitemap-" + std::to_string(page) + ".xml</loc>"));
        auto xml = write_sitemap_page(frame, articles, "https://h.vn", page, PER_PAGE).value();
        for (auto at = xml.find("<url>"); at != std::string::npos; at = xml.find("<url>", at + 1)) ++urls;
    }
    EXPECT_EQ(urls, total);
    for (int i = 1; i <= 10; ++i) {
        int seen = 0;
        for (std::size_t page = 1; page <= pages; ++page) {
            auto xml = write_sitemap_page(frame, articles, "https://h.vn", page, PER_PAGE).value();
            if (contains(xml, "/bai-viet/bai-viet-" + std::to_string(i) + "</loc>")) ++seen;
        }
        EXPECT_EQ(seen, 1) << "article " << i;
    }
}

TEST(Feeds, SitemapPageNumbersArePlainNumbersFollowedByXml) {
    EXPECT_EQ(parse_sitemap_page("1.xml"), 1u);
    EXPECT_EQ(parse_sitemap_page("12.xml"), 12u);
    EXPECT_FALSE(parse_sitemap_page("0.xml"));
    EXPECT_FALSE(parse_sitemap_page("01.xml"));
    EXPECT_FALSE(parse_sitemap_page("1.xm"));
    EXPECT_FALSE(parse_sitemap_page(".xml"));
    EXPECT_FALSE(parse_sitemap_page("-1.xml"));
    EXPECT_FALSE(parse_sitemap_page("999999999999.xml"));
    EXPECT_EQ(sitemap_page_path(3), "/sitemap-3.xml");
}
