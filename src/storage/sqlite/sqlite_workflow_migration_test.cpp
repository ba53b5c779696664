// Migration 0007 rebuilds the articles table (SQLite's 12-step procedure): every row, and every row that
// refers to one (photos, search entries), must come through; a broken reference must stop the migration.
#include "storage/migrations/migrations.hpp"
#include "storage/sqlite/sqlite_migrations.hpp"
#include "storage/sqlite/sqlite_test_support.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

using namespace cong;
using namespace cong::storage;
using namespace cong::storage::sqlite;
using test_support::TempDir;

namespace {

constexpr int WORKFLOW_VERSION = 7;

// A database at schema version 6 (before the workflow), with foreign keys on as Cổng opens it.
std::unique_ptr<Connection> database_before_workflow(const std::string& path) {
    auto connection = test_support::sqlite_at_version(path, WORKFLOW_VERSION - 1);
    // One site, category, account and photo; a draft, a published and a future ("scheduled") article.
    EXPECT_TRUE(connection->exec(R"sql(
        INSERT INTO sites (id, name, host, created_at) VALUES (1, 'Thọ Xuân', '', 0);
        INSERT INTO categories (id, site_id, name, slug) VALUES (1, 1, 'Tin tức', 'tin-tuc');
        INSERT INTO users (id, login, password_hash, role, created_at) VALUES (1, 'bientap', 'x', 'editor', 0);
        INSERT INTO media (id, site_id, sha256, extension, content_type, width, height, bytes, created_at)
            VALUES (1, 1, 'abc', 'jpg', 'image/jpeg', 640, 480, 1000, 0);
        INSERT INTO articles (id, site_id, category_id, title, slug, body_json, status, published_at, author_id,
                              cover_media_id, created_at, updated_at) VALUES
            (1, 1, 1, 'Nháp', 'nhap', '{}', 'draft', NULL, 1, NULL, 0, 0),
            (2, 1, 1, 'Đã đăng', 'da-dang', '{}', 'published', 1700000000, 1, 1, 0, 0),
            (3, 1, 1, 'Hẹn giờ', 'hen-gio', '{}', 'published', 4102444800, 1, NULL, 0, 0);
        INSERT INTO article_media (article_id, media_id) VALUES (2, 1), (3, 1);
        INSERT INTO search_articles (article_id, site_id, category_id, published_at) VALUES
            (2, 1, 1, 1700000000), (3, 1, 1, 4102444800);
    )sql"));
    return connection;
}

std::int64_t count(Connection& connection, const std::string& table) {
    return connection.query_int64("SELECT count(*) FROM " + table).value();
}

}  // namespace

TEST(WorkflowMigration, RebuildingArticlesKeepsEveryRowAndEverythingThatRefersToIt) {
    TempDir dir;
    auto connection = database_before_workflow(dir.file("cong.db"));
    ASSERT_EQ(count(*connection, "article_media"), 2);

    auto version = migrate(*connection, test_support::at(1'800'000'000));
    ASSERT_TRUE(version) << version.error().detail;
    EXPECT_GE(*version, WORKFLOW_VERSION);

    EXPECT_EQ(count(*connection, "articles"), 3);
    EXPECT_EQ(count(*connection, "article_media"), 2);
    EXPECT_EQ(count(*connection, "search_articles"), 2);
    EXPECT_EQ(connection->query_int64("SELECT count(*) FROM articles WHERE status = 'scheduled' AND id = 3").value(), 1)
        << "a published article with a future time becomes scheduled";
    EXPECT_EQ(connection->query_int64("SELECT count(*) FROM articles WHERE status = 'published' AND id = 2").value(),
              1);
    EXPECT_EQ(connection->query_int64("PRAGMA foreign_keys").value(), 1) << "foreign keys are on again";
    EXPECT_EQ(connection->query_int64("SELECT count(*) FROM sqlite_schema WHERE name = 'articles_new'").value(), 0);
    for (auto index : {"articles_published", "articles_published_category", "articles_featured", "articles_category",
                       "articles_cover", "articles_author", "articles_scheduled"})
        EXPECT_EQ(
            connection
                ->query_int64(std::string("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = '") +
                              index + "'")
                .value(),
            1)
            << index;

    // The references point at the new table: deleting an article still cascades to its photos and search row.
    ASSERT_TRUE(connection->exec("DELETE FROM articles WHERE id = 2"));
    EXPECT_EQ(count(*connection, "article_media"), 1);
    EXPECT_EQ(count(*connection, "search_articles"), 1);
    // The new statuses are allowed, and a scheduled article needs its time.
    EXPECT_TRUE(connection->exec("UPDATE articles SET status = 'unpublished' WHERE id = 1"));
    EXPECT_FALSE(connection->exec("UPDATE articles SET status = 'scheduled', published_at = NULL WHERE id = 1"));
    EXPECT_TRUE(connection->exec(
        "INSERT INTO article_revisions (article_id, number, created_at, status, title, body_json, category_id) "
        "VALUES (3, 1, 0, 'scheduled', 'Hẹn giờ', '{}', 1)"));
}

TEST(WorkflowMigration, ABrokenReferenceStopsTheMigrationAndChangesNothing) {
    TempDir dir;
    auto connection = database_before_workflow(dir.file("cong.db"));
    // A photo row whose article is gone, as a database edited by hand might have.
    ASSERT_TRUE(connection->exec("PRAGMA foreign_keys = OFF"));
    ASSERT_TRUE(connection->exec("INSERT INTO article_media (article_id, media_id) VALUES (99, 1)"));
    ASSERT_TRUE(connection->exec("PRAGMA foreign_keys = ON"));

    auto version = migrate(*connection, test_support::at(1'800'000'000));
    ASSERT_FALSE(version);
    EXPECT_NE(version.error().detail.find("article_media"), std::string::npos) << version.error().detail;
    EXPECT_EQ(recorded_schema_version(*connection).value(), WORKFLOW_VERSION - 1);
    EXPECT_EQ(connection->query_int64("SELECT count(*) FROM sqlite_schema WHERE name = 'article_revisions'").value(),
              0);
    EXPECT_EQ(connection->query_int64("PRAGMA foreign_keys").value(), 1);
}
