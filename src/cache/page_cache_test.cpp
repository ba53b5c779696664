#include "cache/page_cache.hpp"

#include "http/response_policy.hpp"

#include <brotli/decode.h>
#include <gtest/gtest.h>

#include "decompress.hpp"
#include <zlib.h>

#include <thread>

using namespace cong;
using cache::PageCache;
using cache::PageCacheOptions;

namespace {

using cong::testing::gunzip;
using cong::testing::unbrotli;

std::string page_text(std::string_view title, std::size_t repeat = 50) {
    std::string page = "<!doctype html><html lang=\"vi\"><title>" + std::string(title) + "</title><body>";
    for (std::size_t i = 0; i < repeat; ++i) page += "<p>Thứ Năm, 26/11/2026 — tin tức của xã Thọ Xuân.</p>";
    return page + "</body></html>";
}

http::Request get(std::string path, std::string accept_encoding = "") {
    http::Request request;
    request.method = http::Method::Get;
    request.path = std::move(path);
    request.target = request.path;
    if (!accept_encoding.empty()) request.headers.push_back({"Accept-Encoding", std::move(accept_encoding)});
    return request;
}

http::Response page(std::string_view title, std::vector<std::string> tags, std::size_t repeat = 50) {
    auto response = http::Response::html(page_text(title, repeat));
    response.cache_tags = std::move(tags);
    return response;
}

// 10:00 in Vietnam on Thursday 26/11/2026.
core::Timestamp fixed_now = core::Timestamp{std::chrono::sys_days{std::chrono::year{2026} / 11 / 26}} + std::chrono::hours{3};
core::Timestamp test_now() { return fixed_now; }

PageCacheOptions one_shard(std::size_t max_bytes = 1 << 20) {
    PageCacheOptions options;
    options.max_bytes = max_bytes;
    options.shards = 1;
    options.now = test_now;
    options.max_age = std::chrono::hours{24};
    return options;
}

const std::string* header(const http::Response& response, std::string_view name) {
    return http::find_header(response, name);
}

std::string body(const http::Response& response) { return response.shared_body ? *response.shared_body : response.body; }

}  // namespace

TEST(PageCache, AStoredPageIsAnsweredWithTheSameBytesAndETag) {
    PageCache cache(one_shard());
    auto request = get("/bai-viet/le-hoi");
    EXPECT_FALSE(cache.lookup(request));
    ASSERT_TRUE(cache.store(request, page("Lễ hội", {"article:1"}), cache.generation()));
    auto hit = cache.lookup(request);
    ASSERT_TRUE(hit);
    EXPECT_EQ(hit->status, 200);
    EXPECT_EQ(body(*hit), page_text("Lễ hội"));
    ASSERT_TRUE(header(*hit, "ETag"));
    EXPECT_EQ(*header(*hit, "ETag"), http::strong_etag(page_text("Lễ hội")));
    EXPECT_EQ(hit->cache_control, "no-cache");
    auto stats = cache.stats();
    EXPECT_EQ(stats.hits, 1u);
    EXPECT_EQ(stats.misses, 1u);
    EXPECT_EQ(stats.entries, 1u);
}

TEST(PageCache, EveryHitSharesTheStoredBytesInsteadOfCopyingThem) {
    PageCache cache(one_shard());
    auto request = get("/");
    ASSERT_TRUE(cache.store(request, page("Trang chủ", {"listing:1"}), cache.generation()));
    auto first = cache.lookup(request);
    auto second = cache.lookup(request);
    ASSERT_TRUE(first && second && first->shared_body);
    EXPECT_EQ(first->shared_body.get(), second->shared_body.get());
}

TEST(PageCache, GzipAndBrotliBodiesDecodeToTheIdentityBody) {
    PageCache cache(one_shard());
    ASSERT_TRUE(cache.store(get("/"), page("Trang chủ", {"listing:1"}), cache.generation()));
    auto identity = cache.lookup(get("/"));
    auto gzipped = cache.lookup(get("/", "gzip, deflate"));
    auto brotli = cache.lookup(get("/", "gzip, br"));
    ASSERT_TRUE(identity && gzipped && brotli);
    EXPECT_FALSE(header(*identity, "Content-Encoding"));
    ASSERT_TRUE(header(*gzipped, "Content-Encoding"));
    EXPECT_EQ(*header(*gzipped, "Content-Encoding"), "gzip");
    ASSERT_TRUE(header(*brotli, "Content-Encoding"));
    EXPECT_EQ(*header(*brotli, "Content-Encoding"), "br");
    EXPECT_EQ(gunzip(body(*gzipped)), body(*identity));
    EXPECT_EQ(unbrotli(body(*brotli)), body(*identity));
    EXPECT_LT(body(*brotli).size(), body(*identity).size() / 4);
    EXPECT_EQ(*header(*gzipped, "Vary"), "Accept-Encoding");
    // Each variant has its own tag, so a cache in between never mixes them up.
    EXPECT_NE(*header(*gzipped, "ETag"), *header(*identity, "ETag"));
    EXPECT_NE(*header(*brotli, "ETag"), *header(*gzipped, "ETag"));
}

