#include "storage/sqlite/sqlite_database.hpp"

#include "storage/migrations/migrations.hpp"
#include "storage/sqlite/sqlite_test_support.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace cong::storage {
namespace {

using namespace test_support;

Result<std::int64_t> insert_site(Tx& tx, const std::string& host) {
    model::Site site;
    site.name = "Cổng xã " + host;
    site.host = host;
    return tx.sites().insert_site(site);
}

bool site_exists(Database& database, const std::string& host) {
    auto found = database.read([&](Tx& tx) { return tx.sites().find_site_by_host(host); });
    if (!found) throw std::runtime_error(found.error().detail);
    return found->has_value();
}

std::int64_t count_sites(Database& database) {
    auto sites = database.read([](Tx& tx) { return tx.sites().list_sites(); });
    if (!sites) throw std::runtime_error(sites.error().detail);
    return static_cast<std::int64_t>(sites->size());
}

std::string read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

TEST(SqliteDatabase, OpeningWithoutCreateInAnEmptyDirectoryAsksToRunInit) {
    TempDir dir;
    auto database = open_sqlite(test_config(dir.path()), false);
    ASSERT_FALSE(database);
    EXPECT_EQ(database.error().code, core::Errc::NotFound);
    EXPECT_NE(database.error().detail.find("cong init"), std::string::npos) << database.error().detail;
    EXPECT_FALSE(std::filesystem::exists(dir.file("cong.db")));
}

TEST(SqliteDatabase, CreatingMakesTheDataAndMediaDirectories) {
    TempDir dir;
    auto data_dir = dir.file("portal/data");
    auto database = open_sqlite(test_config(data_dir), true);
    ASSERT_TRUE(database) << database.error().detail;
    EXPECT_TRUE(std::filesystem::is_directory(data_dir + "/media"));
    EXPECT_TRUE(std::filesystem::exists(sqlite_path(data_dir)));
    EXPECT_EQ(sqlite_path(data_dir), data_dir + "/cong.db");
}

TEST(SqliteDatabase, MigrationsCreateTheGoldenSchema) {
    TempDir dir;
    open_sqlite_database(dir.path()).reset();
    auto actual = dump_schema(sqlite_path(dir.path()));

    const char* source_dir = std::getenv("CONG_SOURCE_DIR");
    ASSERT_NE(source_dir, nullptr) << "CONG_SOURCE_DIR must name the source tree (ctest sets it)";
    auto golden_path = std::string(source_dir) + "/tests/golden/schema.sqlite.sql";
    // Updating the golden file is a deliberate act: CONG_UPDATE_GOLDEN=1, then review the diff.
    if (const char* update = std::getenv("CONG_UPDATE_GOLDEN"); update != nullptr && std::string(update) == "1") {
        std::ofstream(golden_path, std::ios::binary) << actual;
    }
    auto expected = read_text_file(golden_path);
    ASSERT_FALSE(expected.empty()) << "missing " << golden_path;
    EXPECT_EQ(actual, expected) << "the schema changed: if on purpose, rerun with CONG_UPDATE_GOLDEN=1 and review";
}

TEST(SqliteDatabase, SchemaVersionIsTheNewestMigrationAndFilesAreStampedAsCong) {
    TempDir dir;
    auto database = open_sqlite_database(dir.path());
    auto version = database->schema_version();
    ASSERT_TRUE(version);
    EXPECT_EQ(*version, sqlite_migrations().back().version);
    EXPECT_EQ(query_int(sqlite_path(dir.path()), "PRAGMA application_id"), 0x436F6E67);
    EXPECT_EQ(query_int(sqlite_path(dir.path()), "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"),
              1);
}

TEST(SqliteDatabase, MigrationsAreNumberedFromOneWithoutGaps) {
    int expected = 1;
    for (const auto& migration : sqlite_migrations()) {
        EXPECT_EQ(migration.version, expected) << migration.name;
        EXPECT_FALSE(migration.sql.empty()) << migration.name;
        ++expected;
    }
    EXPECT_GT(expected, 1);
}

TEST(SqliteDatabase, ReopeningAppliesNoMigrationTwiceAndKeepsTheData) {
    TempDir dir;
    auto path = sqlite_path(dir.path());
    {
        auto database = open_sqlite_database(dir.path());
        ASSERT_TRUE(database->write([](Tx& tx) { return insert_site(tx, "xuanlap.gov.vn"); }));
    }
    auto first_applied_at = query_int(path, "SELECT applied_at FROM schema_migrations WHERE version = 1");

    auto reopened = open_sqlite(test_config(dir.path()), false);
    ASSERT_TRUE(reopened) << reopened.error().detail;
    EXPECT_TRUE(site_exists(**reopened, "xuanlap.gov.vn"));
    reopened->reset();
    EXPECT_EQ(query_int(path, "SELECT count(*) FROM schema_migrations"),
              static_cast<std::int64_t>(sqlite_migrations().size()));
    EXPECT_EQ(query_int(path, "SELECT applied_at FROM schema_migrations WHERE version = 1"), first_applied_at);
}

TEST(SqliteDatabase, RefusesToOpenAnotherApplicationsDatabaseAndLeavesItUntouched) {
    TempDir dir;
    make_foreign_database(dir.file("cong.db"));
    for (bool create : {false, true}) {
        auto database = open_sqlite(test_config(dir.path()), create);
        ASSERT_FALSE(database);
        EXPECT_EQ(database.error().code, core::Errc::InvalidInput);
    }
    EXPECT_EQ(query_int(dir.file("cong.db"), "SELECT count(*) FROM sqlite_schema WHERE name = 'schema_migrations'"), 0);
    EXPECT_EQ(query_int(dir.file("cong.db"), "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'delete'"),
              1);
}

TEST(SqliteDatabase, RefusesADatabaseFromANewerCong) {
    TempDir dir;
    open_sqlite_database(dir.path()).reset();
    {
        sqlite3* db = nullptr;
        sqlite3_open(sqlite_path(dir.path()).c_str(), &db);
        sqlite3_exec(db, "INSERT INTO schema_migrations (version, applied_at) VALUES (9999, 0)", nullptr, nullptr,
                     nullptr);
        sqlite3_close(db);
    }
    auto database = open_sqlite(test_config(dir.path()), false);
    ASSERT_FALSE(database);
    EXPECT_EQ(database.error().code, core::Errc::InvalidInput);
    EXPECT_NE(database.error().detail.find("9999"), std::string::npos) << database.error().detail;
}

TEST(SqliteDatabase, WriteThatReturnsAnErrorRollsBackEverything) {
    TempDir dir;
    auto database = open_sqlite_database(dir.path());
    auto result = database->write([](Tx& tx) -> Result<void> {
        CONG_TRY_VOID(insert_site(tx, "a.gov.vn"));
        CONG_TRY_VOID(insert_site(tx, "b.gov.vn"));
        return core::Error{core::Errc::Forbidden, "not allowed"};
    });
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, core::Errc::Forbidden);
    EXPECT_EQ(count_sites(*database), 0);
}

