// Several nodes on one PostgreSQL database, as the real binaries run them: a publish through one node is on
// the other at its next request; a scheduled article is published once; a node killed mid-write leaves the
// other serving; a database restart during a stream of writes loses no acknowledged write. And `cong
// migrate-db` moves the demo portal from SQLite into PostgreSQL.
//
// The server comes from CONG_TEST_POSTGRES_URL (each test makes a database of its own on it); the restart
// test starts a cluster of its own with scripts/postgres.sh. Without PostgreSQL the tests skip, unless
// CONG_REQUIRE_POSTGRES=1 makes that a failure.
#include "cong_process.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <mutex>
#include <regex>
#include <thread>
#include <unistd.h>

using cong::testing::CongProcess;
using cong::testing::field;
using cong::testing::HttpResult;

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr ? value : "";
}

bool postgres_required() { return env("CONG_REQUIRE_POSTGRES") == "1"; }

// Runs a shell command; returns its standard output, or nullopt when it failed.
std::optional<std::string> shell(const std::string& command) {
    std::string out;
    FILE* pipe = ::popen((command + " 2>/dev/null").c_str(), "r");
    if (pipe == nullptr) return std::nullopt;
    char buffer[4096];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
    int status = ::pclose(pipe);
    if (status != 0) return std::nullopt;
    return out;
}

std::string quoted(const std::string& text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    return out + "'";
}

// One query through psql; its single value, trimmed.
std::optional<std::string> psql(const std::string& url, const std::string& sql) {
    auto out = shell("psql -X -q -t -A -v ON_ERROR_STOP=1 " + quoted(url) + " -c " + quoted(sql));
    if (!out) return std::nullopt;
    while (!out->empty() && (out->back() == '\n' || out->back() == ' ')) out->pop_back();
    return out;
}

// The URL of another database on the server of url.
std::string with_database(const std::string& url, const std::string& name) {
    auto query = url.find('?');
    std::string base = url.substr(0, query);
    std::string rest = query == std::string::npos ? "" : url.substr(query);
    auto scheme_end = base.find("://");
    auto slash = base.find('/', scheme_end == std::string::npos ? 0 : scheme_end + 3);
    return (slash == std::string::npos ? base : base.substr(0, slash)) + "/" + name + rest;
}

// A database of its own on a PostgreSQL server, dropped at the end of the test.
class TestDatabase {
public:
    explicit TestDatabase(std::string server_url) : server_(std::move(server_url)) {
        static std::atomic<int> counter{0};
        std::string prefix = env("CONG_TEST_DATABASE_PREFIX");
        name_ = (prefix.empty() ? "cong_cluster" : prefix) + "_" + std::to_string(::getpid()) + "_" +
                std::to_string(counter++);
        created_ = psql(server_, "CREATE DATABASE " + name_).has_value();
    }
    ~TestDatabase() {
        if (created_) psql(server_, "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    }
    bool created() const { return created_; }
    std::string url() const { return with_database(server_, name_); }

private:
    std::string server_;
    std::string name_;
    bool created_ = false;
};

// The server of CONG_TEST_POSTGRES_URL, when it answers.
std::optional<std::string> test_server() {
    auto url = env("CONG_TEST_POSTGRES_URL");
    if (url.empty() || !psql(url, "SELECT 1")) return std::nullopt;
    return url;
}

#define REQUIRE_POSTGRES(var)                                                                   \
    auto var = test_server();                                                                   \
    if (!var) {                                                                                 \
        if (postgres_required()) FAIL() << "PostgreSQL is required (CONG_REQUIRE_POSTGRES=1) "  \
                                           "but CONG_TEST_POSTGRES_URL is unset or does not answer"; \
        GTEST_SKIP() << "no PostgreSQL: set CONG_TEST_POSTGRES_URL";                            \
    }

long metric(const CongProcess& node, const std::string& name) {
    auto text = node.request("GET", "/metrics").body;
    std::smatch match;
    if (!std::regex_search(text, match, std::regex("\n" + name + " ([0-9]+)\n"))) return -1;
    return std::stol(match[1].str());
}

bool contains(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

// Polls (a bounded loop, no fixed sleep) until check() holds or limit has passed.
template <class Check>
bool within(std::chrono::milliseconds limit, Check check, std::chrono::milliseconds step = 20ms) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    for (;;) {
        if (check()) return true;
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::this_thread::sleep_for(step);
    }
}

std::string article_json(const std::string& title, const std::string& extra = "") {
    return R"({"title":")" + title + R"(","lead":"Sa pô của bài.","category":"tin-tuc-su-kien","status":"published")" +
           extra + R"(,"body":{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"Nội dung."}]}]}})";
}

// A moment from now in RFC 3339 (UTC).
std::string rfc3339_in(std::chrono::seconds ahead) {
    auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() + ahead);
    std::tm tm{};
    ::gmtime_r(&t, &tm);
    char text[64];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

int count_lines(const std::string& text, const std::string& needle) {
    int count = 0;
    for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) ++count;
    return count;
}

// Two nodes, A and B, on one fresh database and one shared media directory.
class Cluster : public ::testing::Test {
protected:
    void SetUp() override {
        REQUIRE_POSTGRES(server);
        database_ = std::make_unique<TestDatabase>(*server);
        ASSERT_TRUE(database_->created()) << "cannot create a test database on " << *server;
        start_nodes(database_->url());
    }

