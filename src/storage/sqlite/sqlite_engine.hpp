// sqlite::Engine: SQLite's connection types and the few SQL spellings in which it differs from PostgreSQL,
// for the stores written once over both engines (storage/sql).
#pragma once

#include "storage/sql/store_support.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

#include <string>
#include <string_view>

namespace cong::storage::sqlite {

struct Engine {
    using Connection = sqlite::Connection;
    using Statement = sqlite::Statement;
    using Columns = sqlite::Columns;

    // Begins the internal errors that a store's rows can cause, so a log says which engine read them.
    static constexpr std::string_view NAME = "SQLite";
    // The current Unix time in whole seconds: SQLite has unixepoch(); PostgreSQL has no such function.
    static constexpr std::string_view NOW_EPOCH = "unixepoch()";
    // Appended to an ORDER BY term to sort text by its bytes: SQLite's default collation (BINARY) already
    // does; PostgreSQL's default follows the database's locale.
    static constexpr std::string_view BYTEWISE = "";
    // How an INSERT yields its new id (with_returning_id, inserted_id): SQLite reads the connection's last
    // rowid, because an INSERT … RETURNING opens a statement savepoint and FTS5 writes its pending postings
    // to disk at every savepoint — a bulk load made one index segment per article (2.7× its CPU time).
    // PostgreSQL has no last rowid to ask for: RETURNING id.
    static constexpr std::string_view RETURNING_ID = "";
    static Result<std::int64_t> inserted_id(Statement& statement) {
        CONG_TRY_VOID(statement.run());
        return statement.last_insert_rowid();
    }

    // `column = ?` ignoring ASCII case: SQLite's column is declared COLLATE NOCASE, so the plain comparison
    // (and its index) already ignores case; PostgreSQL's unique index is on lower(column).
    static std::string nocase_equals(std::string_view column) { return std::string(column) + " = ?"; }
    // Where needle first occurs in haystack, from 1, or 0: SQLite has instr(), PostgreSQL strpos().
    static std::string find_in(std::string_view haystack, std::string_view needle) {
        return "instr(" + std::string(haystack) + ", " + std::string(needle) + ")";
    }
    // A REAL as text that reads back as the same double. With the ! flag SQLite's printf writes all 17
    // significant digits (without it, it stops at 16, and 0.3 reads back as 0.2999999999999999);
    // PostgreSQL's ::text is already the shortest exact text.
    static std::string real_as_text(std::string_view expr) { return "printf('%!.17g', " + std::string(expr) + ")"; }
    // A category's menu key: shifted_position (position + 2^31, never negative) in 10 digits, '.', id in
    // 19 digits, '/'. SQLite has printf() but no lpad(); PostgreSQL has lpad() but no printf().
    static std::string menu_key(std::string_view shifted_position, std::string_view id) {
        return "printf('%010d.%019d/', " + std::string(shifted_position) + ", " + std::string(id) + ")";
    }
};

}  // namespace cong::storage::sqlite

namespace cong::storage::sql {

template <>
struct EngineOf<sqlite::Statement> {
    using type = sqlite::Engine;
};

}  // namespace cong::storage::sql
