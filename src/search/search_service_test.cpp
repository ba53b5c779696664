#include "search/search_service.hpp"
#include "search/test_corpus.hpp"

#include <gtest/gtest.h>

namespace cong::search {
namespace {

core::Timestamp seconds(std::int64_t s) { return core::Timestamp{std::chrono::seconds{s}}; }

TEST(SearchService, ResultsArePagedWithTotalsAndHighlightedInTheOriginalText) {
    testing::TestCorpus corpus;
    for (int i = 0; i < 23; ++i)
        corpus.add({.title = "Đường giao thông số " + std::to_string(i), .body = "Con đường <b>mới</b> rộng 7 m.",
                    .published_at = 1'700'000'000 + i});
    SearchService service(corpus.database(), corpus.site_id());
    auto first = service.search({.query = "duong"}, seconds(1'800'000'000));
    ASSERT_TRUE(first) << first.error().detail;
    EXPECT_EQ(first->total, 23);
    EXPECT_EQ(first->page_count, 3);
    ASSERT_EQ(first->results.size(), 10u);
    EXPECT_EQ(first->results[0].title.text(), "Đường giao thông số 22");  // equals: the newest first
    ASSERT_GE(first->results[0].title.spans.size(), 1u);
    EXPECT_TRUE(first->results[0].title.spans[0].match);
    EXPECT_EQ(first->results[0].title.spans[0].text, "Đường");
    // The snippet is the original text, markup characters and all; escaping is the view's job.
    EXPECT_EQ(first->results[0].snippet.text(), "Con đường <b>mới</b> rộng 7 m");
    ASSERT_TRUE(first->results[0].category);
    EXPECT_EQ(first->results[0].category->slug, "tin-tuc");

    auto third = service.search({.query = "duong", .page = 3}, seconds(1'800'000'000));
    ASSERT_TRUE(third);
    EXPECT_EQ(third->results.size(), 3u);
    auto beyond = service.search({.query = "duong", .page = 4}, seconds(1'800'000'000));
    ASSERT_TRUE(beyond);
    EXPECT_TRUE(beyond->results.empty());
    EXPECT_EQ(beyond->total, 23);
}

TEST(SearchService, BadRequestsAreRefusedAndEmptyQueriesFindNothing) {
    testing::TestCorpus corpus;
    corpus.add({.title = "Thông báo"});
    SearchService service(corpus.database(), corpus.site_id());
    auto now = seconds(1'800'000'000);
    auto page = service.search({.query = "a", .page = 0}, now);
    ASSERT_FALSE(page);
    EXPECT_EQ(page.error().field, "page");
    auto category = service.search({.query = "thong", .category_slug = "khong-co"}, now);
    ASSERT_FALSE(category);
    EXPECT_EQ(category.error().field, "category");
    auto range = service.search({.query = "thong", .from = seconds(20), .until = seconds(10)}, now);
    ASSERT_FALSE(range);
    auto empty = service.search({.query = ""}, now);
    ASSERT_TRUE(empty);
    EXPECT_FALSE(empty->has_terms);
    EXPECT_EQ(empty->total, 0);
    auto symbols = service.search({.query = "\"*:"}, now);
    ASSERT_TRUE(symbols);
    EXPECT_FALSE(symbols->has_terms);
}

TEST(SearchService, SynonymsCanBeEditedAndTakeEffectAtOnce) {
    testing::TestCorpus corpus;
    corpus.add({.title = "Diễn tập phòng cháy chữa cháy"});
    SearchService service(corpus.database(), corpus.site_id());
    auto now = seconds(1'800'000'000);
    EXPECT_EQ(service.search({.query = "PCCC"}, now)->total, 0);
    ASSERT_TRUE(service.set_synonym({"PCCC", "phòng cháy chữa cháy"}));
    EXPECT_EQ(service.search({.query = "PCCC"}, now)->total, 1);
    EXPECT_FALSE(service.set_synonym({"P CC", "x"}));
    EXPECT_FALSE(service.set_synonym({"", "x"}));
    ASSERT_TRUE(service.remove_synonym("pccc"));
    EXPECT_EQ(service.search({.query = "PCCC"}, now)->total, 0);
}

}  // namespace
}  // namespace cong::search

namespace cong::search {
namespace {

TEST(SearchService, AWordInMoreArticlesThanTheCountLimitSaysMoreThan) {
    testing::TestCorpus corpus;
    auto written = corpus.database().write([&](storage::Tx& tx) -> core::Result<void> {
        for (int i = 0; i < COUNT_LIMIT + 5; ++i) {
            testing::CorpusArticle a{.title = "Tin huyện số " + std::to_string(i), .published_at = 1'700'000'000 + i};
            if (i == 3) a.title = "Huyện huyện huyện";  // the best match, far older than the ranking window
            CONG_TRY_VOID(corpus.add(tx, a));
        }
        return {};
    });
    ASSERT_TRUE(written);
    SearchService service(corpus.database(), corpus.site_id());
    auto found = service.search({.query = "huyen"}, seconds(1'800'000'000));
    ASSERT_TRUE(found);
    EXPECT_FALSE(found->total_exact);
    EXPECT_EQ(found->total, COUNT_LIMIT);
    EXPECT_EQ(found->page_count, MAX_PAGE);
    EXPECT_EQ(found->results.size(), 10u);
    // Only the newest RANK_WINDOW matches are ranked: the newest article comes first among equals.
    EXPECT_EQ(found->results[0].article.title, "Tin huyện số " + std::to_string(COUNT_LIMIT + 4));
    auto last = service.search({.query = "huyen", .page = MAX_PAGE}, seconds(1'800'000'000));
    ASSERT_TRUE(last);
    EXPECT_EQ(last->results.size(), 10u);
}

}  // namespace
}  // namespace cong::search
