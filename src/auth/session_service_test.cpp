#include "auth/session_service.hpp"

#include "audit/audit_log.hpp"
#include "auth/test_database.hpp"
#include "auth/totp.hpp"
#include "auth/user_service.hpp"
#include "core/crypto.hpp"

#include <gtest/gtest.h>

namespace cong::auth {
namespace {

using namespace std::chrono_literals;

const std::string PASSWORD = "mật khẩu đủ dài";

class SessionServiceTest : public ::testing::Test {
protected:
    SessionServiceTest() {
        limits_.idle = 60min;
        limits_.lifetime = 12h;
        limits_.max_failed_logins = 5;
        limits_.lockout = 15min;
        limits_.per_address.max_failures = 100;
        UserService users{db_.get()};
        editor_ = users.add_user("bientap", model::Role::Editor, PASSWORD, "Biên tập").value();
    }

    SessionService make(SessionLimits limits) {
        return SessionService{db_.get(), limits, [this] { return now_; }};
    }

    LoginAttempt attempt(std::string password, std::string login = "bientap", std::string ip = "192.0.2.1") {
        return LoginAttempt{std::move(login), std::move(password), std::move(ip), "Test/1.0", ""};
    }

    std::vector<std::string> audit_actions() {
        storage::AuditQuery query;
        query.limit = 100;
        std::vector<std::string> actions;
        for (const auto& entry : audit::list(db_.get(), query).value().entries) actions.push_back(entry.action);
        return actions;
    }

