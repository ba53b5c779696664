// The article pages of the back office, driven through their routes with a stand-in shell (the session,
// CSRF and role checks are the shell's and tested with it).
#include "admin/article_pages.hpp"
#include "storage/sqlite/sqlite_test_support.hpp"
#include "admin/article_form.hpp"

#include "admin/test_shell.hpp"
#include "audit/audit_log.hpp"
#include "content/category_service.hpp"
#include "content/site_service.hpp"
#include "storage/sqlite/sqlite_database.hpp"

#include <gtest/gtest.h>

#include <filesystem>

using namespace cong;
namespace fs = std::filesystem;

namespace {

class ArticlePagesTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("cong-admin-articles-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        core::StorageConfig config;
        config.data_dir = dir_.string();
        db_ = storage::test_support::open_test_database(config).value();
        site_id_ = content::ensure_default_site(*db_).value();
        content::CategoryService categories{*db_, site_id_};
        model::Category category;
        category.name = "Chiến lược - Định Hướng - Quy hoạch";
        categories.create_category(category).value();
        editor_ = user("bientap", model::Role::Editor);
        approver_ = user("duyet", model::Role::Approver);
        articles_ = std::make_unique<content::ArticleService>(*db_, site_id_);
        admin::add_article_admin_routes(router_, shell_, *articles_, [] {
            return std::string(R"([{"slug":"nq-09-2024","title":"Nghị quyết 09","periods":[]}])");
        });
        act_as(editor_);
    }
    void TearDown() override {
        articles_.reset();
        db_.reset();
        fs::remove_all(dir_);
    }

    model::User user(const std::string& login, model::Role role) {
        model::User u;
        u.login = login;
        u.password_hash = "unused";
        u.role = role;
        u.id = db_->write([&](storage::Tx& tx) { return tx.users().insert_user(u); }).value();
        return u;
    }
    void act_as(const model::User& u) { shell_.context = {u, "csrf-token", "192.0.2.10"}; }

    http::Response send(http::Method method, const std::string& target, std::string body = {},
                        std::vector<http::Header> headers = {}) {
        return admin::testing::dispatch(router_, method, target, std::move(body), std::move(headers));
    }
    http::Response get(const std::string& target) { return send(http::Method::Get, target); }
    http::Response post(const std::string& target, const std::string& form) {
        return send(http::Method::Post, target, form);
    }

    std::int64_t create(const std::string& title, model::ArticleStatus status, const model::User& by,
                        const std::string& text = "Nội dung.") {
        content::ArticleInput in;
        in.title = title;
        in.category_slug = "chien-luoc-dinh-huong-quy-hoach";
        in.status = status;
        in.body = content::parse_document(
                      R"({"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":")" + text +
                      R"("}]}]})")
                      .value();
        return articles_->create_article(in, {by, "127.0.0.1"}).value().id;
    }

    static std::string form(const std::string& title, const std::string& action, const std::string& extra = {}) {
        return "csrf=csrf-token&title=" + http::percent_encode(title) +
               "&lead=Sa+p%C3%B4&category=chien-luoc-dinh-huong-quy-hoach&byline=&source=&cover_media=&slug=" +
               "&body=" +
               http::percent_encode(
                   R"({"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"Thân bài."}]}]})") +
               (action.empty() ? "" : "&action=" + action) + extra;
    }

    fs::path dir_;
    std::unique_ptr<storage::Database> db_;
    std::int64_t site_id_ = 0;
    model::User editor_, approver_;
    std::unique_ptr<content::ArticleService> articles_;
    admin::testing::TestShell shell_;
    http::Router router_;
};

bool contains(const http::Response& response, std::string_view text) {
    return response.body.find(text) != std::string::npos;
}

}  // namespace

