#include "search/result_cache.hpp"

#include "search/search_service.hpp"
#include "search/test_corpus.hpp"

#include <gtest/gtest.h>

namespace cong::search {
namespace {

core::Timestamp seconds(std::int64_t s) { return core::Timestamp{std::chrono::seconds{s}}; }

// The time the cache reads, moved by the tests.
core::Timestamp fake_now_value = seconds(1'800'000'000);
core::Timestamp fake_now() { return fake_now_value; }

std::shared_ptr<const SearchResults> answer(std::int64_t total) {
    auto results = std::make_shared<SearchResults>();
    results->total = total;
    results->has_terms = true;
    return results;
}

TEST(ResultCache, KeepsAnAnswerUntilContentChanges) {
    ResultCache cache;
    auto key = result_cache_key({.query = "nông thôn mới"});
    EXPECT_EQ(cache.find(key), nullptr);
    cache.store(key, answer(7), cache.generation());
    ASSERT_NE(cache.find(key), nullptr);
    EXPECT_EQ(cache.find(key)->total, 7);
    cache.content_changed({core::article_tag(42)});
    EXPECT_EQ(cache.find(key), nullptr);
    auto stats = cache.stats();
    EXPECT_EQ(stats.hits, 2u);
    EXPECT_EQ(stats.misses, 2u);
    EXPECT_EQ(stats.invalidations, 1u);
    EXPECT_EQ(stats.entries, 0u);
}

TEST(ResultCache, AnAnswerReadWhileContentChangedIsNotKept) {
    ResultCache cache;
    auto key = result_cache_key({.query = "đường"});
    auto before = cache.generation();
    cache.content_changed({core::listing_tag(1)});  // a publish commits while the search reads
    cache.store(key, answer(3), before);
    EXPECT_EQ(cache.find(key), nullptr);
}

TEST(ResultCache, AnswersExpireSoScheduledArticlesAppearWithinTheMaxAge) {
    ResultCache cache({.max_age = std::chrono::seconds{60}, .now = fake_now});
    fake_now_value = seconds(1'800'000'000);
    auto key = result_cache_key({.query = "lịch tiếp dân"});
    cache.store(key, answer(1), cache.generation());
    fake_now_value = seconds(1'800'000'059);
    EXPECT_NE(cache.find(key), nullptr);
    fake_now_value = seconds(1'800'000'060);
    EXPECT_EQ(cache.find(key), nullptr);
    EXPECT_EQ(cache.stats().entries, 0u);
}

TEST(ResultCache, TheLeastRecentlyUsedAnswerMakesRoom) {
    ResultCache cache({.max_entries = 2});
    auto a = result_cache_key({.query = "a"});
    auto b = result_cache_key({.query = "b"});
    auto c = result_cache_key({.query = "c"});
    cache.store(a, answer(1), cache.generation());
    cache.store(b, answer(2), cache.generation());
    EXPECT_NE(cache.find(a), nullptr);  // a is now more recent than b
    cache.store(c, answer(3), cache.generation());
    EXPECT_NE(cache.find(a), nullptr);
    EXPECT_EQ(cache.find(b), nullptr);
    EXPECT_NE(cache.find(c), nullptr);
    EXPECT_EQ(cache.stats().evictions, 1u);
}

TEST(ResultCache, MemoryIsBoundedByTheAnswersText) {
    ResultCache cache({.max_bytes = 16 * 1024});
    auto big = std::make_shared<SearchResults>();
    for (int i = 0; i < 10; ++i) {
        SearchResult result;
        result.article.lead = std::string(1000, 'x');
        big->results.push_back(std::move(result));
    }
    cache.store(result_cache_key({.query = "x"}), big, cache.generation());
    cache.store(result_cache_key({.query = "y"}), big, cache.generation());
    auto stats = cache.stats();
    EXPECT_EQ(stats.entries, 1u);
    EXPECT_LE(stats.bytes, 16u * 1024);
    EXPECT_GE(stats.bytes, 10u * 1000);
}

TEST(ResultCache, EveryFieldOfTheRequestIsPartOfTheKey) {
    SearchRequest base{.query = "thuỷ lợi"};
    auto key = result_cache_key(base);
    EXPECT_NE(key, result_cache_key({.query = "thủy lợi"}));  // exact spellings rank differently
    EXPECT_NE(key, result_cache_key({.query = "thuỷ lợi", .page = 2}));
    EXPECT_NE(key, result_cache_key({.query = "thuỷ lợi", .category_slug = "tin-xa"}));
    EXPECT_NE(key, result_cache_key({.query = "thuỷ lợi", .from = seconds(1)}));
    EXPECT_NE(key, result_cache_key({.query = "thuỷ lợi", .until = seconds(1)}));
    // Fields are length-prefixed: moving bytes from one field to the next never gives the same key.
    EXPECT_NE(result_cache_key({.query = "b", .category_slug = "a"}),
              result_cache_key({.query = std::string("1:a", 3) + "b", .category_slug = ""}));
    EXPECT_EQ(key, result_cache_key(base));
}

TEST(ResultCache, TheServiceAnswersFromItUntilAChangeIsHeard) {
    testing::TestCorpus corpus;
    corpus.add({.title = "Nạo vét kênh mương nội đồng", .published_at = 1'700'000'000});
    ResultCache cache;
    SearchService service(corpus.database(), corpus.site_id(), &cache);
    auto now = seconds(1'800'000'000);
    EXPECT_EQ(service.search({.query = "kênh mương"}, now)->total, 1);
    // Written below the services, so nobody told the cache: the kept answer stands.
    corpus.add({.title = "Kênh mương xã Xuân Hồng", .published_at = 1'700'000'100});
    EXPECT_EQ(service.search({.query = "kênh mương"}, now)->total, 1);
    EXPECT_EQ(cache.stats().hits, 1u);
    // What ArticleService tells its listener after the commit.
    cache.content_changed({core::article_tag(2), core::listing_tag(corpus.site_id())});
    auto fresh = service.search({.query = "kênh mương"}, now);
    ASSERT_TRUE(fresh);
    EXPECT_EQ(fresh->total, 2);
    EXPECT_EQ(fresh->results[0].title.text(), "Kênh mương xã Xuân Hồng");
}

TEST(ResultCache, ASynonymChangeIsSeenAtOnceEvenWithoutAChangeEvent) {
    testing::TestCorpus corpus;
    corpus.add({.title = "Diễn tập phòng cháy chữa cháy"});
    ResultCache cache;
    SearchService service(corpus.database(), corpus.site_id(), &cache);
    auto now = seconds(1'800'000'000);
    EXPECT_EQ(service.search({.query = "PCCC"}, now)->total, 0);
    // As `cong search synonyms set` does from another process: this server's cache hears nothing.
    ASSERT_TRUE(service.set_synonym({"PCCC", "phòng cháy chữa cháy"}, audit::Actor::system("test")));
    EXPECT_EQ(service.search({.query = "PCCC"}, now)->total, 1);
    ASSERT_TRUE(service.remove_synonym("PCCC", audit::Actor::system("test")));
    EXPECT_EQ(service.search({.query = "PCCC"}, now)->total, 0);
}

}  // namespace
}  // namespace cong::search