    void start_nodes(const std::string& url, std::vector<std::string> env = {}) {
        media_ = fs::temp_directory_path() / ("cong-cluster-media-" + std::to_string(::getpid()) + "-" +
                                              std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
        fs::create_directories(media_);
        a_ = std::make_unique<CongProcess>(url, media_.string());
        b_ = std::make_unique<CongProcess>(url, media_.string());
        a_->init();
        b_->set_token(a_->token());
        a_->start(env);
        b_->start(env);
        auto category = a_->api("POST", "/api/v1/categories", R"({"name": "Tin tức - Sự kiện"})");
        ASSERT_EQ(category.status, 201) << category.body;
    }

    void TearDown() override {
        a_.reset();
        b_.reset();
        std::error_code ec;
        if (!media_.empty()) fs::remove_all(media_, ec);
    }

    std::unique_ptr<TestDatabase> database_;
    fs::path media_;
    std::unique_ptr<CongProcess> a_, b_;
};

}  // namespace

TEST_F(Cluster, APublishThroughOneNodeIsOnTheOtherAtItsNextRequest) {
    // B has its home page in its cache before the publish.
    b_->request("GET", "/");
    auto before = b_->request("GET", "/");
    ASSERT_EQ(before.status, 200);
    ASSERT_GE(metric(*b_, "cong_page_cache_hits_total"), 1);

    auto created = a_->api("POST", "/api/v1/articles", article_json("Khai mạc Lễ hội Đền thờ Lê Hoàn"));
    ASSERT_EQ(created.status, 201) << created.body;
    auto url = field(created.body, "url");
    auto published = std::chrono::steady_clock::now();
    // B learns of it through LISTEN/NOTIFY: its cached home page is dropped within a second.
    EXPECT_TRUE(within(1s, [&] { return contains(b_->request("GET", "/").body, url); }))
        << "B's home page did not show the article within 1 s of the publish";
    auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - published);
    std::cerr << "B showed the article " << waited.count() << " ms after A's publish returned\n";
    EXPECT_EQ(b_->request("GET", url).status, 200);

    // An edit through B reaches A's cached article page the same way.
    a_->request("GET", url);
    ASSERT_EQ(a_->request("GET", url).status, 200);
    auto id = field(created.body, "id");
    auto edited = b_->api("PUT", "/api/v1/articles/" + id, article_json("Bế mạc Lễ hội Đền thờ Lê Hoàn"));
    ASSERT_EQ(edited.status, 200) << edited.body;
    EXPECT_TRUE(within(1s, [&] { return contains(a_->request("GET", url).body, "Bế mạc Lễ hội"); }));
    EXPECT_GE(metric(*b_, "cong_cluster_notifications_received_total"), 1);
    EXPECT_EQ(metric(*a_, "cong_cluster_listening"), 1);
    EXPECT_EQ(metric(*b_, "cong_cluster_notification_send_failures_total"), 0);
}

TEST_F(Cluster, AScheduledArticleIsPublishedExactlyOnceWithTwoNodes) {
    // Exactly one node leads the periodic jobs.
    ASSERT_TRUE(within(5s, [&] {
        return metric(*a_, "cong_cluster_job_leader") + metric(*b_, "cong_cluster_job_leader") == 1;
    }));
    auto created = a_->api("POST", "/api/v1/articles", article_json("Thông báo lịch tiếp công dân",
                                                                  R"(,"published_at":")" + rfc3339_in(2s) + "\""));
    ASSERT_EQ(created.status, 201) << created.body;
    ASSERT_EQ(field(created.body, "status"), "scheduled");
    auto id = field(created.body, "id");
    auto url = field(created.body, "url");
    EXPECT_TRUE(within(6s, [&] { return contains(b_->request("GET", "/").body, url) &&
                                        contains(a_->request("GET", "/").body, url); }, 100ms));
    // Both nodes run their job loop every second; give each two more turns to publish it again.
    std::this_thread::sleep_for(2500ms);
    auto publishes = psql(database_->url(), "SELECT count(*) FROM audit_log WHERE object_type = 'article' "
                                            "AND object_id = " + id + " AND action LIKE 'article.publish%'");
    ASSERT_TRUE(publishes);
    EXPECT_EQ(*publishes, "1");
    EXPECT_EQ(count_lines(a_->server_log() + b_->server_log(), "scheduled article published"), 1);
    EXPECT_EQ(metric(*a_, "cong_cluster_job_leader") + metric(*b_, "cong_cluster_job_leader"), 1);
}

