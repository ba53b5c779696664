// The editorial workflow: what each role may do, the scheduler, revisions and the audit record.
#include "audit/audit_log.hpp"
#include "storage/sqlite/sqlite_test_support.hpp"
#include "content/article_service.hpp"
#include "content/category_service.hpp"
#include "content/publish_scheduler.hpp"
#include "content/published_content.hpp"
#include "content/site_service.hpp"
#include "storage/sqlite/sqlite_database.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <mutex>
#include <thread>

using namespace cong;
using model::ArticleStatus;
namespace fs = std::filesystem;

namespace {

class RecordingListener final : public core::ChangeListener {
public:
    void content_changed(const std::vector<std::string>& tags) override {
        std::lock_guard lock(mutex_);
        calls_.push_back(tags);
    }
    std::vector<std::vector<std::string>> calls() {
        std::lock_guard lock(mutex_);
        return calls_;
    }

private:
    std::mutex mutex_;
    std::vector<std::vector<std::string>> calls_;
};

class WorkflowTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("cong-workflow-" + std::to_string(::getpid()) + "-" +
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
        model::Category news;
        news.name = "Tin tức";
        categories.create_category(news).value();
        editor_ = user("phongvien", model::Role::Editor);
        other_editor_ = user("phongvien2", model::Role::Editor);
        approver_ = user("duyet", model::Role::Approver);
        admin_ = user("quantri", model::Role::Admin);
        articles_ = std::make_unique<content::ArticleService>(*db_, site_id_);
        articles_->set_change_listener(&listener_);
    }
    void TearDown() override {
        articles_.reset();
        db_.reset();
        fs::remove_all(dir_);
    }

    content::ActingUser user(const std::string& login, model::Role role) {
        model::User u;
        u.login = login;
        u.display_name = login;
        u.password_hash = "unused";
        u.role = role;
        u.id = db_->write([&](storage::Tx& tx) { return tx.users().insert_user(u); }).value();
        return {u, "198.51.100." + std::to_string(u.id)};
    }

    static content::ArticleInput input(const std::string& title, ArticleStatus status,
                                       const std::string& text = "Nội dung.") {
        content::ArticleInput in;
        in.title = title;
        in.lead = "Sa pô.";
        in.category_slug = "chien-luoc-dinh-huong-quy-hoach";
        in.status = status;
        in.body = content::parse_document(
                      R"({"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":")" + text +
                      R"("}]}]})")
                      .value();
        return in;
    }

    static std::function<core::Result<void>(content::ArticleInput&)> set_status(
        ArticleStatus status, std::optional<core::Timestamp> at = std::nullopt) {
        return [status, at](content::ArticleInput& in) -> core::Result<void> {
            in.status = status;
            if (at) in.published_at = at;
            return {};
        };
    }

    std::vector<model::AuditEntry> audit_of(std::int64_t article_id, const std::string& prefix = "article.") {
        storage::AuditQuery query;
        query.object_type = "article";
        query.object_id = article_id;
        query.action_prefix = prefix;
        return audit::list(*db_, query).value().entries;
    }

    bool visible(const std::string& slug) {
        content::PublishedContent published{*db_, site_id_};
        return published.article(slug).value().has_value();
    }

    fs::path dir_;
    std::unique_ptr<storage::Database> db_;
    std::int64_t site_id_ = 0;
    content::ActingUser editor_, other_editor_, approver_, admin_;
    RecordingListener listener_;
    std::unique_ptr<content::ArticleService> articles_;
};

}  // namespace

TEST_F(WorkflowTest, EditorCannotPublishScheduleOrUnpublish) {
    for (auto status : {ArticleStatus::Published, ArticleStatus::Scheduled, ArticleStatus::Unpublished}) {
        auto in = input("Hội nghị", status);
        in.published_at = core::now() + std::chrono::hours(2);
        auto refused = articles_->create_article(in, editor_);
        ASSERT_FALSE(refused) << model::to_string(status);
        EXPECT_EQ(refused.error().code, core::Errc::Forbidden);
    }
    auto own = articles_->create_article(input("Bài của tôi", ArticleStatus::Draft), editor_).value();
    auto submitted = articles_->update_article(own.id, set_status(ArticleStatus::Pending), editor_).value();
    EXPECT_EQ(submitted.status, ArticleStatus::Pending);
    for (auto status : {ArticleStatus::Published, ArticleStatus::Scheduled, ArticleStatus::Unpublished}) {
        auto refused =
            articles_->update_article(own.id, set_status(status, core::now() + std::chrono::hours(1)), editor_);
        ASSERT_FALSE(refused);
        EXPECT_EQ(refused.error().code, core::Errc::Forbidden);
    }
    EXPECT_EQ(articles_->find_article(own.id).value()->article.status, ArticleStatus::Pending);
}

