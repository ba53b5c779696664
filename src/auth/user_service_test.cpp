#include "auth/user_service.hpp"

#include "auth/password.hpp"
#include "auth/test_database.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

namespace cong::auth {
namespace {

class UserServiceTest : public ::testing::Test {
protected:
    testing::TestDatabase database;
    UserService users{database.get()};
};

TEST_F(UserServiceTest, AddsAUserWithAHashedPassword) {
    auto user = users.add_user("Lan.Nguyen", model::Role::Editor, "mật khẩu rất dài", "Nguyễn Thị Lan");
    ASSERT_TRUE(user.has_value()) << user.error().detail;
    EXPECT_GT(user->id, 0);
    EXPECT_EQ(user->login, "lan.nguyen");
    EXPECT_EQ(user->display_name, "Nguyễn Thị Lan");
    EXPECT_EQ(user->role, model::Role::Editor);
    EXPECT_FALSE(user->disabled);

    auto stored = users.find_user(user->id);
    ASSERT_TRUE(stored.has_value());
    ASSERT_TRUE(stored->has_value());
    EXPECT_EQ((*stored)->login, "lan.nguyen");
    EXPECT_NE((*stored)->password_hash, "mật khẩu rất dài");
    EXPECT_TRUE(verify_password((*stored)->password_hash, "mật khẩu rất dài"));
}

TEST_F(UserServiceTest, StoresDisplayNamesInNfcAndDefaultsThemToTheLogin) {
    // "Thọ" typed with a combining dot below, as some keyboards on Windows do.
    auto decomposed = users.add_user("tho", model::Role::Approver, "0123456789", "Tho\xCC\xA3 Xua\xCC\x82n");
    ASSERT_TRUE(decomposed.has_value()) << decomposed.error().detail;
    EXPECT_EQ(decomposed->display_name, "Thọ Xuân");
    auto unnamed = users.add_user("admin", model::Role::Admin, "0123456789", "  ");
    ASSERT_TRUE(unnamed.has_value());
    EXPECT_EQ(unnamed->display_name, "admin");
}

TEST_F(UserServiceTest, RefusesATakenLoginWhateverItsCase) {
    ASSERT_TRUE(users.add_user("hong.tang", model::Role::Editor, "0123456789", "Hồng Tăng").has_value());
    for (const char* login : {"hong.tang", "Hong.Tang"}) {
        auto again = users.add_user(login, model::Role::Admin, "9876543210", "");
        ASSERT_FALSE(again.has_value()) << login;
        EXPECT_EQ(again.error().code, core::Errc::Conflict);
        EXPECT_EQ(again.error().detail, "Tên đăng nhập đã tồn tại");
        EXPECT_EQ(again.error().field, "login");
    }
}

TEST_F(UserServiceTest, RefusesBadLoginsPasswordsAndDisplayNames) {
    struct Case {
        std::string login, password, display_name, field;
    };
    const Case cases[] = {
        {"ab", "0123456789", "", "login"},
        {std::string(65, 'a'), "0123456789", "", "login"},
        {"lê.thơ", "0123456789", "", "login"},
        {"a b c", "0123456789", "", "login"},
        {"a/b", "0123456789", "", "login"},
        {"letho", "short", "", "password"},
        {"letho", std::string(1025, 'p'), "", "password"},
        {"letho", "0123456789", "\xC3\x28", "display_name"},
        {"letho", "0123456789", std::string(101, 'n'), "display_name"},
        {"letho", "0123456789", "Lê\nThơ", "display_name"},
    };
    for (const auto& c : cases) {
        auto user = users.add_user(c.login, model::Role::Editor, c.password, c.display_name);
        ASSERT_FALSE(user.has_value()) << c.login << " / " << c.display_name;
        EXPECT_EQ(user.error().code, core::Errc::InvalidInput);
        EXPECT_EQ(user.error().field, c.field) << c.login;
    }
}

TEST_F(UserServiceTest, AuthenticatesTheRightPasswordOnly) {
    ASSERT_TRUE(users.add_user("hai.le", model::Role::Approver, "Bí thư Huyện ủy 2024", "Lê Đình Hải").has_value());
    auto ok = users.authenticate_password("HAI.LE", "Bí thư Huyện ủy 2024");
    ASSERT_TRUE(ok.has_value()) << ok.error().detail;
    EXPECT_EQ(ok->login, "hai.le");
    EXPECT_EQ(ok->role, model::Role::Approver);

    for (auto [login, password] : {std::pair<std::string, std::string>{"hai.le", "Bí thư Huyện ủy 2025"},
                                   {"hai.le", ""},
                                   {"hai.le", std::string(2000, 'x')},
                                   {"nobody", "Bí thư Huyện ủy 2024"},
                                   {"không hợp lệ", "Bí thư Huyện ủy 2024"}}) {
        auto refused = users.authenticate_password(login, password);
        ASSERT_FALSE(refused.has_value()) << login;
        EXPECT_EQ(refused.error().code, core::Errc::Unauthorized);
        EXPECT_EQ(refused.error().detail, "Tên đăng nhập hoặc mật khẩu không đúng");
    }
}

TEST_F(UserServiceTest, UnknownLoginsTakeAsLongAsWrongPasswords) {
    ASSERT_TRUE(users.add_user("cuong.thai", model::Role::Editor, "0123456789", "").has_value());
    users.authenticate_password("warm.up", "0123456789");  // the dummy hash is made on first use
    // The fastest of three runs, so a busy machine pausing one attempt does not decide the outcome.
    auto time = [&](const char* login) {
        auto fastest = std::chrono::steady_clock::duration::max();
        for (int run = 0; run < 3; ++run) {
            auto start = std::chrono::steady_clock::now();
            EXPECT_FALSE(users.authenticate_password(login, "wrong password").has_value());
            fastest = std::min(fastest, std::chrono::steady_clock::now() - start);
        }
        return fastest;
    };
    auto known = time("cuong.thai");
    auto unknown = time("nobody.here");
    // Both run one argon2id verification; without it an unknown login would answer in microseconds.
    EXPECT_GT(unknown * 4, known);
    EXPECT_GT(known * 4, unknown);
}

TEST_F(UserServiceTest, RefusesDisabledAccountsEvenWithTheRightPassword) {
    auto user = users.add_user("xuan", model::Role::Editor, "0123456789", "");
    ASSERT_TRUE(user.has_value());
    user->disabled = true;
    ASSERT_TRUE(database.get().write([&](storage::Tx& tx) { return tx.users().update_user(*user); }).has_value());
    auto refused = users.authenticate_password("xuan", "0123456789");
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, core::Errc::Unauthorized);
    EXPECT_EQ(refused.error().detail, "Tài khoản này đã bị khoá");
}

TEST_F(UserServiceTest, FindsUsersByLoginAndIdOrSaysThereIsNone) {
    auto user = users.add_user("tho.le", model::Role::Editor, "0123456789", "Lê Thơ");
    ASSERT_TRUE(user.has_value());
    auto by_login = users.find_user_by_login("Tho.Le");
    ASSERT_TRUE(by_login.has_value() && by_login->has_value());
    EXPECT_EQ((*by_login)->id, user->id);
    EXPECT_FALSE(users.find_user_by_login("nobody")->has_value());
    EXPECT_FALSE(users.find_user_by_login("!")->has_value());
    EXPECT_FALSE(users.find_user(user->id + 100)->has_value());
}

}  // namespace
}  // namespace cong::auth
