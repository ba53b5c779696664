#include "storage/sqlite/sqlite_database.hpp"
#include "storage/sqlite/sqlite_search_store.hpp"
#include "storage/sqlite/sqlite_test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace cong::storage {
namespace {

using namespace test_support;

class SearchStoreTest : public ::testing::Test {
protected:
    SearchStoreTest() : database_(open_database(dir_.path())), seed_(seed(*database_)) {}

    std::int64_t add(const std::string& slug, const std::string& title, model::ArticleStatus status,
                     std::optional<std::int64_t> published_at) {
        auto id = database_->write([&](Tx& tx) -> Result<std::int64_t> {
            auto article = make_article(seed_, slug, status, published_at);
            article.title = title;
            CONG_TRY(new_id, tx.articles().insert_article(article));
            article.id = new_id;
            CONG_TRY_VOID(tx.search().index_article(article, ""));
            return new_id;
        });
        EXPECT_TRUE(id) << id.error().detail;
        return id ? *id : 0;
    }

    static SearchTerm word(std::string folded, std::vector<std::string> exact = {}) {
        SearchTerm term;
        term.words = {std::move(folded)};
        term.exact = std::move(exact);
        return term;
    }
    static SearchTerm prefix(std::string folded) {
        auto term = word(std::move(folded));
        term.prefix = true;
        return term;
    }

    std::vector<std::int64_t> find(const SearchTerm& term, std::int64_t now) {
        SearchQuery query;
        query.site_id = seed_.site_id;
        query.terms = {term};
        query.now = at(now);
        auto hits = database_->read([&](Tx& tx) { return tx.search().search(query); });
        EXPECT_TRUE(hits) << hits.error().detail;
        std::vector<std::int64_t> ids;
        if (hits)
            for (auto& hit : *hits) ids.push_back(hit.article_id);
        return ids;
    }

