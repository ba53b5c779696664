#include "site/site_pages.hpp"
#include "storage/sqlite/sqlite_test_support.hpp"

#include "site/routes.hpp"

#include "site/assets.hpp"
#include "site/test_content.hpp"
#include "storage/sqlite/sqlite_database.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

using namespace cong;
using namespace cong::site;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const std::string* header(const http::Response& response, std::string_view name) {
    for (const auto& h : response.headers)
        if (h.name == name) return &h.value;
    return nullptr;
}

http::Request get(std::string path, std::vector<std::pair<std::string, std::string>> params = {},
                  std::string query = {}) {
    http::Request request;
    request.method = http::Method::Get;
    request.path = std::move(path);
    request.target = request.path + (query.empty() ? "" : "?" + query);
    request.query = std::move(query);
    request.path_params = std::move(params);
    request.request_id = "test";
    return request;
}

// A database that is always locked: every transaction fails as SQLite does under a long write.
class BusyDatabase : public storage::Database {
public:
    core::Result<void> backup_to(const std::string&) override { return busy(); }
    core::Result<int> schema_version() override { return busy(); }

protected:
    core::Result<void> transact(bool, const std::function<core::Result<void>(storage::Tx&)>&) override { return busy(); }

private:
    static core::Error busy() { return core::Error{core::Errc::Busy, "database is locked"}; }
};

// A real SQLite database in a fresh directory with the Thọ Xuân site, one category and one article.
class SitePagesWithDatabase : public ::testing::Test {
protected:
    void SetUp() override {
        std::random_device random;
        dir_ = std::filesystem::temp_directory_path() / ("cong-site-test-" + std::to_string(random()));
        std::filesystem::create_directories(dir_);
        core::StorageConfig config;
        config.data_dir = dir_.string();
        auto opened = storage::test_support::open_test_database(config);
        ASSERT_TRUE(opened) << opened.error().detail;
        db_ = std::move(*opened);

        auto frame = fixtures::seed_frame();
        auto article = fixtures::seed_article();
        auto written = db_->write([&](storage::Tx& tx) -> core::Result<void> {
            frame.site.id = 0;
            CONG_TRY(site_id, tx.sites().insert_site(frame.site));
            site_id_ = site_id;
            auto category = frame.categories.back();
            category.id = 0;
            category.site_id = site_id;
            CONG_TRY(category_id, tx.categories().insert_category(category));
            std::map<std::int64_t, std::int64_t> media_ids;
            for (auto [id, media] : article.media) {
                media.id = 0;
                media.site_id = site_id;
                CONG_TRY(stored, tx.media().insert_media(media));
                media_ids[id] = stored;
            }
            // The fixture's document names media 1…9; the database gave the same ids to a fresh library.
            for (const auto& [fixture_id, stored_id] : media_ids)
                if (fixture_id != stored_id) return core::Error{core::Errc::Internal, "unexpected media ids"};
            auto row = article.article;
            row.id = 0;
            row.site_id = site_id;
            row.category_id = category_id;
            CONG_TRY(article_id, tx.articles().insert_article(row));
            std::vector<std::int64_t> shown;
            for (const auto& [fixture_id, stored_id] : media_ids) shown.push_back(stored_id);
            CONG_TRY_VOID(tx.articles().set_article_media(article_id, shown));
            return {};
        });
        ASSERT_TRUE(written) << written.error().detail;
        content_.emplace(*db_, site_id_);
        media_.emplace(*db_, (dir_ / "media").string(), core::MediaConfig{});
    }

    void TearDown() override {
        media_.reset();
        content_.reset();
        db_.reset();
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
    }

    SitePages pages() { return SitePages{*content_, *media_, &fixtures::fixed_now}; }

    std::filesystem::path dir_;
    std::unique_ptr<storage::Database> db_;
    std::int64_t site_id_ = 0;
    std::optional<content::PublishedContent> content_;
    std::optional<media::MediaService> media_;
};

const std::string SEED_SLUG = "ban-thuong-vu-huyen-uy-tho-xuan-hoi-nghi-ban-chap-hanh-dang-bo-huyen-lan-thu-26-nhiem-ky";
const std::string CATEGORY_SLUG = "chien-luoc-dinh-huong-quy-hoach";

}  // namespace

