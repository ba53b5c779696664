#include "content/article_service.hpp"
#include "storage/sqlite/sqlite_test_support.hpp"

#include "content/category_service.hpp"
#include "content/published_content.hpp"
#include "content/site_service.hpp"
#include "storage/sqlite/sqlite_database.hpp"

#include <gtest/gtest.h>

#include <filesystem>

using namespace cong;
namespace fs = std::filesystem;

namespace {

// A real SQLite database in a fresh directory, with one site, one category and three accounts.
class ArticleServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("cong-content-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        core::StorageConfig config;
        config.data_dir = dir_.string();
        db_ = storage::test_support::open_test_database(config).value();
        site_id_ = content::ensure_default_site(*db_).value();
        content::CategoryService categories{*db_, site_id_};
        model::Category category;
        category.name = "Chiến lược - Định Hướng - Quy hoạch";
        ASSERT_EQ(categories.create_category(category).value().slug, "chien-luoc-dinh-huong-quy-hoach");
        editor_ = user("phongvien", model::Role::Editor);
        approver_ = user("bientap", model::Role::Approver);
    }
    void TearDown() override {
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
        return {u, "203.0.113.7"};
    }

    content::ArticleInput input(const std::string& title, model::ArticleStatus status) {
        content::ArticleInput in;
        in.title = title;
        in.lead = "Sa pô.";
        in.category_slug = "chien-luoc-dinh-huong-quy-hoach";
        in.status = status;
        in.body = content::parse_document(
                      R"({"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"Nội dung."}]}]})")
                      .value();
        return in;
    }

    fs::path dir_;
    std::unique_ptr<storage::Database> db_;
    std::int64_t site_id_ = 0;
    content::ActingUser editor_, approver_;
};

}  // namespace

TEST_F(ArticleServiceTest, EditorCannotPublish) {
    content::ArticleService articles{*db_, site_id_};
    auto result = articles.create_article(input("Hội nghị", model::ArticleStatus::Published), editor_);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, core::Errc::Forbidden);
    EXPECT_TRUE(articles.create_article(input("Hội nghị", model::ArticleStatus::Pending), editor_));
}

TEST_F(ArticleServiceTest, EditorCannotChangeSomeoneElsesArticle) {
    content::ArticleService articles{*db_, site_id_};
    auto other = user("phongvien2", model::Role::Editor);
    auto mine = articles.create_article(input("Bài của tôi", model::ArticleStatus::Draft), editor_).value();
    auto changed = articles.update_article(mine.id, input("Sửa trộm", model::ArticleStatus::Draft), other);
    ASSERT_FALSE(changed);
    EXPECT_EQ(changed.error().code, core::Errc::Forbidden);
    EXPECT_FALSE(articles.delete_article(mine.id, other));
    EXPECT_TRUE(articles.update_article(mine.id, input("Bài đã sửa", model::ArticleStatus::Draft), approver_));
}

TEST_F(ArticleServiceTest, PublishingStampsTheTimeAndSlugsAreUnique) {
    content::ArticleService articles{*db_, site_id_};
    auto first = articles.create_article(input("Hội nghị lần thứ 26", model::ArticleStatus::Published), approver_).value();
    auto second = articles.create_article(input("Hội nghị lần thứ 26", model::ArticleStatus::Published), approver_).value();
    EXPECT_EQ(first.slug, "hoi-nghi-lan-thu-26");
    EXPECT_EQ(second.slug, "hoi-nghi-lan-thu-26-2");
    ASSERT_TRUE(first.published_at.has_value());
    EXPECT_LE(*first.published_at, core::now());
}