TEST_F(WorkflowTest, EditorCannotEditAnotherEditorsArticleNorTheirOwnOncePublished) {
    auto theirs = articles_->create_article(input("Bài người khác", ArticleStatus::Draft), other_editor_).value();
    auto edit = articles_->update_article(theirs.id, input("Sửa trộm", ArticleStatus::Draft), editor_);
    ASSERT_FALSE(edit);
    EXPECT_EQ(edit.error().code, core::Errc::Forbidden);
    EXPECT_EQ(articles_->delete_article(theirs.id, editor_).error().code, core::Errc::Forbidden);
    EXPECT_EQ(articles_->restore_revision(theirs.id, 1, editor_).error().code, core::Errc::Forbidden);

    auto mine = articles_->create_article(input("Bài của tôi", ArticleStatus::Pending), editor_).value();
    articles_->update_article(mine.id, set_status(ArticleStatus::Published), approver_).value();
    auto late = articles_->update_article(mine.id, input("Sửa sau khi đăng", ArticleStatus::Pending), editor_);
    ASSERT_FALSE(late);
    EXPECT_EQ(late.error().code, core::Errc::Forbidden);
}

TEST_F(WorkflowTest, ApproverPublishingAtAFutureTimeSchedulesTheArticle) {
    auto in = input("Hẹn giờ đăng", ArticleStatus::Published);
    in.published_at = core::now() + std::chrono::hours(3);
    auto article = articles_->create_article(in, approver_).value();
    EXPECT_EQ(article.status, ArticleStatus::Scheduled);
    EXPECT_FALSE(visible(article.slug));
    auto entries = audit_of(article.id);
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].action, "article.schedule");
    EXPECT_EQ(entries[1].action, "article.create");
    EXPECT_EQ(entries[0].ip, approver_.ip);
    EXPECT_EQ(entries[0].login, "duyet");

    auto no_time = input("Hẹn giờ mà không có giờ", ArticleStatus::Scheduled);
    EXPECT_EQ(articles_->create_article(no_time, approver_).error().field, "published_at");
}

TEST_F(WorkflowTest, SchedulerPublishesADueArticleOnceAndDropsTheCachedListings) {
    auto in = input("Thông báo lịch tiếp dân", ArticleStatus::Scheduled);
    auto at = core::now() + std::chrono::hours(1);
    in.published_at = at;
    auto article = articles_->create_article(in, approver_).value();
    content::PublishScheduler scheduler{*articles_};

    EXPECT_EQ(scheduler.run_due(at - std::chrono::seconds(1)).value(), 0);
    auto before = listener_.calls().size();
    EXPECT_EQ(scheduler.run_due(at).value(), 1);
    EXPECT_EQ(scheduler.run_due(at + std::chrono::seconds(5)).value(), 0);

    auto stored = articles_->find_article(article.id).value()->article;
    EXPECT_EQ(stored.status, ArticleStatus::Published);
    EXPECT_EQ(stored.published_at, at);
    auto calls = listener_.calls();
    ASSERT_EQ(calls.size(), before + 1);
    auto tags = calls.back();
    EXPECT_NE(std::find(tags.begin(), tags.end(), core::listing_tag(site_id_)), tags.end());
    EXPECT_NE(std::find(tags.begin(), tags.end(), core::article_tag(article.id)), tags.end());
    auto published = audit_of(article.id, "article.publish");
    ASSERT_EQ(published.size(), 1u);
    EXPECT_EQ(published[0].action, "article.publish_scheduled");
    EXPECT_EQ(published[0].login, "system:scheduler");
    EXPECT_FALSE(published[0].user_id.has_value());
}

