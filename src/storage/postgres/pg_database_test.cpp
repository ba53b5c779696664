#include "storage/postgres/pg_database.hpp"

#include "storage/migrations/migrations.hpp"
#include "storage/postgres/pg_connection.hpp"
#include "storage/postgres/pg_migrations.hpp"
#include "storage/postgres/pg_stores.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "storage/sqlite/sqlite_test_support.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <functional>
#include <latch>
#include <set>
#include <thread>

namespace cong::storage {
namespace {

using namespace test_support;
using postgres::PgConnection;
using postgres::PgParam;

Result<std::int64_t> insert_site(Tx& tx, const std::string& host, const std::string& name = "Cổng xã") {
    model::Site site;
    site.name = name;
    site.host = host;
    return tx.sites().insert_site(site);
}

std::optional<model::Site> find_site(Database& database, const std::string& host) {
    auto found = database.read([&](Tx& tx) { return tx.sites().find_site_by_host(host); });
    if (!found) throw std::runtime_error(found.error().detail);
    return *found;
}

// A throwaway database on the test server, dropped at the end; for tests that open it more than once
// (two nodes, a reopening), which test_support::open_test_database cannot do.
class ScratchDatabase {
public:
    explicit ScratchDatabase(const std::string& server) : server_(server) {
        name_ = "cong_test_h4_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++);
        auto admin = PgConnection::open(server_);
        if (!admin) throw std::runtime_error(admin.error().detail);
        (void)(*admin)->exec_script("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
        auto created = (*admin)->exec_script("CREATE DATABASE " + name_);
        if (!created) throw std::runtime_error(created.error().detail);
        auto slash = server_.find('/', server_.find("://") + 3);
        url_ = server_.substr(0, slash) + "/" + name_;
    }
    ~ScratchDatabase() {
        auto admin = PgConnection::open(server_);
        if (admin) (void)(*admin)->exec_script("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    }
    const std::string& url() const { return url_; }

private:
    static inline std::atomic<int> counter_{0};
    std::string server_;
    std::string name_;
    std::string url_;
};

core::StorageConfig pg_config(const std::string& url) {
    auto config = test_config("/nonexistent");
    config.data_dir = url;
    return config;
}

TEST(PgMigrations, EverySqliteMigrationHasAPostgresTwinWithTheSameNumberAndName) {
    auto sqlite = sqlite_migrations();
    auto postgres = postgres_migrations();
    ASSERT_EQ(postgres.size(), sqlite.size());
    for (std::size_t i = 0; i < sqlite.size(); ++i) {
        EXPECT_EQ(postgres[i].version, sqlite[i].version);
        // 0007_add_x.sql, or 0007_add_x.sqlite.sql where SQLite has a dialect file of its own.
        auto name = std::string(sqlite[i].name);
        if (auto dot = name.find(".sqlite.sql"); dot != std::string::npos) name = name.substr(0, dot) + ".sql";
        EXPECT_EQ(postgres[i].name, name);
    }
}

class PgDatabaseTest : public ::testing::Test {
protected:
    void SetUp() override {
        server_ = postgres_test_url();
        if (server_.empty()) GTEST_SKIP() << "CONG_TEST_POSTGRES_URL is not set";
    }
    std::string server_;
};

TEST_F(PgDatabaseTest, OpeningWithoutCreateAnEmptyDatabaseAsksToRunInit) {
    ScratchDatabase scratch(server_);
    auto database = open_postgres(pg_config(scratch.url()), scratch.url(), false);
    ASSERT_FALSE(database);
    EXPECT_EQ(database.error().code, core::Errc::NotFound);
    EXPECT_NE(database.error().detail.find("cong init"), std::string::npos) << database.error().detail;
}

TEST_F(PgDatabaseTest, MigrationsApplyOnceAndTheSchemaVersionIsTheNewest) {
    ScratchDatabase scratch(server_);
    {
        auto database = open_postgres(pg_config(scratch.url()), scratch.url(), true);
        ASSERT_TRUE(database) << database.error().detail;
        auto version = (*database)->schema_version();
        ASSERT_TRUE(version);
        EXPECT_EQ(*version, postgres_migrations().back().version);
        ASSERT_TRUE((*database)->write([](Tx& tx) { return insert_site(tx, "xa-a.gov.vn"); }));
    }
    // Reopened (a restart, or a second node): nothing is applied twice, the data is there.
    auto database = open_postgres(pg_config(scratch.url()), scratch.url(), false);
    ASSERT_TRUE(database) << database.error().detail;
    EXPECT_TRUE(find_site(**database, "xa-a.gov.vn"));
    auto admin = PgConnection::open(scratch.url());
    ASSERT_TRUE(admin);
    auto recorded = (*admin)->query_int64("SELECT count(*) FROM schema_migrations");
    ASSERT_TRUE(recorded);
    EXPECT_EQ(*recorded, static_cast<std::int64_t>(postgres_migrations().size()));
}

TEST_F(PgDatabaseTest, TwoNodesStartingAtOnceMigrateOnce) {
    ScratchDatabase scratch(server_);
    auto open = [&] { return open_postgres(pg_config(scratch.url()), scratch.url(), true); };
    auto first = std::async(std::launch::async, open);
    auto second = std::async(std::launch::async, open);
    auto a = first.get();
    auto b = second.get();
    ASSERT_TRUE(a) << a.error().detail;
    ASSERT_TRUE(b) << b.error().detail;
    auto admin = PgConnection::open(scratch.url());
    ASSERT_TRUE(admin);
    auto recorded = (*admin)->query_int64("SELECT count(*) FROM schema_migrations");
    ASSERT_TRUE(recorded);
    EXPECT_EQ(*recorded, static_cast<std::int64_t>(postgres_migrations().size()));
}

TEST_F(PgDatabaseTest, EveryTableAndColumnOfTheSqliteSchemaExistsWithTheSameName) {
    // migrate-db copies table by table by name, and the stores map rows 1:1: every SQLite table and column
    // must exist on PostgreSQL. Only SQLite's FTS5 index (a virtual table and its shadow tables) and the word
    // list its prefix search reads (search_terms) have no twin: PostgreSQL's tsvector index is its own.
    TempDir dir;
    ASSERT_TRUE(open_sqlite(test_config(dir.path()), true));
    std::set<std::string> sqlite_columns;
    {
        sqlite3* raw = nullptr;
        ASSERT_EQ(sqlite3_open_v2(sqlite_path(dir.path()).c_str(), &raw, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
        sqlite3_stmt* stmt = nullptr;
        ASSERT_EQ(sqlite3_prepare_v2(raw,
                                     "SELECT m.name || '.' || p.name FROM sqlite_schema m, pragma_table_info(m.name) p "
                                     "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' "
                                     "AND m.sql NOT LIKE 'CREATE VIRTUAL%' AND m.name NOT LIKE 'search_index_%' "
                                     "AND m.name <> 'search_terms'",
                                     -1, &stmt, nullptr),
                  SQLITE_OK);
        while (sqlite3_step(stmt) == SQLITE_ROW) {
            sqlite_columns.insert(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
        }
        sqlite3_finalize(stmt);
        sqlite3_close_v2(raw);
    }
    ASSERT_GT(sqlite_columns.size(), 100u);

    ScratchDatabase scratch(server_);
    ASSERT_TRUE(open_postgres(pg_config(scratch.url()), scratch.url(), true));
    auto admin = PgConnection::open(scratch.url());
    ASSERT_TRUE(admin);
    auto pg = (*admin)->exec("SELECT table_name || '.' || column_name FROM information_schema.columns "
                             "WHERE table_schema = current_schema()");
    ASSERT_TRUE(pg) << pg.error().detail;
    std::set<std::string> pg_columns;
    for (int row = 0; row < pg->rows(); ++row) pg_columns.insert(pg->text(row, 0));

    std::vector<std::string> missing;
    for (const auto& column : sqlite_columns) {
        if (!pg_columns.contains(column)) missing.push_back(column);
    }
    EXPECT_TRUE(missing.empty()) << "missing on PostgreSQL: " << ::testing::PrintToString(missing);
}

TEST_F(PgDatabaseTest, TheAuditLogRefusesChangesAndDeletionsBelowTheApplication) {
    auto database = open_database("/nonexistent");
    std::int64_t user_id = 0;
    ASSERT_TRUE(database->write([&](Tx& tx) -> Result<void> {
        model::User user;
        user.login = "quantri";
        user.password_hash = "x";
        user.created_at = at(1'700'000'000);
        CONG_TRY(id, tx.users().insert_user(user));
        user_id = id;
        model::AuditEntry entry;
        entry.at = at(1'700'000'100);
        entry.user_id = id;
        entry.login = "quantri";
        entry.action = "article.publish";
        CONG_TRY_VOID(tx.audit().insert_audit(entry));
        return {};
    }));
    auto changed = database->write([](Tx& tx) -> Result<void> {
        auto& connection = static_cast<postgres::PgTx&>(tx).connection();
        CONG_TRY_VOID(connection.exec("UPDATE audit_log SET action = 'nothing'"));
        return {};
    });
    EXPECT_FALSE(changed);
    auto deleted = database->write([](Tx& tx) -> Result<void> {
        CONG_TRY_VOID(static_cast<postgres::PgTx&>(tx).connection().exec("DELETE FROM audit_log"));
        return {};
    });
    EXPECT_FALSE(deleted);
    // Deleting the account forgets who it was (user_id), and login keeps the name.
    ASSERT_TRUE(database->write([&](Tx& tx) -> Result<void> {
        CONG_TRY_VOID(static_cast<postgres::PgTx&>(tx).connection().exec("DELETE FROM users WHERE id = $1",
                                                                           {PgParam(user_id)}));
        return {};
    }));
    auto entries = database->read([](Tx& tx) { return tx.audit().list_audit(AuditQuery{}); });
    ASSERT_TRUE(entries) << entries.error().detail;
    ASSERT_EQ(entries->size(), 1u);
    EXPECT_EQ((*entries)[0].action, "article.publish");
    EXPECT_EQ((*entries)[0].login, "quantri");
    EXPECT_FALSE((*entries)[0].user_id);
}

TEST_F(PgDatabaseTest, AUniqueConflictIsTheSameErrorAsOnSqlite) {
    auto database = open_database("/nonexistent");
    ASSERT_TRUE(database->write([](Tx& tx) { return insert_site(tx, "thoxuan.thanhhoa.gov.vn"); }));
    auto again = database->write([](Tx& tx) { return insert_site(tx, "ThoXuan.ThanhHoa.gov.vn"); });
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, core::Errc::Conflict);
    EXPECT_EQ(again.error().field, "host");
}

TEST_F(PgDatabaseTest, WriteThatReturnsAnErrorOrThrowsRollsBackEverything) {
    auto database = open_database("/nonexistent");
    auto failed = database->write([](Tx& tx) -> Result<void> {
        CONG_TRY_VOID(insert_site(tx, "a.gov.vn"));
        return core::Error{core::Errc::InvalidInput, "thôi"};
    });
    EXPECT_FALSE(failed);
    EXPECT_THROW(database->write([](Tx& tx) -> Result<void> {
        CONG_TRY_VOID(insert_site(tx, "b.gov.vn"));
        throw std::runtime_error("lỗi");
    }),
                 std::runtime_error);
    EXPECT_FALSE(find_site(*database, "a.gov.vn"));
    EXPECT_FALSE(find_site(*database, "b.gov.vn"));
    // The connections went back to the pool in a clean state.
    ASSERT_TRUE(database->write([](Tx& tx) { return insert_site(tx, "c.gov.vn"); }));
    EXPECT_TRUE(find_site(*database, "c.gov.vn"));
}

TEST_F(PgDatabaseTest, ABodyThatIgnoresAFailedStatementDoesNotReportSuccess) {
    auto database = open_database("/nonexistent");
    auto result = database->write([](Tx& tx) -> Result<void> {
        CONG_TRY_VOID(insert_site(tx, "a.gov.vn"));
        (void)insert_site(tx, "a.gov.vn");  // a conflict, ignored: PostgreSQL has aborted the transaction
        return {};
    });
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, core::Errc::Internal);
    EXPECT_FALSE(find_site(*database, "a.gov.vn"));
}

TEST_F(PgDatabaseTest, NestedWriteIsASavepointAndAFailingInnerStepUndoesOnlyItself) {
    auto database = open_database("/nonexistent");
    auto result = database->write([&](Tx& tx) -> Result<void> {
        CONG_TRY_VOID(insert_site(tx, "outer.gov.vn"));
        auto inner = database->write([&](Tx& inner_tx) -> Result<void> {
            CONG_TRY_VOID(insert_site(inner_tx, "inner.gov.vn"));
            // A conflict inside the savepoint: PostgreSQL aborts it, the savepoint rollback recovers.
            CONG_TRY_VOID(insert_site(inner_tx, "outer.gov.vn"));
            return {};
        });
        EXPECT_FALSE(inner);
        // A read nested in the write sees the write's own rows.
        auto seen = database->read([](Tx& read_tx) { return read_tx.sites().find_site_by_host("outer.gov.vn"); });
        EXPECT_TRUE(seen && seen->has_value());
        return insert_site(tx, "after.gov.vn").has_value() ? Result<void>{} : Result<void>{core::Error{}};
    });
    ASSERT_TRUE(result) << result.error().detail;
    EXPECT_TRUE(find_site(*database, "outer.gov.vn"));
    EXPECT_TRUE(find_site(*database, "after.gov.vn"));
    EXPECT_FALSE(find_site(*database, "inner.gov.vn"));
}

TEST_F(PgDatabaseTest, ReaderKeepsItsSnapshotWhileAWriterCommits) {
    auto database = open_database("/nonexistent");
    ASSERT_TRUE(database->write([](Tx& tx) { return insert_site(tx, "before.gov.vn"); }));
    std::latch first_read(1);
    std::latch written(1);
    std::size_t before = 0;
    std::size_t after = 0;
    std::thread reader([&] {
        auto result = database->read([&](Tx& tx) -> Result<void> {
            CONG_TRY(sites, tx.sites().list_sites());
            before = sites.size();
            first_read.count_down();
            written.wait();
            CONG_TRY(again, tx.sites().list_sites());
            after = again.size();
            return {};
        });
        EXPECT_TRUE(result);
    });
    first_read.wait();
    ASSERT_TRUE(database->write([](Tx& tx) { return insert_site(tx, "during.gov.vn"); }));
    written.count_down();
    reader.join();
    EXPECT_EQ(before, 1u);
    EXPECT_EQ(after, 1u);
    EXPECT_TRUE(find_site(*database, "during.gov.vn"));
}

TEST_F(PgDatabaseTest, AReadCannotWrite) {
    auto database = open_database("/nonexistent");
    auto written = database->read([](Tx& tx) { return insert_site(tx, "x.gov.vn"); });
    EXPECT_FALSE(written);
}

TEST_F(PgDatabaseTest, WritersAreSerialisedSoReadThenWriteNeverLosesAnUpdate) {
    auto database = open_database("/nonexistent");
    std::int64_t site_id = 0;
    ASSERT_TRUE(database->write([&](Tx& tx) -> Result<void> {
        CONG_TRY(id, insert_site(tx, "dem.gov.vn", "0"));
        site_id = id;
        return {};
    }));
    constexpr int THREADS = 4;
    constexpr int ROUNDS = 15;
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < THREADS; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < ROUNDS; ++i) {
                // Read the counter, then write it back plus one: without serialised writers two of these
                // would read the same value and one increment would be lost.
                auto result = database->write([&](Tx& tx) -> Result<void> {
                    CONG_TRY(site, tx.sites().find_site(site_id));
                    auto copy = *site;
                    copy.name = std::to_string(std::stoi(copy.name) + 1);
                    return tx.sites().update_site(copy);
                });
                if (!result) ++failures;
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(failures.load(), 0);
    auto site = database->read([&](Tx& tx) { return tx.sites().find_site(site_id); });
    ASSERT_TRUE(site && site->has_value());
    EXPECT_EQ((*site)->name, std::to_string(THREADS * ROUNDS));
}

TEST_F(PgDatabaseTest, AnExhaustedPoolAnswersBusyInsteadOfWaitingForever) {
    ScratchDatabase scratch(server_);
    PgPoolOptions options;
    options.size = 1;
    options.acquire_timeout = std::chrono::milliseconds(300);
    auto database = open_postgres(pg_config(scratch.url()), scratch.url(), true, options);
    ASSERT_TRUE(database) << database.error().detail;
    std::latch holding(1);
    std::latch done(1);
    std::thread holder([&] {
        (void)(*database)->read([&](Tx&) -> Result<void> {
            holding.count_down();
            done.wait();
            return {};
        });
    });
    holding.wait();
    auto started = std::chrono::steady_clock::now();
    auto waited = (*database)->read([](Tx& tx) { return tx.sites().list_sites(); });
    auto elapsed = std::chrono::steady_clock::now() - started;
    done.count_down();
    holder.join();
    ASSERT_FALSE(waited);
    EXPECT_EQ(waited.error().code, core::Errc::Busy);
    EXPECT_LT(elapsed, std::chrono::seconds(3));
    // Once the connection is back, the next transaction gets it.
    EXPECT_TRUE((*database)->read([](Tx& tx) { return tx.sites().list_sites(); }));
}

TEST_F(PgDatabaseTest, TargetFiguresReadBackExactlyTheDoublesWritten) {
    // Figures travel as text both ways: a value such as 0.1 + 0.2 must not come back rounded.
    auto database = open_database("/nonexistent");
    auto seeded = seed(*database);
    const double awkward = 0.1 + 0.2;
    const double tiny = 1e-300;
    std::int64_t target_id = 0;
    ASSERT_TRUE(database->write([&](Tx& tx) -> Result<void> {
        model::TargetPlan plan;
        plan.site_id = seeded.site_id;
        plan.slug = "nghi-quyet-2024";
        plan.title = "Nghị quyết năm 2024";
        plan.year = 2024;
        plan.created_at = at(1'700'000'000);
        CONG_TRY(plan_id, tx.targets().insert_plan(plan));
        model::Target target;
        target.plan_id = plan_id;
        target.code = "1";
        target.name = "Tỷ lệ hộ nghèo";
        target.group_name = "Văn hóa – xã hội";
        target.kind = model::TargetKind::WithinRange;
        target.plan_value = awkward;
        target.plan_max = tiny;
        CONG_TRY(id, tx.targets().insert_target(target));
        target_id = id;
        return {};
    }));
    auto found = database->read([&](Tx& tx) { return tx.targets().find_target(target_id); });
    ASSERT_TRUE(found) << found.error().detail;
    ASSERT_TRUE(found->has_value());
    EXPECT_EQ((*found)->plan_value, awkward);
    ASSERT_TRUE((*found)->plan_max);
    EXPECT_EQ(*(*found)->plan_max, tiny);
}

TEST_F(PgDatabaseTest, BackupPointsToPgDump) {
    auto database = open_database("/nonexistent");
    auto backup = database->backup_to("/tmp/never-written.db");
    ASSERT_FALSE(backup);
    EXPECT_NE(backup.error().detail.find("pg_dump"), std::string::npos);
}

// A cluster of the test's own, restarted under the open database: the next transaction must work
// without reopening anything (a PostgreSQL restart must not need a `cong` restart).
TEST_F(PgDatabaseTest, ATransactionAfterAServerRestartSucceeds) {
    const char* source = std::getenv("CONG_SOURCE_DIR");
    if (source == nullptr || !std::filesystem::exists("/usr/lib/postgresql/15/bin/pg_ctl")) {
        GTEST_SKIP() << "needs CONG_SOURCE_DIR and PostgreSQL 15's binaries";
    }
    auto script = std::string(source) + "/scripts/postgres.sh";
    auto dir = (std::filesystem::temp_directory_path() / ("pg-h4-restart-" + std::to_string(::getpid()))).string();
    auto run = [&](const std::string& command) -> std::string {
        std::string output;
        FILE* pipe = ::popen((script + " " + command + " " + dir + " 2>&1").c_str(), "r");
        if (pipe == nullptr) return output;
        char buffer[512];
        while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
        EXPECT_EQ(::pclose(pipe), 0) << command << ": " << output;
        return output;
    };
    struct Cleanup {
        std::function<void()> stop;
        std::string dir;
        ~Cleanup() {
            stop();
            std::error_code ignored;
            std::filesystem::remove_all(dir, ignored);
        }
    } cleanup{[&] { run("stop"); }, dir};
    auto url = run("start");
    while (!url.empty() && (url.back() == '\n' || url.back() == ' ')) url.pop_back();
    ASSERT_TRUE(postgres::is_postgres_url(url)) << url;

    auto database = open_postgres(pg_config(url), url, true);
    ASSERT_TRUE(database) << database.error().detail;
    ASSERT_TRUE((*database)->write([](Tx& tx) { return insert_site(tx, "truoc.gov.vn"); }));
    EXPECT_TRUE(find_site(**database, "truoc.gov.vn"));

    run("restart");

    // Every pooled connection is now dead; the first transaction notices at BEGIN and reconnects.
    auto written = (*database)->write([](Tx& tx) { return insert_site(tx, "sau.gov.vn"); });
    ASSERT_TRUE(written) << written.error().detail;
    EXPECT_TRUE(find_site(**database, "truoc.gov.vn"));
    EXPECT_TRUE(find_site(**database, "sau.gov.vn"));
}

}  // namespace
}  // namespace cong::storage
