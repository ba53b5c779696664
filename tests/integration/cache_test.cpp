// The page cache against the real server: repeated reads come from memory, and every change through the
// API shows on the very next request, with no sleep.
#include "cong_process.hpp"

#include <brotli/decode.h>
#include <gtest/gtest.h>

#include "decompress.hpp"
#include <zlib.h>

#include <regex>

using cong::testing::CongProcess;
using cong::testing::field;

namespace {

using cong::testing::gunzip;
using cong::testing::unbrotli;

long metric(const CongProcess& cong, const std::string& name) {
    auto text = cong.request("GET", "/metrics").body;
    std::smatch match;
    if (!std::regex_search(text, match, std::regex("\n" + name + " ([0-9]+)\n"))) return -1;
    return std::stol(match[1].str());
}

bool contains(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

class Cache : public ::testing::Test {
protected:
    void SetUp() override {
        cong_.init();
        cong_.start();
        auto category = cong_.api("POST", "/api/v1/categories", R"({"name": "Tin tức - Sự kiện"})");
        ASSERT_EQ(category.status, 201) << category.body;
    }
    // Creates a published article; returns its id and fills url.
    std::string publish(const std::string& title, std::string& url) {
        auto created = cong_.api("POST", "/api/v1/articles",
                                 R"({"title":")" + title + R"(","lead":"Sa pô của bài.","category":"tin-tuc-su-kien",)"
                                 R"("status":"published","body":{"type":"doc","content":[{"type":"paragraph",)"
                                 R"("content":[{"type":"text","text":"Nội dung bài viết."}]}]}})");
        EXPECT_EQ(created.status, 201) << created.body;
        url = field(created.body, "url");
        return field(created.body, "id");
    }
    // Reads a page twice, so it is in the cache whatever the next request finds.
    std::string read_twice(const std::string& target) {
        cong_.request("GET", target);
        auto page = cong_.request("GET", target);
        EXPECT_EQ(page.status, 200) << target;
        return page.body;
    }
    CongProcess cong_;
};

}  // namespace

TEST_F(Cache, ARepeatedReadIsAnsweredFromTheCache) {
    std::string url;
    publish("Khai mạc Lễ hội Đền thờ Lê Hoàn", url);
    auto first = cong_.request("GET", url);
    ASSERT_EQ(first.status, 200);
    long hits_before = metric(cong_, "cong_page_cache_hits_total");
    ASSERT_GE(hits_before, 0) << "the cache's counters are in /metrics";
    for (int i = 0; i < 5; ++i) {
        auto again = cong_.request("GET", url);
        EXPECT_EQ(again.status, 200);
        EXPECT_EQ(again.body, first.body);
        EXPECT_EQ(again.header("etag"), first.header("etag"));
        EXPECT_FALSE(again.header("x-request-id").empty());
    }
    EXPECT_GE(metric(cong_, "cong_page_cache_hits_total"), hits_before + 5);
    EXPECT_GT(metric(cong_, "cong_page_cache_bytes"), 0);
    auto head = cong_.request("HEAD", url);
    EXPECT_EQ(head.status, 200);
    EXPECT_TRUE(head.body.empty());
    EXPECT_EQ(head.header("content-length"), std::to_string(first.body.size()));
}

TEST_F(Cache, APublishedArticleIsOnTheHomeAndCategoryPagesAtOnce) {
    std::string url;
    publish("Bài thứ nhất về nông thôn mới", url);
    auto home = read_twice("/");
    auto category = read_twice("/chuyen-muc/tin-tuc-su-kien");
    ASSERT_FALSE(contains(home, "Hội nghị tổng kết năm 2026"));
    publish("Hội nghị tổng kết năm 2026", url);
    EXPECT_TRUE(contains(cong_.request("GET", "/").body, "Hội nghị tổng kết năm 2026"));
    EXPECT_TRUE(contains(cong_.request("GET", "/chuyen-muc/tin-tuc-su-kien").body, "Hội nghị tổng kết năm 2026"));
    EXPECT_EQ(cong_.request("GET", url).status, 200);
}

TEST_F(Cache, AnEditedTitleAppearsOnHomeCategoryAndArticleAtOnce) {
    std::string url;
    std::string id = publish("Tiêu đề cũ của bài viết", url);
    std::string other_url;
    publish("Một bài khác cùng chuyên mục", other_url);
    for (const auto& target : {std::string("/"), std::string("/chuyen-muc/tin-tuc-su-kien"), url, other_url}) {
        ASSERT_TRUE(contains(read_twice(target), "Tiêu đề cũ của bài viết")) << target;
    }
    auto updated = cong_.api("PUT", "/api/v1/articles/" + id, R"({"title":"Tiêu đề mới đã sửa"})");
    ASSERT_EQ(updated.status, 200) << updated.body;
    // The other article lists this one among its related articles.
    for (const auto& target : {std::string("/"), std::string("/chuyen-muc/tin-tuc-su-kien"), url, other_url}) {
        auto page = cong_.request("GET", target);
        EXPECT_EQ(page.status, 200) << target;
        EXPECT_TRUE(contains(page.body, "Tiêu đề mới đã sửa")) << target;
        EXPECT_FALSE(contains(page.body, "Tiêu đề cũ của bài viết")) << target;
    }
}

TEST_F(Cache, ADeletedArticleIsGoneEverywhereAtOnce) {
    std::string url;
    std::string id = publish("Bài sẽ bị xóa khỏi cổng", url);
    ASSERT_TRUE(contains(read_twice("/"), "Bài sẽ bị xóa khỏi cổng"));
    ASSERT_TRUE(contains(read_twice("/chuyen-muc/tin-tuc-su-kien"), "Bài sẽ bị xóa khỏi cổng"));
    read_twice(url);
    ASSERT_EQ(cong_.api("DELETE", "/api/v1/articles/" + id).status, 204);
    EXPECT_EQ(cong_.request("GET", url).status, 404);
    EXPECT_FALSE(contains(cong_.request("GET", "/").body, "Bài sẽ bị xóa khỏi cổng"));
    EXPECT_FALSE(contains(cong_.request("GET", "/chuyen-muc/tin-tuc-su-kien").body, "Bài sẽ bị xóa khỏi cổng"));
}

TEST_F(Cache, UnpublishingHidesTheArticleAtOnce) {
    std::string url;
    std::string id = publish("Bài được rút về nháp", url);
    read_twice(url);
    ASSERT_TRUE(contains(read_twice("/"), "Bài được rút về nháp"));
    ASSERT_EQ(cong_.api("PUT", "/api/v1/articles/" + id, R"({"status":"draft"})").status, 200);
    EXPECT_EQ(cong_.request("GET", url).status, 404);
    EXPECT_FALSE(contains(cong_.request("GET", "/").body, "Bài được rút về nháp"));
}

TEST_F(Cache, GzipAndBrotliAnswersDecodeToTheSamePage) {
    std::string url;
    publish("Thông báo lịch tiếp công dân", url);
    for (const auto& target : {std::string("/"), url}) {
        auto identity = cong_.request("GET", target);
        auto gzipped = cong_.request("GET", target, {{"Accept-Encoding", "gzip"}});
        auto brotli = cong_.request("GET", target, {{"Accept-Encoding", "gzip, deflate, br"}});
        ASSERT_EQ(gzipped.header("content-encoding"), "gzip") << target;
        ASSERT_EQ(brotli.header("content-encoding"), "br") << target;
        EXPECT_EQ(gunzip(gzipped.body), identity.body) << target;
        EXPECT_EQ(unbrotli(brotli.body), identity.body) << target;
        EXPECT_EQ(brotli.header("vary"), "Accept-Encoding");
        // A browser that has the page gets 304 with no body.
        auto revalidated = cong_.request("GET", target, {{"Accept-Encoding", "br"}, {"If-None-Match", brotli.header("etag")}});
        EXPECT_EQ(revalidated.status, 304) << target;
        EXPECT_TRUE(revalidated.body.empty());
    }
}

TEST_F(Cache, ErrorsAndTheApiAreNeverKept) {
    long stores = metric(cong_, "cong_page_cache_stores_total");
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(cong_.request("GET", "/bai-viet/khong-co-bai-nay").status, 404);
        EXPECT_EQ(cong_.request("GET", "/khong-co-trang-nay-" + std::to_string(i)).status, 404);
        EXPECT_EQ(cong_.api("GET", "/api/v1/categories").status, 200);
        // A query the home page does not read is rendered each time instead of filling the cache.
        EXPECT_EQ(cong_.request("GET", "/?x=" + std::to_string(i)).status, 200);
    }
    EXPECT_EQ(metric(cong_, "cong_page_cache_stores_total"), stores);
}

TEST(CacheOff, TheCacheCanBeTurnedOffAndPagesStillChange) {
    CongProcess cong;
    cong.init();
    cong.start({"CONG_CACHE_ENABLED=false"});
    ASSERT_EQ(cong.api("POST", "/api/v1/categories", R"({"name": "Tin tức - Sự kiện"})").status, 201);
    EXPECT_EQ(cong.request("GET", "/").status, 200);
    EXPECT_EQ(cong.request("GET", "/").status, 200);
    EXPECT_EQ(metric(cong, "cong_page_cache_hits_total"), -1) << "no cache, no counters";
}
