#include "search/search_service.hpp"

#include "media/media_service.hpp"
#include "search/article_index.hpp"
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
    audit::Actor admin{std::nullopt, "quantri", "127.0.0.1"};  // no account row in the corpus: the login alone
    ASSERT_TRUE(service.set_synonym({"PCCC", "phòng cháy chữa cháy"}, admin));
    EXPECT_EQ(service.search({.query = "PCCC"}, now)->total, 1);
    // And the other way: the full form typed finds the article that only has the abbreviation.
    corpus.add({.title = "Tổng kết công tác PCCC năm 2024"});
    EXPECT_EQ(service.search({.query = "phong chay chua chay "}, now)->total, 2);
    EXPECT_FALSE(service.set_synonym({"P CC", "x"}, admin));
    EXPECT_FALSE(service.set_synonym({"", "x"}, admin));
    EXPECT_FALSE(service.set_synonym({"ABC", "  ,;  "}, admin));
    EXPECT_FALSE(service.set_synonym({std::string(30, 'A'), "x"}, admin));
    // A second spelling replaces the full form and keeps the first spelling.
    auto replaced = service.set_synonym({"pccc", "phòng cháy, chữa cháy"}, admin);
    ASSERT_TRUE(replaced) << replaced.error().detail;
    EXPECT_EQ(replaced->abbreviation, "PCCC");
    ASSERT_TRUE(service.remove_synonym("pccc", admin));
    EXPECT_EQ(service.remove_synonym("pccc", admin).error().code, core::Errc::NotFound);

    auto log = corpus.database().read([](storage::Tx& tx) {
        return tx.audit().list_audit({.action_prefix = "search.synonym."});
    });
    ASSERT_TRUE(log) << log.error().detail;
    ASSERT_EQ(log->size(), 3u);  // newest first
    EXPECT_EQ((*log)[0].action, "search.synonym.remove");
    EXPECT_EQ((*log)[1].detail, "PCCC → phòng cháy, chữa cháy (trước: phòng cháy chữa cháy)");
    EXPECT_EQ((*log)[2].login, "quantri");
    // Removed: the abbreviation finds only where it is written.
    EXPECT_EQ(service.search({.query = "PCCC"}, now)->total, 1);
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

namespace cong::search {
namespace {

TEST(SearchService, EditingAPhotoCaptionReindexesTheArticlesShowingIt) {
    testing::TestCorpus corpus;
    auto now = seconds(1'800'000'000);
    std::int64_t photo_id = 0, showing = 0;
    auto written = corpus.database().write([&](storage::Tx& tx) -> core::Result<void> {
        model::Media photo;
        photo.site_id = corpus.site_id();
        photo.sha256 = std::string(64, 'a');
        photo.extension = "jpg";
        photo.content_type = "image/jpeg";
        photo.original_name = "kenh.jpg";
        photo.caption = "Công trình thủy lợi";
        photo.width = photo.height = 100;
        photo.bytes = 1000;
        CONG_TRY(id, tx.media().insert_media(photo));
        photo_id = id;
        CONG_TRY(article_id, corpus.add(tx, {.title = "Huyện hoàn thành công trình trước mùa mưa"}));
        showing = article_id;
        CONG_TRY(other, corpus.add(tx, {.title = "Hội nghị tổng kết năm"}));
        (void)other;
        CONG_TRY_VOID(tx.articles().set_article_media(showing, {photo_id}));
        CONG_TRY(article, tx.articles().find_article(showing));
        return reindex_article(tx, *article);
    });
    ASSERT_TRUE(written) << written.error().detail;
    SearchService service(corpus.database(), corpus.site_id());
    EXPECT_EQ(service.search({.query = "thuy loi "}, now)->total, 1);
    EXPECT_EQ(service.search({.query = "kenh muong "}, now)->total, 0);

    media::MediaService media(corpus.database(), (corpus.directory() / "media").string(), core::MediaConfig{});
    auto edited = media.update(corpus.site_id(), photo_id, {.caption = "Kênh mương nội đồng xã Xuân Lập"},
                               audit::Actor::system("cli"));
    ASSERT_TRUE(edited) << edited.error().detail;
    // The next search sees the new caption, and no longer the old one: no reindex command was needed.
    auto found = service.search({.query = "kenh muong "}, now);
    ASSERT_TRUE(found);
    ASSERT_EQ(found->total, 1);
    EXPECT_EQ(found->results[0].article.id, showing);
    EXPECT_EQ(service.search({.query = "thuy loi "}, now)->total, 0);
    // Changing only the alt text leaves the index as it is.
    ASSERT_TRUE(media.update(corpus.site_id(), photo_id, {.alt = "Ảnh kênh"}, audit::Actor::system("cli")));
    EXPECT_EQ(service.search({.query = "kenh muong "}, now)->total, 1);
}

}  // namespace
}  // namespace cong::search
