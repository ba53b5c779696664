#include "storage/postgres/pg_store_support.hpp"
#include "storage/postgres/pg_stores.hpp"

namespace cong::storage::postgres {
namespace {

constexpr auto USER_COLUMNS = "id, login, display_name, password_hash, role, disabled, created_at";

Result<model::User> read_user(PgColumns& c) {
    model::User user;
    user.id = c.int64();
    user.login = c.text();
    user.display_name = c.text();
    user.password_hash = c.text();
    auto role_text = c.text();
    auto role = model::parse_role(role_text);
    if (!role) return Error{core::Errc::Internal, "PostgreSQL: unknown role '" + role_text + "'"};
    user.role = *role;
    user.disabled = c.boolean();
    user.created_at = c.timestamp();
    return user;
}

std::string select_users(std::string_view rest) {
    return std::string("SELECT ") + USER_COLUMNS + " FROM users " + std::string(rest);
}

}  // namespace

Result<std::optional<model::User>> PgUserStore::find_user(std::int64_t id) {
    CONG_TRY(statement, connection_.prepare(select_users("WHERE id = ?")));
    statement.bind_all(id);
    return query_optional<model::User>(statement, read_user);
}

Result<std::optional<model::User>> PgUserStore::find_user_by_login(std::string_view login) {
    // The unique index is on lower(login), so this comparison uses it and ignores case, like SQLite's NOCASE.
    CONG_TRY(statement, connection_.prepare(select_users("WHERE lower(login) = lower(?)")));
    statement.bind_all(login);
    return query_optional<model::User>(statement, read_user);
}

Result<std::int64_t> PgUserStore::insert_user(const model::User& u) {
    CONG_TRY(statement,
             connection_.prepare("INSERT INTO users (login, display_name, password_hash, role, disabled, created_at) "
                                 "VALUES (?, ?, ?, ?, ?, ?) RETURNING id"));
    statement.bind_all(u.login, u.display_name, u.password_hash, model::to_string(u.role), u.disabled, u.created_at);
    return returned_id(statement);
}

Result<void> PgUserStore::update_user(const model::User& u) {
    CONG_TRY(statement, connection_.prepare(
                            "UPDATE users SET login = ?, display_name = ?, password_hash = ?, role = ?, disabled = ? "
                            "WHERE id = ?"));
    statement.bind_all(u.login, u.display_name, u.password_hash, model::to_string(u.role), u.disabled, u.id);
    CONG_TRY_VOID(statement.run());
    return require_changed(statement, "người dùng");
}

Result<std::vector<model::User>> PgUserStore::list_users() {
    CONG_TRY(statement, connection_.prepare(select_users("ORDER BY lower(login) COLLATE \"C\", id")));
    return query_all<model::User>(statement, read_user);
}

}  // namespace cong::storage::postgres
