// Store support: the few helpers every PostgreSQL store uses to run a query and map its rows (the twins of
// sqlite_store_support.hpp, so a store reads the same on both engines).
#pragma once

#include "storage/postgres/pg_connection.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace cong::storage::postgres {

// The most ids one IN (…) list may carry. A site has tens of categories and an article a few
// dozen photos; anything near this is a bug or an attack, refused before the server sees it.
constexpr std::size_t MAX_IN_LIST = 1000;
// The most rows one listing page may ask for.
constexpr int MAX_LIST_LIMIT = 500;

// Runs a query that returns at most one row and maps it with read(PgColumns&) -> Result<T>.
template <class T, class Read>
Result<std::optional<T>> query_optional(PgStatement& statement, Read&& read) {
    CONG_TRY(has_row, statement.step());
    if (!has_row) return std::optional<T>{};
    PgColumns columns{statement};
    CONG_TRY(value, read(columns));
    return std::optional<T>{std::move(value)};
}

// Runs a query and maps every row with read(PgColumns&) -> Result<T>.
template <class T, class Read>
Result<std::vector<T>> query_all(PgStatement& statement, Read&& read) {
    std::vector<T> rows;
    for (;;) {
        CONG_TRY(has_row, statement.step());
        if (!has_row) return rows;
        PgColumns columns{statement};
        CONG_TRY(value, read(columns));
        rows.push_back(std::move(value));
    }
}

// "?, ?, ?, ?" (translated to $n) for an IN list of n ids, rounded up to a power of two. The caller binds the last
// id again in the extra places (bind_padded), which changes nothing in the result but keeps the
// number of distinct statements — and so of cached prepared statements — to a handful.
std::size_t padded_count(std::size_t n);
std::string placeholders(std::size_t count);
// Binds ids (not empty) from index on, padded to padded_count(ids.size()); returns the next index.
int bind_padded(PgStatement& statement, int index, const std::vector<std::int64_t>& ids);

// Checks an IN list against MAX_IN_LIST.
Result<void> check_in_list(const std::vector<std::int64_t>& ids, std::string_view field);

// Runs an `INSERT … RETURNING id` and yields the new id.
Result<std::int64_t> returned_id(PgStatement& statement);

// NotFound when an UPDATE or DELETE touched no row: the id named nothing.
Result<void> require_changed(const PgStatement& statement, std::string_view what);

}  // namespace cong::storage::postgres
