#include "storage/postgres/pg_store_support.hpp"
#include "storage/postgres/pg_stores.hpp"

namespace cong::storage::postgres {
namespace {

constexpr auto SESSION_COLUMNS =
    "id, user_id, token_hash, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent, "
    "second_factor_pending";

Result<model::Session> read_session(PgColumns& c) {
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

Result<model::AccountSecurity> read_security(PgColumns& c) {
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

Result<std::int64_t> PgSessionStore::insert_session(const model::Session& s) {
    CONG_TRY(statement, connection_.prepare(std::string("INSERT INTO sessions (") + SESSION_COLUMNS +
                                            ") VALUES (DEFAULT, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    statement.bind_all(s.user_id, s.token_hash, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at, s.ip,
                       s.user_agent, s.second_factor_pending);
    return returned_id(statement);
}

Result<std::optional<model::Session>> PgSessionStore::find_session_by_hash(std::string_view token_hash) {
    CONG_TRY(statement,
             connection_.prepare(std::string("SELECT ") + SESSION_COLUMNS + " FROM sessions WHERE token_hash = ?"));
    statement.bind_all(token_hash);
    return query_optional<model::Session>(statement, read_session);
}

Result<void> PgSessionStore::touch_session(std::int64_t id, core::Timestamp last_seen_at) {
    CONG_TRY(statement, connection_.prepare("UPDATE sessions SET last_seen_at = ? WHERE id = ?"));
    statement.bind_all(last_seen_at, id);
    CONG_TRY_VOID(statement.run());
    return require_changed(statement, "phiên đăng nhập");
}

Result<void> PgSessionStore::clear_second_factor(std::int64_t id) {
    CONG_TRY(statement, connection_.prepare("UPDATE sessions SET second_factor_pending = 0 WHERE id = ?"));
    statement.bind_all(id);
    CONG_TRY_VOID(statement.run());
    return require_changed(statement, "phiên đăng nhập");
}

Result<void> PgSessionStore::delete_session(std::int64_t id) {
    CONG_TRY(statement, connection_.prepare("DELETE FROM sessions WHERE id = ?"));
    statement.bind_all(id);
    return statement.run();
}

Result<std::int64_t> PgSessionStore::delete_user_sessions(std::int64_t user_id,
                                                              std::optional<std::int64_t> keep_id) {
    CONG_TRY(statement, connection_.prepare("DELETE FROM sessions WHERE user_id = ? AND id IS DISTINCT FROM ?"));
    statement.bind_all(user_id, keep_id);
    CONG_TRY_VOID(statement.run());
    return statement.changes();
}

Result<std::int64_t> PgSessionStore::delete_expired_sessions(core::Timestamp now, core::Timestamp idle_before) {
    CONG_TRY(statement, connection_.prepare("DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at < ?"));
    statement.bind_all(now, idle_before);
    CONG_TRY_VOID(statement.run());
    return statement.changes();
}

Result<std::optional<model::AccountSecurity>> PgSessionStore::find_account_security(std::int64_t user_id) {
    CONG_TRY(statement,
             connection_.prepare("SELECT id, failed_logins, locked_until, totp_secret, totp_pending_secret, "
                                 "totp_last_step, totp_required, password_changed_at FROM users WHERE id = ?"));
    statement.bind_all(user_id);
    return query_optional<model::AccountSecurity>(statement, read_security);
}

Result<void> PgSessionStore::update_account_security(const model::AccountSecurity& s) {
    CONG_TRY(statement, connection_.prepare(
                            "UPDATE users SET failed_logins = ?, locked_until = ?, totp_secret = ?, "
                            "totp_pending_secret = ?, totp_last_step = ?, totp_required = ?, password_changed_at = ? "
                            "WHERE id = ?"));
    statement.bind_all(s.failed_logins, s.locked_until, s.totp_secret, s.totp_pending_secret, s.totp_last_step,
                       s.totp_required, s.password_changed_at, s.user_id);
    CONG_TRY_VOID(statement.run());
    return require_changed(statement, "người dùng");
}

}  // namespace cong::storage::postgres