TEST_F(WorkflowTest, TheSchedulerThreadPublishesWhenTheTimeComes) {
    content::PublishScheduler scheduler{*articles_};
    scheduler.start(std::chrono::milliseconds(50));
    auto in = input("Tin hẹn giờ một giây", ArticleStatus::Published);
    in.published_at = core::now() + std::chrono::seconds(1);
    auto article = articles_->create_article(in, approver_).value();
    ASSERT_EQ(article.status, ArticleStatus::Scheduled);
    EXPECT_FALSE(visible(article.slug));
    bool shown = false;
    for (int i = 0; i < 60 && !shown; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        shown = visible(article.slug);
    }
    scheduler.stop();
    EXPECT_TRUE(shown);
    EXPECT_EQ(audit_of(article.id, "article.publish").size(), 1u);
}

TEST_F(WorkflowTest, UnpublishingHidesTheArticleAndItCanGoBackToDraft) {
    auto article = articles_->create_article(input("Bài sẽ gỡ", ArticleStatus::Pending), editor_).value();
    articles_->update_article(article.id, set_status(ArticleStatus::Published), approver_).value();
    EXPECT_TRUE(visible(article.slug));
    auto down = articles_->update_article(article.id, set_status(ArticleStatus::Unpublished), admin_).value();
    EXPECT_EQ(down.status, ArticleStatus::Unpublished);
    EXPECT_FALSE(visible(article.slug));
    articles_->update_article(article.id, set_status(ArticleStatus::Draft), approver_).value();
    // Back in draft, its author may work on it again.
    EXPECT_TRUE(articles_->update_article(article.id, input("Bài viết lại", ArticleStatus::Pending), editor_));

    std::vector<std::string> actions;
    for (const auto& entry : audit_of(article.id)) actions.insert(actions.begin(), entry.action);
    std::vector<std::string> expected{"article.create",    "article.submit",          "article.publish",
                                      "article.unpublish", "article.return_to_draft", "article.submit"};
    EXPECT_EQ(actions, expected);

    auto draft = articles_->create_article(input("Nháp", ArticleStatus::Draft), approver_).value();
    EXPECT_EQ(articles_->update_article(draft.id, set_status(ArticleStatus::Unpublished), approver_).error().code,
              core::Errc::InvalidInput);
}

TEST_F(WorkflowTest, EverySaveKeepsARevisionAndAutosavesReplaceTheirOwn) {
    auto article = articles_->create_article(input("Bản một", ArticleStatus::Draft), editor_).value();
    articles_->update_article(article.id, input("Bản hai", ArticleStatus::Draft), editor_).value();
    articles_
        ->update_article(article.id, input("Bản ba tự lưu", ArticleStatus::Draft), editor_, content::SaveKind::Autosave)
        .value();
    articles_
        ->update_article(article.id, input("Bản ba tự lưu lần nữa", ArticleStatus::Draft), editor_,
                         content::SaveKind::Autosave)
        .value();
    auto revisions = articles_->list_revisions(article.id).value();
    ASSERT_EQ(revisions.size(), 3u);
    EXPECT_EQ(revisions[0].number, 3);
    EXPECT_EQ(revisions[0].title, "Bản ba tự lưu lần nữa");
    EXPECT_TRUE(revisions[0].autosave);
    EXPECT_EQ(revisions[2].number, 1);
    EXPECT_EQ(revisions[2].title, "Bản một");
    EXPECT_EQ(revisions[2].login, "phongvien");

    articles_->update_article(article.id, input("Bản bốn", ArticleStatus::Pending), editor_).value();
    EXPECT_EQ(articles_->list_revisions(article.id).value().size(), 4u);

    // The audit log names the autosave run once, not every autosave of it.
    auto autosaves = db_->read([&](storage::Tx& tx) {
                            return tx.audit().count_audit({.action_prefix = "article.autosave",
                                                           .object_type = "article",
                                                           .object_id = article.id});
                        }).value();
    EXPECT_EQ(autosaves, 1);
}