TEST(PageCache, AMatchingIfNoneMatchGets304WithoutABody) {
    PageCache cache(one_shard());
    ASSERT_TRUE(cache.store(get("/"), page("Trang chủ", {"listing:1"}), cache.generation()));
    auto full = cache.lookup(get("/", "br"));
    ASSERT_TRUE(full);
    auto again = get("/", "br");
    again.headers.push_back({"If-None-Match", *header(*full, "ETag")});
    auto answer = cache.lookup(again);
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 304);
    EXPECT_FALSE(answer->shared_body);
    EXPECT_TRUE(answer->body.empty());
}

TEST(PageCache, ChangingATagDropsExactlyThePagesThatCarryIt) {
    PageCache cache(one_shard());
    ASSERT_TRUE(cache.store(get("/bai-viet/a"), page("A", {"site:1", "article:1", "category:1"}), cache.generation()));
    ASSERT_TRUE(cache.store(get("/bai-viet/b"), page("B", {"site:1", "article:2", "category:2"}), cache.generation()));
    ASSERT_TRUE(cache.store(get("/"), page("Trang chủ", {"site:1", "listing:1"}), cache.generation()));
    cache.content_changed({"article:1", "listing:1"});
    EXPECT_FALSE(cache.lookup(get("/bai-viet/a")));
    EXPECT_FALSE(cache.lookup(get("/")));
    EXPECT_TRUE(cache.lookup(get("/bai-viet/b")));
    EXPECT_EQ(cache.stats().invalidations, 2u);
    cache.content_changed({"site:1"});
    EXPECT_FALSE(cache.lookup(get("/bai-viet/b")));
    EXPECT_EQ(cache.stats().bytes, 0u);
}

TEST(PageCache, APageRenderedWhileContentChangedIsNotKept) {
    PageCache cache(one_shard());
    auto before = cache.generation();
    cache.content_changed({"article:9"});
    EXPECT_FALSE(cache.store(get("/"), page("Trang chủ cũ", {"listing:1"}), before));
    EXPECT_FALSE(cache.lookup(get("/")));
}

TEST(PageCache, StaysWithinItsBudgetByDroppingTheLeastRecentlyReadPage) {
    auto one = page("Một", {"article:1"});
    PageCache probe(one_shard());
    ASSERT_TRUE(probe.store(get("/a"), one, probe.generation()));
    auto entry_bytes = probe.stats().bytes;  // identity, the compressed copies and bookkeeping
    PageCache cache(one_shard(entry_bytes * 2 + entry_bytes / 2));
    ASSERT_TRUE(cache.store(get("/a"), one, cache.generation()));
    ASSERT_TRUE(cache.store(get("/b"), page("Hai", {"article:2"}), cache.generation()));
    ASSERT_TRUE(cache.lookup(get("/a")));  // /a is read, /b is not
    ASSERT_TRUE(cache.store(get("/c"), page("Ba", {"article:3"}), cache.generation()));
    EXPECT_TRUE(cache.lookup(get("/a")));
    EXPECT_FALSE(cache.lookup(get("/b")));
    EXPECT_TRUE(cache.lookup(get("/c")));
    auto stats = cache.stats();
    EXPECT_EQ(stats.evictions, 1u);
    EXPECT_LE(stats.bytes, entry_bytes * 2 + entry_bytes / 2);
}

TEST(PageCache, MemoryNeverExceedsTheBudgetUnderManyDistinctPages) {
    PageCache cache(one_shard(256 * 1024));
    for (int i = 0; i < 2000; ++i) {
        cache.store(get("/chuyen-muc/x?trang=" + std::to_string(i)), page("Trang " + std::to_string(i), {"category:1"}),
                    cache.generation());
        ASSERT_LE(cache.stats().bytes, 256u * 1024u);
    }
    EXPECT_GT(cache.stats().evictions, 1000u);
}

