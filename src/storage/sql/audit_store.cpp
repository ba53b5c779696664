#include "storage/postgres/pg_engine.hpp"
#include "storage/sql/sql_stores.hpp"
#include "storage/sql/store_support.hpp"
#include "storage/sqlite/sqlite_engine.hpp"

#include <algorithm>

namespace cong::storage::sql {
namespace {

template <class Engine>
Result<model::AuditEntry> read_entry(typename Engine::Columns& c) {
    model::AuditEntry e;
    e.id = c.int64();
    e.at = c.timestamp();
    e.user_id = c.optional_int64();
    e.login = c.text();
    e.ip = c.text();
    e.action = c.text();
    e.object_type = c.text();
    e.object_id = c.optional_int64();
    e.site_id = c.optional_int64();
    e.detail = c.text();
    return e;
}

// One WHERE clause for listing and counting, every filter optional: "?N IS NULL OR …" keeps a single
// prepared statement whatever the admin filters on.
constexpr std::string_view AUDIT_WHERE =
    " WHERE (CAST(?1 AS BIGINT) IS NULL OR user_id = ?1)"
    " AND (CAST(?2 AS TEXT) = '' OR substr(action, 1, length(?2)) = ?2)"
    " AND (CAST(?3 AS TEXT) = '' OR object_type = ?3)"
    " AND (CAST(?4 AS BIGINT) IS NULL OR object_id = ?4)"
    " AND (CAST(?5 AS BIGINT) IS NULL OR at >= ?5)"
    " AND (CAST(?6 AS BIGINT) IS NULL OR at < ?6)";

template <class Statement>
void bind_filters(Statement& statement, const AuditQuery& q) {
    statement.bind_all(q.user_id, q.action_prefix, q.object_type, q.object_id, q.from, q.until);
}

}  // namespace

template <class Engine>
Result<std::int64_t> AuditStoreOn<Engine>::insert_audit(const model::AuditEntry& e) {
    CONG_TRY(statement, connection_.prepare(with_returning_id<Engine>(
                            "INSERT INTO audit_log (at, user_id, login, ip, action, object_type, "
                            "object_id, site_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")));
    statement.bind_all(e.at, e.user_id, e.login, e.ip, e.action, e.object_type, e.object_id, e.site_id, e.detail);
    return Engine::inserted_id(statement);
}

template <class Engine>
Result<std::vector<model::AuditEntry>> AuditStoreOn<Engine>::list_audit(const AuditQuery& query) {
    CONG_TRY(statement,
             connection_.prepare(std::string("SELECT id, at, user_id, login, ip, action, object_type, "
                                             "object_id, site_id, detail FROM audit_log") +
                                 std::string(AUDIT_WHERE) + " ORDER BY at DESC, id DESC LIMIT ?7 OFFSET ?8"));
    bind_filters(statement, query);
    statement.bind(7, std::clamp(query.limit, 1, MAX_LIST_LIMIT));
    statement.bind(8, std::max(query.offset, 0));
    return query_all<model::AuditEntry>(statement, read_entry<Engine>);
}

template <class Engine>
Result<std::int64_t> AuditStoreOn<Engine>::count_audit(const AuditQuery& query) {
    CONG_TRY(statement, connection_.prepare(std::string("SELECT count(*) FROM audit_log") + std::string(AUDIT_WHERE)));
    bind_filters(statement, query);
    CONG_TRY(has_row, statement.step());
    return has_row ? statement.int64(0) : 0;
}

template class AuditStoreOn<sqlite::Engine>;
template class AuditStoreOn<postgres::Engine>;

}  // namespace cong::storage::sql
