#include "storage/postgres/pg_connection.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <utility>

namespace cong::storage::postgres {
namespace {

// 'Key (site_id, slug)=(1, tin-moi) already exists.' → "slug": the last column is the one a
// person chose (the site is never theirs to pick), as the SQLite store reports it.
std::string conflicting_field(std::string_view detail) {
    auto open = detail.find("Key (");
    if (open == std::string_view::npos) return {};
    auto columns = detail.substr(open + 5);
    auto close = columns.find(")=");
    if (close == std::string_view::npos) return {};
    columns = columns.substr(0, close);
    auto last = columns.rfind(", ");
    if (last != std::string_view::npos) columns = columns.substr(last + 2);
    // An expression index such as lower(email) names the column inside parentheses.
    auto paren = columns.find('(');
    if (paren != std::string_view::npos) {
        columns = columns.substr(paren + 1);
        auto end = columns.find(')');
        if (end != std::string_view::npos) columns = columns.substr(0, end);
    }
    return std::string(columns);
}

std::string_view field_of(const PGresult* result, int code) {
    const char* value = PQresultErrorField(result, code);
    return value != nullptr ? std::string_view(value) : std::string_view();
}

Error unavailable() {
    return Error{core::Errc::Busy, "Máy chủ cơ sở dữ liệu tạm thời không kết nối được, xin thử lại sau giây lát."};
}

// libpq reports its own messages with a trailing newline.
std::string trimmed(const char* message) {
    std::string text = message != nullptr ? message : "";
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return text;
}

}  // namespace

Error pg_error(std::string_view sqlstate, std::string_view message, std::string_view detail) {
    if (sqlstate == "23505") {
        return Error{core::Errc::Conflict, "Giá trị này đã được dùng cho một mục khác.", conflicting_field(detail)};
    }
    // A service checks references before it writes; when a race slips past it, the request
    // conflicts with the data rather than failing the server (as with SQLite).
    if (sqlstate == "23503") {
        return Error{core::Errc::Conflict, "Mục này đang được dùng hoặc tham chiếu tới một mục không còn tồn tại."};
    }
    // serialization_failure, deadlock_detected, lock_not_available, query_canceled (statement_timeout)
    if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03" || sqlstate == "57014") {
        return Error{core::Errc::Busy, "Cơ sở dữ liệu đang bận, xin thử lại sau giây lát."};
    }
    // Class 08 (connection exception), 57P01..57P03 (admin shutdown, crash shutdown, cannot connect now).
    if (sqlstate.starts_with("08") || sqlstate.starts_with("57P")) return unavailable();
    return Error{core::Errc::Internal, "PostgreSQL: " + std::string(message)};
}

std::string to_pg_placeholders(std::string_view sql) {
    std::string out;
    out.reserve(sql.size() + 16);
    int largest = 0;
    std::size_t i = 0;
    while (i < sql.size()) {
        char c = sql[i];
        if (c == '\'' || c == '"') {
            // Quoted text or identifier: copied as it is, a doubled quote staying inside.
            auto end = sql.find(c, i + 1);
            while (end != std::string_view::npos && end + 1 < sql.size() && sql[end + 1] == c) end = sql.find(c, end + 2);
            if (end == std::string_view::npos) end = sql.size() - 1;
            out.append(sql.substr(i, end - i + 1));
            i = end + 1;
        } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
            auto end = sql.find('\n', i);
            if (end == std::string_view::npos) end = sql.size();
            out.append(sql.substr(i, end - i));
            i = end;
        } else if (c == '?') {
            std::size_t j = i + 1;
            int number = 0;
            while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9') number = number * 10 + (sql[j++] - '0');
            if (j == i + 1) number = largest + 1;
            largest = std::max(largest, number);
            out += '$';
            out += std::to_string(number);
            i = j;
        } else {
            out += c;
            ++i;
        }
    }
    return out;
}

PgColumns::PgColumns(const PgStatement& statement) : PgColumns(statement.result(), statement.row()) {}

