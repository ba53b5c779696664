#include "auth/token_service.hpp"

#include "core/crypto.hpp"
#include "auth/test_database.hpp"
#include "auth/user_service.hpp"

#include <gtest/gtest.h>

namespace cong::auth {
namespace {

class TokenServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto user = users.add_user("api.bot", model::Role::Editor, "0123456789", "Trung tâm VHTT");
        ASSERT_TRUE(user.has_value()) << user.error().detail;
        user_ = *user;
    }

    std::string create(std::string label = "máy đăng tin") {
        auto token = tokens.create_token("api.bot", std::move(label));
        EXPECT_TRUE(token.has_value()) << (token ? "" : token.error().detail);
        return token ? *token : std::string{};
    }

    std::optional<model::ApiToken> stored(const std::string& token) {
        auto found = database.get().read([&](storage::Tx& tx) { return tx.tokens().find_token_by_hash(core::sha256_hex(token)); });
        EXPECT_TRUE(found.has_value());
        return found ? *found : std::nullopt;
    }

    void expect_unauthorized(std::string_view header) {
        auto user = tokens.authenticate_bearer(header);
        ASSERT_FALSE(user.has_value()) << header.substr(0, 40);
        EXPECT_EQ(user.error().code, core::Errc::Unauthorized) << header.substr(0, 40);
    }

    testing::TestDatabase database;
    UserService users{database.get()};
    TokenService tokens{database.get()};
    model::User user_;
};

TEST_F(TokenServiceTest, CreatedTokenAuthenticatesItsUser) {
    std::string token = create();
    EXPECT_EQ(token.size(), TOKEN_LENGTH);
    EXPECT_EQ(token.rfind("cong_", 0), 0u);
    auto user = tokens.authenticate_bearer("Bearer " + token);
    ASSERT_TRUE(user.has_value()) << user.error().detail;
    EXPECT_EQ(user->id, user_.id);
    EXPECT_EQ(user->login, "api.bot");
    // The scheme is case-insensitive and surrounding spaces are tolerated, as HTTP allows.
    EXPECT_TRUE(tokens.authenticate_bearer("bearer " + token).has_value());
    EXPECT_TRUE(tokens.authenticate_bearer("  BEARER   " + token + "  ").has_value());
}

TEST_F(TokenServiceTest, StoresOnlyTheHashOfTheToken) {
    std::string token = create("  Cổng tỉnh  ");
    auto record = stored(token);
    ASSERT_TRUE(record.has_value());
    EXPECT_EQ(record->user_id, user_.id);
    EXPECT_EQ(record->label, "Cổng tỉnh");
    EXPECT_EQ(record->token_hash.size(), 64u);
    EXPECT_EQ(record->token_hash.find(token.substr(5)), std::string::npos);
    EXPECT_NE(create(), token);  // every token is new
}

TEST_F(TokenServiceTest, RefusesATamperedToken) {
    std::string token = create();
    std::string tampered = token;
    tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
    expect_unauthorized("Bearer " + tampered);
    expect_unauthorized("Bearer " + token.substr(0, token.size() - 1));
    expect_unauthorized("Bearer " + token + "A");
    expect_unauthorized("Bearer cong-" + token.substr(5));
    auto refused = tokens.authenticate_bearer("Bearer " + tampered);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().detail, "Mã truy cập API không hợp lệ");
}

TEST_F(TokenServiceTest, RefusesMalformedHeaders) {
    std::string token = create();
    expect_unauthorized("");
    expect_unauthorized("Bearer");
    expect_unauthorized("Bearer   ");
    expect_unauthorized("Basic x");
    expect_unauthorized("Basic " + token);
    expect_unauthorized(token);
    expect_unauthorized("Bearer " + token + " " + token);
    expect_unauthorized("Bearer " + std::string(10 * 1024, 'a'));
    expect_unauthorized("Bearer cong_" + std::string(43, '!'));
    expect_unauthorized(std::string("Bearer cong_\0", 13) + std::string(42, 'a'));
    EXPECT_EQ(tokens.authenticate_bearer("Basic x").error().detail, "Chỉ chấp nhận mã truy cập dạng Bearer");
}

TEST_F(TokenServiceTest, RefusesTokensForUnknownLoginsAndBadLabels) {
    auto unknown = tokens.create_token("nobody", "");
    ASSERT_FALSE(unknown.has_value());
    EXPECT_EQ(unknown.error().code, core::Errc::NotFound);
    auto malformed = tokens.create_token("../etc", "");
    ASSERT_FALSE(malformed.has_value());
    EXPECT_EQ(malformed.error().code, core::Errc::NotFound);
    auto long_label = tokens.create_token("api.bot", std::string(101, 'x'));
    ASSERT_FALSE(long_label.has_value());
    EXPECT_EQ(long_label.error().code, core::Errc::InvalidInput);
    EXPECT_EQ(long_label.error().field, "label");
}

TEST_F(TokenServiceTest, RefusesTokensOfDisabledUsers) {
    std::string token = create();
    user_.disabled = true;
    ASSERT_TRUE(database.get().write([&](storage::Tx& tx) { return tx.users().update_user(user_); }).has_value());
    auto refused = tokens.authenticate_bearer("Bearer " + token);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, core::Errc::Unauthorized);
    EXPECT_EQ(tokens.create_token("api.bot", "").error().code, core::Errc::Unprocessable);
}

TEST_F(TokenServiceTest, RecordsLastUseAtMostOnceAMinute) {
    std::string token = create();
    ASSERT_FALSE(stored(token)->last_used_at.has_value());

    ASSERT_TRUE(tokens.authenticate_bearer("Bearer " + token).has_value());
    auto first_use = stored(token)->last_used_at;
    ASSERT_TRUE(first_use.has_value());
    EXPECT_LE(core::now() - *first_use, std::chrono::seconds{5});

    // A use 30 seconds after the recorded one does not write again.
    auto thirty_seconds_ago = core::now() - std::chrono::seconds{30};
    auto record = stored(token);
    ASSERT_TRUE(database.get().write([&](storage::Tx& tx) { return tx.tokens().touch_token(record->id, thirty_seconds_ago); }));
    ASSERT_TRUE(tokens.authenticate_bearer("Bearer " + token).has_value());
    EXPECT_EQ(stored(token)->last_used_at, thirty_seconds_ago);

    // A use two minutes later does.
    auto two_minutes_ago = core::now() - std::chrono::seconds{120};
    ASSERT_TRUE(database.get().write([&](storage::Tx& tx) { return tx.tokens().touch_token(record->id, two_minutes_ago); }));
    ASSERT_TRUE(tokens.authenticate_bearer("Bearer " + token).has_value());
    EXPECT_GT(*stored(token)->last_used_at, two_minutes_ago);
}

}  // namespace
}  // namespace cong::auth
