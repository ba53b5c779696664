// The public site with demo content, as a reader's browser sees it.
#include "cong_process.hpp"

#include <gtest/gtest.h>

#include <regex>

using cong::testing::CongProcess;

namespace {

class Site : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        cong_ = new CongProcess();
        cong_->init(true);
        cong_->start();
    }
    static void TearDownTestSuite() {
        delete cong_;
        cong_ = nullptr;
    }
    static CongProcess* cong_;
};
CongProcess* Site::cong_ = nullptr;

std::string first_match(const std::string& text, const std::string& pattern) {
    std::smatch match;
    return std::regex_search(text, match, std::regex(pattern)) ? match[1].str() : std::string();
}

}  // namespace

TEST_F(Site, HomeShowsTheDemoPortalWithItsMenu) {
    auto home = cong_->request("GET", "/");
    ASSERT_EQ(home.status, 200);
    EXPECT_NE(home.body.find("<html lang=\"vi\""), std::string::npos);
    EXPECT_NE(home.body.find("Chiến lược - Định Hướng - Quy hoạch"), std::string::npos);
    EXPECT_NE(home.body.find("/chuyen-muc/chien-luoc-dinh-huong-quy-hoach"), std::string::npos);
    EXPECT_NE(home.body.find("/bai-viet/"), std::string::npos);
    EXPECT_NE(home.body.find("action=\"/tim-kiem\""), std::string::npos);
}

TEST_F(Site, CategoryPagesPaginate) {
    auto page = cong_->request("GET", "/chuyen-muc/chien-luoc-dinh-huong-quy-hoach");
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("/bai-viet/"), std::string::npos);
    EXPECT_EQ(cong_->request("GET", "/chuyen-muc/chien-luoc-dinh-huong-quy-hoach?trang=999").status, 404);
    EXPECT_EQ(cong_->request("GET", "/chuyen-muc/chien-luoc-dinh-huong-quy-hoach?trang=abc").status, 404);
    EXPECT_EQ(cong_->request("GET", "/chuyen-muc/khong-co").status, 404);
}

TEST_F(Site, EveryDemoArticleOnTheHomePageOpens) {
    auto home = cong_->request("GET", "/");
    std::regex link("href=\"(/bai-viet/[a-z0-9-]+)\"");
    int opened = 0;
    for (std::sregex_iterator it(home.body.begin(), home.body.end(), link), end; it != end; ++it) {
        auto article = cong_->request("GET", (*it)[1].str());
        EXPECT_EQ(article.status, 200) << (*it)[1].str();
        EXPECT_NE(article.body.find("Đăng lúc: "), std::string::npos);
        ++opened;
    }
    EXPECT_GE(opened, 5);
}

TEST_F(Site, MissingPagesGetAVietnamese404) {
    auto missing = cong_->request("GET", "/khong-co-trang-nay");
    EXPECT_EQ(missing.status, 404);
    EXPECT_NE(missing.body.find("Không tìm thấy"), std::string::npos);
    EXPECT_NE(missing.header("content-type").find("text/html"), std::string::npos);
    EXPECT_EQ(cong_->request("GET", "/bai-viet/khong-co-bai-nay").status, 404);
}

TEST_F(Site, StylesheetHasAContentHashAndAYearLongCache) {
    auto home = cong_->request("GET", "/");
    std::string css = first_match(home.body, "href=\"(/static/site\\.[0-9a-f]{8,}\\.css)\"");
    ASSERT_FALSE(css.empty()) << "stylesheet link";
    auto sheet = cong_->request("GET", css);
    ASSERT_EQ(sheet.status, 200);
    EXPECT_NE(sheet.header("content-type").find("text/css"), std::string::npos);
    EXPECT_NE(sheet.header("cache-control").find("max-age=31536000"), std::string::npos);
    EXPECT_EQ(cong_->request("GET", "/static/site.00000000.css").status, 404);
}

TEST_F(Site, PagesAreCompressedAndRevalidatedWithEtags) {
    auto gz = cong_->request("GET", "/", {{"Accept-Encoding", "gzip"}});
    EXPECT_EQ(gz.header("content-encoding"), "gzip");
    auto br = cong_->request("GET", "/", {{"Accept-Encoding", "gzip, deflate, br"}});
    EXPECT_EQ(br.header("content-encoding"), "br");
    auto plain = cong_->request("GET", "/");
    std::string etag = plain.header("etag");
    ASSERT_FALSE(etag.empty());
    auto again = cong_->request("GET", "/", {{"If-None-Match", etag}});
    EXPECT_EQ(again.status, 304);
    EXPECT_TRUE(again.body.empty());
}

TEST_F(Site, HeadHasNoBody) {
    auto head = cong_->request("HEAD", "/");
    EXPECT_EQ(head.status, 200);
    EXPECT_TRUE(head.body.empty());
    EXPECT_FALSE(head.header("content-length").empty());
}

TEST_F(Site, HealthAndMetricsForOperators) {
    auto health = cong_->request("GET", "/healthz");
    EXPECT_EQ(health.status, 200);
    EXPECT_EQ(health.body, "ok");
    cong_->request("GET", "/");
    auto metrics = cong_->request("GET", "/metrics");
    EXPECT_EQ(metrics.status, 200);
    EXPECT_NE(metrics.body.find("cong_http_requests_total{"), std::string::npos);
    EXPECT_NE(metrics.body.find("cong_http_request_duration_seconds_bucket"), std::string::npos);
}

TEST_F(Site, FeedsSitemapAndRobotsForMachines) {
    auto rss = cong_->request("GET", "/rss.xml");
    ASSERT_EQ(rss.status, 200);
    EXPECT_NE(rss.header("content-type").find("application/rss+xml"), std::string::npos);
    EXPECT_NE(rss.body.find("<item><title>"), std::string::npos);
    EXPECT_NE(rss.body.find("+0700</pubDate>"), std::string::npos);
    auto sitemap = cong_->request("GET", "/sitemap.xml");
    ASSERT_EQ(sitemap.status, 200);
    EXPECT_NE(sitemap.body.find("<loc>http://127.0.0.1/chuyen-muc/chien-luoc-dinh-huong-quy-hoach</loc>"),
              std::string::npos);
    auto robots = cong_->request("GET", "/robots.txt");
    ASSERT_EQ(robots.status, 200);
    EXPECT_NE(robots.body.find("Sitemap: http://127.0.0.1/sitemap.xml"), std::string::npos);
}
