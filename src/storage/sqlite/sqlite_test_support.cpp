#include "storage/sqlite/sqlite_test_support.hpp"

#include "storage/sqlite/sqlite_database.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace cong::storage::test_support {

TempDir::TempDir() {
    auto pattern = (std::filesystem::temp_directory_path() / "cong-storage-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

core::StorageConfig test_config(const std::string& data_dir) {
    core::StorageConfig config;
    config.data_dir = data_dir;
    config.read_connections = 3;
    config.busy_timeout = std::chrono::milliseconds{2000};
    return config;
}

std::unique_ptr<Database> open_database(const std::string& data_dir) {
    auto database = open_sqlite(test_config(data_dir), true);
    if (!database) throw std::runtime_error("open_sqlite failed: " + database.error().detail);
    return std::move(*database);
}

core::Timestamp at(std::int64_t unix_seconds) { return core::Timestamp{std::chrono::seconds{unix_seconds}}; }

Seed seed(Database& database, const std::string& host) {
    Seed result;
    auto written = database.write([&](Tx& tx) -> Result<void> {
        model::Site site;
        site.name = "Cổng thông tin điện tử huyện Thọ Xuân - Thanh Hóa";
        site.host = host;
        CONG_TRY(site_id, tx.sites().insert_site(site));
        model::Category category;
        category.site_id = site_id;
        category.name = "Chiến lược - Định Hướng - Quy hoạch";
        category.slug = "chien-luoc-dinh-huong-quy-hoach";
        CONG_TRY(category_id, tx.categories().insert_category(category));
        model::User user;
        user.login = "editor-" + host;
        user.display_name = "Lê Thơ";
        user.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
        user.created_at = at(1'700'000'000);
        CONG_TRY(user_id, tx.users().insert_user(user));
        result = {site_id, category_id, user_id};
        return {};
    });
    if (!written) throw std::runtime_error("seed failed: " + written.error().detail);
    return result;
}

model::Article make_article(const Seed& seed, const std::string& slug, model::ArticleStatus status,
                            std::optional<std::int64_t> published_at) {
    model::Article article;
    article.site_id = seed.site_id;
    article.category_id = seed.category_id;
    article.title = "Hội nghị Ban Chấp hành Đảng bộ huyện " + slug;
    article.slug = slug;
    article.lead = "Sáng 03/4/2024, BCH Đảng bộ huyện Thọ Xuân tổ chức hội nghị.";
    article.body_json =
        R"({"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"Nội dung"}]}]})";
    article.body_text = "Nội dung";
    article.byline = "Lê Thơ-Hồng Tăng";
    article.source = "Trung tâm VHTT, TT&DL huyện";
    article.status = status;
    if (published_at) article.published_at = at(*published_at);
    article.author_id = seed.user_id;
    article.created_at = at(1'700'000'000);
    article.updated_at = at(1'700'000'000);
    return article;
}

model::Media make_media(std::int64_t site_id, const std::string& sha256) {
    model::Media media;
    media.site_id = site_id;
    media.sha256 = sha256;
    media.extension = "jpg";
    media.content_type = "image/jpeg";
    media.original_name = "22 (3).jpg";
    media.caption = "Toàn cảnh hội nghị";
    media.width = 1200;
    media.height = 800;
    media.bytes = 245'000;
    media.created_at = at(1'700'000'000);
    return media;
}

namespace {

struct RawDatabase {
    sqlite3* db = nullptr;
    explicit RawDatabase(const std::string& path, int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) {
        if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
            throw std::runtime_error("cannot open " + path + ": " + sqlite3_errmsg(db));
        }
        sqlite3_busy_timeout(db, 2000);
    }
    ~RawDatabase() { sqlite3_close_v2(db); }
};

}  // namespace

std::int64_t query_int(const std::string& db_path, const std::string& sql) {
    RawDatabase raw(db_path, SQLITE_OPEN_READONLY);
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(raw.db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
        throw std::runtime_error("cannot prepare " + sql + ": " + sqlite3_errmsg(raw.db));
    }
    std::int64_t value = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : -1;
    sqlite3_finalize(stmt);
    return value;
}

std::string dump_schema(const std::string& db_path) {
    RawDatabase raw(db_path, SQLITE_OPEN_READONLY);
    sqlite3_stmt* stmt = nullptr;
    // Indexes SQLite makes for UNIQUE constraints have no SQL of their own: their table's does.
    sqlite3_prepare_v2(raw.db, "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name", -1, &stmt, nullptr);
    std::string dump;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        if (!dump.empty()) dump += "\n";
        dump += reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
        dump += ";\n";
    }
    sqlite3_finalize(stmt);
    return dump;
}

void make_foreign_database(const std::string& db_path) {
    RawDatabase raw(db_path);
    sqlite3_exec(raw.db,
                 "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('x')",
                 nullptr, nullptr, nullptr);
}

}  // namespace cong::storage::test_support