TEST(ArticleForm, VietnamLocalTimesRoundTrip) {
    auto t = admin::parse_vietnam_local_time("2024-04-03T07:00").value();
    ASSERT_TRUE(t.has_value());
    EXPECT_EQ(core::format_rfc3339(*t), "2024-04-03T00:00:00Z");
    EXPECT_EQ(admin::format_vietnam_local_time(*t), "2024-04-03T07:00");
    EXPECT_EQ(core::format_rfc3339(*admin::parse_vietnam_local_time("2024-01-01T03:30:15").value()),
              "2023-12-31T20:30:15Z");
    EXPECT_FALSE(admin::parse_vietnam_local_time("").value().has_value());
    for (auto bad :
         {"2024-02-30T07:00", "2024-04-03T24:00", "03/04/2024 07:00", "2024-04-03T07:0x", "1800-01-01T00:00"})
        EXPECT_EQ(admin::parse_vietnam_local_time(bad).error().field, "published_at") << bad;
}

TEST_F(ArticlePagesTest, TheMenuHasArticlesAndTheListShowsVietnameseStatusBadges) {
    ASSERT_EQ(shell_.menu.size(), 1u);
    EXPECT_EQ(shell_.menu[0].label, "Bài viết");
    create("Bài nháp", model::ArticleStatus::Draft, editor_);
    create("Bài chờ duyệt", model::ArticleStatus::Pending, editor_);
    create("Bài đã đăng", model::ArticleStatus::Published, approver_);
    auto page = get("/quan-tri/bai-viet");
    EXPECT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page, "Có 3 bài viết."));
    EXPECT_TRUE(contains(page, ">Nháp</span>"));
    EXPECT_TRUE(contains(page, ">Chờ duyệt</span>"));
    EXPECT_TRUE(contains(page, ">Đã đăng</span>"));

    auto pending = get("/quan-tri/bai-viet?trang-thai=pending&q=ch%E1%BB%9D");
    EXPECT_TRUE(contains(pending, "Có 1 bài viết."));
    EXPECT_TRUE(contains(pending, "Bài chờ duyệt"));
    EXPECT_EQ(get("/quan-tri/bai-viet?trang-thai=bogus").status, 400);
}

TEST_F(ArticlePagesTest, ButtonsFollowTheRole) {
    auto id = create("Bài của biên tập viên", model::ArticleStatus::Draft, editor_);
    auto as_editor = get("/quan-tri/bai-viet/" + std::to_string(id));
    EXPECT_TRUE(contains(as_editor, "value=\"submit\" class=\"button\">Gửi duyệt</button>"));
    EXPECT_FALSE(contains(as_editor, "Đăng ngay"));
    EXPECT_TRUE(contains(as_editor, "data-autosave=\"on\""));
    EXPECT_TRUE(contains(as_editor, "<textarea name=\"body\" id=\"article-body\" hidden=\"\">"));
    EXPECT_TRUE(contains(as_editor, "data-editor-for=\"article-body\""));
    EXPECT_TRUE(contains(as_editor, "admin-editor.js"));

    act_as(approver_);
    auto as_approver = get("/quan-tri/bai-viet/" + std::to_string(id));
    EXPECT_TRUE(contains(as_approver, "Đăng ngay"));
    EXPECT_TRUE(contains(as_approver, "Hẹn giờ đăng"));
    EXPECT_FALSE(contains(as_approver, "Gửi duyệt"));
}

TEST_F(ArticlePagesTest, TheEditorIsOfferedThePlansForASummaryBlockOnlyWhereItMayEdit) {
    auto fresh = get("/quan-tri/bai-viet/moi");
    ASSERT_EQ(fresh.status, 200);
    EXPECT_NE(fresh.body.find("data-summary-plans=\"[{&quot;slug&quot;:&quot;nq-09-2024&quot;"), std::string::npos)
        << fresh.body;
    // Published by the approver: the editor may read it, not change it, so the editor offers no insertion.
    auto published = create("Bài đã đăng", model::ArticleStatus::Published, approver_);
    auto readonly = get("/quan-tri/bai-viet/" + std::to_string(published));
    ASSERT_EQ(readonly.status, 200);
    EXPECT_NE(readonly.body.find("data-readonly=\"true\""), std::string::npos);
    EXPECT_EQ(readonly.body.find("data-summary-plans"), std::string::npos);
}

