// Site settings and the category tree as an admin changes them: validation, the audit record in the same
// transaction, and the page cache told at once.
#include "audit/audit_log.hpp"
#include "storage/sqlite/sqlite_test_support.hpp"
#include "content/category_service.hpp"
#include "content/site_service.hpp"
#include "storage/sqlite/sqlite_database.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <mutex>

using namespace cong;
namespace fs = std::filesystem;

namespace {

class RecordingListener : public core::ChangeListener {
public:
    void content_changed(const std::vector<std::string>& tags) override {
        std::lock_guard lock(mutex_);
        tags_.insert(tags_.end(), tags.begin(), tags.end());
    }
    bool told(const std::string& tag) const { return std::find(tags_.begin(), tags_.end(), tag) != tags_.end(); }
    std::size_t count() const { return tags_.size(); }

private:
    std::mutex mutex_;
    std::vector<std::string> tags_;
};

class SiteSettingsTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("cong-settings-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        core::StorageConfig config;
        config.data_dir = dir_.string();
        db_ = storage::test_support::open_test_database(config).value();
        site_id_ = content::ensure_default_site(*db_).value();
        categories_ = std::make_unique<content::CategoryService>(*db_, site_id_);
        categories_->set_change_listener(&listener_);
    }
    void TearDown() override {
        categories_.reset();
        db_.reset();
        fs::remove_all(dir_);
    }

    model::Site site() { return content::find_site(*db_, site_id_).value(); }

    std::vector<model::AuditEntry> audit_entries(const std::string& action) {
        storage::AuditQuery query;
        query.action_prefix = action;
        return audit::list(*db_, query).value().entries;
    }

    std::int64_t add_media(std::int64_t site_id) {
        model::Media media;
        media.site_id = site_id;
        media.sha256 = std::string(64, 'a');
        media.extension = "jpg";
        media.content_type = "image/jpeg";
        media.original_name = "logo.jpg";
        media.width = 300;
        media.height = 100;
        return db_->write([&](storage::Tx& tx) { return tx.media().insert_media(media); }).value();
    }

    model::Category category(const std::string& name, std::optional<std::int64_t> parent = std::nullopt) {
        model::Category c;
        c.name = name;
        c.parent_id = parent;
        return categories_->create_category(c, admin_).value();
    }

    fs::path dir_;
    std::unique_ptr<storage::Database> db_;
    std::int64_t site_id_ = 0;
    RecordingListener listener_;
    std::unique_ptr<content::CategoryService> categories_;
    audit::Actor admin_ = audit::Actor::system("test-admin");
};

TEST_F(SiteSettingsTest, ColoursAreStoredInLowerCaseAndTheChangeIsAuditedAndAnnounced) {
    auto s = site();
    s.name = "Cổng thông tin điện tử xã Xuân Hòa";
    s.primary_colour = " #1A5C9E ";
    s.accent_colour = "#FFE08A";
    ASSERT_TRUE(content::update_site(*db_, s, admin_, &listener_));
    EXPECT_EQ(site().primary_colour, "#1a5c9e");
    EXPECT_EQ(site().accent_colour, "#ffe08a");
    EXPECT_TRUE(listener_.told(core::site_tag(site_id_)));
    auto entries = audit_entries("site.update");
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].login, "test-admin");
    EXPECT_EQ(entries[0].object_id, site_id_);
}

TEST_F(SiteSettingsTest, MalformedColoursAreRefusedWithTheirField) {
    for (const char* bad : {"red", "#12345", "#1234567", "#gggggg", "1a5c9e", "#1a5c9e;}body{x:y"}) {
        auto s = site();
        s.primary_colour = bad;
        auto updated = content::update_site(*db_, s, admin_);
        ASSERT_FALSE(updated) << bad;
        EXPECT_EQ(updated.error().field, "primary_colour") << bad;
    }
    EXPECT_TRUE(audit_entries("site.update").empty());
}

TEST_F(SiteSettingsTest, ColoursThatMakeThePublicTextUnreadableAreRefused) {
    auto s = site();
    s.primary_colour = "#ffee00";  // white banner text on yellow
    auto light = content::update_site(*db_, s, admin_);
    ASSERT_FALSE(light);
    EXPECT_EQ(light.error().field, "primary_colour");
    EXPECT_NE(light.error().detail.find("4,5:1"), std::string::npos);

    s.primary_colour = "#1a5c9e";
    s.accent_colour = "#1b5d9f";  // slogan text the colour of its background
    auto close = content::update_site(*db_, s, admin_);
    ASSERT_FALSE(close);
    EXPECT_EQ(close.error().field, "accent_colour");
}