TEST(SqliteDatabase, WriteThatThrowsRollsBackRethrowsAndLeavesTheDatabaseUsable) {
    TempDir dir;
    auto database = open_sqlite_database(dir.path());
    EXPECT_THROW(database->write([](Tx& tx) -> Result<void> {
        CONG_TRY_VOID(insert_site(tx, "a.gov.vn"));
        throw std::logic_error("bug");
    }),
                 std::logic_error);
    EXPECT_EQ(count_sites(*database), 0);
    ASSERT_TRUE(database->write([](Tx& tx) { return insert_site(tx, "a.gov.vn"); }));
    EXPECT_EQ(count_sites(*database), 1);
}

TEST(SqliteDatabase, ReadThatThrowsRethrowsAndGivesItsConnectionBack) {
    TempDir dir;
    auto config = test_config(dir.path());
    config.read_connections = 1;
    auto database = open_sqlite(config, true);
    ASSERT_TRUE(database);
    EXPECT_THROW((*database)->read([](Tx&) -> Result<void> { throw std::logic_error("bug"); }), std::logic_error);
    EXPECT_EQ(count_sites(**database), 0);  // the only reader is back in the pool
}

TEST(SqliteDatabase, ReaderKeepsItsSnapshotWhileAWriterCommits) {
    TempDir dir;
    auto database = open_sqlite_database(dir.path());
    ASSERT_TRUE(database->write([](Tx& tx) { return insert_site(tx, "first.gov.vn"); }));

    std::mutex mutex;
    std::condition_variable changed;
    bool reader_started = false;
    bool writer_done = false;
    std::thread writer([&] {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return reader_started; });
        lock.unlock();
        auto written = database->write([](Tx& tx) { return insert_site(tx, "second.gov.vn"); });
        EXPECT_TRUE(written);
        lock.lock();
        writer_done = true;
        changed.notify_all();
    });

    std::size_t before = 0;
    std::size_t after = 0;
    auto read = database->read([&](Tx& tx) -> Result<void> {
        CONG_TRY(sites, tx.sites().list_sites());
        before = sites.size();
        {
            std::unique_lock lock(mutex);
            reader_started = true;
            changed.notify_all();
            changed.wait(lock, [&] { return writer_done; });
        }
        CONG_TRY(again, tx.sites().list_sites());
        after = again.size();
        return {};
    });
    writer.join();
    ASSERT_TRUE(read);
    EXPECT_EQ(before, 1U);
    EXPECT_EQ(after, 1U) << "a read transaction must not see a commit made after it started";
    EXPECT_EQ(count_sites(*database), 2);
}

