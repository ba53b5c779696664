// The editorial workflow against the real server: roles through the API, the back office's article form
// after a real sign-in, and a scheduled article that appears on its own at its time, published once.
#include "cong_process.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <ctime>
#include <regex>
#include <thread>

using cong::testing::CongProcess;
using cong::testing::field;
using cong::testing::form_encode;
using cong::testing::csrf_of;
using cong::testing::HttpResult;

namespace {

// A moment from now, formatted with strftime in UTC shifted by offset_hours.
std::string time_in(std::chrono::seconds ahead, int offset_hours, const char* format) {
    auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() + ahead) + offset_hours * 3600;
    std::tm tm{};
    ::gmtime_r(&t, &tm);
    char text[64];
    std::strftime(text, sizeof text, format, &tm);
    return text;
}

class Workflow : public ::testing::Test {
protected:
    void SetUp() override {
        cong_.init();
        add_user("duyet", "approver");
        add_user("phongvien", "editor");
        cong_.start();
        auto category = cong_.api("POST", "/api/v1/categories", R"({"name": "Tin tức - Sự kiện"})");
        ASSERT_EQ(category.status, 201) << category.body;
    }

    std::string add_user(const std::string& login, const std::string& role) {
        auto added = cong_.run({"user", "add", "--login", login, "--role", role, "--password-stdin"},
                               "mat-khau-" + login + "-2024\n");
        EXPECT_EQ(added.exit_code, 0) << added.err;
        auto token = cong_.run({"token", "create", "--login", login});
        EXPECT_EQ(token.exit_code, 0) << token.err;
        return tokens_[login] = token.out.substr(0, token.out.find('\n'));
    }

    HttpResult api_as(const std::string& login, const std::string& method, const std::string& target,
                      const std::string& body) {
        return cong_.request(method, target,
                             {{"Authorization", "Bearer " + tokens_[login]}, {"Content-Type", "application/json"}},
                             body);
    }

    static std::string article(const std::string& title, const std::string& status, const std::string& extra = "") {
        return R"({"title":")" + title + R"(","category":"tin-tuc-su-kien","status":")" + status + "\"" + extra +
               R"(,"body":{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"Nội dung."}]}]}})";
    }

    // Polls the home page (a bounded loop, no fixed sleep) until it shows text or the time is up.
    bool home_shows_within(const std::string& text, std::chrono::milliseconds limit) {
        auto deadline = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < deadline) {
            if (cong_.request("GET", "/").body.find(text) != std::string::npos) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return false;
    }

    std::int64_t count_audit(const std::string& article_id, const std::string& like) {
        sqlite3* db = nullptr;
        std::int64_t count = -1;
        auto path = cong_.data_dir() + "/cong.db";
        if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
            sqlite3_stmt* statement = nullptr;
            sqlite3_prepare_v2(
                db, "SELECT count(*) FROM audit_log WHERE object_type = 'article' AND object_id = ? AND action LIKE ?",
                -1, &statement, nullptr);
            sqlite3_bind_int64(statement, 1, std::stoll(article_id));
            sqlite3_bind_text(statement, 2, like.c_str(), -1, SQLITE_TRANSIENT);
            if (sqlite3_step(statement) == SQLITE_ROW) count = sqlite3_column_int64(statement, 0);
            sqlite3_finalize(statement);
        }
        sqlite3_close(db);
        return count;
    }

    CongProcess cong_;
    std::map<std::string, std::string> tokens_;
};

}  // namespace

TEST_F(Workflow, AnArticleScheduledThroughTheApiAppearsAtItsTimeAndIsPublishedOnce) {
    auto at = time_in(std::chrono::seconds(2), 0, "%Y-%m-%dT%H:%M:%SZ");
    auto created = api_as("duyet", "POST", "/api/v1/articles",
                          article("Thông báo lịch tiếp công dân", "published", R"(,"published_at":")" + at + "\""));
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(field(created.body, "status"), "scheduled");
    auto id = field(created.body, "id");
    auto url = field(created.body, "url");
    // Asked now, the home page (cached from here on) does not show it.
    EXPECT_EQ(cong_.request("GET", "/").body.find(url), std::string::npos);
    EXPECT_EQ(cong_.request("GET", url).status, 404);

    EXPECT_TRUE(home_shows_within(url, std::chrono::seconds(5))) << "not on the home page within ~3 s of its time";
    EXPECT_EQ(cong_.request("GET", url).status, 200);
    EXPECT_EQ(field(cong_.api("GET", "/api/v1/articles/" + id).body, "status"), "published");
    // The scheduler runs every second; it published the article once.
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    EXPECT_EQ(count_audit(id, "article.publish%"), 1);
    EXPECT_EQ(count_audit(id, "article.schedule"), 1);
    // The scheduler's thread ends with the server: SIGTERM still means a clean exit.
    EXPECT_EQ(cong_.stop(), 0);
}

