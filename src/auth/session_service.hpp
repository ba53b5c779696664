// SessionService: signing in to the back office — server-side sessions behind a cookie, lockout after wrong
// passwords, the TOTP second factor, password change and signing out everywhere.
#pragma once

#include "auth/login_throttle.hpp"
#include "core/config.hpp"
#include "core/result.hpp"
#include "model/session.hpp"
#include "model/user.hpp"
#include "storage/database.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace cong::auth {

// 32 random bytes, like API tokens: the cookie value.
constexpr std::size_t SESSION_TOKEN_BYTES = 32;
constexpr std::size_t CSRF_TOKEN_BYTES = 32;
// Writing last_seen_at on every request would serialise all back-office requests on the writer.
constexpr std::chrono::seconds SESSION_TOUCH_INTERVAL{60};
// A user agent is kept for the account page ("signed in from…"), never whole when absurdly long.
constexpr std::size_t MAX_USER_AGENT_BYTES = 300;

struct SessionLimits {
    std::chrono::minutes idle{60};
    std::chrono::hours lifetime{12};
    int max_failed_logins = 5;
    std::chrono::minutes lockout{15};
    bool secure_cookies = false;  // HTTPS: Secure and the __Host- prefix
    ThrottleLimits per_address{};

    static SessionLimits from(const core::Config& config);
};

using Clock = std::function<core::Timestamp()>;

struct LoginAttempt {
    std::string login;
    std::string password;
    std::string ip;
    std::string user_agent;
    std::string previous_token;  // the session cookie the browser still sent, ended so it cannot be fixed
};

// A session just made: the token is in the cookie and nowhere else, so this is the only time it is seen.
struct NewSession {
    std::string token;
    model::Session session;
    model::User user;
};

// The account behind a valid session cookie.
struct ActiveSession {
    model::User user;
    model::Session session;
    model::AccountSecurity security;

    // An admin required a second factor the account has not enrolled yet: nothing else opens until it does.
    bool must_enrol_totp() const { return security.totp_required && !security.totp_enabled(); }
};

// Compares two secrets in time that does not depend on where they differ; false when sizes differ.
bool tokens_equal(std::string_view a, std::string_view b);

class SessionService {
public:
    SessionService(storage::Database& database, SessionLimits limits, Clock clock = core::now);

    // Signs in. Unauthorized "Tên đăng nhập hoặc mật khẩu không đúng" for a wrong login or password;
    // TooManyRequests for a locked account or an address with too many failures (checked before the
    // password, so even the right one is refused then). A new session every time (the previous one ends).
    core::Result<NewSession> login(const LoginAttempt& attempt);

    // The session behind a cookie token. Unauthorized when unknown, ended, idle too long or too old, or
    // the account is disabled. Sessions still owing their second factor are returned (see
    // session.second_factor_pending): the caller decides what they may open.
    core::Result<ActiveSession> authenticate(std::string_view token);

    // Completes a sign-in that owes a TOTP code. Unauthorized for a wrong or reused code (each counts as a
    // failed login, so the lockout bounds guessing); TooManyRequests when that locks the account.
    core::Result<void> verify_second_factor(std::string_view token, std::string_view code, const std::string& ip);

    // Ends the session behind token (nothing when there is none).
    core::Result<void> logout(std::string_view token, const std::string& ip);
    // Ends every session of the account; returns how many.
    core::Result<std::int64_t> logout_everywhere(const model::User& user, const std::string& ip);

    // Changes the password after checking the current one; other sessions of the account end, this one stays.
    // InvalidInput with field "current_password", "new_password" or "confirm_password".
    core::Result<void> change_password(const ActiveSession& active, std::string_view current_password,
                                       std::string_view new_password, std::string_view confirm_password,
                                       const std::string& ip);

    // Starts (or restarts) TOTP enrolment: a new secret kept as pending, returned in base32.
    core::Result<std::string> begin_totp_enrolment(const model::User& user);
    // Turns the pending secret on when code matches it. InvalidInput (field "code") otherwise.
    core::Result<void> confirm_totp_enrolment(const model::User& user, std::string_view code, const std::string& ip);
    // Turns the second factor off; Forbidden when an admin requires it. code must match the current secret.
    core::Result<void> disable_totp(const model::User& user, std::string_view code, const std::string& ip);

    core::Result<std::optional<model::AccountSecurity>> find_security(std::int64_t user_id);

    // Deletes sessions that ended; returns how many.
    core::Result<std::int64_t> purge_expired();

    // Cookies: the session cookie ("__Host-cong_session" over HTTPS, else "cong_session"), Path=/ so the JSON
    // API sees it too, HttpOnly, SameSite=Lax; and the pre-session CSRF cookie of the login form.
    std::string session_cookie_name() const;
    std::string session_cookie(std::string_view token) const;  // a Set-Cookie value
    std::string clear_session_cookie() const;
    std::string login_csrf_cookie_name() const;
    std::string login_csrf_cookie(std::string_view value) const;

    const SessionLimits& limits() const { return limits_; }
    core::Timestamp now() const { return clock_(); }

private:
    core::Result<void> record_failure(std::optional<model::User> user, std::string_view attempted_login,
                                      const std::string& ip, std::string_view detail, bool* locked_now);

    storage::Database& database_;
    SessionLimits limits_;
    Clock clock_;
    LoginThrottle by_address_;
    // Unknown logins get locked too, so the lockout message does not tell which logins exist.
    LoginThrottle by_unknown_login_;
};

}  // namespace cong::auth
