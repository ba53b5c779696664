#include "storage/postgres/pg_engine.hpp"
#include "storage/sql/sql_stores.hpp"
#include "storage/sql/store_support.hpp"
#include "storage/sqlite/sqlite_engine.hpp"

namespace cong::storage::sql {
namespace {

template <class Engine>
Result<model::ApiToken> read_token(typename Engine::Columns& c) {
    model::ApiToken token;
    token.id = c.int64();
    token.user_id = c.int64();
    token.token_hash = c.text();
    token.label = c.text();
    token.created_at = c.timestamp();
    token.last_used_at = c.optional_timestamp();
    return token;
}

}  // namespace

template <class Engine>
Result<std::int64_t> TokenStoreOn<Engine>::insert_token(const model::ApiToken& t) {
    CONG_TRY(statement, connection_.prepare(with_returning_id<Engine>(
                            "INSERT INTO api_tokens (user_id, token_hash, label, created_at, last_used_at) "
                            "VALUES (?, ?, ?, ?, ?)")));
    statement.bind_all(t.user_id, t.token_hash, t.label, t.created_at, t.last_used_at);
    return Engine::inserted_id(statement);
}

template <class Engine>
Result<std::optional<model::ApiToken>> TokenStoreOn<Engine>::find_token_by_hash(std::string_view token_hash) {
    CONG_TRY(statement,
             connection_.prepare("SELECT id, user_id, token_hash, label, created_at, last_used_at FROM api_tokens "
                                 "WHERE token_hash = ?"));
    statement.bind_all(token_hash);
    return query_optional<model::ApiToken>(statement, read_token<Engine>);
}

template <class Engine>
Result<void> TokenStoreOn<Engine>::touch_token(std::int64_t id, core::Timestamp used_at) {
    CONG_TRY(statement, connection_.prepare("UPDATE api_tokens SET last_used_at = ? WHERE id = ?"));
    statement.bind_all(used_at, id);
    CONG_TRY_VOID(statement.run());
    return require_changed(statement, "mã truy cập");
}

template class TokenStoreOn<sqlite::Engine>;
template class TokenStoreOn<postgres::Engine>;

}  // namespace cong::storage::sql
