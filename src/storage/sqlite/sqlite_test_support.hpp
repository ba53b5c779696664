// Test support for the storage tests of every folder: a fresh database per test (SQLite in a temporary
// directory, or PostgreSQL when CONG_TEST_POSTGRES_URL is set) and rows to build on.
#pragma once

#include "core/config.hpp"
#include "storage/database.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace cong::storage::test_support {

// A new empty directory under the system temp dir, removed with everything in it at the end.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return path_; }
    std::string file(const std::string& name) const { return path_ + "/" + name; }

private:
    std::string path_;
};

core::StorageConfig test_config(const std::string& data_dir);
// Creates (or opens) the database in data_dir; fails the test when it cannot. Under CONG_TEST_POSTGRES_URL
// it is a fresh PostgreSQL database instead (see open_test_database); data_dir then holds only media files.
std::unique_ptr<Database> open_database(const std::string& data_dir);

// Always SQLite, whatever CONG_TEST_POSTGRES_URL says: for the tests of the SQLite engine itself (its file,
// pragmas, backup, migrations of old files), which keep testing SQLite when the suite runs on PostgreSQL.
std::unique_ptr<Database> open_sqlite_database(const std::string& data_dir);

// The server the tests run against, from CONG_TEST_POSTGRES_URL (postgresql://cong@127.0.0.1:55432/postgres),
// or empty: then every test uses SQLite.
std::string postgres_test_url();
inline bool testing_postgres() { return !postgres_test_url().empty(); }

// The database of one test, created as `cong init` would: SQLite in config.data_dir, or, when
// CONG_TEST_POSTGRES_URL is set, a new empty PostgreSQL database (CREATE DATABASE cong_test_<pid>_<n>) that
// is dropped when the returned Database is destroyed, so tests stay independent on both engines.
// Service tests call this where they called open_sqlite(config, true).
Result<std::unique_ptr<Database>> open_test_database(const core::StorageConfig& config);

// Skips a test that is about SQLite itself (its file, pragmas, backup API) when the tests run on PostgreSQL.
#define CONG_SKIP_ON_POSTGRES(why)                                            \
    if (::cong::storage::test_support::testing_postgres()) {                  \
        GTEST_SKIP() << "SQLite only: " << (why);                             \
    }                                                                         \
    static_assert(true)

core::Timestamp at(std::int64_t unix_seconds);

// One site with one category and one editor, the least an article needs.
struct Seed {
    std::int64_t site_id = 0;
    std::int64_t category_id = 0;
    std::int64_t user_id = 0;
};
Seed seed(Database& database, const std::string& host = "thoxuan.thanhhoa.gov.vn");

model::Article make_article(const Seed& seed, const std::string& slug, model::ArticleStatus status,
                            std::optional<std::int64_t> published_at);
model::Media make_media(std::int64_t site_id, const std::string& sha256);

// Runs sql on the file with a plain SQLite connection and returns the first column of the first row.
std::int64_t query_int(const std::string& db_path, const std::string& sql);
// The schema as `SELECT sql FROM sqlite_schema ORDER BY name`, one statement per paragraph.
std::string dump_schema(const std::string& db_path);
// Creates a SQLite database that is not Cổng's.
void make_foreign_database(const std::string& db_path);

// A SQLite file as a Cổng of schema version `version` left it: the migrations before it applied and
// recorded, foreign keys on as Cổng opens it. For the tests of a migration, on rows written the old way.
std::unique_ptr<sqlite::Connection> sqlite_at_version(const std::string& db_path, int version);

}  // namespace cong::storage::test_support