TEST_F(SiteSettingsTest, ContrastRatioFollowsWcag) {
    EXPECT_NEAR(content::contrast_ratio("#000000", "#ffffff"), 21.0, 0.01);
    EXPECT_NEAR(content::contrast_ratio("#777777", "#777777"), 1.0, 0.01);
    EXPECT_NEAR(content::contrast_ratio("#767676", "#ffffff"), 4.54, 0.02);
}

TEST_F(SiteSettingsTest, LogoMustBeAPhotoOfThisSite) {
    auto s = site();
    s.logo_media_id = add_media(site_id_);
    ASSERT_TRUE(content::update_site(*db_, s, admin_));
    EXPECT_EQ(site().logo_media_id, s.logo_media_id);

    s.logo_media_id = 999999;
    auto missing = content::update_site(*db_, s, admin_);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().field, "logo_media_id");

    s.logo_media_id = std::nullopt;
    ASSERT_TRUE(content::update_site(*db_, s, admin_));
    EXPECT_FALSE(site().logo_media_id);
}

TEST_F(SiteSettingsTest, CreatedCategoriesAreAuditedAndAnnounced) {
    auto news = category("Tin tức - Sự kiện");
    EXPECT_EQ(news.slug, "tin-tuc-su-kien");
    EXPECT_TRUE(listener_.told(core::category_tag(news.id)));
    auto entries = audit_entries("category.create");
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].object_id, news.id);
}

TEST_F(SiteSettingsTest, RenamingHidingAndMovingACategoryIsOneAuditedChange) {
    auto news = category("Tin tức");
    auto culture = category("Văn hóa");
    auto changed = culture;
    changed.name = "Văn hóa - Xã hội";
    changed.in_menu = false;
    changed.parent_id = news.id;
    auto updated = categories_->update_category(changed, admin_);
    ASSERT_TRUE(updated) << updated.error().detail;
    auto stored = categories_->find_category(culture.id).value();
    EXPECT_EQ(stored.name, "Văn hóa - Xã hội");
    EXPECT_FALSE(stored.in_menu);
    EXPECT_EQ(stored.parent_id, news.id);
    EXPECT_EQ(stored.slug, "van-hoa");  // the address stays unless it is changed on purpose
    auto entries = audit_entries("category.update");
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_NE(entries[0].detail.find("ẩn khỏi menu"), std::string::npos);
    EXPECT_NE(entries[0].detail.find("đổi tên"), std::string::npos);
}

TEST_F(SiteSettingsTest, ACategoryCannotMoveIntoItselfOrItsDescendants) {
    auto top = category("Chính quyền");
    auto middle = category("Ủy ban nhân dân", top.id);
    auto bottom = category("Văn phòng", middle.id);
    for (auto parent : {top.id, bottom.id}) {
        auto moved = top;
        moved.parent_id = parent;
        auto result = categories_->update_category(moved, admin_);
        ASSERT_FALSE(result);
        EXPECT_EQ(result.error().field, "parent_id");
    }
    EXPECT_FALSE(categories_->find_category(top.id).value().parent_id);
}

TEST_F(SiteSettingsTest, ASlugTakenByAnotherCategoryIsAConflict) {
    category("Tin tức");
    auto other = category("Thông báo");
    other.slug = "tin-tuc";
    auto result = categories_->update_category(other, admin_);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, core::Errc::Conflict);
}

TEST_F(SiteSettingsTest, MovingUpAndDownReordersTheMenuAmongSiblingsOnly) {
    auto a = category("Một");
    auto b = category("Hai");
    auto c = category("Ba");
    auto child = category("Con", a.id);
    auto names = [&] {
        std::vector<std::string> out;
        for (const auto& cat : categories_->list_categories().value())
            if (!cat.parent_id) out.push_back(cat.name);
        return out;
    };
    ASSERT_TRUE(categories_->move_category(c.id, content::MoveDirection::Up, admin_));
    EXPECT_EQ(names(), (std::vector<std::string>{"Một", "Ba", "Hai"}));
    ASSERT_TRUE(categories_->move_category(a.id, content::MoveDirection::Up, admin_));  // already first
    ASSERT_TRUE(categories_->move_category(a.id, content::MoveDirection::Down, admin_));
    EXPECT_EQ(names(), (std::vector<std::string>{"Ba", "Một", "Hai"}));
    EXPECT_EQ(categories_->find_category(child.id).value().parent_id, a.id);
    EXPECT_EQ(audit_entries("category.update").size(), 2u);
    EXPECT_FALSE(categories_->move_category(987654, content::MoveDirection::Up, admin_));
}

}  // namespace