TEST_F(WorkflowTest, RestoringARevisionSavesItsContentAsANewRevision) {
    auto article =
        articles_->create_article(input("Tiêu đề gốc", ArticleStatus::Draft, "Đoạn văn gốc."), editor_).value();
    auto changed = input("Tiêu đề mới", ArticleStatus::Draft, "Đoạn văn đã sửa.");
    changed.category_slug = "tin-tuc";
    articles_->update_article(article.id, changed, editor_).value();
    articles_->update_article(article.id, set_status(ArticleStatus::Published), approver_).value();

    auto restored = articles_->restore_revision(article.id, 1, approver_).value();
    EXPECT_EQ(restored.title, "Tiêu đề gốc");
    EXPECT_EQ(restored.body_text, "Đoạn văn gốc.");
    EXPECT_EQ(restored.status, ArticleStatus::Published);  // restoring content keeps the article online
    EXPECT_EQ(restored.slug, article.slug);
    auto revisions = articles_->list_revisions(article.id).value();
    ASSERT_EQ(revisions.size(), 4u);
    EXPECT_EQ(revisions[0].number, 4);
    EXPECT_EQ(revisions[0].title, "Tiêu đề gốc");
    EXPECT_EQ(audit_of(article.id).front().action, "article.restore_revision");
    EXPECT_EQ(articles_->restore_revision(article.id, 99, approver_).error().code, core::Errc::NotFound);
}

TEST_F(WorkflowTest, ComparingTwoRevisionsShowsTheChangedWords) {
    auto article =
        articles_
            ->create_article(input("Hội nghị quý I", ArticleStatus::Draft, "Có 03/38 chỉ tiêu hoàn thành."), editor_)
            .value();
    articles_
        ->update_article(article.id, input("Hội nghị quý II", ArticleStatus::Draft, "Có 05/38 chỉ tiêu hoàn thành."),
                         editor_)
        .value();
    auto comparison = articles_->compare_revisions(article.id, 1, 2).value();
    std::vector<content::DiffPiece> title{
        {content::DiffOp::Equal, "Hội nghị quý "}, {content::DiffOp::Delete, "I"}, {content::DiffOp::Insert, "II"}};
    EXPECT_EQ(comparison.title, title);
    std::vector<content::DiffPiece> body{{content::DiffOp::Equal, "Có "},
                                         {content::DiffOp::Delete, "03/38"},
                                         {content::DiffOp::Insert, "05/38"},
                                         {content::DiffOp::Equal, " chỉ tiêu hoàn thành."}};
    EXPECT_EQ(comparison.body, body);
    ASSERT_EQ(comparison.lead.size(), 1u);
    EXPECT_EQ(comparison.lead[0].op, content::DiffOp::Equal);
    EXPECT_EQ(articles_->compare_revisions(article.id, 1, 7).error().code, core::Errc::NotFound);
}

TEST_F(WorkflowTest, TheArticleListFiltersByStatusAuthorCategoryAndTitle) {
    articles_->create_article(input("Nháp của phóng viên", ArticleStatus::Draft), editor_).value();
    articles_->create_article(input("Chờ duyệt của phóng viên", ArticleStatus::Pending), editor_).value();
    auto news = input("Tin đã đăng", ArticleStatus::Published);
    news.category_slug = "tin-tuc";
    articles_->create_article(news, approver_).value();

    EXPECT_EQ(articles_->list_articles({}, editor_.user).value().total, 3);
    content::ArticleFilter mine;
    mine.mine = true;
    EXPECT_EQ(articles_->list_articles(mine, editor_.user).value().total, 2);
    content::ArticleFilter pending;
    pending.status = ArticleStatus::Pending;
    auto list = articles_->list_articles(pending, approver_.user).value();
    ASSERT_EQ(list.items.size(), 1u);
    EXPECT_EQ(list.items[0].article.title, "Chờ duyệt của phóng viên");
    EXPECT_EQ(list.items[0].category_name, "Chiến lược - Định Hướng - Quy hoạch");
    content::ArticleFilter in_news;
    in_news.category_slug = "tin-tuc";
    EXPECT_EQ(articles_->list_articles(in_news, approver_.user).value().total, 1);
    content::ArticleFilter text;
    text.text = "phóng viên";
    EXPECT_EQ(articles_->list_articles(text, approver_.user).value().total, 2);
    content::ArticleFilter unknown;
    unknown.category_slug = "khong-co";
    EXPECT_EQ(articles_->list_articles(unknown, approver_.user).error().field, "category");
}