    testing::TestDatabase db_;
    SessionLimits limits_;
    core::Timestamp now_ = core::Timestamp{std::chrono::seconds{1'800'000'000}};
    model::User editor_;
};

TEST_F(SessionServiceTest, LoginGivesATokenThatOnlyItsHashIsStoredFor) {
    auto service = make(limits_);
    auto created = service.login(attempt(PASSWORD));
    ASSERT_TRUE(created) << created.error().detail;
    EXPECT_EQ(created->token.size(), 43u);
    EXPECT_EQ(created->session.token_hash, core::sha256_hex(created->token));
    auto stored = db_.get().read([&](storage::Tx& tx) { return tx.sessions().find_session_by_hash(created->token); });
    EXPECT_FALSE(stored.value()) << "the token itself must not be a key of the table";
    auto active = service.authenticate(created->token);
    ASSERT_TRUE(active);
    EXPECT_EQ(active->user.login, "bientap");
    EXPECT_FALSE(active->session.csrf_token.empty());
    EXPECT_FALSE(active->session.second_factor_pending);
    EXPECT_EQ(audit_actions().front(), "user.login");
}

TEST_F(SessionServiceTest, WrongPasswordAndUnknownLoginGetTheSameAnswer) {
    auto service = make(limits_);
    auto wrong = service.login(attempt("sai mật khẩu rồi"));
    auto unknown = service.login(attempt(PASSWORD, "khongco"));
    ASSERT_FALSE(wrong);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(wrong.error().code, core::Errc::Unauthorized);
    EXPECT_EQ(wrong.error().detail, unknown.error().detail);
    EXPECT_EQ(audit_actions(), (std::vector<std::string>{"user.login_failed", "user.login_failed"}));
}

TEST_F(SessionServiceTest, SessionEndsAfterTheIdleTime) {
    auto service = make(limits_);
    auto token = service.login(attempt(PASSWORD)).value().token;
    now_ += 59min;
    EXPECT_TRUE(service.authenticate(token));  // activity moves the idle end
    now_ += 59min;
    EXPECT_TRUE(service.authenticate(token));
    now_ += 60min;
    auto ended = service.authenticate(token);
    ASSERT_FALSE(ended);
    EXPECT_EQ(ended.error().code, core::Errc::Unauthorized);
    now_ -= 30min;  // even going back, the session is gone for good
    EXPECT_FALSE(service.authenticate(token));
}

TEST_F(SessionServiceTest, SessionEndsAtItsAbsoluteLifetimeEvenWhenInUse) {
    auto service = make(limits_);
    auto token = service.login(attempt(PASSWORD)).value().token;
    for (int i = 0; i < 23; ++i) {
        now_ += 30min;
        ASSERT_TRUE(service.authenticate(token)) << i;
    }
    now_ += 30min;  // 12 hours after sign-in
    EXPECT_FALSE(service.authenticate(token));
}

TEST_F(SessionServiceTest, SigningInAgainEndsTheSessionTheBrowserCameWith) {
    auto service = make(limits_);
    auto first = service.login(attempt(PASSWORD)).value().token;
    auto again = attempt(PASSWORD);
    again.previous_token = first;
    auto second = service.login(again).value().token;
    EXPECT_NE(first, second);
    EXPECT_FALSE(service.authenticate(first));
    EXPECT_TRUE(service.authenticate(second));
}

TEST_F(SessionServiceTest, LogoutEndsOneSessionAndLogoutEverywhereEndsAll) {
    auto service = make(limits_);
    auto a = service.login(attempt(PASSWORD)).value().token;
    auto b = service.login(attempt(PASSWORD)).value().token;
    auto c = service.login(attempt(PASSWORD)).value().token;
    ASSERT_TRUE(service.logout(a, "192.0.2.1"));
    EXPECT_FALSE(service.authenticate(a));
    EXPECT_TRUE(service.authenticate(b));
    auto ended = service.logout_everywhere(editor_, "192.0.2.1");
    ASSERT_TRUE(ended);
    EXPECT_EQ(*ended, 2);
    EXPECT_FALSE(service.authenticate(b));
    EXPECT_FALSE(service.authenticate(c));
    EXPECT_EQ(audit_actions().front(), "user.logout");
}

TEST_F(SessionServiceTest, FiveWrongPasswordsLockTheAccountEvenForTheRightOneUntilTheLockoutPasses) {
    auto service = make(limits_);
    for (int i = 0; i < 4; ++i) {
        auto refused = service.login(attempt("sai mật khẩu " + std::to_string(i)));
        ASSERT_FALSE(refused);
        EXPECT_EQ(refused.error().code, core::Errc::Unauthorized) << i;
    }
    auto fifth = service.login(attempt("sai mật khẩu lần năm"));
    ASSERT_FALSE(fifth);
    EXPECT_EQ(fifth.error().code, core::Errc::TooManyRequests);
    EXPECT_NE(fifth.error().detail.find("Tài khoản tạm khoá"), std::string::npos);

    now_ += 14min;
    auto right_but_locked = service.login(attempt(PASSWORD));
    ASSERT_FALSE(right_but_locked);
    EXPECT_EQ(right_but_locked.error().code, core::Errc::TooManyRequests);

    now_ += 1min;
    EXPECT_TRUE(service.login(attempt(PASSWORD)));
    auto actions = audit_actions();
    EXPECT_NE(std::find(actions.begin(), actions.end(), "user.lockout"), actions.end());
    auto security = service.find_security(editor_.id).value();
    EXPECT_EQ(security->failed_logins, 0);
    EXPECT_FALSE(security->locked_until);
}

TEST_F(SessionServiceTest, AnUnknownLoginIsLockedAfterAsManyFailuresAsAKnownOne) {
    auto service = make(limits_);
    for (int i = 0; i < 4; ++i)
        EXPECT_EQ(service.login(attempt("x", "khongco")).error().code, core::Errc::Unauthorized);
    auto fifth = service.login(attempt("x", "khongco"));
    EXPECT_EQ(fifth.error().code, core::Errc::TooManyRequests);
    EXPECT_NE(fifth.error().detail.find("Tài khoản tạm khoá"), std::string::npos);
}

TEST_F(SessionServiceTest, AnAddressWithTooManyFailuresIsRefusedWhateverTheLogin) {
    auto limits = limits_;
    limits.per_address.max_failures = 3;
    auto service = make(limits);
    for (int i = 0; i < 3; ++i) (void)service.login(attempt("x", "nguoi" + std::to_string(i), "198.51.100.7"));
    auto refused = service.login(attempt(PASSWORD, "bientap", "198.51.100.7"));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, core::Errc::TooManyRequests);
    EXPECT_TRUE(service.login(attempt(PASSWORD, "bientap", "198.51.100.8")));
}

TEST_F(SessionServiceTest, ChangingThePasswordKeepsThisSessionAndEndsTheOthers) {
    auto service = make(limits_);
    auto here = service.login(attempt(PASSWORD)).value().token;
    auto elsewhere = service.login(attempt(PASSWORD)).value().token;
    auto active = service.authenticate(here).value();

    auto wrong_current =
        service.change_password(active, "không đúng", "mật khẩu mới thật dài", "mật khẩu mới thật dài", "");
    ASSERT_FALSE(wrong_current);
    EXPECT_EQ(wrong_current.error().field, "current_password");
    auto mismatch = service.change_password(active, PASSWORD, "mật khẩu mới thật dài", "mật khẩu khác hẳn", "");
    ASSERT_FALSE(mismatch);
    EXPECT_EQ(mismatch.error().field, "confirm_password");
    auto short_one = service.change_password(active, PASSWORD, "ngắn", "ngắn", "");
    ASSERT_FALSE(short_one);
    EXPECT_EQ(short_one.error().field, "new_password");

    ASSERT_TRUE(
        service.change_password(active, PASSWORD, "mật khẩu mới thật dài", "mật khẩu mới thật dài", "192.0.2.1"));
    EXPECT_TRUE(service.authenticate(here));
    EXPECT_FALSE(service.authenticate(elsewhere));
    EXPECT_FALSE(service.login(attempt(PASSWORD)));
    EXPECT_TRUE(service.login(attempt("mật khẩu mới thật dài")));
    auto actions = audit_actions();
    EXPECT_NE(std::find(actions.begin(), actions.end(), "user.password_change"), actions.end());
}

TEST_F(SessionServiceTest, SecondFactorIsOwedAfterThePasswordAndACodeIsNeverAcceptedTwice) {
    auto service = make(limits_);
    auto token = service.login(attempt(PASSWORD)).value().token;
    auto secret = service.begin_totp_enrolment(editor_).value();
    auto key = base32_decode(secret).value();
    EXPECT_FALSE(service.confirm_totp_enrolment(editor_, "000000", ""));
    ASSERT_TRUE(service.confirm_totp_enrolment(editor_, totp_code(key, totp_step(now_)), ""));
    EXPECT_TRUE(service.authenticate(token));  // the session already open stays

    now_ += 2min;
    auto created = service.login(attempt(PASSWORD)).value();
    EXPECT_TRUE(created.session.second_factor_pending);
    auto wrong = service.verify_second_factor(created.token, "123456", "");
    EXPECT_FALSE(wrong);
    auto code = totp_code(key, totp_step(now_));
    ASSERT_TRUE(service.verify_second_factor(created.token, code, ""));
    EXPECT_FALSE(service.authenticate(created.token).value().session.second_factor_pending);

    // The same code in the same 30 seconds, from someone who watched it being typed.
    auto thief = service.login(attempt(PASSWORD)).value();
    auto replay = service.verify_second_factor(thief.token, code, "");
    ASSERT_FALSE(replay);
    EXPECT_EQ(replay.error().code, core::Errc::Unauthorized);
    EXPECT_TRUE(service.authenticate(thief.token).value().session.second_factor_pending);
}

TEST_F(SessionServiceTest, WrongSecondFactorCodesCountTowardsTheLockout) {
    auto service = make(limits_);
    auto secret = service.begin_totp_enrolment(editor_).value();
    auto key = base32_decode(secret).value();
    ASSERT_TRUE(service.confirm_totp_enrolment(editor_, totp_code(key, totp_step(now_)), ""));
    now_ += 1min;
    auto pending = service.login(attempt(PASSWORD)).value();
    for (int i = 0; i < 4; ++i)
        EXPECT_EQ(service.verify_second_factor(pending.token, "000000", "").error().code, core::Errc::Unauthorized);
    EXPECT_EQ(service.verify_second_factor(pending.token, "000000", "").error().code, core::Errc::TooManyRequests);
    EXPECT_FALSE(service.authenticate(pending.token));
    EXPECT_EQ(service.login(attempt(PASSWORD)).error().code, core::Errc::TooManyRequests);
}

TEST_F(SessionServiceTest, ARequiredSecondFactorCannotBeTurnedOff) {
    auto service = make(limits_);
    auto secret = service.begin_totp_enrolment(editor_).value();
    auto key = base32_decode(secret).value();
    ASSERT_TRUE(service.confirm_totp_enrolment(editor_, totp_code(key, totp_step(now_)), ""));
    auto security = service.find_security(editor_.id).value().value();
    security.totp_required = true;
    ASSERT_TRUE(db_.get().write([&](storage::Tx& tx) { return tx.sessions().update_account_security(security); }));
    now_ += 1min;
    auto refused = service.disable_totp(editor_, totp_code(key, totp_step(now_)), "");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, core::Errc::Forbidden);
}

TEST_F(SessionServiceTest, CookiesAreHttpOnlyLaxAndSecureWithTheHostPrefixOverHttps) {
    auto plain = make(limits_);
    EXPECT_EQ(plain.session_cookie("abc"), "cong_session=abc; Path=/; Max-Age=43200; HttpOnly; SameSite=Lax");
    auto https_limits = limits_;
    https_limits.secure_cookies = true;
    auto https = make(https_limits);
    EXPECT_EQ(https.session_cookie_name(), "__Host-cong_session");
    EXPECT_EQ(https.session_cookie("abc"),
              "__Host-cong_session=abc; Path=/; Max-Age=43200; HttpOnly; SameSite=Lax; Secure");
    EXPECT_NE(https.clear_session_cookie().find("Max-Age=0"), std::string::npos);
}

TEST(TokensEqual, ComparesWholeValues) {
    EXPECT_TRUE(tokens_equal("abcdef", "abcdef"));
    EXPECT_FALSE(tokens_equal("abcdef", "abcdeg"));
    EXPECT_FALSE(tokens_equal("abcdef", "abcde"));
    EXPECT_FALSE(tokens_equal("", ""));  // an empty token never matches, not even an empty one
}

}  // namespace
}  // namespace cong::auth