TEST(SqliteDatabase, MoreThreadsThanReadConnectionsAllGetServed) {
    TempDir dir;
    auto config = test_config(dir.path());
    config.read_connections = 2;
    auto opened = open_sqlite(config, true);
    ASSERT_TRUE(opened);
    auto& database = **opened;
    ASSERT_TRUE(database.write([](Tx& tx) { return insert_site(tx, "a.gov.vn"); }));
    std::atomic<int> served = 0;
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i) {
        threads.emplace_back([&] {
            for (int j = 0; j < 50; ++j) {
                if (count_sites(database) == 1) ++served;
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(served.load(), 8 * 50);
}

TEST(SqliteDatabase, NestedWriteReusesTheTransactionAndAFailingInnerStepUndoesOnlyItself) {
    TempDir dir;
    auto database = open_sqlite_database(dir.path());
    auto result = database->write([&](Tx& tx) -> Result<void> {
        CONG_TRY_VOID(insert_site(tx, "outer.gov.vn"));
        // A nested read sees the outer write's own changes.
        auto seen = database->read([](Tx& inner) { return inner.sites().find_site_by_host("outer.gov.vn"); });
        EXPECT_TRUE(seen && seen->has_value());
        auto inner = database->write([](Tx& inner_tx) -> Result<void> {
            CONG_TRY_VOID(insert_site(inner_tx, "inner.gov.vn"));
            return core::Error{core::Errc::Unprocessable, "inner step refused"};
        });
        EXPECT_FALSE(inner);
        CONG_TRY_VOID(database->write([](Tx& inner_tx) { return insert_site(inner_tx, "kept.gov.vn"); }));
        return {};
    });
    ASSERT_TRUE(result) << result.error().detail;
    EXPECT_TRUE(site_exists(*database, "outer.gov.vn"));
    EXPECT_FALSE(site_exists(*database, "inner.gov.vn"));
    EXPECT_TRUE(site_exists(*database, "kept.gov.vn"));
}

TEST(SqliteDatabase, WriteWaitingForAnotherProcessLockAnswersBusy) {
    TempDir dir;
    auto config = test_config(dir.path());
    config.busy_timeout = std::chrono::milliseconds{100};
    auto database = open_sqlite(config, true);
    ASSERT_TRUE(database);

    sqlite3* other = nullptr;
    ASSERT_EQ(sqlite3_open(sqlite_path(dir.path()).c_str(), &other), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
    auto result = (*database)->write([](Tx& tx) { return insert_site(tx, "a.gov.vn"); });
    sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(other);

    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, core::Errc::Busy);
    EXPECT_TRUE((*database)->write([](Tx& tx) { return insert_site(tx, "a.gov.vn"); }));
}

// The promise behind FULL synchronous and WAL: once write() has returned, the row is in the file,
// even if the process dies the next instant without closing anything.
TEST(SqliteDatabase, AcknowledgedWriteSurvivesAKilledProcess) {
    TempDir dir;
    open_sqlite_database(dir.path()).reset();
    pid_t child = fork();
    ASSERT_NE(child, -1);
    if (child == 0) {
        auto database = open_sqlite(test_config(dir.path()), false);
        if (!database) _exit(1);
        auto written = (*database)->write([](Tx& tx) { return insert_site(tx, "survivor.gov.vn"); });
        if (!written) _exit(2);
        raise(SIGKILL);
        _exit(3);
    }
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status)) << "child exited with " << WEXITSTATUS(status);
    EXPECT_EQ(WTERMSIG(status), SIGKILL);

    auto database = open_sqlite(test_config(dir.path()), false);
    ASSERT_TRUE(database) << database.error().detail;
    EXPECT_TRUE(site_exists(**database, "survivor.gov.vn"));
}

}  // namespace
}  // namespace cong::storage