TEST_F(Workflow, AnEditorCanSubmitButNotPublishOrScheduleThroughTheApi) {
    auto published = api_as("phongvien", "POST", "/api/v1/articles", article("Tự đăng", "published"));
    EXPECT_EQ(published.status, 403) << published.body;
    auto at = time_in(std::chrono::hours(2), 0, "%Y-%m-%dT%H:%M:%SZ");
    auto scheduled = api_as("phongvien", "POST", "/api/v1/articles",
                            article("Tự hẹn giờ", "scheduled", R"(,"published_at":")" + at + "\""));
    EXPECT_EQ(scheduled.status, 403) << scheduled.body;
    auto pending = api_as("phongvien", "POST", "/api/v1/articles", article("Bài gửi duyệt", "pending"));
    ASSERT_EQ(pending.status, 201) << pending.body;
    auto id = field(pending.body, "id");
    // Someone else's article is not the editor's to change.
    auto others = api_as("duyet", "POST", "/api/v1/articles", article("Bài của người duyệt", "draft"));
    auto changed =
        api_as("phongvien", "PUT", "/api/v1/articles/" + field(others.body, "id"), R"({"title":"Sửa trộm"})");
    EXPECT_EQ(changed.status, 403);
    auto approved = api_as("duyet", "PUT", "/api/v1/articles/" + id, R"({"status":"published"})");
    ASSERT_EQ(approved.status, 200) << approved.body;
    EXPECT_EQ(count_audit(id, "article.submit"), 1);
    EXPECT_EQ(count_audit(id, "article.publish"), 1);
}

TEST_F(Workflow, AnApproverSchedulesFromTheBackOfficeFormAndTheArticleAppearsOnItsOwn) {
    auto cookie = cong_.sign_in("duyet", "mat-khau-duyet-2024");
    ASSERT_FALSE(cookie.empty());
    auto form_page = cong_.request("GET", "/quan-tri/bai-viet/moi", {{"Cookie", cookie}});
    ASSERT_EQ(form_page.status, 200) << form_page.body;
    EXPECT_NE(form_page.body.find("Hẹn giờ đăng"), std::string::npos);
    auto csrf = csrf_of(form_page.body);
    ASSERT_FALSE(csrf.empty());

    // Without the CSRF token the form is refused.
    auto no_csrf = cong_.request("POST", "/quan-tri/bai-viet/moi",
                                 {{"Cookie", cookie}, {"Content-Type", "application/x-www-form-urlencoded"}},
                                 "title=x&category=tin-tuc-su-kien&action=save");
    EXPECT_EQ(no_csrf.status, 403);

    // datetime-local in Vietnam time (UTC+7), two seconds ahead.
    auto local = time_in(std::chrono::seconds(2), 7, "%Y-%m-%dT%H:%M:%S");
    std::string body =
        "csrf=" + form_encode(csrf) + "&title=" + form_encode("Lịch tiếp dân tháng 12") +
        "&lead=&category=tin-tuc-su-kien&byline=&source=&cover_media=&slug=&published_at=" + form_encode(local) +
        "&body=" +
        form_encode(R"({"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"Lịch."}]}]})") +
        "&action=schedule";
    auto saved = cong_.request("POST", "/quan-tri/bai-viet/moi",
                               {{"Cookie", cookie}, {"Content-Type", "application/x-www-form-urlencoded"}}, body);
    ASSERT_EQ(saved.status, 303) << saved.body;
    auto edit_url = saved.header("location");
    ASSERT_NE(edit_url.find("/quan-tri/bai-viet/"), std::string::npos);
    auto edit = cong_.request("GET", edit_url, {{"Cookie", cookie}});
    EXPECT_NE(edit.body.find("Đã lên lịch"), std::string::npos);

    EXPECT_TRUE(home_shows_within("Lịch tiếp dân tháng 12", std::chrono::seconds(5)));
    auto list = cong_.request("GET", "/quan-tri/bai-viet?trang-thai=published", {{"Cookie", cookie}});
    EXPECT_NE(list.body.find("Lịch tiếp dân tháng 12"), std::string::npos);

    std::smatch match;
    ASSERT_TRUE(std::regex_search(edit_url, match, std::regex(R"(/quan-tri/bai-viet/(\d+))")));
    auto id = match[1].str();
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    EXPECT_EQ(count_audit(id, "article.publish%"), 1);
    auto preview = cong_.request("GET", "/quan-tri/bai-viet/" + id + "/xem-truoc", {{"Cookie", cookie}});
    EXPECT_EQ(preview.status, 200);
    EXPECT_NE(preview.body.find("Bản xem trước"), std::string::npos);
}
