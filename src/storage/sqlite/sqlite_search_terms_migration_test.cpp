// Migration 0012 gives search as you type its own word list: a database indexed before it must find the
// same words by prefix afterwards, without reindexing.
#include "storage/sqlite/sqlite_migrations.hpp"
#include "storage/sqlite/sqlite_search_store.hpp"
#include "storage/sqlite/sqlite_stores.hpp"
#include "storage/sqlite/sqlite_test_support.hpp"

#include <gtest/gtest.h>

using namespace cong;
using namespace cong::storage;
using namespace cong::storage::sqlite;
using test_support::TempDir;

namespace {

constexpr int SEARCH_TERMS_VERSION = 12;

std::vector<std::string> terms(Connection& connection) {
    std::vector<std::string> found;
    auto statement = connection.prepare("SELECT term FROM search_terms ORDER BY term").value();
    while (statement.step().value()) found.push_back(statement.text(0));
    return found;
}

}  // namespace

TEST(SearchTermsMigration, WordsIndexedBeforeItAreFoundByPrefixAfterIt) {
    TempDir dir;
    auto connection = test_support::sqlite_at_version(dir.file("cong.db"), SEARCH_TERMS_VERSION - 1);
    // One published article indexed the way Cổng indexed it then: folded keys, and the exact keys apart.
    ASSERT_TRUE(connection->exec(R"sql(
        INSERT INTO sites (id, name, host, created_at) VALUES (1, 'Thọ Xuân', '', 0);
        INSERT INTO categories (id, site_id, name, slug) VALUES (1, 1, 'Tin tức', 'tin-tuc');
        INSERT INTO articles (id, site_id, category_id, title, slug, body_json, status, published_at, created_at,
                              updated_at)
            VALUES (1, 1, 1, 'Thương binh liệt sĩ', 'thuong-binh', '{}', 'published', 1700000000, 0, 0);
        INSERT INTO search_articles (article_id, site_id, category_id, published_at) VALUES (1, 1, 1, 1700000000);
        INSERT INTO search_index (rowid, title, lead, body, captions, exact)
            VALUES (1, 'thuong binh liet si', '', 'thuoc men', '', 'thương1 binh liêt5 si1 thuôc1 men');
    )sql"));

    auto version = migrate(*connection, test_support::at(1'800'000'000));
    ASSERT_TRUE(version) << version.error().detail;
    EXPECT_GE(*version, SEARCH_TERMS_VERSION);

    // The folded words longer than the 3-letter prefix index; no exact key, no shorter word.
    EXPECT_EQ(terms(*connection), (std::vector<std::string>{"binh", "liet", "thuoc", "thuong"}));

    SqliteSearchStore store(*connection);
    SearchQuery query;
    query.site_id = 1;
    query.now = test_support::at(1'800'000'000);
    query.limit = 10;
    SearchTerm typed;
    typed.words = {"thuo"};
    typed.prefix = true;
    query.terms = {typed};
    auto hits = store.search(query);
    ASSERT_TRUE(hits) << hits.error().detail;
    ASSERT_EQ(hits->size(), 1u);
    EXPECT_EQ((*hits)[0].article_id, 1);
}
