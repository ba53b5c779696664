// PgConnection and PgResult: a thin RAII layer over libpq's PGconn and PGresult whose failures are Results.
#pragma once

#include "core/clock.hpp"
#include "core/result.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct pg_conn;
struct pg_result;

namespace cong::storage::postgres {

using core::Error;
using core::Result;

// One query parameter, sent as text ($1, $2, …): libpq converts it to the column's type. An empty
// optional is SQL NULL. Booleans are sent as 1/0, the way the SQLite schema stores them, and
// timestamps as whole Unix seconds, so both engines hold the same values.
class PgParam {
public:
    PgParam(std::nullopt_t) {}
    PgParam(std::int64_t value) : value_(std::to_string(value)) {}
    PgParam(int value) : value_(std::to_string(value)) {}
    PgParam(unsigned value) : value_(std::to_string(value)) {}
    PgParam(unsigned long value) : value_(std::to_string(value)) {}
    PgParam(bool value) : value_(value ? "1" : "0") {}
    PgParam(double value);
    PgParam(std::string_view value) : value_(std::string(value)) {}
    PgParam(const std::string& value) : value_(value) {}
    PgParam(std::string&& value) : value_(std::move(value)) {}
    PgParam(const char* value) : value_(std::string(value)) {}
    PgParam(core::Timestamp value) : value_(std::to_string(value.time_since_epoch().count())) {}
    template <class T>
    PgParam(const std::optional<T>& value) {
        if (value) *this = PgParam(*value);
    }

    bool is_null() const { return !value_.has_value(); }
    const char* c_str() const { return value_ ? value_->c_str() : nullptr; }

private:
    std::optional<std::string> value_;
};

// The rows of one completed statement. Moves only; frees the PGresult on destruction.
class PgResult {
public:
    PgResult() = default;
    explicit PgResult(pg_result* result);
    PgResult(PgResult&& other) noexcept;
    PgResult& operator=(PgResult&& other) noexcept;
    PgResult(const PgResult&) = delete;
    PgResult& operator=(const PgResult&) = delete;
    ~PgResult();

    int rows() const;
    int columns() const;
    // Rows inserted, updated or deleted (PQcmdTuples); 0 for other statements.
    std::int64_t affected() const;

    // Cells by 0-based row and column. A NULL reads as "" / 0; ask is_null() when it matters.
    bool is_null(int row, int column) const;
    std::string text(int row, int column) const;
    std::string_view view(int row, int column) const;
    std::int64_t int64(int row, int column) const;
    double float64(int row, int column) const;

private:
    pg_result* result_ = nullptr;
};

class PgStatement;

// Reads the cells of one row left to right, so a mapping function lists fields in SELECT order
// (the PostgreSQL twin of sqlite::Columns).
class PgColumns {
public:
    PgColumns(const PgResult& result, int row) : result_(result), row_(row) {}
    explicit PgColumns(const PgStatement& statement);
    std::int64_t int64() { return result_.int64(row_, next_++); }
    int integer() { return static_cast<int>(result_.int64(row_, next_++)); }
    bool boolean() { return result_.int64(row_, next_++) != 0; }
    double float64() { return result_.float64(row_, next_++); }
    std::string text() { return result_.text(row_, next_++); }
    core::Timestamp timestamp() { return core::Timestamp{std::chrono::seconds{result_.int64(row_, next_++)}}; }
    bool is_null() const { return result_.is_null(row_, next_); }
    std::optional<std::int64_t> optional_int64() {
        int column = next_++;
        if (result_.is_null(row_, column)) return std::nullopt;
        return result_.int64(row_, column);
    }
    std::optional<std::string> optional_text() {
        int column = next_++;
        if (result_.is_null(row_, column)) return std::nullopt;
        return result_.text(row_, column);
    }
    std::optional<core::Timestamp> optional_timestamp() {
        auto value = optional_int64();
        if (!value) return std::nullopt;
        return core::Timestamp{std::chrono::seconds{*value}};
    }

private:
    const PgResult& result_;
    int row_;
    int next_ = 0;
};

class PgConnection;

// One statement written with SQLite's placeholders (?, ?NNN), bound and stepped like
// sqlite::Statement, so the PostgreSQL stores read like their SQLite twins. The statement runs on
// the first step() or run(), prepared once per connection; its rows are then read one by one.
class PgStatement {
public:
    // sql: already in PostgreSQL's $n form (PgConnection::prepare translates).
    PgStatement(PgConnection& connection, std::string sql) : connection_(&connection), sql_(std::move(sql)) {}

