// Store support: the few helpers every store uses to run a query and map its rows, written once for both engines.
#pragma once

#include "core/result.hpp"
#include "storage/stores.hpp"

#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cong::storage::sql {

using core::Error;
using core::Result;

// The engine (sqlite::Engine, postgres::Engine) a statement type belongs to; each engine's header
// specializes it, so a helper given a statement knows which Columns read its rows and which name to
// put in an error.
template <class Statement>
struct EngineOf;

// The most ids one IN (…) list may carry. A site has tens of categories and an article a few
// dozen photos; anything near this is a bug or an attack, refused before the database sees it.
constexpr std::size_t MAX_IN_LIST = 1000;
// The most rows one listing page may ask for.
constexpr int MAX_LIST_LIMIT = 500;

// Runs a query that returns at most one row and maps it with read(Columns&) -> Result<T>.
template <class T, class Statement, class Read>
Result<std::optional<T>> query_optional(Statement& statement, Read&& read) {
    CONG_TRY(has_row, statement.step());
    if (!has_row) return std::optional<T>{};
    typename EngineOf<Statement>::type::Columns columns{statement};
    CONG_TRY(value, read(columns));
    return std::optional<T>{std::move(value)};
}

// Runs a query and maps every row with read(Columns&) -> Result<T>.
template <class T, class Statement, class Read>
Result<std::vector<T>> query_all(Statement& statement, Read&& read) {
    std::vector<T> rows;
    for (;;) {
        CONG_TRY(has_row, statement.step());
        if (!has_row) return rows;
        typename EngineOf<Statement>::type::Columns columns{statement};
        CONG_TRY(value, read(columns));
        rows.push_back(std::move(value));
    }
}

// "?, ?, ?, ?" for an IN list of n ids, rounded up to a power of two. The caller binds the last
// id again in the extra places (bind_padded), which changes nothing in the result but keeps the
// number of distinct statements — and so of cached prepared statements — to a handful.
std::size_t padded_count(std::size_t n);
std::string placeholders(std::size_t count);

// Binds ids (not empty) from index on, padded to padded_count(ids.size()); returns the next index.
template <class Statement>
int bind_padded(Statement& statement, int index, const std::vector<std::int64_t>& ids) {
    auto count = padded_count(ids.size());
    for (std::size_t i = 0; i < count; ++i) statement.bind(index++, ids[i < ids.size() ? i : ids.size() - 1]);
    return index;
}

// Checks an IN list against MAX_IN_LIST.
Result<void> check_in_list(const std::vector<std::int64_t>& ids, std::string_view field);

// What both engines' search stores refuse before building a query: no words, an empty word, a category list
// past MAX_IN_LIST, a page past MAX_LIST_LIMIT or a negative offset.
Result<void> check_search_query(const SearchQuery& query);

// An INSERT ready to yield its new id through Engine::inserted_id: with `RETURNING id` where the engine
// wants it (PostgreSQL), without on SQLite.
template <class Engine>
std::string with_returning_id(std::string_view insert) {
    return std::string(insert) + std::string(Engine::RETURNING_ID);
}

// Steps an `INSERT … RETURNING id` and yields the new id. Both engines make every change of such a
// statement before the first row comes back, so the row need not be stepped past.
template <class Statement>
Result<std::int64_t> returned_id(Statement& statement) {
    CONG_TRY(has_row, statement.step());
    if (!has_row) {
        return Error{core::Errc::Internal,
                     std::string(EngineOf<Statement>::type::NAME) + ": INSERT … RETURNING id gave no row"};
    }
    return statement.int64(0);
}

// Figures (targets, NTM indicators) cross the Statement layer as text, so no double changes on its way: bound
// as real_text, the shortest decimal that std::from_chars reads back as exactly the value, CAST to DOUBLE
// PRECISION in SQL, and selected as Engine::real_as_text, read back by read_real.
std::string real_text(double value);
std::optional<std::string> real_text(const std::optional<double>& value);

// A figure column selected as text; empty text is SQL NULL.
template <class Engine>
Result<std::optional<double>> read_real(typename Engine::Columns& c, std::string_view column) {
    std::string text = c.text();
    if (text.empty()) return std::optional<double>{};
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) {
        return Error{core::Errc::Internal,
                     std::string(Engine::NAME) + ": unreadable number '" + text + "' in " + std::string(column)};
    }
    return std::optional<double>{value};
}

// NotFound when an UPDATE or DELETE touched no row: the id named nothing.
template <class Statement>
Result<void> require_changed(const Statement& statement, std::string_view what) {
    if (statement.changes() == 0) return Error{core::Errc::NotFound, "Không tìm thấy " + std::string(what) + "."};
    return {};
}

}  // namespace cong::storage::sql