TEST_F(ArticlePagesTest, ARefusedFormKeepsWhatWasTypedWithTheErrorBesideTheField) {
    auto response = post("/quan-tri/bai-viet/moi", form("", "save", "&byline=L%C3%AA+Th%C6%A1"));
    EXPECT_EQ(response.status, 400);
    EXPECT_TRUE(contains(response, "class=\"field-error\" id=\"title-error\""));
    EXPECT_TRUE(contains(response, "aria-invalid=\"true\""));
    EXPECT_TRUE(contains(response, "value=\"Lê Thơ\""));  // the byline as typed

    auto no_future = post("/quan-tri/bai-viet/moi", form("Hẹn giờ", "schedule", "&published_at=2020-01-01T07:00"));
    act_as(approver_);
    no_future = post("/quan-tri/bai-viet/moi", form("Hẹn giờ", "schedule", "&published_at=2020-01-01T07:00"));
    EXPECT_EQ(no_future.status, 400);
    EXPECT_TRUE(contains(no_future, "id=\"published_at-error\">Hãy chọn thời điểm đăng trong tương lai"));
}

TEST_F(ArticlePagesTest, AnEditorWhoTriesToPublishIsForbidden) {
    auto response = post("/quan-tri/bai-viet/moi", form("Tự đăng", "publish"));
    EXPECT_EQ(response.status, 403);
    EXPECT_EQ(articles_->list_articles({}, editor_).value().total, 0);
}

TEST_F(ArticlePagesTest, SavingRedirectsAndEveryButtonMovesTheWorkflow) {
    auto created = post("/quan-tri/bai-viet/moi", form("Hội nghị", "submit"));
    ASSERT_EQ(created.status, 303);
    auto list = articles_->list_articles({}, editor_).value();
    ASSERT_EQ(list.total, 1);
    auto id = list.items[0].article.id;
    EXPECT_EQ(list.items[0].article.status, model::ArticleStatus::Pending);

    act_as(approver_);
    auto path = "/quan-tri/bai-viet/" + std::to_string(id);
    auto scheduled = post(path, form("Hội nghị", "schedule", "&published_at=2099-04-03T07:00"));
    ASSERT_EQ(scheduled.status, 303);
    auto article = articles_->find_article(id).value()->article;
    EXPECT_EQ(article.status, model::ArticleStatus::Scheduled);
    EXPECT_EQ(core::format_rfc3339(*article.published_at), "2099-04-03T00:00:00Z");
    EXPECT_TRUE(contains(get(path + "?da-luu=schedule"), "Đã hẹn giờ đăng bài."));

    ASSERT_EQ(post(path, form("Hội nghị", "publish")).status, 303);
    EXPECT_EQ(articles_->find_article(id).value()->article.status, model::ArticleStatus::Published);
    ASSERT_EQ(post(path, form("Hội nghị", "unpublish")).status, 303);
    EXPECT_EQ(articles_->find_article(id).value()->article.status, model::ArticleStatus::Unpublished);

    storage::AuditQuery query;
    query.object_id = id;
    auto entries = audit::list(*db_, query).value().entries;
    ASSERT_FALSE(entries.empty());
    EXPECT_EQ(entries.front().action, "article.unpublish");
    EXPECT_EQ(entries.front().ip, "192.0.2.10");
}