    TempDir dir_;
    std::unique_ptr<Database> database_;
    Seed seed_;
};

TEST_F(SearchStoreTest, IndexHoldsFoldedWordsAndFindsOnlyPublishedArticlesWhoseTimeHasCome) {
    auto published = add("a", "Nông thôn mới Thọ Xuân", model::ArticleStatus::Published, 1000);
    add("b", "Nông thôn mới bản nháp", model::ArticleStatus::Draft, std::nullopt);
    auto scheduled = add("c", "Nông thôn mới sắp đăng", model::ArticleStatus::Published, 5000);
    EXPECT_EQ(find(word("nong"), 2000), (std::vector<std::int64_t>{published}));
    // The scheduled article is found once its time has come, with no re-indexing.
    auto later = find(word("nong"), 6000);
    EXPECT_EQ(later.size(), 2u);
    EXPECT_EQ(later[0], scheduled);  // newer, otherwise equal: the recency boost orders them
}

TEST_F(SearchStoreTest, ReindexingReplacesAndRemovingForgets) {
    auto id = add("a", "Đường giao thông", model::ArticleStatus::Published, 1000);
    EXPECT_EQ(find(word("duong"), 2000).size(), 1u);
    auto changed = database_->write([&](Tx& tx) -> Result<void> {
        CONG_TRY(article, tx.articles().find_article(id));
        article->title = "Thủy lợi";
        return tx.search().index_article(*article, "Ảnh: kênh mương");
    });
    ASSERT_TRUE(changed);
    EXPECT_TRUE(find(word("duong"), 2000).empty());
    EXPECT_EQ(find(word("kenh"), 2000).size(), 1u);
    EXPECT_EQ(find(word("thuy", {"thuy3"}), 2000).size(), 1u);
    ASSERT_TRUE(database_->write([&](Tx& tx) { return tx.search().remove_article(id); }));
    EXPECT_TRUE(find(word("thuy"), 2000).empty());
}

TEST_F(SearchStoreTest, ARareWordOutranksAWordInMoreArticlesThanTheFrequencySample) {
    // PostgreSQL's ts_rank weighs how often and where a word occurs, not how rare it is in the index.
    CONG_SKIP_ON_POSTGRES("rarity (IDF) is part of SQLite's cong_rank, not of PostgreSQL's ts_rank");
    // The rare word's article is the oldest, so only the word's rarity can put it first; the common word
    // is in more articles than cong_rank counts exactly (DF_SAMPLE), so its frequency is estimated.
    auto rare = add("gao", "Gạo sạch Thọ Xuân", model::ArticleStatus::Published, 1000);
    auto written = database_->write([&](Tx& tx) -> Result<void> {
        for (int i = 0; i < 300; ++i) {
            auto article =
                make_article(seed_, "lua-" + std::to_string(i), model::ArticleStatus::Published, 2000 + i);
            article.title = "Lúa xuân Thọ Xuân";
            CONG_TRY(id, tx.articles().insert_article(article));
            article.id = id;
            CONG_TRY_VOID(tx.search().index_article(article, ""));
        }
        return {};
    });
    ASSERT_TRUE(written) << written.error().detail;
    auto either = word("lua");
    either.synonyms = {{"gao"}};
    auto found = find(either, 10000);
    ASSERT_EQ(found.size(), 10u);
    EXPECT_EQ(found[0], rare);
    // A word in every article is no reason to prefer any: the newest comes first.
    auto all = find(word("tho"), 10000);
    ASSERT_EQ(all.size(), 10u);
    EXPECT_NE(all[0], rare);
}

TEST_F(SearchStoreTest, ALongPrefixFindsTheWordsItBeginsAndNothingElse) {
    auto thuong = add("a", "Thương binh liệt sĩ", model::ArticleStatus::Published, 1000);
    auto thuoc = add("b", "Thuốc chữa bệnh", model::ArticleStatus::Published, 1000);
    add("c", "Thủy lợi", model::ArticleStatus::Published, 1000);
    auto sorted = [](std::vector<std::int64_t> ids) {
        std::sort(ids.begin(), ids.end());
        return ids;
    };
    // Past the 3-letter prefix index the prefix is spelled out as the words in the index.
    EXPECT_EQ(sorted(find(prefix("thuo"), 2000)), sorted({thuong, thuoc}));
    EXPECT_EQ(find(prefix("thuon"), 2000), (std::vector<std::int64_t>{thuong}));
    EXPECT_TRUE(find(prefix("thuox"), 2000).empty());
    // The same search after a new article: the kept expansion is not reused once the index changed.
    auto thuong2 = add("d", "Thưởng Tết", model::ArticleStatus::Published, 1500);
    EXPECT_EQ(sorted(find(prefix("thuon"), 2000)), sorted({thuong, thuong2}));
    EXPECT_EQ(find(prefix("thu"), 2000).size(), 4u);
}

TEST_F(SearchStoreTest, SynonymsAreSeededAndEditable) {
    auto list = database_->read([](Tx& tx) { return tx.search().list_synonyms(); });
    ASSERT_TRUE(list);
    bool has_hdnd = false;
    for (auto& s : *list) has_hdnd = has_hdnd || (s.abbreviation == "HĐND" && s.expansion == "hội đồng nhân dân");
    EXPECT_TRUE(has_hdnd);
    ASSERT_TRUE(database_->write([](Tx& tx) { return tx.search().set_synonym({"PCCC", "phòng cháy chữa cháy"}); }));
    ASSERT_TRUE(database_->write([](Tx& tx) { return tx.search().set_synonym({"pccc", "phòng cháy, chữa cháy"}); }));
    auto after = database_->read([](Tx& tx) { return tx.search().list_synonyms(); });
    ASSERT_TRUE(after);
    EXPECT_EQ(after->size(), list->size() + 1);
    EXPECT_TRUE(database_->write([](Tx& tx) { return tx.search().remove_synonym("PCCC"); }));
    EXPECT_FALSE(database_->write([](Tx& tx) { return tx.search().remove_synonym("PCCC"); }));
}

TEST_F(SearchStoreTest, PhrasesMatchAdjacentWordsInOrderAndExactKeysRankFirst) {
    auto exact = add("a", "Xây dựng nông thôn mới", model::ArticleStatus::Published, 1000);
    auto folded = add("b", "Nông thôn mơi", model::ArticleStatus::Published, 2000);
    add("c", "Mới về nông thôn", model::ArticleStatus::Published, 3000);
    SearchTerm phrase;
    phrase.words = {"nong", "thon", "moi"};
    phrase.exact = {"nông", "thôn", "mơi1"};
    // Both spellings are found; the one spelled as typed first although it is older.
    EXPECT_EQ(find(phrase, 5000), (std::vector<std::int64_t>{exact, folded}));
}

TEST(SqliteFts5Match, EveryWordIsQuotedAndLongPrefixesAreSpelledOut) {
    SearchTerm term;
    term.words = {"thuo"};
    term.prefix = true;
    EXPECT_EQ(sqlite::fts5_match({term}), "{title lead body captions} : \"thuo\" *");
    EXPECT_EQ(sqlite::fts5_match({term}, {{"thuo", {"thuoc", "thuong"}}}),
              "{title lead body captions} : (\"thuoc\" OR \"thuong\")");
    EXPECT_EQ(sqlite::fts5_match({term}, {{"thuo", {}}}), "{title lead body captions} : \"thuo\"");
    SearchTerm odd;
    odd.words = {"a\"b"};
    odd.synonyms = {{"x", "y"}};
    EXPECT_EQ(sqlite::fts5_match({odd}),
              "({title lead body captions} : \"a\"\"b\" OR {title lead body captions} : \"x y\")");
}

TEST_F(SearchStoreTest, EmptyMatchIsRefusedNotRun) {
    SearchQuery query;
    query.site_id = seed_.site_id;
    auto hits = database_->read([&](Tx& tx) { return tx.search().search(query); });
    ASSERT_FALSE(hits);
    EXPECT_EQ(hits.error().code, core::Errc::InvalidInput);
}

}  // namespace
}  // namespace cong::storage
