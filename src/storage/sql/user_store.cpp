#include "storage/postgres/pg_engine.hpp"
#include "storage/sql/sql_stores.hpp"
#include "storage/sql/store_support.hpp"
#include "storage/sqlite/sqlite_engine.hpp"

namespace cong::storage::sql {
namespace {

constexpr auto USER_COLUMNS = "id, login, display_name, password_hash, role, disabled, created_at";

template <class Engine>
Result<model::User> read_user(typename Engine::Columns& c) {
    model::User user;
    user.id = c.int64();
    user.login = c.text();
    user.display_name = c.text();
    user.password_hash = c.text();
    auto role_text = c.text();
    auto role = model::parse_role(role_text);
    if (!role) return Error{core::Errc::Internal, std::string(Engine::NAME) + ": unknown role '" + role_text + "'"};
    user.role = *role;
    user.disabled = c.boolean();
    user.created_at = c.timestamp();
    return user;
}

std::string select_users(std::string_view rest) {
    return std::string("SELECT ") + USER_COLUMNS + " FROM users " + std::string(rest);
}

}  // namespace

template <class Engine>
Result<std::optional<model::User>> UserStoreOn<Engine>::find_user(std::int64_t id) {
    CONG_TRY(statement, connection_.prepare(select_users("WHERE id = ?")));
    statement.bind_all(id);
    return query_optional<model::User>(statement, read_user<Engine>);
}

template <class Engine>
Result<std::optional<model::User>> UserStoreOn<Engine>::find_user_by_login(std::string_view login) {
    // Ignores ASCII case and uses the index on either engine (Engine::nocase_equals); built once per engine.
    static const std::string sql = select_users("WHERE " + Engine::nocase_equals("login"));
    CONG_TRY(statement, connection_.prepare(sql));
    statement.bind_all(login);
    return query_optional<model::User>(statement, read_user<Engine>);
}

template <class Engine>
Result<std::int64_t> UserStoreOn<Engine>::insert_user(const model::User& u) {
    CONG_TRY(statement, connection_.prepare(with_returning_id<Engine>(
                            "INSERT INTO users (login, display_name, password_hash, role, disabled, created_at) "
                            "VALUES (?, ?, ?, ?, ?, ?)")));
    statement.bind_all(u.login, u.display_name, u.password_hash, model::to_string(u.role), u.disabled, u.created_at);
    return Engine::inserted_id(statement);
}

template <class Engine>
Result<void> UserStoreOn<Engine>::update_user(const model::User& u) {
    CONG_TRY(statement, connection_.prepare(
                            "UPDATE users SET login = ?, display_name = ?, password_hash = ?, role = ?, disabled = ? "
                            "WHERE id = ?"));
    statement.bind_all(u.login, u.display_name, u.password_hash, model::to_string(u.role), u.disabled, u.id);
    CONG_TRY_VOID(statement.run());
    return require_changed(statement, "người dùng");
}

template <class Engine>
Result<std::vector<model::User>> UserStoreOn<Engine>::list_users() {
    // Case-blind order, the same on both engines: lower() folds ASCII letters as SQLite's NOCASE does, and the
    // bytewise collation keeps PostgreSQL's locale out of it. Logins are unique without case, so id never decides.
    static const std::string sql = select_users("ORDER BY lower(login)" + std::string(Engine::BYTEWISE) + ", id");
    CONG_TRY(statement, connection_.prepare(sql));
    return query_all<model::User>(statement, read_user<Engine>);
}

template class UserStoreOn<sqlite::Engine>;
template class UserStoreOn<postgres::Engine>;

}  // namespace cong::storage::sql
