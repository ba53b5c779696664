// Connection and Statement: a thin RAII layer over sqlite3* and sqlite3_stmt* whose failures are Results.
#pragma once

#include "core/clock.hpp"
#include "core/result.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace cong::storage::sqlite {

using core::Error;
using core::Result;

class Connection;

// Turns a SQLite result code into an Error: busy or locked → Busy, a UNIQUE or PRIMARY KEY
// violation → Conflict (field: the column), a foreign-key violation → Conflict, anything else →
// Internal with SQLite's message. db may be null when the connection could not be opened.
Error sqlite_error(sqlite3* db, int rc);

// One prepared statement borrowed from its connection's cache. Destroying it resets the statement
// and clears its bindings, so the next user starts clean and no read transaction is held open.
class Statement {
public:
    // in_use: the cache entry's flag, cleared on destruction; null for a statement outside the cache.
    Statement(Connection& connection, sqlite3_stmt* stmt, bool* in_use);
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&&) = delete;
    ~Statement();

    // Bind by 1-based index, like `?` in SQL. A failed bind is reported by the next step().
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value);
    Statement& bind(int index, bool value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const char* value);
    Statement& bind(int index, core::Timestamp value);
    Statement& bind(int index, std::nullopt_t);
    template <class T>
    Statement& bind(int index, const std::optional<T>& value) {
        if (value) return bind(index, *value);
        return bind(index, std::nullopt);
    }
    // Binds the arguments to ?1, ?2, … in order.
    template <class... Args>
    Statement& bind_all(const Args&... args) {
        int index = 1;
        (bind(index++, args), ...);
        return *this;
    }

    // Advances to the next row: true when a row is ready, false when the statement is done.
    Result<bool> step();
    // Runs a statement that returns no rows (or whose rows do not matter) to its end.
    Result<void> run();
    // Makes the statement ready to be bound and run again, for the same SQL over many rows.
    void reset();
    // Rows inserted, updated or deleted by the last completed statement of the connection.
    std::int64_t changes() const;
    // The rowid of the connection's last successful INSERT.
    std::int64_t last_insert_rowid() const;

    // Columns of the current row, 0-based.
    bool is_null(int column) const;
    std::int64_t int64(int column) const;
    std::string text(int column) const;

private:
    Connection* connection_;
    sqlite3_stmt* stmt_;
    bool* in_use_;
    int bind_rc_ = 0;  // the first failed bind, reported by step()
};

// Reads the columns of a row left to right, so a mapping function lists fields in SELECT order.
class Columns {
public:
    explicit Columns(const Statement& statement) : statement_(statement) {}
    std::int64_t int64() { return statement_.int64(next_++); }
    int integer() { return static_cast<int>(statement_.int64(next_++)); }
    bool boolean() { return statement_.int64(next_++) != 0; }
    std::string text() { return statement_.text(next_++); }
    core::Timestamp timestamp() { return core::Timestamp{std::chrono::seconds{statement_.int64(next_++)}}; }
    std::optional<std::int64_t> optional_int64() {
        int column = next_++;
        if (statement_.is_null(column)) return std::nullopt;
        return statement_.int64(column);
    }
    std::optional<core::Timestamp> optional_timestamp() {
        auto value = optional_int64();
        if (!value) return std::nullopt;
        return core::Timestamp{std::chrono::seconds{*value}};
    }

private:
    const Statement& statement_;
    int next_ = 0;
};

// One open database handle, used by one thread at a time, with its prepared statements cached.
class Connection {
public:
    // flags: SQLITE_OPEN_* (READONLY or READWRITE, CREATE); NOMUTEX is always added, since the
    // owner guarantees one thread at a time and SQLite's own mutex would only cost time.
    static Result<std::unique_ptr<Connection>> open(const std::string& path, int flags);

    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection();

    // A prepared statement for sql, prepared once per connection and kept (keyed by the SQL text).
    Result<Statement> prepare(std::string_view sql);
    // Runs one or more statements without parameters (scripts, pragmas).
    Result<void> exec(const std::string& sql);
    // The single integer a query such as `PRAGMA application_id` returns.
    Result<std::int64_t> query_int64(std::string_view sql);

    bool in_transaction() const;
    sqlite3* handle() const { return db_; }
    const std::string& path() const { return path_; }

private:
    friend class Statement;
    explicit Connection(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
    void release(sqlite3_stmt* stmt, bool* in_use);

    // Statements built from a variable number of placeholders are bounded by padding (see
    // storage/sql/store_support.hpp); this cap keeps a bug from growing the cache without end.
    static constexpr std::size_t MAX_CACHED_STATEMENTS = 256;

    struct CachedStatement {
        sqlite3_stmt* stmt = nullptr;
        bool in_use = false;  // a second user of the same SQL at once gets its own statement
    };

    sqlite3* db_;
    std::string path_;
    std::unordered_map<std::string, CachedStatement> cache_;
};

}  // namespace cong::storage::sqlite