TEST_F(ArticleServiceTest, InputIsCheckedAndNormalised) {
    content::ArticleService articles{*db_, site_id_};
    auto no_title = input("   ", model::ArticleStatus::Draft);
    auto refused = articles.create_article(no_title, editor_);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().field, "title");

    auto unknown_category = input("Tin", model::ArticleStatus::Draft);
    unknown_category.category_slug = "khong-co";
    EXPECT_EQ(articles.create_article(unknown_category, editor_).error().field, "category");

    auto missing_cover = input("Tin", model::ArticleStatus::Draft);
    missing_cover.cover_media_id = 4242;
    EXPECT_EQ(articles.create_article(missing_cover, editor_).error().field, "cover_media");

    auto decomposed = input("Tho\xcc\xa3 Xua\xcc\x82n", model::ArticleStatus::Draft);  // NFD
    EXPECT_EQ(articles.create_article(decomposed, editor_).value().title, "Thọ Xuân");
}

TEST_F(ArticleServiceTest, ReadersSeeOnlyPublishedArticlesWhoseTimeHasCome) {
    content::ArticleService articles{*db_, site_id_};
    content::PublishedContent published{*db_, site_id_};
    auto draft = articles.create_article(input("Bản nháp", model::ArticleStatus::Draft), approver_).value();
    auto pending = articles.create_article(input("Chờ duyệt", model::ArticleStatus::Pending), editor_).value();
    auto future_input = input("Hẹn giờ", model::ArticleStatus::Published);
    future_input.published_at = core::now() + std::chrono::hours(24);
    auto future = articles.create_article(future_input, approver_).value();
    auto live = articles.create_article(input("Đã đăng", model::ArticleStatus::Published), approver_).value();

    for (const auto* hidden : {&draft, &pending, &future})
        EXPECT_FALSE(published.article(hidden->slug).value().has_value()) << hidden->title;
    auto shown = published.article(live.slug).value();
    ASSERT_TRUE(shown.has_value());
    ASSERT_EQ(shown->breadcrumb.size(), 1u);
    EXPECT_EQ(shown->breadcrumb[0].name, "Chiến lược - Định Hướng - Quy hoạch");

    auto listing = published.category("chien-luoc-dinh-huong-quy-hoach", 1).value();
    ASSERT_EQ(listing.articles.size(), 1u);
    EXPECT_EQ(listing.articles[0].article.id, live.id);
    EXPECT_EQ(published.category("chien-luoc-dinh-huong-quy-hoach", 2).error().code, core::Errc::NotFound);
    EXPECT_EQ(published.home().value().latest.size(), 1u);
}

TEST_F(ArticleServiceTest, EditingKeepsTheAddressEvenForLongTitlesWithASuffix) {
    content::ArticleService articles{*db_, site_id_};
    std::string title = "Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 26 đánh giá kết quả thực hiện nhiệm vụ "
                        "phát triển kinh tế xã hội quý I năm 2024";
    articles.create_article(input(title, model::ArticleStatus::Published), approver_).value();
    auto second = articles.create_article(input(title, model::ArticleStatus::Draft), approver_).value();
    EXPECT_LE(second.slug.size(), content::MAX_SLUG_BYTES);
    for (int i = 0; i < 3; ++i) {
        auto edited = articles.update_article(
            second.id,
            [](content::ArticleInput& in) -> core::Result<void> {
                in.lead += " Thêm.";
                return {};
            },
            approver_);
        ASSERT_TRUE(edited);
        EXPECT_EQ(edited->slug, second.slug);
    }
}

TEST_F(ArticleServiceTest, ClearingThePublicationTimeOfADraftClearsIt) {
    content::ArticleService articles{*db_, site_id_};
    auto scheduled = input("Hẹn giờ đăng", model::ArticleStatus::Draft);
    scheduled.published_at = core::now() + std::chrono::hours(5);
    auto created = articles.create_article(scheduled, approver_).value();
    ASSERT_TRUE(created.published_at.has_value());
    auto cleared = articles.update_article(
        created.id,
        [](content::ArticleInput& in) -> core::Result<void> {
            in.published_at.reset();
            return {};
        },
        approver_);
    ASSERT_TRUE(cleared);
    EXPECT_FALSE(cleared->published_at.has_value());
}
