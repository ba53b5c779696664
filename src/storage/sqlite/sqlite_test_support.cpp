#include "storage/sqlite/sqlite_test_support.hpp"

#include "storage/migrations/migrations.hpp"
#include "storage/postgres/pg_connection.hpp"
#include "storage/postgres/pg_database.hpp"
#include "storage/postgres/pg_migrations.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "storage/sqlite/sqlite_migrations.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

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
    auto database = open_test_database(test_config(data_dir));
    if (!database) throw std::runtime_error("open_test_database failed: " + database.error().detail);
    return std::move(*database);
}

std::unique_ptr<Database> open_sqlite_database(const std::string& data_dir) {
    auto database = open_sqlite(test_config(data_dir), true);
    if (!database) throw std::runtime_error("open_sqlite failed: " + database.error().detail);
    return std::move(*database);
}

std::string postgres_test_url() {
    const char* url = std::getenv("CONG_TEST_POSTGRES_URL");
    if (url == nullptr || !postgres::is_postgres_url(url)) return {};
    return url;
}

namespace {

// postgresql://user@host:port/postgres?x=y → the same with another database name.
std::string with_database(const std::string& url, const std::string& name) {
    auto authority = url.find("://") + 3;
    auto slash = url.find('/', authority);
    auto query = url.find('?', authority);
    std::string prefix = url.substr(0, std::min(slash, query));
    std::string rest = query == std::string::npos ? std::string() : url.substr(query);
    return prefix + "/" + name + rest;
}

std::atomic<unsigned> next_database{0};

Result<std::unique_ptr<postgres::PgConnection>> admin_connection(const std::string& url) {
    return postgres::PgConnection::open(url);
}

void drop_database(const std::string& server, const std::string& name) {
    // A few tries: a busy server may refuse a connection for a moment, and a database left behind costs disk.
    for (int attempt = 0; attempt < 3; ++attempt) {
        if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(300));
        auto admin = admin_connection(server);
        if (!admin) continue;
        if ((*admin)->exec_script("DROP DATABASE IF EXISTS " + (*admin)->quote_identifier(name) + " WITH (FORCE)")) {
            return;
        }
    }
}