    // Bind by 1-based index, like $n in SQL.
    PgStatement& bind(int index, PgParam value);
    template <class... Args>
    PgStatement& bind_all(const Args&... args) {
        int index = 1;
        (bind(index++, PgParam(args)), ...);
        return *this;
    }

    // Runs the statement on the first call; then advances to the next row: true when a row is ready.
    Result<bool> step();
    // Runs a statement whose rows do not matter.
    Result<void> run();
    // Makes the statement ready to be bound and run again.
    void reset();
    // Rows inserted, updated or deleted by the statement's last run.
    std::int64_t changes() const { return result_.affected(); }

    // Columns of the current row, 0-based.
    bool is_null(int column) const { return result_.is_null(row_, column); }
    std::int64_t int64(int column) const { return result_.int64(row_, column); }
    double float64(int column) const { return result_.float64(row_, column); }
    std::string text(int column) const { return result_.text(row_, column); }

    const PgResult& result() const { return result_; }
    int row() const { return row_; }
    const std::string& sql() const { return sql_; }

private:
    Result<void> execute();

    PgConnection* connection_;
    std::string sql_;
    std::vector<PgParam> params_;
    PgResult result_;
    bool executed_ = false;
    int row_ = -1;
};

// A NOTIFY received on a connection that LISTENs.
struct PgNotification {
    std::string channel;
    std::string payload;
    int backend_pid = 0;
};

// One open connection to a PostgreSQL server, used by one thread at a time, with its prepared
// statements cached by SQL text.
class PgConnection {
public:
    // url: postgresql://user@host:port/dbname?… (anything libpq's PQconnectdb accepts).
    static Result<std::unique_ptr<PgConnection>> open(const std::string& url);

    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;
    ~PgConnection();

    // A statement written with SQLite's placeholders (? and ?NNN), translated to $n.
    Result<PgStatement> prepare(std::string_view sql);
    // Runs one statement with parameters $1..$n, prepared once per connection (keyed by SQL text).
    Result<PgResult> exec(std::string_view sql, const std::vector<PgParam>& params = {});
    template <class... Args>
    Result<PgResult> query(std::string_view sql, const Args&... args) {
        return exec(sql, std::vector<PgParam>{PgParam(args)...});
    }
    // Runs one or more statements without parameters and without preparing them (scripts,
    // BEGIN/COMMIT, SET, LISTEN).
    Result<void> exec_script(const std::string& sql);
    // The single integer a query such as `SELECT count(*) FROM …` returns.
    Result<std::int64_t> query_int64(std::string_view sql, const std::vector<PgParam>& params = {});

    // False once the connection to the server is lost: the owner drops it and opens a new one.
    bool ok() const;
    bool in_transaction() const;
    // Inside a transaction that a failed statement has aborted: only ROLLBACK (to a savepoint) helps.
    bool in_failed_transaction() const;
    // For LISTEN users: wait for socket() to become readable, then consume_input(), then notifies().
    int socket() const;
    Result<void> consume_input();
    std::vector<PgNotification> notifies();
    // Double-quotes an identifier (a database name) for SQL built at run time.
    std::string quote_identifier(std::string_view name) const;

    pg_conn* handle() const { return conn_; }

private:
    explicit PgConnection(pg_conn* conn) : conn_(conn) {}
    // Turns a failed PGresult (or a null one: the connection broke) into an Error and frees it.
    Error error_of(pg_result* result) const;

    // Statements with a variable number of placeholders are bounded by their callers; this cap
    // keeps a bug from growing the server-side statement list without end.
    static constexpr std::size_t MAX_CACHED_STATEMENTS = 256;

    pg_conn* conn_;
    std::unordered_map<std::string, std::string> prepared_;  // SQL text → statement name
    std::uint64_t next_statement_ = 0;
};

// Turns a SQLSTATE and server message into an Error with the same kinds the SQLite store returns:
// unique_violation (23505) → Conflict (field: the column), foreign_key_violation → Conflict,
// lock and serialization failures → Busy, a lost connection or a server shutting down → Busy,
// anything else → Internal.
Error pg_error(std::string_view sqlstate, std::string_view message, std::string_view detail);

// Rewrites SQLite's placeholders as PostgreSQL's: "a = ? AND b = ?" → "a = $1 AND b = $2", "?3" → "$3"
// (a bare ? takes the largest number so far plus one, as in SQLite). Quoted text and comments are kept.
std::string to_pg_placeholders(std::string_view sql);

// True when url names a PostgreSQL server rather than a data directory.
bool is_postgres_url(std::string_view url);

}  // namespace cong::storage::postgres