TEST(PageNumber, AbsentIsTheFirstPageAndOnlyPlainNumbersInRangeCount) {
    EXPECT_EQ(parse_page_number(std::nullopt), 1);
    EXPECT_EQ(parse_page_number("1"), 1);
    EXPECT_EQ(parse_page_number("27"), 27);
    EXPECT_EQ(parse_page_number("10000"), 10000);
    for (const char* bad : {"", "0", "-1", "+2", "2a", "abc", "1.5", " 2", "10001", "99999999999999999999"})
        EXPECT_EQ(parse_page_number(std::string(bad)), std::nullopt) << bad;
}

TEST_F(SitePagesWithDatabase, ArticlePageIsServedFromTheDatabase) {
    auto response = pages().show_article(get("/bai-viet/" + SEED_SLUG, {{"slug", SEED_SLUG}}));
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.content_type, "text/html; charset=utf-8");
    EXPECT_TRUE(contains(response.body, "Đăng lúc: 03/04/2024 (GMT+7)"));
    EXPECT_TRUE(contains(response.body, "<figcaption>( Toàn cảnh hội nghị)</figcaption>"));
    EXPECT_TRUE(contains(response.body, "Thứ Năm, 26/11/2026"));
}

TEST_F(SitePagesWithDatabase, UnknownArticleIsTheVietnamese404Page) {
    auto response = pages().show_article(get("/bai-viet/khong-co", {{"slug", "khong-co"}}));
    EXPECT_EQ(response.status, 404);
    EXPECT_TRUE(contains(response.body, "<h1>Không tìm thấy trang</h1>"));
    EXPECT_TRUE(contains(response.body, "Cổng thông tin điện tử huyện Thọ Xuân")) << "the site's own frame";
    auto too_long = std::string(MAX_SLUG_BYTES + 1, 'a');
    EXPECT_EQ(pages().show_article(get("/bai-viet/" + too_long, {{"slug", too_long}})).status, 404);
}

TEST_F(SitePagesWithDatabase, CategoryPagesAnswerOnlyForPagesThatExist) {
    auto listing = pages().show_category(get("/chuyen-muc/" + CATEGORY_SLUG, {{"slug", CATEGORY_SLUG}}));
    EXPECT_EQ(listing.status, 200);
    EXPECT_TRUE(contains(listing.body, "/bai-viet/" + SEED_SLUG));
    EXPECT_EQ(pages().show_category(get("/chuyen-muc/x", {{"slug", CATEGORY_SLUG}}, "trang=1")).status, 200);
    for (const char* query : {"trang=2", "trang=abc", "trang=0", "trang=-1", "trang=999999", "trang="})
        EXPECT_EQ(pages().show_category(get("/chuyen-muc/x", {{"slug", CATEGORY_SLUG}}, query)).status, 404) << query;
    EXPECT_EQ(pages().show_category(get("/chuyen-muc/khong-co", {{"slug", "khong-co"}})).status, 404);
}

TEST_F(SitePagesWithDatabase, CategoryFeedListsItsArticlesAndUnknownCategoriesAre404) {
    auto request = get("/chuyen-muc/" + CATEGORY_SLUG + "/rss.xml", {{"slug", CATEGORY_SLUG}});
    request.headers.push_back({"Host", "127.0.0.1:8080"});
    auto feed = pages().show_category_rss(request);
    EXPECT_EQ(feed.status, 200);
    EXPECT_EQ(feed.content_type, "application/rss+xml; charset=utf-8");
    EXPECT_TRUE(contains(feed.body, "<link>http://127.0.0.1:8080/bai-viet/" + SEED_SLUG + "</link>"));
    EXPECT_TRUE(contains(feed.body, "<pubDate>Wed, 03 Apr 2024 09:15:00 +0700</pubDate>"));
    EXPECT_EQ(pages().show_category_rss(get("/chuyen-muc/khong-co/rss.xml", {{"slug", "khong-co"}})).status, 404);
}

