// Crash safety against the real server: writes acknowledged before a SIGKILL are all there after a restart,
// complete, and the database file stays sound; a backup killed half-way never passes for a backup.
#include "cong_process.hpp"

#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <random>
#include <regex>
#include <thread>
#include <vector>

using cong::testing::CongProcess;
using cong::testing::field;

namespace {

// How many times the server is killed; CONG_CRASH_KILLS raises it for a longer run by hand.
int kill_count() {
    const char* value = std::getenv("CONG_CRASH_KILLS");
    return value ? std::max(1, std::atoi(value)) : 20;
}

std::string integrity_check(const std::string& db_path) {
    sqlite3* db = nullptr;
    std::string result = "cannot open";
    if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &statement, nullptr) == SQLITE_OK &&
            sqlite3_step(statement) == SQLITE_ROW) {
            result = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
        }
        sqlite3_finalize(statement);
    }
    sqlite3_close(db);
    return result;
}

// What the server said it stored: each entry was answered 201 before the kill.
struct Acknowledged {
    std::mutex mutex;
    std::vector<std::pair<std::string, std::string>> articles;  // id, title
    std::vector<std::string> media_urls;
    std::vector<std::string> category_slugs;
};

std::string article_json(const std::string& title) {
    return R"({"title":")" + title + R"(","lead":"Tin ngắn.","category":"tin-tuc","status":"published",)"
           R"("body":{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"Nội dung của )" +
           title + R"(."}]}]}})";
}

// Writes until the server stops answering; records what was acknowledged. Each kind of write the back office
// makes: an article (with its search index rows), a photo (a file and a row), a category (a setting).
void write_until_refused(const CongProcess& cong, int writer, int round, const std::string& photo, Acknowledged& acked) {
    for (int n = 0;; ++n) {
        std::string tag = std::to_string(round) + "-" + std::to_string(writer) + "-" + std::to_string(n);
        try {
            if (n % 3 == 0) {
                std::string title = "Bài viết kiểm tra số " + tag;
                auto created = cong.api("POST", "/api/v1/articles", article_json(title));
                if (created.status == 0) return;
                ASSERT_EQ(created.status, 201) << created.body;
                std::lock_guard lock(acked.mutex);
                acked.articles.emplace_back(field(created.body, "id"), title);
            } else if (n % 3 == 1) {
                auto [type, body] = cong::testing::multipart_body("ảnh " + tag + ".jpg", photo, {{"caption", "Ảnh " + tag}});
                auto uploaded = cong.request("POST", "/api/v1/media",
                                             {{"Authorization", "Bearer " + cong.token()}, {"Content-Type", type}}, body);
                if (uploaded.status == 0) return;
                ASSERT_EQ(uploaded.status, 201) << uploaded.body;
                std::lock_guard lock(acked.mutex);
                acked.media_urls.push_back(field(uploaded.body, "url"));
            } else {
                std::string name = "Chuyên mục " + tag;
                auto created = cong.api("POST", "/api/v1/categories", R"({"name":")" + name + R"("})");
                if (created.status == 0) return;
                ASSERT_EQ(created.status, 201) << created.body;
                std::lock_guard lock(acked.mutex);
                acked.category_slugs.push_back(field(created.body, "slug"));
            }
        } catch (const std::exception&) {
            return;  // the server is gone: the connection was refused or reset
        }
    }
}

// Where each list stood when a round began: a round checks what it added, the last round checks everything.
struct Marks {
    std::size_t articles = 0, media = 0, categories = 0;
};

void expect_all_there(const CongProcess& cong, Acknowledged& acked, Marks from = {}) {
    std::lock_guard lock(acked.mutex);
    for (std::size_t i = from.articles; i < acked.articles.size(); ++i) {
        const auto& [id, title] = acked.articles[i];
        auto read = cong.api("GET", "/api/v1/articles/" + id);
        ASSERT_EQ(read.status, 200) << "acknowledged article " << id << " is gone";
        EXPECT_EQ(field(read.body, "title"), title);
        EXPECT_NE(read.body.find("Nội dung của " + title), std::string::npos) << "article " << id << " is incomplete";
    }
    for (std::size_t i = from.media; i < acked.media_urls.size(); ++i) {
        const auto& url = acked.media_urls[i];
        auto photo = cong.request("GET", url);
        ASSERT_EQ(photo.status, 200) << "acknowledged photo " << url << " is gone";
        EXPECT_GT(photo.body.size(), 100U);
    }
    auto categories = cong.api("GET", "/api/v1/categories");
    ASSERT_EQ(categories.status, 200);
    for (std::size_t i = from.categories; i < acked.category_slugs.size(); ++i)
        EXPECT_NE(categories.body.find("\"" + acked.category_slugs[i] + "\""), std::string::npos)
            << "acknowledged category " << acked.category_slugs[i] << " is gone";
}

}  // namespace