TEST_F(Cluster, NodeBKeepsServingWhenNodeAIsKilledMidWrite) {
    std::mutex mutex;
    std::vector<std::pair<std::string, std::string>> acknowledged;  // id, url
    std::atomic<bool> stop{false};
    std::thread writer([&] {
        for (int i = 0; !stop; ++i) {
            HttpResult created;
            try {
                created = a_->api("POST", "/api/v1/articles", article_json("Tin số " + std::to_string(i)));
            } catch (const std::runtime_error&) {
                return;  // the node is gone: nothing listens on its port any more
            }
            if (created.status != 201) continue;  // the node is going
            std::lock_guard lock(mutex);
            acknowledged.emplace_back(field(created.body, "id"), field(created.body, "url"));
        }
    });
    ASSERT_TRUE(within(30s, [&] {
        std::lock_guard lock(mutex);
        return acknowledged.size() >= 10;
    }));
    bool a_led = metric(*a_, "cong_cluster_job_leader") == 1;
    a_->kill();
    stop = true;
    writer.join();

    // B answers at once, shows every write A acknowledged, and takes writes itself.
    EXPECT_EQ(b_->request("GET", "/").status, 200);
    for (const auto& [id, url] : acknowledged) {
        EXPECT_EQ(b_->request("GET", url).status, 200) << url;
        EXPECT_EQ(b_->api("GET", "/api/v1/articles/" + id).status, 200) << id;
    }
    auto created = b_->api("POST", "/api/v1/articles", article_json("Tin sau khi nút A dừng"));
    EXPECT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(b_->request("GET", field(created.body, "url")).status, 200);
    // A's session ended with it, and with it its lead of the periodic jobs: B takes it.
    if (a_led) std::cerr << "A led the periodic jobs when it was killed\n";
    EXPECT_TRUE(within(5s, [&] { return metric(*b_, "cong_cluster_job_leader") == 1; }, 100ms));
}

// A PostgreSQL cluster of the test's own, so it can be restarted.
class ClusterRestart : public Cluster {
protected:
    void SetUp() override {
        if (!fs::exists("/usr/lib/postgresql/15/bin/initdb")) {
            if (postgres_required()) FAIL() << "PostgreSQL 15 is required (CONG_REQUIRE_POSTGRES=1) but not installed";
            GTEST_SKIP() << "PostgreSQL 15 is not installed";
        }
        pg_dir_ = fs::temp_directory_path() / ("pg-cong-restart-" + std::to_string(::getpid()));
        auto started = shell(script() + " start " + pg_dir_.string());
        ASSERT_TRUE(started) << "scripts/postgres.sh start " << pg_dir_ << " failed";
        std::string url = *started;
        while (!url.empty() && url.back() == '\n') url.pop_back();
        database_ = std::make_unique<TestDatabase>(url);
        ASSERT_TRUE(database_->created());
        start_nodes(database_->url());
    }
    void TearDown() override {
        Cluster::TearDown();
        database_.reset();
        if (!pg_dir_.empty()) {
            shell(script() + " stop " + pg_dir_.string());
            std::error_code ec;
            fs::remove_all(pg_dir_, ec);
        }
    }
    bool restart_postgres() { return shell(script() + " restart " + pg_dir_.string()).has_value(); }
    static std::string script() { return std::string(CONG_SOURCE_DIR) + "/scripts/postgres.sh"; }

    fs::path pg_dir_;
};