TEST_F(SitePagesWithDatabase, SmallSiteSitemapIsOneUrlsetAndOnlyItsFirstPageExists) {
    auto sitemap = pages().show_sitemap(get("/sitemap.xml"));
    EXPECT_EQ(sitemap.status, 200);
    EXPECT_TRUE(contains(sitemap.body, "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
    EXPECT_TRUE(contains(sitemap.body, "/bai-viet/" + SEED_SLUG + "</loc><lastmod>"));
    EXPECT_EQ(pages().show_sitemap_page(get("/sitemap-1.xml", {{"page", "1.xml"}})).status, 200);
    for (const char* page : {"2.xml", "0.xml", "x.xml", "1"})
        EXPECT_EQ(pages().show_sitemap_page(get("/sitemap-x", {{"page", page}})).status, 404) << page;
}

TEST_F(SitePagesWithDatabase, HomePageListsThePublishedArticle) {
    auto home = pages().show_home(get("/"));
    EXPECT_EQ(home.status, 200);
    EXPECT_TRUE(contains(home.body, "/bai-viet/" + SEED_SLUG));
}

TEST(SitePages, StaticAssetsAreServedWithAYearLongImmutableCache) {
    BusyDatabase db;
    content::PublishedContent content(db, 1);
    media::MediaService media(db, "/nonexistent/media", core::MediaConfig{});
    SitePages pages{content, media, &fixtures::fixed_now};
    auto url = asset_url("site.css");
    auto file = std::string(url.substr(std::string_view("/static/").size()));
    auto response = pages.show_static_asset(get(std::string(url), {{"file", file}}));
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.content_type, "text/css; charset=utf-8");
    EXPECT_EQ(response.cache_control, "public, max-age=31536000, immutable");
    EXPECT_TRUE(contains(response.body, "--text-scale"));
}

TEST(SitePages, UnknownStaticFilesAreNotFound) {
    BusyDatabase db;
    content::PublishedContent content(db, 1);
    media::MediaService media(db, "/nonexistent/media", core::MediaConfig{});
    SitePages pages{content, media, &fixtures::fixed_now};
    auto response = pages.show_static_asset(get("/static/site.00000000.css", {{"file", "site.00000000.css"}}));
    EXPECT_EQ(response.status, 404);
    EXPECT_TRUE(contains(response.body, "Không tìm thấy trang"));
}

TEST(SitePages, ABusyDatabaseGivesAVietnamese503PageNotA500) {
    BusyDatabase db;
    content::PublishedContent content(db, 1);
    media::MediaService media(db, "/nonexistent/media", core::MediaConfig{});
    SitePages pages{content, media, &fixtures::fixed_now};
    auto response = pages.show_home(get("/"));
    EXPECT_EQ(response.status, 503);
    EXPECT_TRUE(contains(response.body, "<h1>Hệ thống đang bận</h1>"));
    EXPECT_EQ(response.cache_control, "no-store");
    ASSERT_NE(header(response, "Retry-After"), nullptr);
    // With no frame to be had, the page still stands, under the generic portal name.
    EXPECT_TRUE(contains(response.body, "<title>Hệ thống đang bận - Cổng thông tin điện tử</title>"));
}

TEST(SitePages, RoutesAnswerTheSitesPaths) {
    BusyDatabase db;
    content::PublishedContent content(db, 1);
    media::MediaService media(db, "/nonexistent/media", core::MediaConfig{});
    SitePages pages{content, media, &fixtures::fixed_now};
    http::Router router;
    add_site_routes(router, pages);
    for (const char* path : {"/", "/chuyen-muc/tin-tuc", "/bai-viet/mot-bai-viet", "/static/site.css",
                             "/chuyen-muc/tin-tuc/rss.xml", "/sitemap-2.xml"})
        EXPECT_NE(router.match(http::Method::Get, path).handler, nullptr) << path;
    EXPECT_EQ(router.match(http::Method::Get, "/khong-co").handler, nullptr);
    ASSERT_NE(router.not_found(), nullptr);
    EXPECT_EQ((*router.not_found())(get("/khong-co")).status, 404);
}