namespace cong::auth {
namespace {

TEST(SessionLimits, ComeFromTheAdminOptionsAndHttps) {
    core::Config config;
    ASSERT_TRUE(core::set_config_option(config, "admin.session_idle_minutes", "30"));
    ASSERT_TRUE(core::set_config_option(config, "admin.session_hours", "8"));
    ASSERT_TRUE(core::set_config_option(config, "admin.max_failed_logins", "3"));
    ASSERT_TRUE(core::set_config_option(config, "admin.lockout_minutes", "5"));
    ASSERT_TRUE(core::set_config_option(config, "http.https", "true"));
    auto limits = SessionLimits::from(config);
    EXPECT_EQ(limits.idle, std::chrono::minutes{30});
    EXPECT_EQ(limits.lifetime, std::chrono::hours{8});
    EXPECT_EQ(limits.max_failed_logins, 3);
    EXPECT_EQ(limits.lockout, std::chrono::minutes{5});
    EXPECT_TRUE(limits.secure_cookies);
    // Zero would end every session at once, or lock after no attempt at all.
    EXPECT_FALSE(core::set_config_option(config, "admin.session_idle_minutes", "0"));
    EXPECT_FALSE(core::set_config_option(config, "admin.max_failed_logins", "-1"));
    auto defaults = SessionLimits::from(core::Config{});
    EXPECT_EQ(defaults.idle, std::chrono::minutes{60});
    EXPECT_EQ(defaults.lifetime, std::chrono::hours{12});
    EXPECT_FALSE(defaults.secure_cookies);
}

}  // namespace
}  // namespace cong::auth