TEST_F(ClusterRestart, NodesRecoverFromADatabaseRestartAndNoAcknowledgedWriteIsLost) {
    std::mutex mutex;
    std::vector<std::pair<std::string, std::string>> acknowledged;  // id, url
    std::atomic<int> failed{0}, after_restart{0}, failed_after_restart{0};
    std::atomic<bool> restarted{false}, stop{false};
    // Writes alternate between the nodes; an answer other than 201 is a write not acknowledged.
    std::thread writer([&] {
        for (int i = 0; !stop; ++i) {
            CongProcess& node = i % 2 == 0 ? *a_ : *b_;
            auto created = node.api("POST", "/api/v1/articles", article_json("Bản tin " + std::to_string(i)));
            if (created.status != 201) {
                ++failed;
                if (restarted) ++failed_after_restart;
                EXPECT_TRUE(created.status == 503 || created.status == 0) << created.status << " " << created.body;
                std::this_thread::sleep_for(50ms);
                continue;
            }
            if (restarted) ++after_restart;
            std::lock_guard lock(mutex);
            acknowledged.emplace_back(field(created.body, "id"), field(created.body, "url"));
        }
    });
    ASSERT_TRUE(within(30s, [&] {
        std::lock_guard lock(mutex);
        return acknowledged.size() >= 10;
    }));
    ASSERT_TRUE(restart_postgres());
    restarted = true;
    // The nodes recover by themselves: writes through both are acknowledged again.
    EXPECT_TRUE(within(30s, [&] { return after_restart >= 10; }, 100ms)) << "writes did not resume after the restart";
    stop = true;
    writer.join();
    std::cerr << acknowledged.size() << " writes acknowledged; " << failed << " refused (503), "
              << failed_after_restart << " of them after the restart command returned\n";

    // Every acknowledged write is there, on both nodes. (A write whose COMMIT reached the server just as it
    // stopped may be stored without its answer having arrived: more rows than acknowledgements is no loss.)
    auto stored = psql(database_->url(), "SELECT count(*) FROM articles");
    ASSERT_TRUE(stored);
    EXPECT_GE(std::stoul(*stored), acknowledged.size());
    for (const auto& [id, url] : acknowledged) {
        EXPECT_EQ(a_->api("GET", "/api/v1/articles/" + id).status, 200) << id;
        EXPECT_EQ(b_->request("GET", url).status, 200) << url;
    }
    // Both listen again (and dropped their caches), so a publish through A is on B at its next request.
    EXPECT_TRUE(within(10s, [&] { return metric(*b_, "cong_cluster_listening") == 1; }, 100ms));
    EXPECT_GE(metric(*b_, "cong_cluster_listen_reconnects_total"), 1);
    EXPECT_GE(metric(*b_, "cong_cluster_cache_full_drops_total"), 1);
    b_->request("GET", "/");
    auto created = a_->api("POST", "/api/v1/articles", article_json("Tin sau khi khởi động lại"));
    ASSERT_EQ(created.status, 201) << created.body;
    auto url = field(created.body, "url");
    EXPECT_TRUE(within(1s, [&] { return contains(b_->request("GET", "/").body, url); }));
}

