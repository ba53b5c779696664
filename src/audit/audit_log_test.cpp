#include "audit/audit_log.hpp"

#include "storage/sqlite/sqlite_database.hpp"
#include "storage/sqlite/sqlite_test_support.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

namespace cong::audit {
namespace {

using storage::test_support::TempDir;
using storage::test_support::open_database;

TEST(AuditLog, RecordsWhoDidWhatAndListsNewestFirstWithFilters) {
    TempDir dir;
    auto db = open_database(dir.path());
    auto seeded = storage::test_support::seed(*db);
    Actor editor{seeded.user_id, "bientap", "127.0.0.9"};
    ASSERT_TRUE(db->write([&](storage::Tx& tx) -> core::Result<void> {
        CONG_TRY_VOID(record(tx, editor, {"article.create", "article", 7, 1, "Tạo bài"}));
        CONG_TRY_VOID(record(tx, editor, {"article.submit", "article", 7, 1, ""}));
        CONG_TRY_VOID(record(tx, Actor::system("system:scheduler"), {"article.publish", "article", 8, 1, ""}));
        return {};
    }));
    auto all = list(*db, {});
    ASSERT_TRUE(all) << all.error().detail;
    ASSERT_EQ(all->total, 3);
    EXPECT_EQ(all->entries.front().action, "article.publish");  // newest first (same second: by id)
    EXPECT_EQ(all->entries.back().detail, "Tạo bài");
    EXPECT_EQ(all->entries.back().ip, "127.0.0.9");

    auto by_user = list(*db, {.user_id = seeded.user_id});
    ASSERT_TRUE(by_user);
    EXPECT_EQ(by_user->total, 2);
    auto article_8 = list(*db, {.action_prefix = "article.", .object_type = "article", .object_id = 8});
    ASSERT_TRUE(article_8);
    ASSERT_EQ(article_8->total, 1);
    EXPECT_EQ(article_8->entries[0].login, "system:scheduler");
    EXPECT_FALSE(article_8->entries[0].user_id.has_value());
}

TEST(AuditLog, EntriesCannotBeRewrittenInTheDatabase) {
    CONG_SKIP_ON_POSTGRES("checks the trigger through the SQLite file");
    TempDir dir;
    auto db = open_database(dir.path());
    ASSERT_TRUE(db->write([](storage::Tx& tx) { return record(tx, Actor::system("cli"), {"site.update", "site", 1, 1, ""}); }));
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(storage::sqlite_path(dir.path()).c_str(), &raw), SQLITE_OK);
    char* message = nullptr;
    int rc = sqlite3_exec(raw, "UPDATE audit_log SET action = 'nothing'", nullptr, nullptr, &message);
    sqlite3_free(message);
    sqlite3_close(raw);
    EXPECT_NE(rc, SQLITE_OK);
    auto page = list(*db, {});
    ASSERT_TRUE(page);
    EXPECT_EQ(page->entries.at(0).action, "site.update");
}

TEST(AuditLog, LongDetailIsCutWithoutSplittingALetter) {
    TempDir dir;
    auto db = open_database(dir.path());
    std::string detail;
    for (int i = 0; i < 1500; ++i) detail += "ệ";  // 3 bytes each
    ASSERT_TRUE(db->write([&](storage::Tx& tx) { return record(tx, Actor::system("cli"), {"x", "", {}, {}, detail}); }));
    auto page = list(*db, {});
    ASSERT_TRUE(page);
    const auto& stored = page->entries.at(0).detail;
    EXPECT_LE(stored.size(), MAX_DETAIL_BYTES);
    EXPECT_EQ(stored.size() % 3, 0U);
}

}  // namespace
}  // namespace cong::audit
