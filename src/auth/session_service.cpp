#include "auth/session_service.hpp"

#include "audit/audit_log.hpp"
#include "auth/password.hpp"
#include "auth/totp.hpp"
#include "auth/user_service.hpp"
#include "core/crypto.hpp"

#include <sodium.h>

#include <utility>

namespace cong::auth {
namespace {

using core::Errc;
using core::Error;
using core::Result;

// Anything longer is no token of ours; refused before hashing or asking the database.
constexpr std::size_t MAX_TOKEN_CHARS = 100;
constexpr std::size_t MAX_CODE_CHARS = 16;

Error wrong_credentials() {
    return Error{Errc::Unauthorized, "Tên đăng nhập hoặc mật khẩu không đúng"};
}

Error session_ended() {
    return Error{Errc::Unauthorized, "Phiên đăng nhập đã hết hạn hoặc không hợp lệ. Vui lòng đăng nhập lại."};
}

Error account_locked(std::chrono::minutes lockout) {
    return Error{Errc::TooManyRequests, "Tài khoản tạm khoá do đăng nhập sai nhiều lần. Vui lòng thử lại sau " +
                                            std::to_string(lockout.count()) + " phút."};
}

Error address_throttled() {
    return Error{Errc::TooManyRequests,
                 "Có quá nhiều lần đăng nhập không thành công từ địa chỉ này. Vui lòng thử lại sau ít phút."};
}

// A hash of a random password, made once: verifying against it costs what a real check costs.
const std::string& dummy_hash() {
    static const std::string hash = hash_password(core::random_base64url(32));
    return hash;
}

std::string cut(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return std::string(text);
    while (max_bytes > 0 && (static_cast<unsigned char>(text[max_bytes]) & 0xC0) == 0x80) --max_bytes;
    return std::string(text.substr(0, max_bytes));
}

audit::Event user_event(std::string action, const model::User& user, std::string detail = {}) {
    return audit::Event{std::move(action), "user", user.id, std::nullopt, std::move(detail)};
}

bool is_locked(const model::AccountSecurity& security, core::Timestamp now) {
    return security.locked_until && *security.locked_until > now;
}

}  // namespace

bool tokens_equal(std::string_view a, std::string_view b) {
    if (a.size() != b.size() || a.empty()) return false;
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

SessionLimits SessionLimits::from(const core::Config& config) {
    SessionLimits limits;
    limits.idle = std::chrono::minutes{config.admin.session_idle_minutes};
    limits.lifetime = std::chrono::hours{config.admin.session_hours};
    limits.max_failed_logins = static_cast<int>(config.admin.max_failed_logins);
    limits.lockout = std::chrono::minutes{config.admin.lockout_minutes};
    limits.secure_cookies = config.http.https;
    return limits;
}

SessionService::SessionService(storage::Database& database, SessionLimits limits, Clock clock)
    : database_(database),
      limits_(limits),
      clock_(std::move(clock)),
      by_address_(limits.per_address),
      by_unknown_login_(ThrottleLimits{limits.per_address.capacity, limits.max_failed_logins,
                                       std::chrono::duration_cast<std::chrono::seconds>(limits.lockout)}) {
    core::ensure_sodium_started();
}

Result<void> SessionService::record_failure(std::optional<model::User> user, std::string_view attempted_login,
                                            const std::string& ip, std::string_view detail, bool* locked_now) {
    auto now = clock_();
    by_address_.record_failure(ip, now);
    if (!user) {
        by_unknown_login_.record_failure(attempted_login, now);
        *locked_now = by_unknown_login_.blocked(attempted_login, now);
        return database_.write([&](storage::Tx& tx) -> Result<void> {
            audit::Actor actor{std::nullopt, cut(attempted_login, 64), ip};
            return audit::record(
                tx, actor, audit::Event{"user.login_failed", "user", std::nullopt, std::nullopt, std::string(detail)});
        });
    }
    return database_.write([&](storage::Tx& tx) -> Result<void> {
        CONG_TRY(found, tx.sessions().find_account_security(user->id));
        if (!found) return {};
        auto security = *found;
        auto actor = audit::Actor::user(*user, ip);
        CONG_TRY_VOID(audit::record(tx, actor, user_event("user.login_failed", *user, std::string(detail))));
        security.failed_logins += 1;
        *locked_now = security.failed_logins >= limits_.max_failed_logins;
        if (*locked_now) {
            security.failed_logins = 0;
            security.locked_until = now + limits_.lockout;
            // A session that was waiting for its code ends too: the lockout must stop the guessing.
            CONG_TRY(ended, tx.sessions().delete_user_sessions(user->id, std::nullopt));
            (void)ended;
            CONG_TRY_VOID(
                audit::record(tx, actor,
                              user_event("user.lockout", *user,
                                         "Khoá " + std::to_string(limits_.lockout.count()) + " phút sau " +
                                             std::to_string(limits_.max_failed_logins) + " lần đăng nhập sai")));
        }
        return tx.sessions().update_account_security(security);
    });
}

Result<NewSession> SessionService::login(const LoginAttempt& attempt) {
    auto now = clock_();
    if (by_address_.blocked(attempt.ip, now)) return address_throttled();

    auto normalized = normalize_login(attempt.login);
    std::optional<model::User> user;
    std::optional<model::AccountSecurity> security;
    if (normalized) {
        CONG_TRY(
            found,
            database_.read([&](storage::Tx& tx)
                               -> Result<std::pair<std::optional<model::User>, std::optional<model::AccountSecurity>>> {
                CONG_TRY(u, tx.users().find_user_by_login(*normalized));
                if (!u) return std::pair{std::optional<model::User>{}, std::optional<model::AccountSecurity>{}};
                CONG_TRY(s, tx.sessions().find_account_security(u->id));
                return std::pair{std::move(u), std::move(s)};
            }));
        user = std::move(found.first);
        security = std::move(found.second);
    }
    // Over-long input does the dummy work, cut to the limit, so every refusal costs the same.
    auto password = std::string_view(attempt.password).substr(0, MAX_PASSWORD_BYTES);
    std::string attempted = normalized ? *normalized : cut(attempt.login, 64);
    bool locked_now = false;

    if (!user || !security) {
        verify_password(dummy_hash(), password);
        if (by_unknown_login_.blocked(attempted, now)) {
            by_address_.record_failure(attempt.ip, now);
            return account_locked(limits_.lockout);
        }
        CONG_TRY_VOID(record_failure(std::nullopt, attempted, attempt.ip, "Tên đăng nhập không tồn tại", &locked_now));
        return locked_now ? account_locked(limits_.lockout) : wrong_credentials();
    }
    if (is_locked(*security, now)) {
        // The password is not even checked while locked: a right guess must look like a wrong one.
        verify_password(dummy_hash(), password);
        by_address_.record_failure(attempt.ip, now);
        CONG_TRY_VOID(database_.write([&](storage::Tx& tx) {
            return audit::record(tx, audit::Actor::user(*user, attempt.ip),
                                 user_event("user.login_failed", *user, "Tài khoản đang tạm khoá"));
        }));
        return account_locked(limits_.lockout);
    }
    if (attempt.password.size() > MAX_PASSWORD_BYTES || !verify_password(user->password_hash, password)) {
        CONG_TRY_VOID(record_failure(user, attempted, attempt.ip, "Sai mật khẩu", &locked_now));
        return locked_now ? account_locked(limits_.lockout) : wrong_credentials();
    }
    if (user->disabled) {
        // Said only to someone who knows the password, so it reveals nothing to a guesser.
        CONG_TRY_VOID(database_.write([&](storage::Tx& tx) {
            return audit::record(tx, audit::Actor::user(*user, attempt.ip),
                                 user_event("user.login_failed", *user, "Tài khoản đã bị vô hiệu hoá"));
        }));
        return Error{Errc::Unauthorized, "Tài khoản này đã bị vô hiệu hoá"};
    }

    NewSession created;
    created.token = core::random_base64url(SESSION_TOKEN_BYTES);
    created.user = *user;
    auto& session = created.session;
    session.user_id = user->id;
    session.token_hash = core::sha256_hex(created.token);
    session.csrf_token = core::random_base64url(CSRF_TOKEN_BYTES);
    session.created_at = now;
    session.last_seen_at = now;
    session.expires_at = now + limits_.lifetime;
    session.ip = cut(attempt.ip, 100);
    session.user_agent = cut(attempt.user_agent, MAX_USER_AGENT_BYTES);
    session.second_factor_pending = security->totp_enabled();

    CONG_TRY_VOID(database_.write([&](storage::Tx& tx) -> Result<void> {
        // The session the browser came with ends here: a session id planted before sign-in is worth nothing.
        if (!attempt.previous_token.empty() && attempt.previous_token.size() <= MAX_TOKEN_CHARS) {
            CONG_TRY(previous, tx.sessions().find_session_by_hash(core::sha256_hex(attempt.previous_token)));
            if (previous) CONG_TRY_VOID(tx.sessions().delete_session(previous->id));
        }
        CONG_TRY(purged, tx.sessions().delete_expired_sessions(now, now - limits_.idle));
        (void)purged;
        auto fresh = *security;
        fresh.failed_logins = 0;
        fresh.locked_until.reset();
        CONG_TRY_VOID(tx.sessions().update_account_security(fresh));
        CONG_TRY(id, tx.sessions().insert_session(session));
        session.id = id;
        return audit::record(tx, audit::Actor::user(*user, attempt.ip),
                             user_event("user.login", *user,
                                        session.second_factor_pending ? "Mật khẩu đúng, chờ mã xác thực hai bước"
                                                                      : "Đăng nhập bằng mật khẩu"));
    }));
    return created;
}

Result<ActiveSession> SessionService::authenticate(std::string_view token) {
    if (token.empty() || token.size() > MAX_TOKEN_CHARS) return session_ended();
    auto now = clock_();
    auto hash = core::sha256_hex(token);
    std::optional<ActiveSession> active;
    CONG_TRY_VOID(database_.read([&](storage::Tx& tx) -> Result<void> {
        CONG_TRY(session, tx.sessions().find_session_by_hash(hash));
        if (!session) return {};
        CONG_TRY(user, tx.users().find_user(session->user_id));
        CONG_TRY(security, tx.sessions().find_account_security(session->user_id));
        if (!user || !security) return {};
        active = ActiveSession{std::move(*user), std::move(*session), std::move(*security)};
        return {};
    }));
    if (!active) return session_ended();
    auto& session = active->session;
    bool expired = now >= session.expires_at || now - session.last_seen_at >= limits_.idle;
    if (expired || active->user.disabled) {
        CONG_TRY_VOID(database_.write([&](storage::Tx& tx) { return tx.sessions().delete_session(session.id); }));
        return session_ended();
    }
    if (now - session.last_seen_at >= SESSION_TOUCH_INTERVAL) {
        auto touched = database_.write([&](storage::Tx& tx) { return tx.sessions().touch_session(session.id, now); });
        // Signed out by another request in between: the session is gone.
        if (!touched)
            return touched.error().code == Errc::NotFound ? Result<ActiveSession>(session_ended())
                                                          : Result<ActiveSession>(touched.error());
        session.last_seen_at = now;
    }
    return std::move(*active);
}

Result<void> SessionService::verify_second_factor(std::string_view token, std::string_view code,
                                                  const std::string& ip) {
    CONG_TRY(active, authenticate(token));
    if (!active.session.second_factor_pending) return {};
    auto now = clock_();
    if (is_locked(active.security, now)) return account_locked(limits_.lockout);
    auto trimmed = code.substr(0, MAX_CODE_CHARS);
    std::string digits;
    for (char c : trimmed)
        if (c != ' ') digits.push_back(c);
    auto step = verify_totp(active.security.totp_secret, digits, now, active.security.totp_last_step);
    if (!step) {
        bool locked_now = false;
        CONG_TRY_VOID(record_failure(active.user, active.user.login, ip, "Sai mã xác thực hai bước", &locked_now));
        if (locked_now) return account_locked(limits_.lockout);
        return Error{Errc::Unauthorized, "Mã xác thực không đúng hoặc đã được dùng", "code"};
    }
    return database_.write([&](storage::Tx& tx) -> Result<void> {
        CONG_TRY(found, tx.sessions().find_account_security(active.user.id));
        if (!found) return session_ended();
        auto security = *found;
        // Another request accepted this step (or a later one) first: the code is spent.
        if (security.totp_last_step && *security.totp_last_step >= *step)
            return Error{Errc::Unauthorized, "Mã xác thực không đúng hoặc đã được dùng", "code"};
        security.totp_last_step = *step;
        security.failed_logins = 0;
        CONG_TRY_VOID(tx.sessions().update_account_security(security));
        CONG_TRY_VOID(tx.sessions().clear_second_factor(active.session.id));
        return audit::record(tx, audit::Actor::user(active.user, ip),
                             user_event("user.login", active.user, "Xác thực hai bước thành công"));
    });
}

Result<void> SessionService::logout(std::string_view token, const std::string& ip) {
    if (token.empty() || token.size() > MAX_TOKEN_CHARS) return {};
    auto hash = core::sha256_hex(token);
    return database_.write([&](storage::Tx& tx) -> Result<void> {
        CONG_TRY(session, tx.sessions().find_session_by_hash(hash));
        if (!session) return {};
        CONG_TRY_VOID(tx.sessions().delete_session(session->id));
        CONG_TRY(user, tx.users().find_user(session->user_id));
        if (!user) return {};
        return audit::record(tx, audit::Actor::user(*user, ip), user_event("user.logout", *user, "Đăng xuất"));
    });
}

Result<std::int64_t> SessionService::logout_everywhere(const model::User& user, const std::string& ip) {
    return database_.write([&](storage::Tx& tx) -> Result<std::int64_t> {
        CONG_TRY(ended, tx.sessions().delete_user_sessions(user.id, std::nullopt));
        CONG_TRY_VOID(audit::record(
            tx, audit::Actor::user(user, ip),
            user_event("user.logout", user, "Đăng xuất khỏi mọi phiên (" + std::to_string(ended) + " phiên)")));
        return ended;
    });
}

Result<void> SessionService::change_password(const ActiveSession& active, std::string_view current_password,
                                             std::string_view new_password, std::string_view confirm_password,
                                             const std::string& ip) {
    CONG_TRY(stored, database_.read([&](storage::Tx& tx) { return tx.users().find_user(active.user.id); }));
    if (!stored) return session_ended();
    if (current_password.size() > MAX_PASSWORD_BYTES || !verify_password(stored->password_hash, current_password))
        return Error{Errc::InvalidInput, "Mật khẩu hiện tại không đúng", "current_password"};
    if (auto policy = check_password_policy(new_password); !policy)
        return Error{Errc::InvalidInput, policy.error().detail, "new_password"};
    if (new_password != confirm_password)
        return Error{Errc::InvalidInput, "Hai lần nhập mật khẩu mới không khớp nhau", "confirm_password"};
    if (new_password == current_password)
        return Error{Errc::InvalidInput, "Mật khẩu mới phải khác mật khẩu hiện tại", "new_password"};
    // Hashing takes a tenth of a second: before the write transaction, which blocks other writers.
    auto hash = hash_password(new_password);
    auto now = clock_();
    return database_.write([&](storage::Tx& tx) -> Result<void> {
        CONG_TRY(user, tx.users().find_user(active.user.id));
        CONG_TRY(security, tx.sessions().find_account_security(active.user.id));
        if (!user || !security) return session_ended();
        user->password_hash = hash;
        CONG_TRY_VOID(tx.users().update_user(*user));
        security->password_changed_at = now;
        CONG_TRY_VOID(tx.sessions().update_account_security(*security));
        // Whoever else knew the old password is signed out; the person who changed it stays in.
        CONG_TRY(ended, tx.sessions().delete_user_sessions(user->id, active.session.id));
        return audit::record(tx, audit::Actor::user(*user, ip),
                             user_event("user.password_change", *user,
                                        "Đổi mật khẩu; " + std::to_string(ended) + " phiên khác đã kết thúc"));
    });
}

Result<std::string> SessionService::begin_totp_enrolment(const model::User& user) {
    auto secret = new_totp_secret();
    CONG_TRY_VOID(database_.write([&](storage::Tx& tx) -> Result<void> {
        CONG_TRY(security, tx.sessions().find_account_security(user.id));
        if (!security) return session_ended();
        security->totp_pending_secret = secret;
        return tx.sessions().update_account_security(*security);
    }));
    return secret;
}

Result<void> SessionService::confirm_totp_enrolment(const model::User& user, std::string_view code,
                                                    const std::string& ip) {
    auto now = clock_();
    return database_.write([&](storage::Tx& tx) -> Result<void> {
        CONG_TRY(security, tx.sessions().find_account_security(user.id));
        if (!security) return session_ended();
        if (security->totp_pending_secret.empty())
            return Error{Errc::InvalidInput, "Hãy bắt đầu lại việc bật xác thực hai bước", "code"};
        auto step = verify_totp(security->totp_pending_secret, code.substr(0, MAX_CODE_CHARS), now, std::nullopt);
        if (!step)
            return Error{Errc::InvalidInput,
                         "Mã xác thực không đúng. Kiểm tra giờ trên điện thoại rồi nhập mã mới nhất.", "code"};
        security->totp_secret = std::move(security->totp_pending_secret);
        security->totp_pending_secret.clear();
        security->totp_last_step = *step;
        CONG_TRY_VOID(tx.sessions().update_account_security(*security));
        return audit::record(tx, audit::Actor::user(user, ip),
                             user_event("user.totp_enable", user, "Bật xác thực hai bước"));
    });
}

Result<void> SessionService::disable_totp(const model::User& user, std::string_view code, const std::string& ip) {
    auto now = clock_();
    return database_.write([&](storage::Tx& tx) -> Result<void> {
        CONG_TRY(security, tx.sessions().find_account_security(user.id));
        if (!security) return session_ended();
        if (security->totp_required)
            return Error{Errc::Forbidden, "Quản trị viên yêu cầu tài khoản này dùng xác thực hai bước"};
        if (!security->totp_enabled()) return {};
        auto step = verify_totp(security->totp_secret, code.substr(0, MAX_CODE_CHARS), now, security->totp_last_step);
        if (!step) return Error{Errc::InvalidInput, "Mã xác thực không đúng hoặc đã được dùng", "code"};
        security->totp_secret.clear();
        security->totp_pending_secret.clear();
        security->totp_last_step.reset();
        CONG_TRY_VOID(tx.sessions().update_account_security(*security));
        return audit::record(tx, audit::Actor::user(user, ip),
                             user_event("user.totp_disable", user, "Tắt xác thực hai bước"));
    });
}

Result<std::optional<model::AccountSecurity>> SessionService::find_security(std::int64_t user_id) {
    return database_.read([&](storage::Tx& tx) { return tx.sessions().find_account_security(user_id); });
}

Result<std::int64_t> SessionService::purge_expired() {
    auto now = clock_();
    return database_.write(
        [&](storage::Tx& tx) { return tx.sessions().delete_expired_sessions(now, now - limits_.idle); });
}

std::string SessionService::session_cookie_name() const {
    // __Host-: the browser only accepts it with Secure, Path=/ and no Domain, so no subdomain can plant one.
    return limits_.secure_cookies ? "__Host-cong_session" : "cong_session";
}

std::string SessionService::session_cookie(std::string_view token) const {
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(limits_.lifetime).count();
    return session_cookie_name() + "=" + std::string(token) + "; Path=/; Max-Age=" + std::to_string(seconds) +
           "; HttpOnly; SameSite=Lax" + (limits_.secure_cookies ? "; Secure" : "");
}

std::string SessionService::clear_session_cookie() const {
    return session_cookie_name() + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" +
           (limits_.secure_cookies ? "; Secure" : "");
}

std::string SessionService::login_csrf_cookie_name() const {
    return limits_.secure_cookies ? "__Host-cong_login_csrf" : "cong_login_csrf";
}

std::string SessionService::login_csrf_cookie(std::string_view value) const {
    return login_csrf_cookie_name() + "=" + std::string(value) + "; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax" +
           (limits_.secure_cookies ? "; Secure" : "");
}

}  // namespace cong::auth
