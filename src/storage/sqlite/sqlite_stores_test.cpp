#include "storage/sqlite/sqlite_database.hpp"
#include "storage/sqlite/sqlite_test_support.hpp"

#include <gtest/gtest.h>

namespace cong::storage {
namespace {

using namespace test_support;

class StoresTest : public ::testing::Test {
protected:
    StoresTest() : database_(open_database(dir_.path())), seed_(seed(*database_)) {}

    template <class Body>
    auto write(Body&& body) {
        return database_->write(std::forward<Body>(body));
    }
    template <class Body>
    auto read(Body&& body) {
        return database_->read(std::forward<Body>(body));
    }

    TempDir dir_;
    std::unique_ptr<Database> database_;
    Seed seed_;
};

model::Category category(std::int64_t site_id, const std::string& slug, std::optional<std::int64_t> parent,
                         int position) {
    model::Category c;
    c.site_id = site_id;
    c.parent_id = parent;
    c.name = slug;
    c.slug = slug;
    c.position = position;
    return c;
}

TEST_F(StoresTest, CategoriesListParentsBeforeChildrenAndSiblingsByPosition) {
    auto site = seed_.site_id;
    // Inserted out of order on purpose; the seed's category sits at position 0 as a root.
    std::vector<std::string> listed;
    auto result = write([&](Tx& tx) -> Result<void> {
        auto& categories = tx.categories();
        CONG_TRY(civic, categories.insert_category(category(site, "chinh-quyen", std::nullopt, 2)));
        CONG_TRY(news, categories.insert_category(category(site, "tin-tuc", std::nullopt, 1)));
        CONG_TRY_VOID(categories.insert_category(category(site, "tin-xa", news, 2)));
        CONG_TRY(district, categories.insert_category(category(site, "tin-huyen", news, 1)));
        CONG_TRY_VOID(categories.insert_category(category(site, "hoi-nghi", district, 0)));
        CONG_TRY_VOID(categories.insert_category(category(site, "lanh-dao", civic, -3)));
        CONG_TRY_VOID(categories.insert_category(category(site, "menu-am", std::nullopt, -1)));
        return {};
    });
    ASSERT_TRUE(result) << result.error().detail;

    auto all = read([&](Tx& tx) { return tx.categories().list_categories(site); });
    ASSERT_TRUE(all);
    for (const auto& c : *all) listed.push_back(c.slug);
    EXPECT_EQ(listed, (std::vector<std::string>{"menu-am", "chien-luoc-dinh-huong-quy-hoach", "tin-tuc", "tin-huyen",
                                                "hoi-nghi", "tin-xa", "chinh-quyen", "lanh-dao"}));
}

TEST_F(StoresTest, CategoryListingStaysWithinItsSite) {
    auto other = seed(*database_, "xuanlap.thoxuan.gov.vn");
    auto mine = read([&](Tx& tx) { return tx.categories().list_categories(seed_.site_id); });
    ASSERT_TRUE(mine);
    ASSERT_EQ(mine->size(), 1U);
    EXPECT_EQ(mine->front().id, seed_.category_id);
    EXPECT_NE(mine->front().id, other.category_id);
}

TEST_F(StoresTest, CategoryRoundTripsAndItsSlugIsUniquePerSite) {
    auto found = read([&](Tx& tx) {
        return tx.categories().find_category_by_slug(seed_.site_id, "chien-luoc-dinh-huong-quy-hoach");
    });
    ASSERT_TRUE(found && found->has_value());
    auto c = **found;
    EXPECT_EQ(c.id, seed_.category_id);
    EXPECT_EQ(c.name, "Chiến lược - Định Hướng - Quy hoạch");
    EXPECT_TRUE(c.in_menu);
    EXPECT_FALSE(c.parent_id.has_value());

    auto duplicate = write(
        [&](Tx& tx) { return tx.categories().insert_category(category(seed_.site_id, c.slug, std::nullopt, 5)); });
    ASSERT_FALSE(duplicate);
    EXPECT_EQ(duplicate.error().code, core::Errc::Conflict);
    EXPECT_EQ(duplicate.error().field, "slug");

    c.description = "Định hướng phát triển";
    c.in_menu = false;
    c.position = 7;
    ASSERT_TRUE(write([&](Tx& tx) { return tx.categories().update_category(c); }));
    auto updated = read([&](Tx& tx) { return tx.categories().find_category(c.id); });
    ASSERT_TRUE(updated && updated->has_value());
    EXPECT_EQ((*updated)->description, "Định hướng phát triển");
    EXPECT_FALSE((*updated)->in_menu);
    EXPECT_EQ((*updated)->position, 7);

    c.id = 999;
    auto missing = write([&](Tx& tx) { return tx.categories().update_category(c); });
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, core::Errc::NotFound);
}

TEST_F(StoresTest, AParentFromAnotherSiteIsRefused) {
    auto other = seed(*database_, "xuanlap.thoxuan.gov.vn");
    auto inserted = write(
        [&](Tx& tx) { return tx.categories().insert_category(category(seed_.site_id, "con", other.category_id, 0)); });
    ASSERT_FALSE(inserted);
    EXPECT_EQ(inserted.error().code, core::Errc::Conflict);
}

TEST_F(StoresTest, SitesAreFoundByHostWhateverItsCase) {
    auto found = read([](Tx& tx) { return tx.sites().find_site_by_host("ThoXuan.ThanhHoa.gov.vn"); });
    ASSERT_TRUE(found && found->has_value());
    auto site = **found;
    EXPECT_EQ(site.id, seed_.site_id);
    EXPECT_EQ(site.name, "Cổng thông tin điện tử huyện Thọ Xuân - Thanh Hóa");

    site.slogan = "Thọ Xuân phấn đấu trở thành huyện nông thôn mới nâng cao";
    site.owner = "Ủy ban nhân dân huyện Thọ Xuân";
    site.responsible_person = "Phó Chủ tịch UBND huyện";
    site.licence = "Giấy phép số 01/GP-TTĐT";
    site.phone = "0237 3833 178";
    ASSERT_TRUE(write([&](Tx& tx) { return tx.sites().update_site(site); }));
    auto by_id = read([&](Tx& tx) { return tx.sites().find_site(site.id); });
    ASSERT_TRUE(by_id && by_id->has_value());
    EXPECT_EQ((*by_id)->slogan, site.slogan);
    EXPECT_EQ((*by_id)->owner, site.owner);
    EXPECT_EQ((*by_id)->responsible_person, site.responsible_person);
    EXPECT_EQ((*by_id)->licence, site.licence);
    EXPECT_EQ((*by_id)->phone, site.phone);

    model::Site twin;
    twin.name = "Trùng";
    twin.host = "THOXUAN.thanhhoa.gov.vn";
    auto duplicate = write([&](Tx& tx) { return tx.sites().insert_site(twin); });
    ASSERT_FALSE(duplicate);
    EXPECT_EQ(duplicate.error().code, core::Errc::Conflict);
    EXPECT_EQ(duplicate.error().field, "host");

    auto none = read([](Tx& tx) { return tx.sites().find_site_by_host("khong-co.gov.vn"); });
    ASSERT_TRUE(none);
    EXPECT_FALSE(none->has_value());
}

TEST_F(StoresTest, MediaIsFoundByHashAndByIdsInTheOrderAsked) {
    std::vector<std::int64_t> ids;
    for (auto hash : {"11", "22", "33"}) {
        auto id = write([&](Tx& tx) { return tx.media().insert_media(make_media(seed_.site_id, hash)); });
        ASSERT_TRUE(id);
        ids.push_back(*id);
    }
    auto by_hash = read([&](Tx& tx) { return tx.media().find_media_by_hash(seed_.site_id, "22"); });
    ASSERT_TRUE(by_hash && by_hash->has_value());
    EXPECT_EQ((*by_hash)->id, ids[1]);
    EXPECT_EQ((*by_hash)->original_name, "22 (3).jpg");
    EXPECT_EQ((*by_hash)->width, 1200);
    EXPECT_EQ((*by_hash)->bytes, 245'000);
    EXPECT_FALSE((*by_hash)->uploaded_by.has_value());

    auto some = read([&](Tx& tx) { return tx.media().find_media_by_ids({ids[2], 9999, ids[0], ids[2]}); });
    ASSERT_TRUE(some);
    ASSERT_EQ(some->size(), 2U);
    EXPECT_EQ((*some)[0].id, ids[2]);
    EXPECT_EQ((*some)[1].id, ids[0]);
    auto none = read([&](Tx& tx) { return tx.media().find_media_by_ids({}); });
    ASSERT_TRUE(none);
    EXPECT_TRUE(none->empty());

    auto duplicate = write([&](Tx& tx) { return tx.media().insert_media(make_media(seed_.site_id, "11")); });
    ASSERT_FALSE(duplicate);
    EXPECT_EQ(duplicate.error().code, core::Errc::Conflict);
    EXPECT_EQ(duplicate.error().field, "sha256");
}

TEST_F(StoresTest, MediaUpdateChangesWhatPeopleWroteButNeverTheFile) {
    auto media = make_media(seed_.site_id, "44");
    media.uploaded_by = seed_.user_id;
    auto id = write([&](Tx& tx) { return tx.media().insert_media(media); });
    ASSERT_TRUE(id);
    media.id = *id;
    media.caption = "Đại biểu dự hội nghị";
    media.alt = "Các đại biểu ngồi trong hội trường";
    media.credit = "Hồng Tăng";
    media.sha256 = "changed";
    ASSERT_TRUE(write([&](Tx& tx) { return tx.media().update_media(media); }));
    auto found = read([&](Tx& tx) { return tx.media().find_media(media.id); });
    ASSERT_TRUE(found && found->has_value());
    EXPECT_EQ((*found)->caption, "Đại biểu dự hội nghị");
    EXPECT_EQ((*found)->alt, "Các đại biểu ngồi trong hội trường");
    EXPECT_EQ((*found)->credit, "Hồng Tăng");
    EXPECT_EQ((*found)->sha256, "44");
    EXPECT_EQ((*found)->uploaded_by, seed_.user_id);
}

TEST_F(StoresTest, LoginsIgnoreCaseAndAreUnique) {
    auto found = read([](Tx& tx) { return tx.users().find_user_by_login("EDITOR-thoxuan.thanhhoa.gov.vn"); });
    ASSERT_TRUE(found && found->has_value());
    auto user = **found;
    EXPECT_EQ(user.id, seed_.user_id);
    EXPECT_EQ(user.role, model::Role::Editor);
    EXPECT_FALSE(user.disabled);

    model::User twin = user;
    twin.login = "Editor-ThoXuan.ThanhHoa.gov.vn";
    auto duplicate = write([&](Tx& tx) { return tx.users().insert_user(twin); });
    ASSERT_FALSE(duplicate);
    EXPECT_EQ(duplicate.error().code, core::Errc::Conflict);
    EXPECT_EQ(duplicate.error().field, "login");

    user.role = model::Role::Approver;
    user.disabled = true;
    user.display_name = "Hồng Tăng";
    ASSERT_TRUE(write([&](Tx& tx) { return tx.users().update_user(user); }));
    auto updated = read([&](Tx& tx) { return tx.users().find_user(user.id); });
    ASSERT_TRUE(updated && updated->has_value());
    EXPECT_EQ((*updated)->role, model::Role::Approver);
    EXPECT_TRUE((*updated)->disabled);
    EXPECT_EQ((*updated)->display_name, "Hồng Tăng");
}

TEST_F(StoresTest, TokensAreFoundByHashAndRememberWhenTheyWereUsed) {
    model::ApiToken token;
    token.user_id = seed_.user_id;
    token.token_hash = std::string(64, 'f');
    token.label = "máy nhập tin";
    token.created_at = at(1'700'000'000);
    auto id = write([&](Tx& tx) { return tx.tokens().insert_token(token); });
    ASSERT_TRUE(id);

    auto found = read([&](Tx& tx) { return tx.tokens().find_token_by_hash(token.token_hash); });
    ASSERT_TRUE(found && found->has_value());
    EXPECT_EQ((*found)->id, *id);
    EXPECT_EQ((*found)->user_id, seed_.user_id);
    EXPECT_EQ((*found)->label, "máy nhập tin");
    EXPECT_FALSE((*found)->last_used_at.has_value());

    ASSERT_TRUE(write([&](Tx& tx) { return tx.tokens().touch_token(*id, at(1'700'000'500)); }));
    auto used = read([&](Tx& tx) { return tx.tokens().find_token_by_hash(token.token_hash); });
    ASSERT_TRUE(used && used->has_value());
    EXPECT_EQ((*used)->last_used_at, at(1'700'000'500));

    auto unknown = read([](Tx& tx) { return tx.tokens().find_token_by_hash(std::string(64, '0')); });
    ASSERT_TRUE(unknown);
    EXPECT_FALSE(unknown->has_value());
    auto missing = write([](Tx& tx) { return tx.tokens().touch_token(777, at(0)); });
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, core::Errc::NotFound);
}

TEST_F(StoresTest, UsersAreListedByLoginWithoutRegardToCase) {
    for (const char* login : {"zeta", "Bravo", "alpha"}) {
        model::User user;
        user.login = login;
        user.display_name = login;
        user.password_hash = "$argon2id$test";
        user.role = model::Role::Editor;
        user.created_at = at(1'700'000'000);
        ASSERT_TRUE(write([&](Tx& tx) { return tx.users().insert_user(user); }));
    }
    auto users = read([](Tx& tx) { return tx.users().list_users(); });
    ASSERT_TRUE(users);
    std::vector<std::string> logins;
    for (const auto& user : *users) logins.push_back(user.login);
    // Byte order would put "Bravo" first; a list of accounts reads alphabetically.
    EXPECT_EQ(logins, (std::vector<std::string>{"alpha", "Bravo", "editor-thoxuan.thanhhoa.gov.vn", "zeta"}));
}

TEST_F(StoresTest, EndingAUsersSessionsSparesOnlyTheOneKept) {
    std::vector<std::int64_t> ids;
    for (char c : {'a', 'b', 'c'}) {
        model::Session session;
        session.user_id = seed_.user_id;
        session.token_hash = std::string(64, c);
        session.csrf_token = std::string(32, c);
        session.created_at = at(1'700'000'000);
        session.last_seen_at = at(1'700'000'000);
        session.expires_at = at(1'700'086'400);
        auto id = write([&](Tx& tx) { return tx.sessions().insert_session(session); });
        ASSERT_TRUE(id);
        ids.push_back(*id);
    }
    EXPECT_NE(ids[0], ids[1]);

    auto others = write([&](Tx& tx) { return tx.sessions().delete_user_sessions(seed_.user_id, ids[0]); });
    ASSERT_TRUE(others);
    EXPECT_EQ(*others, 2);
    auto kept = read([](Tx& tx) { return tx.sessions().find_session_by_hash(std::string(64, 'a')); });
    ASSERT_TRUE(kept && kept->has_value());
    EXPECT_EQ((*kept)->id, ids[0]);
    auto gone = read([](Tx& tx) { return tx.sessions().find_session_by_hash(std::string(64, 'b')); });
    ASSERT_TRUE(gone);
    EXPECT_FALSE(gone->has_value());

    // No session to keep (a password change): every one ends.
    auto all = write([&](Tx& tx) { return tx.sessions().delete_user_sessions(seed_.user_id, std::nullopt); });
    ASSERT_TRUE(all);
    EXPECT_EQ(*all, 1);
}

}  // namespace
}  // namespace cong::storage