TEST(CrashSafety, EveryAcknowledgedWriteSurvivesSigkillAtRandomMoments) {
    CongProcess cong;
    cong.init();
    cong.start();
    ASSERT_EQ(cong.api("POST", "/api/v1/categories", R"({"name":"Tin tức"})").status, 201);
    const std::string photo = cong::testing::make_jpeg(320, 240);
    Acknowledged acked;
    std::mt19937 random(20261126);
    const int kills = kill_count();
    for (int round = 0; round < kills; ++round) {
        Marks marks;
        {
            std::lock_guard lock(acked.mutex);
            marks = {acked.articles.size(), acked.media_urls.size(), acked.category_slugs.size()};
        }
        std::vector<std::thread> writers;
        for (int w = 0; w < 3; ++w)
            writers.emplace_back([&, w] { write_until_refused(cong, w, round, photo, acked); });
        std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<>(30, 400)(random)));
        cong.kill();
        for (auto& writer : writers) writer.join();
        ASSERT_EQ(integrity_check(cong.data_dir() + "/cong.db"), "ok") << "after kill " << round;
        cong.start();
        expect_all_there(cong, acked, round + 1 == kills ? Marks{} : marks);
        if (::testing::Test::HasFatalFailure()) return;
    }
    std::lock_guard lock(acked.mutex);
    std::cout << "[ figures  ] " << kills << " kills survived; acknowledged and found again: " << acked.articles.size()
              << " articles, " << acked.media_urls.size() << " photos, " << acked.category_slugs.size()
              << " categories\n";
    EXPECT_GT(acked.articles.size(), 0U);
    EXPECT_GT(acked.media_urls.size(), 0U);
}

TEST(CrashSafety, ABackupKilledHalfWayLeavesNoBackupAndACompleteOneRestores) {
    CongProcess cong;
    cong.init();
    cong.start();
    ASSERT_EQ(cong.api("POST", "/api/v1/categories", R"({"name":"Tin tức"})").status, 201);
    std::vector<std::string> ids;
    for (int i = 0; i < 40; ++i) {
        auto created = cong.api("POST", "/api/v1/articles", article_json("Bài trước sao lưu " + std::to_string(i)));
        ASSERT_EQ(created.status, 201) << created.body;
        ids.push_back(field(created.body, "id"));
    }
    namespace fs = std::filesystem;
    const fs::path dir = fs::path(cong.data_dir()).parent_path();
    std::mt19937 random(7);
    for (int attempt = 0; attempt < 10; ++attempt) {
        std::string target = (dir / ("killed-" + std::to_string(attempt) + ".db")).string();
        pid_t pid = ::fork();
        if (pid == 0) {
            int null = ::open("/dev/null", O_WRONLY);
            ::dup2(null, 1);
            ::dup2(null, 2);
            std::string data = cong.data_dir();
            ::execl(CONG_BINARY, CONG_BINARY, "backup", target.c_str(), "--data", data.c_str(), nullptr);
            ::_exit(127);
        }
        std::this_thread::sleep_for(std::chrono::microseconds(std::uniform_int_distribution<>(0, 60000)(random)));
        ::kill(pid, SIGKILL);
        int status = 0;
        ::waitpid(pid, &status, 0);
        // Either the backup finished before the kill — then it is whole — or there is no file by that name.
        if (fs::exists(target)) {
            EXPECT_EQ(integrity_check(target), "ok") << target;
        }
    }

    // A complete backup, then the server dies, then the backup is restored and everything in it is there.
    std::string good = (dir / "good.db").string();
    auto backup = cong.run({"backup", good});
    ASSERT_EQ(backup.exit_code, 0) << backup.err;
    cong.kill();
    auto restored = cong.run({"restore", good});
    ASSERT_EQ(restored.exit_code, 0) << restored.err;
    cong.start();
    for (const auto& id : ids) EXPECT_EQ(cong.api("GET", "/api/v1/articles/" + id).status, 200) << id;
    EXPECT_EQ(integrity_check(cong.data_dir() + "/cong.db"), "ok");
}