PgStatement& PgStatement::bind(int index, PgParam value) {
    if (index < 1) return *this;
    auto slot = static_cast<std::size_t>(index);
    if (params_.size() < slot) params_.resize(slot, PgParam(std::nullopt));
    params_[slot - 1] = std::move(value);
    return *this;
}

Result<void> PgStatement::execute() {
    CONG_TRY(result, connection_->exec(sql_, params_));
    result_ = std::move(result);
    executed_ = true;
    row_ = -1;
    return {};
}

Result<bool> PgStatement::step() {
    if (!executed_) CONG_TRY_VOID(execute());
    if (row_ + 1 >= result_.rows()) {
        row_ = result_.rows();
        return false;
    }
    ++row_;
    return true;
}

Result<void> PgStatement::run() {
    if (!executed_) return execute();
    return {};
}

void PgStatement::reset() {
    executed_ = false;
    row_ = -1;
}

bool is_postgres_url(std::string_view url) {
    return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

PgParam::PgParam(double value) {
    char buffer[64];
    // Shortest text that reads back to the same double.
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    if (ec == std::errc()) value_ = std::string(buffer, end);
}

PgResult::PgResult(pg_result* result) : result_(result) {}

PgResult::PgResult(PgResult&& other) noexcept : result_(std::exchange(other.result_, nullptr)) {}

PgResult& PgResult::operator=(PgResult&& other) noexcept {
    if (this != &other) {
        if (result_ != nullptr) PQclear(result_);
        result_ = std::exchange(other.result_, nullptr);
    }
    return *this;
}

PgResult::~PgResult() {
    if (result_ != nullptr) PQclear(result_);
}

int PgResult::rows() const { return result_ != nullptr ? PQntuples(result_) : 0; }

int PgResult::columns() const { return result_ != nullptr ? PQnfields(result_) : 0; }

std::int64_t PgResult::affected() const {
    if (result_ == nullptr) return 0;
    const char* text = PQcmdTuples(result_);
    std::int64_t value = 0;
    if (text != nullptr) std::from_chars(text, text + std::char_traits<char>::length(text), value);
    return value;
}

bool PgResult::is_null(int row, int column) const {
    return result_ == nullptr || row >= rows() || column >= columns() || PQgetisnull(result_, row, column) != 0;
}

std::string_view PgResult::view(int row, int column) const {
    if (is_null(row, column)) return {};
    return std::string_view(PQgetvalue(result_, row, column), static_cast<std::size_t>(PQgetlength(result_, row, column)));
}

std::string PgResult::text(int row, int column) const { return std::string(view(row, column)); }

std::int64_t PgResult::int64(int row, int column) const {
    auto text = view(row, column);
    // Booleans come back as t/f; the stores read them as 1/0 like SQLite's integers.
    if (text == "t") return 1;
    if (text == "f") return 0;
    std::int64_t value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

double PgResult::float64(int row, int column) const {
    auto text = view(row, column);
    double value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

Result<std::unique_ptr<PgConnection>> PgConnection::open(const std::string& url) {
    // A server that accepts the TCP connection but never answers must not hang a request forever: connecting
    // gives up after 10 s unless the URL says otherwise (dbname comes last, so the URL's own values win).
    const char* keywords[] = {"connect_timeout", "dbname", nullptr};
    const char* values[] = {"10", url.c_str(), nullptr};
    PGconn* conn = PQconnectdbParams(keywords, values, 1);
    if (conn == nullptr) return Error{core::Errc::Internal, "PostgreSQL: không đủ bộ nhớ để mở kết nối."};
    if (PQstatus(conn) != CONNECTION_OK) {
        std::string message = trimmed(PQerrorMessage(conn));
        PQfinish(conn);
        // The server being down or still starting is the usual cause: the caller may retry.
        return Error{core::Errc::Busy,
                     "Không kết nối được tới máy chủ PostgreSQL: " + message};
    }
    // Quiet NOTICEs (e.g. "relation already exists, skipping") instead of writing them to stderr.
    PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
    auto connection = std::unique_ptr<PgConnection>(new PgConnection(conn));
    // Same text everywhere: UTF-8, and timestamps are integers so the time zone never matters; a double is
    // printed as the shortest text that reads back as the same value (the stores exchange figures as text).
    auto setup = connection->exec_script(
        "SET client_encoding = 'UTF8'; SET standard_conforming_strings = on; SET extra_float_digits = 1");
    if (!setup) return setup.error();
    return connection;
}

PgConnection::~PgConnection() {
    if (conn_ != nullptr) PQfinish(conn_);
}

Error PgConnection::error_of(pg_result* result) const {
    if (result == nullptr || PQstatus(conn_) != CONNECTION_OK) {
        if (result != nullptr) PQclear(result);
        return unavailable();
    }
    std::string sqlstate(field_of(result, PG_DIAG_SQLSTATE));
    std::string message(field_of(result, PG_DIAG_MESSAGE_PRIMARY));
    if (message.empty()) message = trimmed(PQresultErrorMessage(result));
    std::string detail(field_of(result, PG_DIAG_MESSAGE_DETAIL));
    PQclear(result);
    return pg_error(sqlstate, message, detail);
}

Result<PgStatement> PgConnection::prepare(std::string_view sql) { return PgStatement(*this, to_pg_placeholders(sql)); }

Result<PgResult> PgConnection::exec(std::string_view sql, const std::vector<PgParam>& params) {
    std::string key(sql);
    auto found = prepared_.find(key);
    if (found == prepared_.end()) {
        if (prepared_.size() >= MAX_CACHED_STATEMENTS) {
            // DEALLOCATE ALL forgets every statement at once; they are prepared again on use.
            CONG_TRY_VOID(exec_script("DEALLOCATE ALL"));
            prepared_.clear();
        }
        std::string name = "cong_" + std::to_string(next_statement_++);
        PGresult* prepared = PQprepare(conn_, name.c_str(), key.c_str(), 0, nullptr);
        if (prepared == nullptr || PQresultStatus(prepared) != PGRES_COMMAND_OK) return error_of(prepared);
        PQclear(prepared);
        found = prepared_.emplace(std::move(key), std::move(name)).first;
    }
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& param : params) values.push_back(param.c_str());
    PGresult* result = PQexecPrepared(conn_, found->second.c_str(), static_cast<int>(values.size()), values.data(),
                                      nullptr, nullptr, 0);
    auto status = result != nullptr ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return error_of(result);
    return PgResult(result);
}

Result<void> PgConnection::exec_script(const std::string& sql) {
    PGresult* result = PQexec(conn_, sql.c_str());
    auto status = result != nullptr ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) return error_of(result);
    PQclear(result);
    return {};
}

Result<std::int64_t> PgConnection::query_int64(std::string_view sql, const std::vector<PgParam>& params) {
    CONG_TRY(result, exec(sql, params));
    if (result.rows() < 1 || result.columns() < 1) {
        return Error{core::Errc::Internal, "PostgreSQL: truy vấn không trả về giá trị nào."};
    }
    return result.int64(0, 0);
}

bool PgConnection::ok() const { return conn_ != nullptr && PQstatus(conn_) == CONNECTION_OK; }

bool PgConnection::in_transaction() const {
    auto status = PQtransactionStatus(conn_);
    return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

bool PgConnection::in_failed_transaction() const { return PQtransactionStatus(conn_) == PQTRANS_INERROR; }

int PgConnection::socket() const { return PQsocket(conn_); }

Result<void> PgConnection::consume_input() {
    if (PQconsumeInput(conn_) == 0) return unavailable();
    return {};
}

std::vector<PgNotification> PgConnection::notifies() {
    std::vector<PgNotification> out;
    while (PGnotify* notify = PQnotifies(conn_)) {
        out.push_back(PgNotification{notify->relname != nullptr ? notify->relname : "",
                                     notify->extra != nullptr ? notify->extra : "", notify->be_pid});
        PQfreemem(notify);
    }
    return out;
}

std::string PgConnection::quote_identifier(std::string_view name) const {
    std::string out = "\"";
    for (char c : name) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

}  // namespace cong::storage::postgres