TEST(PageCache, KeptBodiesHoldNoMoreMemoryThanTheyCount) {
    PageCache cache(one_shard(4 << 20));
    auto response = page("Bài dài", {"article:1"}, 400);
    response.body.reserve(1 << 20);  // a renderer that grew its buffer well past the page
    auto request = get("/bai-viet/bai-dai");
    ASSERT_TRUE(cache.store(request, response, cache.generation()));
    std::size_t held = 0;
    for (const char* encoding : {"identity", "gzip", "br"}) {
        auto hit = cache.lookup(get("/bai-viet/bai-dai", encoding));
        ASSERT_TRUE(hit && hit->shared_body) << encoding;
        // The compressors reserve about the input's size; a kept body is trimmed to its own.
        EXPECT_LE(hit->shared_body->capacity(), hit->shared_body->size() + 32) << encoding;
        held += hit->shared_body->capacity();
    }
    auto bytes = cache.stats().bytes;
    EXPECT_GE(bytes, held);
    EXPECT_LT(bytes, held + 4096);
}

TEST(PageCache, KeepsNothingPersonalFailedOrUntagged) {
    PageCache cache(one_shard());
    auto with_cookie = page("A", {"article:1"});
    with_cookie.header("Set-Cookie", "phien=1; HttpOnly");
    EXPECT_FALSE(cache.store(get("/a"), with_cookie, cache.generation()));
    auto missing = page("Không tìm thấy", {"site:1"});
    missing.status = 404;
    EXPECT_FALSE(cache.store(get("/b"), missing, cache.generation()));
    EXPECT_FALSE(cache.store(get("/c"), page("C", {}), cache.generation()));
    auto no_store = page("D", {"site:1"});
    no_store.cache_control = "no-store";
    EXPECT_FALSE(cache.store(get("/d"), no_store, cache.generation()));
    EXPECT_FALSE(cache.store(get("/api/v1/articles"), page("E", {"site:1"}), cache.generation()));
    auto post = get("/f");
    post.method = http::Method::Post;
    EXPECT_FALSE(cache.store(post, page("F", {"site:1"}), cache.generation()));
    EXPECT_EQ(cache.stats().entries, 0u);
}

TEST(PageCache, TheQueryStringIsPartOfTheKey) {
    PageCache cache(one_shard());
    auto second = get("/chuyen-muc/tin-tuc");
    second.query = "trang=2";
    ASSERT_TRUE(cache.store(second, page("Trang 2", {"category:1"}), cache.generation()));
    EXPECT_FALSE(cache.lookup(get("/chuyen-muc/tin-tuc")));
    EXPECT_TRUE(cache.lookup(second));
}

TEST(PageCache, TwoSitesServedByOneInstallationNeverShareAPage) {
    PageCache cache(one_shard());
    auto province = get("/");
    province.headers.push_back({"Host", "thanhhoa.gov.vn"});
    auto commune = get("/");
    commune.headers.push_back({"Host", "thoxuan.thanhhoa.gov.vn"});
    ASSERT_TRUE(cache.store(province, page("Cổng tỉnh", {"site:1"}), cache.generation()));
    EXPECT_FALSE(cache.lookup(commune));
    ASSERT_TRUE(cache.store(commune, page("Cổng huyện", {"site:2"}), cache.generation()));

    auto province_hit = cache.lookup(province);
    auto commune_hit = cache.lookup(commune);
    ASSERT_TRUE(province_hit);
    ASSERT_TRUE(commune_hit);
    EXPECT_EQ(body(*province_hit), page_text("Cổng tỉnh"));
    EXPECT_EQ(body(*commune_hit), page_text("Cổng huyện"));
    EXPECT_EQ(cache.stats().entries, 2u);
    // Without a Host (HTTP/1.0) a request is a third site, not either of these.
    EXPECT_FALSE(cache.lookup(get("/")));
}

TEST(PageCache, TheSameHostWrittenWithCapitalsAPortOrAFinalDotIsTheSameSite) {
    PageCache cache(one_shard());
    auto plain = get("/chuyen-muc/tin-tuc");
    plain.headers.push_back({"Host", "thoxuan.thanhhoa.gov.vn"});
    ASSERT_TRUE(cache.store(plain, page("Tin tức", {"category:1"}), cache.generation()));
    for (const char* host : {"ThoXuan.ThanhHoa.gov.vn", "thoxuan.thanhhoa.gov.vn:8080", "thoxuan.thanhhoa.gov.vn."}) {
        auto request = get("/chuyen-muc/tin-tuc");
        request.headers.push_back({"Host", host});
        EXPECT_TRUE(cache.lookup(request)) << host;
    }
    EXPECT_EQ(cache::cache_host("[::1]:8080"), "[::1]");
    EXPECT_EQ(cache::cache_host("127.0.0.1:8080"), "127.0.0.1");
    EXPECT_EQ(cache::cache_host(""), "");
}

