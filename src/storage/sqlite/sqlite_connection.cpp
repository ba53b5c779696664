#include "storage/sqlite/sqlite_connection.hpp"

#include <sqlite3.h>

#include <utility>

namespace cong::storage::sqlite {
namespace {

// "UNIQUE constraint failed: articles.site_id, articles.slug" → "slug": the last column is the
// one a person chose (the site is never theirs to pick), so a form can mark that field.
std::string conflicting_field(std::string_view message) {
    auto colon = message.find(": ");
    if (colon == std::string_view::npos) return {};
    auto columns = message.substr(colon + 2);
    auto last = columns.rfind(", ");
    if (last != std::string_view::npos) columns = columns.substr(last + 2);
    auto dot = columns.find('.');
    if (dot != std::string_view::npos) columns = columns.substr(dot + 1);
    return std::string(columns);
}

}  // namespace

Error sqlite_error(sqlite3* db, int rc) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    switch (rc & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED: return Error{core::Errc::Busy, "Cơ sở dữ liệu đang bận, xin thử lại sau giây lát."};
        default: break;
    }
    if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return Error{core::Errc::Conflict, "Giá trị này đã được dùng cho một mục khác.", conflicting_field(message)};
    }
    // A service checks references before it writes; when a race slips past it (a category deleted
    // while an article is saved into it, a parent that still has children), the request conflicts
    // with the data rather than failing the server.
    if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
        return Error{core::Errc::Conflict, "Mục này đang được dùng hoặc tham chiếu tới một mục không còn tồn tại."};
    }
    return Error{core::Errc::Internal, "SQLite: " + message};
}

Statement::Statement(Connection& connection, sqlite3_stmt* stmt, bool* in_use)
    : connection_(&connection), stmt_(stmt), in_use_(in_use) {}

Statement::Statement(Statement&& other) noexcept
    : connection_(other.connection_),
      stmt_(std::exchange(other.stmt_, nullptr)),
      in_use_(other.in_use_),
      bind_rc_(other.bind_rc_) {}

Statement::~Statement() {
    if (stmt_ != nullptr) connection_->release(stmt_, in_use_);
}

namespace {
int note(int& first_failure, int rc) {
    if (rc != SQLITE_OK && first_failure == SQLITE_OK) first_failure = rc;
    return rc;
}
}  // namespace

Statement& Statement::bind(int index, std::int64_t value) {
    note(bind_rc_, sqlite3_bind_int64(stmt_, index, value));
    return *this;
}

Statement& Statement::bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }

Statement& Statement::bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value ? 1 : 0)); }

Statement& Statement::bind(int index, std::string_view value) {
    // SQLITE_TRANSIENT: SQLite copies the text, so the caller's string may die before step().
    note(bind_rc_, sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
    return *this;
}

Statement& Statement::bind(int index, const char* value) { return bind(index, std::string_view(value)); }

Statement& Statement::bind(int index, core::Timestamp value) {
    return bind(index, static_cast<std::int64_t>(value.time_since_epoch().count()));
}

Statement& Statement::bind(int index, std::nullopt_t) {
    note(bind_rc_, sqlite3_bind_null(stmt_, index));
    return *this;
}

Result<bool> Statement::step() {
    if (bind_rc_ != SQLITE_OK) return sqlite_error(connection_->handle(), bind_rc_);
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return sqlite_error(connection_->handle(), rc);
}

Result<void> Statement::run() {
    for (;;) {
        CONG_TRY(has_row, step());
        if (!has_row) return {};
    }
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    bind_rc_ = SQLITE_OK;
}

std::int64_t Statement::changes() const { return sqlite3_changes64(connection_->handle()); }

std::int64_t Statement::last_insert_rowid() const { return sqlite3_last_insert_rowid(connection_->handle()); }

bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string Statement::text(int column) const {
    auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    if (data == nullptr) return {};
    return std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

Result<std::unique_ptr<Connection>> Connection::open(const std::string& path, int flags) {
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        auto error = sqlite_error(db, rc);
        sqlite3_close_v2(db);
        return error;
    }
    // Extended codes tell a UNIQUE violation (Conflict) from a CHECK failure (a bug).
    sqlite3_extended_result_codes(db, 1);
    return std::unique_ptr<Connection>(new Connection(db, path));
}

Connection::~Connection() {
    for (auto& [sql, cached] : cache_) sqlite3_finalize(cached.stmt);
    sqlite3_close_v2(db_);
}

Result<Statement> Connection::prepare(std::string_view sql) {
    auto found = cache_.find(std::string(sql));
    if (found != cache_.end() && !found->second.in_use) {
        found->second.in_use = true;
        return Statement(*this, found->second.stmt, &found->second.in_use);
    }
    bool keep = found == cache_.end() && cache_.size() < MAX_CACHED_STATEMENTS;
    sqlite3_stmt* stmt = nullptr;
    // PERSISTENT: the statement lives as long as the connection, so SQLite allocates it for that.
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), keep ? SQLITE_PREPARE_PERSISTENT : 0,
                                &stmt, nullptr);
    if (rc != SQLITE_OK) return sqlite_error(db_, rc);
    if (stmt == nullptr) return Error{core::Errc::Internal, "SQLite: empty statement"};
    if (!keep) return Statement(*this, stmt, nullptr);
    // unordered_map never moves its elements, so the flag's address stays valid.
    auto entry = cache_.emplace(std::string(sql), CachedStatement{stmt, true}).first;
    return Statement(*this, stmt, &entry->second.in_use);
}

void Connection::release(sqlite3_stmt* stmt, bool* in_use) {
    if (in_use == nullptr) {
        sqlite3_finalize(stmt);
        return;
    }
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    *in_use = false;
}

Result<void> Connection::exec(const std::string& sql) {
    char* message = nullptr;
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
    sqlite3_free(message);  // sqlite3_errmsg still holds it for sqlite_error
    if (rc != SQLITE_OK) return sqlite_error(db_, rc);
    return {};
}

Result<std::int64_t> Connection::query_int64(std::string_view sql) {
    CONG_TRY(statement, prepare(sql));
    CONG_TRY(has_row, statement.step());
    if (!has_row) return Error{core::Errc::Internal, "SQLite: no row from " + std::string(sql)};
    return statement.int64(0);
}

bool Connection::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

}  // namespace cong::storage::sqlite
