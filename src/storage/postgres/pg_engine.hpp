// postgres::Engine: PostgreSQL's connection types and the few SQL spellings in which it differs from SQLite,
// for the stores written once over both engines (storage/sql).
#pragma once

#include "storage/postgres/pg_connection.hpp"
#include "storage/sql/store_support.hpp"

#include <string>
#include <string_view>

namespace cong::storage::postgres {

struct Engine {
    using Connection = PgConnection;
    using Statement = PgStatement;
    using Columns = PgColumns;

    // Begins the internal errors that a store's rows can cause, so a log says which engine read them.
    static constexpr std::string_view NAME = "PostgreSQL";
    // The current Unix time in whole seconds: PostgreSQL has no unixepoch(), only extract(epoch …).
    static constexpr std::string_view NOW_EPOCH = "CAST(extract(epoch FROM now()) AS BIGINT)";
    // Appended to an ORDER BY term to sort text by its bytes: PostgreSQL's default collation follows the
    // database's locale (which may skip punctuation); SQLite's BINARY needs nothing.
    static constexpr std::string_view BYTEWISE = " COLLATE \"C\"";
    // How an INSERT yields its new id (with_returning_id, inserted_id): PostgreSQL returns it (RETURNING id);
    // SQLite reads its last rowid instead (see sqlite::Engine).
    static constexpr std::string_view RETURNING_ID = " RETURNING id";
    static Result<std::int64_t> inserted_id(Statement& statement) { return sql::returned_id(statement); }

    // `column = ?` ignoring ASCII case: the unique index is on lower(column), so this comparison uses it;
    // SQLite's column is COLLATE NOCASE instead.
    static std::string nocase_equals(std::string_view column) {
        return "lower(" + std::string(column) + ") = lower(?)";
    }
    // Where needle first occurs in haystack, from 1, or 0: PostgreSQL has strpos(), SQLite instr().
    static std::string find_in(std::string_view haystack, std::string_view needle) {
        return "strpos(" + std::string(haystack) + ", " + std::string(needle) + ")";
    }
    // A DOUBLE PRECISION as text that reads back as the same double: PostgreSQL prints the shortest such
    // text (extra_float_digits 1, the default since PostgreSQL 12); SQLite needs printf('%!.17g').
    static std::string real_as_text(std::string_view expr) { return "(" + std::string(expr) + ")::text"; }
    // A category's menu key: shifted_position (position + 2^31, never negative) in 10 digits, '.', id in
    // 19 digits, '/'. PostgreSQL has lpad() but no printf(); SQLite has printf() but no lpad().
    static std::string menu_key(std::string_view shifted_position, std::string_view id) {
        return "lpad((" + std::string(shifted_position) + ")::text, 10, '0') || '.' || lpad(" + std::string(id) +
               "::text, 19, '0') || '/'";
    }
};

}  // namespace cong::storage::postgres

namespace cong::storage::sql {

template <>
struct EngineOf<postgres::PgStatement> {
    using type = postgres::Engine;
};

}  // namespace cong::storage::sql