// A database name no other test process uses: the process id, a counter, and the clock.
std::string unique_name(const std::string& kind) {
    return "cong_test_" + kind + std::to_string(::getpid()) + "_" + std::to_string(next_database++) + "_" +
           std::to_string(std::chrono::steady_clock::now().time_since_epoch().count() % 1'000'000'000);
}

// The PostgreSQL databases of this test process. One migrated database is copied by CREATE DATABASE …
// TEMPLATE for every test: a copy takes a fraction of the time applying every migration again would. A
// test's database is dropped by a background thread, since DROP DATABASE waits for a checkpoint and the
// next test need not wait for it; at process exit the queue is finished and the template dropped.
class TestDatabases {
public:
    TestDatabases() = default;
    TestDatabases(const TestDatabases&) = delete;
    TestDatabases& operator=(const TestDatabases&) = delete;

    ~TestDatabases() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        wake_.notify_all();
        if (dropper_.joinable()) dropper_.join();
    }

    // The migrated template of this build's migrations, shared by every test process on the server: ctest runs
    // each test in a process of its own, and migrating a database for each would cost more than the test. Its
    // name carries a hash of the migrations, so a changed migration makes a new template; it is left on the
    // server for the next run (another build with other migrations may be using an older one meanwhile).
    Result<std::string> template_name(const std::string& server) {
        std::lock_guard lock(mutex_);
        if (!template_.empty()) return template_;
        std::uint64_t hash = 14695981039346656037ULL;  // FNV-1a: the same on every run and build
        for (const auto& migration : postgres_migrations()) {
            for (unsigned char c : migration.sql) hash = (hash ^ c) * 1099511628211ULL;
        }
        char hex[17];
        std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
        auto name = std::string("cong_test_template_") + hex;

        CONG_TRY(admin, admin_connection(server));
        // One process creates it; the others wait here and then find it made.
        CONG_TRY_VOID(admin->exec("SELECT pg_advisory_lock($1)", {postgres::PgParam(TEMPLATE_LOCK_KEY)}));
        auto made = make_template(*admin, server, name);
        (void)admin->exec("SELECT pg_advisory_unlock($1)", {postgres::PgParam(TEMPLATE_LOCK_KEY)});
        if (!made) return made.error();
        server_ = server;
        template_ = name;
        drop_abandoned(*admin);
        return template_;
    }

    void drop_later(const std::string& name) {
        {
            std::lock_guard lock(mutex_);
            pending_.push_back(name);
            if (!dropper_.joinable()) dropper_ = std::thread([this] { drop_pending(); });
        }
        wake_.notify_all();
    }

private:
    static constexpr std::int64_t TEMPLATE_LOCK_KEY = 0x436F6E67'54706C74;  // "CongTplt"

    static Result<void> make_template(postgres::PgConnection& admin, const std::string& server, const std::string& name) {
        CONG_TRY(exists, admin.query_int64("SELECT count(*) FROM pg_database WHERE datname = $1", {postgres::PgParam(name)}));
        if (exists > 0) return {};
        CONG_TRY_VOID(admin.exec_script("CREATE DATABASE " + admin.quote_identifier(name)));
        core::StorageConfig config;
        config.data_dir = with_database(server, name);
        // Opened and closed at once: a template must have no connections while it is copied.
        auto migrated = open_postgres(config, config.data_dir, true);
        if (!migrated) {
            drop_database(server, name);
            return migrated.error();
        }
        migrated->reset();
        // No one connects to it by mistake afterwards, which would make every copy fail.
        return admin.exec_script("ALTER DATABASE " + admin.quote_identifier(name) +
                                 " WITH IS_TEMPLATE true ALLOW_CONNECTIONS false");
    }

    // Databases of test processes that are gone (killed, or crashed before their exit handlers ran) are
    // dropped by the next test process: the name carries the process id.
    void drop_abandoned(postgres::PgConnection& admin) {
        auto names = admin.exec("SELECT datname FROM pg_database WHERE datname ~ '^cong_test_[0-9]+_'");
        if (!names) return;
        for (int row = 0; row < names->rows(); ++row) {
            auto name = names->text(row, 0);
            auto pid = std::atoi(name.c_str() + std::strlen("cong_test_"));
            if (pid > 0 && ::kill(pid, 0) != 0 && errno == ESRCH) pending_.push_back(name);
        }
        if (!pending_.empty() && !dropper_.joinable()) dropper_ = std::thread([this] { drop_pending(); });
    }

    void drop_pending() {
        std::unique_lock lock(mutex_);
        for (;;) {
            wake_.wait(lock, [&] { return stopping_ || !pending_.empty(); });
            if (pending_.empty()) return;  // stopping, and nothing left
            // All waiting drops at once: each waits for a checkpoint, and concurrent requests share one.
            auto names = std::move(pending_);
            pending_.clear();
            lock.unlock();
            std::vector<std::thread> drops;
            for (const auto& name : names) drops.emplace_back([this, name] { drop_database(server_, name); });
            for (auto& drop : drops) drop.join();
            lock.lock();
        }
    }

    std::mutex mutex_;
    std::condition_variable wake_;
    std::string server_;
    std::string template_;  // left on the server for the next test process
    std::vector<std::string> pending_;
    bool stopping_ = false;
    std::thread dropper_;
};

TestDatabases test_databases;

}  // namespace

Result<std::unique_ptr<Database>> open_test_database(const core::StorageConfig& config) {
    auto server = postgres_test_url();
    if (server.empty()) return open_sqlite(config, true);

    CONG_TRY(template_name, test_databases.template_name(server));
    auto name = unique_name("");
    {
        CONG_TRY(admin, admin_connection(server));
        CONG_TRY_VOID(admin->exec_script("CREATE DATABASE " + admin->quote_identifier(name) + " TEMPLATE " +
                                         admin->quote_identifier(template_name)));
    }
    auto drop = [name] { test_databases.drop_later(name); };
    PgPoolOptions options;
    options.on_close = drop;
    auto pg_config = config;
    pg_config.data_dir = with_database(server, name);
    auto database = open_postgres(pg_config, pg_config.data_dir, true, std::move(options));
    if (!database) drop();
    return database;
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

std::unique_ptr<sqlite::Connection> sqlite_at_version(const std::string& db_path, int version) {
    auto connection = sqlite::Connection::open(db_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE).value();
    EXPECT_TRUE(connection->exec("PRAGMA foreign_keys = ON"));
    EXPECT_TRUE(connection->exec(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL) STRICT"));
    for (const auto& migration : sqlite_migrations()) {
        if (migration.version > version) break;
        EXPECT_TRUE(connection->exec(std::string(migration.sql))) << migration.name;
        EXPECT_TRUE(
            connection->exec("INSERT INTO schema_migrations VALUES (" + std::to_string(migration.version) + ", 0)"));
    }
    EXPECT_EQ(sqlite::recorded_schema_version(*connection).value(), version);
    return connection;
}

}  // namespace cong::storage::test_support
