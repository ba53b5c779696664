#include "storage/postgres/pg_engine.hpp"
#include "storage/sql/sql_stores.hpp"
#include "storage/sql/store_support.hpp"
#include "storage/sqlite/sqlite_engine.hpp"

namespace cong::storage::sql {
namespace {

constexpr auto SESSION_COLUMNS =
    "id, user_id, token_hash, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent, "
    "second_factor_pending";

template <class Engine>
Result<model::Session> read_session(typename Engine::Columns& c) {
    model::Session s;
    s.id = c.int64();
    s.user_id = c.int64();
    s.token_hash = c.text();
    s.csrf_token = c.text();
    s.created_at = c.timestamp();
    s.last_seen_at = c.timestamp();
    s.expires_at = c.timestamp();
    s.ip = c.text();
    s.user_agent = c.text();
    s.second_factor_pending = c.boolean();
    return s;
}

template <class Engine>
Result<model::AccountSecurity> read_security(typename Engine::Columns& c) {
    model::AccountSecurity s;
    s.user_id = c.int64();
    s.failed_logins = c.integer();
    s.locked_until = c.optional_timestamp();
    s.totp_secret = c.text();
    s.totp_pending_secret = c.text();
    s.totp_last_step = c.optional_int64();
    s.totp_required = c.boolean();
    s.password_changed_at = c.optional_timestamp();
    return s;
}

}  // namespace

template <class Engine>
Result<std::int64_t> SessionStoreOn<Engine>::insert_session(const model::Session& s) {
    // The id is left out, so each engine numbers the row itself.
    CONG_TRY(statement, connection_.prepare(with_returning_id<Engine>(
                            "INSERT INTO sessions (user_id, token_hash, csrf_token, created_at, "
                            "last_seen_at, expires_at, ip, user_agent, second_factor_pending) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")));
    statement.bind_all(s.user_id, s.token_hash, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at, s.ip,
                       s.user_agent, s.second_factor_pending);
    return Engine::inserted_id(statement);
}

template <class Engine>
Result<std::optional<model::Session>> SessionStoreOn<Engine>::find_session_by_hash(std::string_view token_hash) {
    CONG_TRY(statement,
             connection_.prepare(std::string("SELECT ") + SESSION_COLUMNS + " FROM sessions WHERE token_hash = ?"));
    statement.bind_all(token_hash);
    return query_optional<model::Session>(statement, read_session<Engine>);
}

template <class Engine>
Result<void> SessionStoreOn<Engine>::touch_session(std::int64_t id, core::Timestamp last_seen_at) {
    CONG_TRY(statement, connection_.prepare("UPDATE sessions SET last_seen_at = ? WHERE id = ?"));
    statement.bind_all(last_seen_at, id);
    CONG_TRY_VOID(statement.run());
    return require_changed(statement, "phiên đăng nhập");
}

template <class Engine>
Result<void> SessionStoreOn<Engine>::clear_second_factor(std::int64_t id) {
    CONG_TRY(statement, connection_.prepare("UPDATE sessions SET second_factor_pending = 0 WHERE id = ?"));
    statement.bind_all(id);
    CONG_TRY_VOID(statement.run());
    return require_changed(statement, "phiên đăng nhập");
}

template <class Engine>
Result<void> SessionStoreOn<Engine>::delete_session(std::int64_t id) {
    CONG_TRY(statement, connection_.prepare("DELETE FROM sessions WHERE id = ?"));
    statement.bind_all(id);
    return statement.run();
}

template <class Engine>
Result<std::int64_t> SessionStoreOn<Engine>::delete_user_sessions(std::int64_t user_id,
                                                                  std::optional<std::int64_t> keep_id) {
    CONG_TRY(statement, connection_.prepare("DELETE FROM sessions WHERE user_id = ? AND id IS DISTINCT FROM ?"));
    statement.bind_all(user_id, keep_id);
    CONG_TRY_VOID(statement.run());
    return statement.changes();
}

template <class Engine>
Result<std::int64_t> SessionStoreOn<Engine>::delete_expired_sessions(core::Timestamp now, core::Timestamp idle_before) {
    CONG_TRY(statement, connection_.prepare("DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at < ?"));
    statement.bind_all(now, idle_before);
    CONG_TRY_VOID(statement.run());
    return statement.changes();
}

template <class Engine>
Result<std::optional<model::AccountSecurity>> SessionStoreOn<Engine>::find_account_security(std::int64_t user_id) {
    CONG_TRY(statement,
             connection_.prepare("SELECT id, failed_logins, locked_until, totp_secret, totp_pending_secret, "
                                 "totp_last_step, totp_required, password_changed_at FROM users WHERE id = ?"));
    statement.bind_all(user_id);
    return query_optional<model::AccountSecurity>(statement, read_security<Engine>);
}

template <class Engine>
Result<void> SessionStoreOn<Engine>::update_account_security(const model::AccountSecurity& s) {
    CONG_TRY(statement, connection_.prepare(
                            "UPDATE users SET failed_logins = ?, locked_until = ?, totp_secret = ?, "
                            "totp_pending_secret = ?, totp_last_step = ?, totp_required = ?, password_changed_at = ? "
                            "WHERE id = ?"));
    statement.bind_all(s.failed_logins, s.locked_until, s.totp_secret, s.totp_pending_secret, s.totp_last_step,
                       s.totp_required, s.password_changed_at, s.user_id);
    CONG_TRY_VOID(statement.run());
    return require_changed(statement, "người dùng");
}

template class SessionStoreOn<sqlite::Engine>;
template class SessionStoreOn<postgres::Engine>;

}  // namespace cong::storage::sql