TEST(MigrateDb, TheDemoPortalMovesIntoPostgresWithEveryRowAndServesFromThere) {
    REQUIRE_POSTGRES(server);
    CongProcess sqlite_node;
    sqlite_node.init(true);
    sqlite_node.start();
    auto home = sqlite_node.request("GET", "/");
    ASSERT_EQ(home.status, 200);
    auto category_page = sqlite_node.request("GET", "/chien-luoc-dinh-huong-quy-hoach");
    auto search = sqlite_node.request("GET", "/api/v1/search?q=nong+thon+moi");
    ASSERT_EQ(search.status, 200);
    // migrate-db refuses a live source: the server holds the data directory's lock.
    TestDatabase target(*server);
    ASSERT_TRUE(target.created());
    auto refused = sqlite_node.run({"migrate-db", "--from", sqlite_node.data_dir(), "--to", target.url()});
    EXPECT_NE(refused.exit_code, 0);
    ASSERT_EQ(sqlite_node.stop(), 0);

    // References that a plain copy in id order would break: a category under one with a higher id, and the
    // site's logo (sites → media → sites is a cycle of references).
    auto db_file = quoted(sqlite_node.data_dir() + "/cong.db");
    ASSERT_TRUE(shell("sqlite3 " + db_file + " " +
                      quoted("UPDATE categories SET parent_id = (SELECT max(id) FROM categories WHERE parent_id IS NULL) "
                             "WHERE slug = 'quoc-phong-an-ninh'; UPDATE sites SET logo_media_id = (SELECT max(id) FROM media)")));
    const std::string categories_sql = "SELECT id, coalesce(parent_id, 0), slug FROM categories ORDER BY id";
    const std::string logo_sql = "SELECT logo_media_id FROM sites ORDER BY id";
    auto sqlite_categories = shell("sqlite3 -separator '|' " + db_file + " " + quoted(categories_sql));
    auto sqlite_logo = shell("sqlite3 " + db_file + " " + quoted(logo_sql));
    ASSERT_TRUE(sqlite_categories && sqlite_logo);

    auto moved = sqlite_node.run({"migrate-db", "--from", sqlite_node.data_dir(), "--to", target.url()});
    ASSERT_EQ(moved.exit_code, 0) << moved.err << moved.out;
    // A progress bar on stderr, a table of counts on stdout, every table "ok".
    EXPECT_TRUE(contains(moved.err, "100%")) << moved.err;
    EXPECT_TRUE(contains(moved.out, "articles")) << moved.out;
    EXPECT_FALSE(contains(moved.out, "MISMATCH")) << moved.out;
    for (const std::string table : {"sites", "users", "categories", "articles", "media", "audit_log", "api_tokens"}) {
        auto sqlite_count = shell("sqlite3 " + quoted(sqlite_node.data_dir() + "/cong.db") + " " +
                                  quoted("SELECT count(*) FROM " + table));
        auto pg_count = psql(target.url(), "SELECT count(*) FROM " + table);
        ASSERT_TRUE(pg_count) << table;
        if (sqlite_count) {
            EXPECT_EQ(std::stol(*sqlite_count), std::stol(*pg_count)) << table;
        }
        std::smatch match;
        ASSERT_TRUE(std::regex_search(moved.out, match, std::regex("\n" + table + " +([0-9]+) +([0-9]+)  ok\n")))
            << table << "\n" << moved.out;
        EXPECT_EQ(match[1].str(), *pg_count) << table;
    }
    // The planner has statistics at once, as after any bulk load, not only when autovacuum comes by.
    auto analyzed = psql(target.url(), "SELECT count(*) FROM pg_stat_user_tables WHERE relname IN "
                                       "('articles', 'search_articles') AND last_analyze IS NOT NULL");
    ASSERT_TRUE(analyzed);
    EXPECT_EQ(std::stol(*analyzed), 2);

    auto pg_categories = shell("psql -X -q -t -A -F '|' " + quoted(target.url()) + " -c " + quoted(categories_sql));
    auto pg_logo = shell("psql -X -q -t -A " + quoted(target.url()) + " -c " + quoted(logo_sql));
    ASSERT_TRUE(pg_categories && pg_logo);
    EXPECT_EQ(*pg_categories, *sqlite_categories);
    EXPECT_EQ(*pg_logo, *sqlite_logo);
    EXPECT_NE(*pg_logo, "\n") << "the logo reference was filled in after the photos were copied";

    // Into a database that now holds an installation it refuses to write, and changes nothing.
    auto again = sqlite_node.run({"migrate-db", "--from", sqlite_node.data_dir(), "--to", target.url()});
    EXPECT_EQ(again.exit_code, 2) << again.err;
    EXPECT_TRUE(contains(again.err, "not empty")) << again.err;

    // A node on PostgreSQL with the same media directory serves the same portal, search included, and the
    // sequences moved past the copied ids (a new article gets a new id).
    CongProcess pg_node(target.url(), sqlite_node.data_dir() + "/media");
    pg_node.set_token(sqlite_node.token());
    pg_node.start();
    auto pg_home = pg_node.request("GET", "/");
    ASSERT_EQ(pg_home.status, 200);
    std::regex link(R"rx(href="(/[a-z0-9-]+/[a-z0-9-]+)")rx");
    std::smatch first_link;
    ASSERT_TRUE(std::regex_search(home.body, first_link, link));
    EXPECT_TRUE(contains(pg_home.body, first_link[1].str()));
    EXPECT_EQ(pg_node.request("GET", first_link[1].str()).status, 200) << first_link[1].str();
    EXPECT_EQ(pg_node.request("GET", "/chien-luoc-dinh-huong-quy-hoach").status, category_page.status);
    auto pg_search = pg_node.request("GET", "/api/v1/search?q=nong+thon+moi");
    ASSERT_EQ(pg_search.status, 200);
    EXPECT_EQ(field(pg_search.body, "total"), field(search.body, "total")) << pg_search.body;
    std::regex image(R"rx(src="(/media/[^"]+)")rx");
    std::smatch first_image;
    if (std::regex_search(pg_home.body, first_image, image)) {
        EXPECT_EQ(pg_node.request("GET", first_image[1].str()).status, 200) << first_image[1].str();
    }
    auto created = pg_node.api("POST", "/api/v1/articles",
                               R"({"title":"Bài đầu tiên trên PostgreSQL","category":"chien-luoc-dinh-huong-quy-hoach",)"
                               R"("status":"published","body":{"type":"doc","content":[{"type":"paragraph",)"
                               R"("content":[{"type":"text","text":"Nội dung."}]}]}})");
    EXPECT_EQ(created.status, 201) << created.body;
}