TEST(PageCache, MadeUpHostsShareTheDefaultSitesPagesInsteadOfMissingEveryTime) {
    auto options = one_shard();
    options.site_hosts = {"ThoXuan.ThanhHoa.gov.vn", "xuanlai.thanhhoa.gov.vn"};
    PageCache cache(options);
    auto with_host = [](std::string host) {
        auto request = get("/");
        request.headers.push_back({"Host", std::move(host)});
        return request;
    };
    ASSERT_TRUE(cache.store(get("/"), page("Cổng mặc định", {"site:1"}), cache.generation()));
    for (int i = 0; i < 100; ++i) {
        auto hit = cache.lookup(with_host("khong-co-" + std::to_string(i) + ".example"));
        ASSERT_TRUE(hit) << i;
        EXPECT_EQ(body(*hit), page_text("Cổng mặc định"));
    }
    // A site's own host, however it is written, is still its own entry.
    EXPECT_FALSE(cache.lookup(with_host("thoxuan.thanhhoa.gov.vn:443")));
    ASSERT_TRUE(cache.store(with_host("thoxuan.thanhhoa.gov.vn"), page("Thọ Xuân", {"site:2"}), cache.generation()));
    auto hit = cache.lookup(with_host("THOXUAN.thanhhoa.gov.vn"));
    ASSERT_TRUE(hit);
    EXPECT_EQ(body(*hit), page_text("Thọ Xuân"));
    EXPECT_EQ(cache.stats().entries, 2u);
}

TEST(PageCache, APageRenderedBeforeMidnightInVietnamIsNotServedAfterIt) {
    static core::Timestamp now = core::Timestamp{std::chrono::sys_days{std::chrono::year{2026} / 11 / 26}} +
                                 std::chrono::hours{16} + std::chrono::minutes{59};  // 23:59 in Vietnam
    auto options = one_shard();
    options.now = [] { return now; };
    PageCache cache(options);
    ASSERT_TRUE(cache.store(get("/"), page("Trang chủ", {"listing:1"}), cache.generation()));
    EXPECT_TRUE(cache.lookup(get("/")));
    now += std::chrono::minutes{1};  // 00:00 on Friday in Vietnam
    EXPECT_FALSE(cache.lookup(get("/")));
}

TEST(PageCache, NextVietnamMidnightIsSeventeenHundredUtc) {
    auto t = core::Timestamp{std::chrono::sys_days{std::chrono::year{2026} / 11 / 26}} + std::chrono::hours{3};
    auto midnight = cache::next_vietnam_midnight(t);
    EXPECT_EQ(midnight, core::Timestamp{std::chrono::sys_days{std::chrono::year{2026} / 11 / 26}} + std::chrono::hours{17});
    // Just after midnight in Vietnam (17:00 UTC), the next one is a day later.
    EXPECT_EQ(cache::next_vietnam_midnight(midnight), midnight + std::chrono::days{1});
}

TEST(PageCache, ConcurrentReadersAndWritersSeeWholePagesOnly) {
    PageCacheOptions options;
    options.max_bytes = 512 * 1024;
    options.now = test_now;
    PageCache cache(options);
    for (int i = 0; i < 8; ++i) {
        ASSERT_TRUE(cache.store(get("/p" + std::to_string(i)), page("P" + std::to_string(i), {"article:" + std::to_string(i)}),
                                cache.generation()));
    }
    std::atomic<int> wrong{0};
    std::atomic<int> hits{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int n = 0; n < 2000; ++n) {
                int i = (n + t) % 8;
                auto path = "/p" + std::to_string(i);
                if (t == 3 && n % 50 == 0) {
                    cache.content_changed({"article:" + std::to_string(i)});
                    cache.store(get(path), page("P" + std::to_string(i), {"article:" + std::to_string(i)}),
                                cache.generation());
                    continue;
                }
                auto hit = cache.lookup(get(path, n % 2 ? "gzip" : ""));
                if (!hit) continue;
                hits.fetch_add(1);
                auto bytes = n % 2 ? gunzip(*hit->shared_body) : *hit->shared_body;
                if (bytes != page_text("P" + std::to_string(i))) wrong.fetch_add(1);
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(wrong.load(), 0);
    EXPECT_GT(hits.load(), 4000);
}

TEST(PageCache, MetricsNameHitsMissesEvictionsAndBytes) {
    PageCache cache(one_shard());
    ASSERT_TRUE(cache.store(get("/"), page("Trang chủ", {"listing:1"}), cache.generation()));
    cache.lookup(get("/"));
    std::string text;
    cache.write_metrics(text);
    EXPECT_NE(text.find("cong_page_cache_hits_total 1\n"), std::string::npos);
    EXPECT_NE(text.find("cong_page_cache_misses_total 0\n"), std::string::npos);
    EXPECT_NE(text.find("cong_page_cache_evictions_total 0\n"), std::string::npos);
    EXPECT_NE(text.find("# TYPE cong_page_cache_bytes gauge\ncong_page_cache_bytes "), std::string::npos);
}
