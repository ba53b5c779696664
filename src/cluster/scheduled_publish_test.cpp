// Scheduled publishing on PostgreSQL when two nodes run it at the same moment, as they may during a hand-over
// of the job lock: every article is published once, with one audit entry.
#include "cluster/pg_test_server.hpp"
#include "content/article_service.hpp"
#include "content/category_service.hpp"
#include "content/site_service.hpp"
#include "storage/open_database.hpp"
#include "storage/postgres/pg_connection.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <thread>

namespace cong::cluster {
namespace {

using namespace std::chrono_literals;
using storage::postgres::PgConnection;

// A database of the test's own on the test server, dropped at the end.
class OwnDatabase {
public:
    OwnDatabase(std::string server, const std::string& name) : server_(std::move(server)), name_(name) {
        auto admin = PgConnection::open(server_);
        created_ = admin && (*admin)->exec_script("CREATE DATABASE " + (*admin)->quote_identifier(name_));
    }
    ~OwnDatabase() {
        if (!created_) return;
        if (auto admin = PgConnection::open(server_))
            (void)(*admin)->exec_script("DROP DATABASE IF EXISTS " + (*admin)->quote_identifier(name_) + " WITH (FORCE)");
    }
    bool created() const { return created_; }
    std::string url() const {
        auto slash = server_.rfind('/');
        auto query = server_.find('?');
        return server_.substr(0, slash + 1) + name_ + (query == std::string::npos ? "" : server_.substr(query));
    }

private:
    std::string server_;
    std::string name_;
    bool created_ = false;
};

std::string database_prefix() {
    const char* prefix = std::getenv("CONG_TEST_DATABASE_PREFIX");
    return prefix != nullptr && *prefix != '\0' ? prefix : "cong_cluster";
}

TEST(ScheduledPublishing, TwoNodesRunningItAtOnceOnPostgresPublishEachArticleOnce) {
    auto server = testing::test_postgres_url();
    if (!server) return;
    OwnDatabase database(*server, testing::unique_name(database_prefix()));
    ASSERT_TRUE(database.created());
    core::StorageConfig config;
    config.data_dir = database.url();
    auto node_a = storage::open_database(config, true);
    ASSERT_TRUE(node_a) << node_a.error().detail;
    auto node_b = storage::open_database(config, false);
    ASSERT_TRUE(node_b) << node_b.error().detail;

    auto site_id = content::ensure_default_site(**node_a).value();
    model::Category category;
    category.name = "Tin tức - Sự kiện";
    content::CategoryService{**node_a, site_id}.create_category(category).value();
    model::User approver;
    approver.login = "duyet";
    approver.display_name = "Duyệt";
    approver.password_hash = "unused";
    approver.role = model::Role::Approver;
    approver.id = (*node_a)->write([&](storage::Tx& tx) { return tx.users().insert_user(approver); }).value();
    content::ActingUser acting{approver, "198.51.100.7"};

    content::ArticleService articles_a{**node_a, site_id};
    content::ArticleService articles_b{**node_b, site_id};
    auto at = core::now() + std::chrono::hours(1);
    constexpr int ARTICLES = 12;
    for (int i = 0; i < ARTICLES; ++i) {
        content::ArticleInput input;
        input.title = "Thông báo lịch tiếp công dân số " + std::to_string(i + 1);
        input.category_slug = "tin-tuc-su-kien";
        input.body = content::parse_document(
                         R"({"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"Nội dung."}]}]})")
                         .value();
        input.status = model::ArticleStatus::Scheduled;
        input.published_at = at;
        ASSERT_TRUE(articles_a.create_article(input, acting));
    }

    // Both nodes, each with its own connections, publish what is due, over and over, at the same time.
    std::atomic<int> published{0};
    std::atomic<int> failures{0};
    auto run = [&](content::ArticleService& service) {
        for (int round = 0; round < 5; ++round) {
            auto done = service.publish_due(at);
            if (done) published += static_cast<int>(done->size());
            else ++failures;
        }
    };
    std::thread a([&] { run(articles_a); });
    std::thread b([&] { run(articles_b); });
    a.join();
    b.join();
    EXPECT_EQ(published, ARTICLES);
    EXPECT_EQ(failures, 0);

    auto check = PgConnection::open(database.url());
    ASSERT_TRUE(check);
    EXPECT_EQ((*check)->query_int64("SELECT count(*) FROM articles WHERE status = 'published'").value(), ARTICLES);
    EXPECT_EQ((*check)->query_int64("SELECT count(*) FROM audit_log WHERE action = 'article.publish_scheduled'").value(),
              ARTICLES);
    EXPECT_EQ((*check)->query_int64("SELECT max(n) FROM (SELECT count(*) AS n FROM audit_log WHERE action = "
                                    "'article.publish_scheduled' GROUP BY object_id) AS per_article").value(),
              1);
}

}  // namespace
}  // namespace cong::cluster