TEST_F(ArticlePagesTest, AutosaveAnswersJsonAndKeepsOneRevision) {
    auto accept = http::Header{"Accept", "application/json"};
    auto first = send(http::Method::Post, "/quan-tri/bai-viet/moi", form("Bản nháp tự lưu", ""),
                      {accept, {"Content-Type", "application/x-www-form-urlencoded"}});
    ASSERT_EQ(first.status, 201);
    EXPECT_EQ(first.content_type.find("application/json"), 0u);
    EXPECT_TRUE(contains(first, "\"saved_at\":\""));
    auto id = articles_->list_articles({}, editor_).value().items.at(0).article.id;
    auto edit_url = "/quan-tri/bai-viet/" + std::to_string(id);
    EXPECT_TRUE(contains(first, "\"edit_url\":\"" + edit_url + "\""));

    // The editor bundle posts FormData: multipart.
    std::string boundary = "----cong";
    std::string body;
    for (auto [name, value] :
         std::vector<std::pair<std::string, std::string>>{{"csrf", "csrf-token"},
                                                          {"title", "Bản nháp tự lưu, sửa"},
                                                          {"category", "chien-luoc-dinh-huong-quy-hoach"},
                                                          {"body", R"({"type":"doc","content":[]})"}})
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    body += "--" + boundary + "--\r\n";
    auto second = send(http::Method::Post, edit_url, body,
                       {accept, {"Content-Type", "multipart/form-data; boundary=" + boundary}});
    ASSERT_EQ(second.status, 200) << second.body;
    EXPECT_EQ(articles_->find_article(id).value()->article.title, "Bản nháp tự lưu, sửa");
    EXPECT_EQ(articles_->list_revisions(id).value().size(), 1u);

    auto refused = send(http::Method::Post, edit_url, form("", ""),
                        {accept, {"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(refused.status, 400);
    EXPECT_TRUE(contains(refused, "\"field\":\"title\""));
}

TEST_F(ArticlePagesTest, PreviewIsThePublicPageWithABannerAndNoindex) {
    auto id = create("Bài chưa đăng", model::ArticleStatus::Draft, editor_, "Đoạn văn xem trước.");
    auto preview = get("/quan-tri/bai-viet/" + std::to_string(id) + "/xem-truoc");
    EXPECT_EQ(preview.status, 200);
    EXPECT_TRUE(contains(preview, "Bản xem trước"));
    EXPECT_TRUE(contains(preview, "noindex"));
    EXPECT_TRUE(contains(preview, "<h1>Bài chưa đăng</h1>"));
    EXPECT_TRUE(contains(preview, "Đoạn văn xem trước."));
    EXPECT_TRUE(contains(preview, "Chiến lược - Định Hướng - Quy hoạch"));
    EXPECT_EQ(get("/quan-tri/bai-viet/999/xem-truoc").status, 404);
}

TEST_F(ArticlePagesTest, RevisionsCanBeComparedAndRestored) {
    auto id = create("Quý I", model::ArticleStatus::Draft, editor_, "Có 03/38 chỉ tiêu.");
    auto path = "/quan-tri/bai-viet/" + std::to_string(id);
    ASSERT_EQ(post(path, form("Quý II", "save")).status, 303);

    auto list = get(path + "/phien-ban");
    EXPECT_TRUE(contains(list, "Phiên bản 2"));
    EXPECT_TRUE(contains(list, "Phiên bản 1"));
    auto compared = get(path + "/phien-ban?a=1&b=2");
    EXPECT_TRUE(contains(compared, "Quý <del>I</del><ins>II</ins>"));
    EXPECT_TRUE(contains(compared, "<del>Có</del><ins>Thân</ins> <del>03/38 chỉ tiêu.</del><ins>bài.</ins>"));
    EXPECT_EQ(get(path + "/phien-ban?a=1&b=9").status, 404);

    auto one = get(path + "/phien-ban/1");
    EXPECT_TRUE(contains(one, "Khôi phục phiên bản này"));
    EXPECT_TRUE(contains(one, "Có 03/38 chỉ tiêu."));
    auto restored = post(path + "/phien-ban/1/khoi-phuc", "csrf=csrf-token");
    EXPECT_EQ(restored.status, 303);
    EXPECT_EQ(articles_->find_article(id).value()->article.title, "Quý I");
    EXPECT_EQ(articles_->list_revisions(id).value().size(), 3u);
}
