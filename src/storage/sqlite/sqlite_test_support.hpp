// Test support for the SQLite storage tests: a fresh temporary data directory and rows to build on.
#pragma once

#include "core/config.hpp"
#include "storage/database.hpp"

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
// Creates (or opens) the database in data_dir; fails the test when it cannot.
std::unique_ptr<Database> open_database(const std::string& data_dir);

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

}  // namespace cong::storage::test_support
