#include "cli/migrate_db.hpp"

#include "content/article_service.hpp"
#include "storage/open_database.hpp"
#include "storage/postgres/pg_connection.hpp"
#include "storage/sqlite/sqlite_database.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include <unistd.h>

namespace cong::cli {
namespace {

namespace fs = std::filesystem;
using core::Errc;
using core::Error;
using core::Result;
using storage::postgres::PgConnection;
using storage::postgres::PgParam;

// Rows per INSERT statement, kept under PostgreSQL's 65,535 parameters for the widest table.
constexpr std::size_t MAX_PARAMS_PER_INSERT = 30000;
constexpr std::size_t MAX_ROWS_PER_INSERT = 500;
constexpr int PROGRESS_WIDTH = 30;

// Tables every engine keeps for itself, never copied.
bool is_bookkeeping(const std::string& table) { return table == "schema_migrations"; }
// Tables derived from the articles by the search index; the target engine has its own and rebuilds it.
bool is_search_derived(const std::string& table) {
    return table.starts_with("search_") && table != "search_synonyms";
}

using Cell = std::optional<std::string>;
using Row = std::vector<Cell>;

struct ForeignKey {
    std::string parent;                // the referenced table
    std::vector<std::string> from;     // columns of this table
    std::vector<std::string> to;       // columns of the parent
    bool nullable = true;              // every column of it may be NULL: it can be filled in afterwards
};

struct Table {
    std::string name;
    std::vector<std::string> columns;
    std::vector<std::string> primary_key;
    std::vector<ForeignKey> foreign_keys;
    std::set<std::string> deferred;    // columns written NULL first and set once every table is in
    std::int64_t rows = 0;
};

// A read-only handle on the SQLite file, closed on scope exit.
class SqliteFile {
public:
    static Result<SqliteFile> open(const std::string& path) {
        sqlite3* db = nullptr;
        int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
        if (rc != SQLITE_OK) {
            std::string message = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
            sqlite3_close(db);
            return Error{Errc::NotFound, "cannot open " + path + ": " + message};
        }
        sqlite3_busy_timeout(db, 5000);
        return SqliteFile(db);
    }
    SqliteFile(SqliteFile&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}
    ~SqliteFile() {
        if (db_ != nullptr) sqlite3_close(db_);
    }

    // Every row of sql, each cell as text (NULL as nullopt; blobs in PostgreSQL's bytea hex form).
    Result<std::vector<Row>> rows(const std::string& sql) const {
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
            return Error{Errc::Internal, std::string("SQLite: ") + sqlite3_errmsg(db_)};
        std::vector<Row> out;
        int rc;
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            int n = sqlite3_column_count(stmt);
            Row row;
            row.reserve(static_cast<std::size_t>(n));
            for (int i = 0; i < n; ++i) row.push_back(cell(stmt, i));
            out.push_back(std::move(row));
        }
        sqlite3_finalize(stmt);
        if (rc != SQLITE_DONE) return Error{Errc::Internal, std::string("SQLite: ") + sqlite3_errmsg(db_)};
        return out;
    }

    Result<void> exec(const std::string& sql) const {
        char* message = nullptr;
        if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
            std::string text = message != nullptr ? message : "";
            sqlite3_free(message);
            return Error{Errc::Internal, "SQLite: " + text};
        }
        return {};
    }

    Result<std::int64_t> count(const std::string& table) const {
        CONG_TRY(result, rows("SELECT count(*) FROM " + quoted(table)));
        return std::stoll(result.at(0).at(0).value_or("0"));
    }

    static std::string quoted(const std::string& name) {
        std::string out = "\"";
        for (char c : name) {
            if (c == '"') out += '"';
            out += c;
        }
        return out + "\"";
    }

private:
    explicit SqliteFile(sqlite3* db) : db_(db) {}

    static Cell cell(sqlite3_stmt* stmt, int i) {
        switch (sqlite3_column_type(stmt, i)) {
            case SQLITE_NULL:
                return std::nullopt;
            case SQLITE_INTEGER:
                return std::to_string(sqlite3_column_int64(stmt, i));
            case SQLITE_FLOAT: {
                char buffer[64];
                auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, sqlite3_column_double(stmt, i));
                return ec == std::errc() ? std::string(buffer, end) : std::string("0");
            }
            case SQLITE_BLOB: {
                static const char* hex = "0123456789abcdef";
                auto* bytes = static_cast<const unsigned char*>(sqlite3_column_blob(stmt, i));
                int size = sqlite3_column_bytes(stmt, i);
                std::string out = "\\x";
                for (int k = 0; k < size; ++k) {
                    out += hex[bytes[k] >> 4];
                    out += hex[bytes[k] & 15];
                }
                return out;
            }
            default: {
                auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
                return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, i)));
            }
        }
    }

    sqlite3* db_;
};

class Progress {
public:
    Progress(std::ostream* out, std::int64_t total) : out_(out), total_(std::max<std::int64_t>(total, 1)) {}
    void advance(const std::string& table, std::int64_t rows) {
        done_ += rows;
        if (!out_) return;
        int filled = static_cast<int>(PROGRESS_WIDTH * done_ / total_);
        std::string bar(static_cast<std::size_t>(std::min(filled, PROGRESS_WIDTH)), '#');
        bar.resize(PROGRESS_WIDTH, '.');
        *out_ << "\r[" << bar << "] " << (100 * done_ / total_) << "% " << done_ << "/" << total_ << " rows  "
              << table << std::string(20 - std::min<std::size_t>(table.size(), 20), ' ') << std::flush;
    }
    void finish() {
        if (out_) *out_ << "\n";
    }

private:
    std::ostream* out_;
    std::int64_t total_;
    std::int64_t done_ = 0;
};

// A SQL string literal.
std::string literal(const std::string& text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'') out += '\'';
        out += c;
    }
    return out + "'";
}

std::string joined(const std::vector<std::string>& names, const std::string& separator = ", ") {
    std::string out;
    for (const auto& name : names) {
        if (!out.empty()) out += separator;
        out += SqliteFile::quoted(name);
    }
    return out;
}

// The copyable tables of the SQLite file with their columns and foreign keys.
Result<std::vector<Table>> read_tables(const SqliteFile& source) {
    CONG_TRY(listed, source.rows("SELECT name, coalesce(sql, '') FROM sqlite_master WHERE type = 'table' "
                                 "AND name NOT LIKE 'sqlite_%' ORDER BY name"));
    std::vector<std::string> virtual_tables;
    for (const auto& row : listed)
        if (row[1]->starts_with("CREATE VIRTUAL")) virtual_tables.push_back(*row[0]);
    std::vector<Table> tables;
    for (const auto& row : listed) {
        const std::string& name = *row[0];
        bool shadow = std::any_of(virtual_tables.begin(), virtual_tables.end(),
                                  [&](const std::string& v) { return name == v || name.starts_with(v + "_"); });
        if (shadow || is_bookkeeping(name)) continue;
        Table table{.name = name};
        CONG_TRY(info, source.rows("SELECT name, \"notnull\", pk FROM pragma_table_info(" + literal(name) + ")"));
        std::map<int, std::string> pk;
        std::set<std::string> not_null;
        for (const auto& column : info) {
            table.columns.push_back(*column[0]);
            if (*column[1] != "0") not_null.insert(*column[0]);
            if (*column[2] != "0") pk[std::stoi(*column[2])] = *column[0];
        }
        for (auto& [_, column] : pk) table.primary_key.push_back(column);
        if (table.primary_key.empty()) table.primary_key.push_back("rowid");
        CONG_TRY(keys, source.rows("SELECT id, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(" + literal(name) +
                                   ") ORDER BY id, seq"));
        std::map<std::string, ForeignKey> by_id;
        for (const auto& key : keys) {
            auto& fk = by_id[*key[0]];
            fk.parent = *key[1];
            fk.from.push_back(*key[2]);
            // A reference without columns names the parent's primary key.
            fk.to.push_back(key[3].value_or("id"));
            if (not_null.contains(*key[2])) fk.nullable = false;
        }
        for (auto& [_, fk] : by_id) table.foreign_keys.push_back(std::move(fk));
        CONG_TRY(count, source.count(name));
        table.rows = count;
        tables.push_back(std::move(table));
    }
    return tables;
}

// Parents before children. A cycle (sites.logo_media_id → media → sites) is broken at a reference whose
// columns may be NULL: they are written NULL first and set once every table is in.
Result<std::vector<Table>> dependency_order(std::vector<Table> tables) {
    std::vector<Table> ordered;
    std::set<std::string> placed;
    std::set<std::string> present;
    for (const auto& t : tables) present.insert(t.name);
    auto waits_for = [&](const Table& t, const ForeignKey& fk) {
        return fk.parent != t.name && present.contains(fk.parent) && !placed.contains(fk.parent) &&
               std::none_of(fk.from.begin(), fk.from.end(), [&](const std::string& c) { return t.deferred.contains(c); });
    };
    while (!tables.empty()) {
        auto ready = std::find_if(tables.begin(), tables.end(), [&](const Table& t) {
            return std::none_of(t.foreign_keys.begin(), t.foreign_keys.end(),
                                [&](const ForeignKey& fk) { return waits_for(t, fk); });
        });
        if (ready != tables.end()) {
            placed.insert(ready->name);
            ordered.push_back(std::move(*ready));
            tables.erase(ready);
            continue;
        }
        bool broken = false;
        for (auto& t : tables) {
            for (const auto& fk : t.foreign_keys) {
                if (waits_for(t, fk) && fk.nullable) {
                    t.deferred.insert(fk.from.begin(), fk.from.end());
                    broken = true;
                    break;
                }
            }
            if (broken) break;
        }
        if (!broken)
            return Error{Errc::Internal, "the tables reference each other in a cycle that cannot be broken: " +
                                             tables.front().name};
    }
    return ordered;
}

// Rows of a table that references itself (categories.parent_id), parents first.
Result<std::vector<Row>> parents_first(const Table& table, std::vector<Row> rows) {
    std::vector<const ForeignKey*> self;
    for (const auto& fk : table.foreign_keys)
        if (fk.parent == table.name &&
            std::none_of(fk.from.begin(), fk.from.end(), [&](const std::string& c) { return table.deferred.contains(c); }))
            self.push_back(&fk);
    if (self.empty()) return rows;
    auto index_of = [&](const std::string& column) {
        return static_cast<std::size_t>(std::find(table.columns.begin(), table.columns.end(), column) - table.columns.begin());
    };
    // The values each reference points at, once the row holding them is placed.
    std::vector<std::set<std::vector<std::string>>> placed_keys(self.size());
    std::vector<Row> ordered;
    ordered.reserve(rows.size());
    while (!rows.empty()) {
        std::vector<Row> waiting;
        for (auto& row : rows) {
            bool ready = true;
            for (std::size_t k = 0; k < self.size() && ready; ++k) {
                std::vector<std::string> value;
                bool has_null = false;
                for (const auto& c : self[k]->from) {
                    const auto& cell = row[index_of(c)];
                    if (!cell) has_null = true;
                    else value.push_back(*cell);
                }
                if (!has_null && !placed_keys[k].contains(value)) ready = false;
            }
            if (!ready) {
                waiting.push_back(std::move(row));
                continue;
            }
            for (std::size_t k = 0; k < self.size(); ++k) {
                std::vector<std::string> key;
                bool has_null = false;
                for (const auto& c : self[k]->to) {
                    const auto& cell = row[index_of(c)];
                    if (!cell) has_null = true;
                    else key.push_back(*cell);
                }
                if (!has_null) placed_keys[k].insert(std::move(key));
            }
            ordered.push_back(std::move(row));
        }
        if (waiting.size() == rows.size())
            return Error{Errc::Internal, "rows of " + table.name + " reference rows that do not exist"};
        rows = std::move(waiting);
    }
    return ordered;
}

Result<std::set<std::string>> target_tables(PgConnection& pg) {
    CONG_TRY(result, pg.exec("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                             "AND table_type = 'BASE TABLE'"));
    std::set<std::string> out;
    for (int i = 0; i < result.rows(); ++i) out.insert(result.text(i, 0));
    return out;
}

Result<std::set<std::string>> target_columns(PgConnection& pg, const std::string& table) {
    CONG_TRY(result, pg.exec("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                             "AND table_name = $1", {table}));
    std::set<std::string> out;
    for (int i = 0; i < result.rows(); ++i) out.insert(result.text(i, 0));
    return out;
}

Result<std::int64_t> target_count(PgConnection& pg, const std::string& table) {
    return pg.query_int64("SELECT count(*) FROM " + pg.quote_identifier(table));
}

// Tables whose rows a fresh schema already holds (the migrations' own data, e.g. the abbreviation list):
// found by creating a fresh SQLite schema in a scratch directory. The source's rows replace them.
Result<std::set<std::string>> seeded_tables(const core::Config& config) {
    std::error_code ec;
    auto scratch = fs::temp_directory_path(ec) / ("cong-migrate-" + std::to_string(::getpid()));
    fs::remove_all(scratch, ec);
    fs::create_directories(scratch, ec);
    if (ec) return Error{Errc::Internal, "cannot create a scratch directory: " + ec.message()};
    std::set<std::string> out;
    {
        auto storage = config.storage;
        storage.data_dir = scratch.string();
        CONG_TRY(fresh, storage::open_sqlite(storage, true));
        fresh.reset();
        CONG_TRY(file, SqliteFile::open(storage::sqlite_path(scratch.string())));
        CONG_TRY(tables, read_tables(file));
        for (const auto& table : tables)
            if (table.rows > 0) out.insert(table.name);
    }
    fs::remove_all(scratch, ec);
    return out;
}

std::string insert_sql(PgConnection& pg, const Table& table, std::size_t rows, bool overriding) {
    std::string sql = "INSERT INTO " + pg.quote_identifier(table.name) + " (";
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
        if (c) sql += ", ";
        sql += pg.quote_identifier(table.columns[c]);
    }
    sql += ")";
    if (overriding) sql += " OVERRIDING SYSTEM VALUE";
    sql += " VALUES ";
    std::size_t param = 1;
    for (std::size_t r = 0; r < rows; ++r) {
        sql += r ? ", (" : "(";
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            if (c) sql += ", ";
            sql += "$" + std::to_string(param++);
        }
        sql += ")";
    }
    return sql;
}

Result<void> copy_table(const SqliteFile& source, PgConnection& pg, const Table& table, Progress& progress) {
    CONG_TRY(identity, pg.query_int64("SELECT count(*) FROM information_schema.columns WHERE table_schema = "
                                      "current_schema() AND table_name = $1 AND is_identity = 'YES'",
                                      {table.name}));
    std::vector<std::string> select;
    for (const auto& column : table.columns)
        select.push_back(table.deferred.contains(column) ? "NULL" : SqliteFile::quoted(column));
    std::string sql = "SELECT ";
    for (std::size_t i = 0; i < select.size(); ++i) sql += (i ? ", " : "") + select[i];
    sql += " FROM " + SqliteFile::quoted(table.name) + " ORDER BY " + joined(table.primary_key);
    CONG_TRY(read, source.rows(sql));
    CONG_TRY(rows, parents_first(table, std::move(read)));

    std::size_t per_insert = std::max<std::size_t>(
        1, std::min(MAX_ROWS_PER_INSERT, MAX_PARAMS_PER_INSERT / std::max<std::size_t>(1, table.columns.size())));
    for (std::size_t start = 0; start < rows.size(); start += per_insert) {
        std::size_t count = std::min(per_insert, rows.size() - start);
        std::vector<PgParam> params;
        params.reserve(count * table.columns.size());
        for (std::size_t r = start; r < start + count; ++r)
            for (auto& cell : rows[r]) params.emplace_back(cell ? PgParam(std::move(*cell)) : PgParam(std::nullopt));
        auto inserted = pg.exec(insert_sql(pg, table, count, identity > 0), params);
        if (!inserted) return Error{inserted.error().code, table.name + ": " + inserted.error().detail};
        progress.advance(table.name, static_cast<std::int64_t>(count));
    }
    return {};
}

// Sets the references that were written NULL to break a cycle, once the rows they point at are in.
Result<void> fill_deferred(const SqliteFile& source, PgConnection& pg, const Table& table) {
    if (table.deferred.empty()) return {};
    std::vector<std::string> columns(table.deferred.begin(), table.deferred.end());
    std::string where;
    for (const auto& c : columns) where += (where.empty() ? "" : " OR ") + SqliteFile::quoted(c) + " IS NOT NULL";
    CONG_TRY(rows, source.rows("SELECT " + joined(columns) + ", " + joined(table.primary_key) + " FROM " +
                               SqliteFile::quoted(table.name) + " WHERE " + where));
    std::string sql = "UPDATE " + pg.quote_identifier(table.name) + " SET ";
    std::size_t param = 1;
    for (std::size_t i = 0; i < columns.size(); ++i)
        sql += (i ? ", " : "") + pg.quote_identifier(columns[i]) + " = $" + std::to_string(param++);
    sql += " WHERE ";
    for (std::size_t i = 0; i < table.primary_key.size(); ++i)
        sql += (i ? " AND " : "") + pg.quote_identifier(table.primary_key[i]) + " = $" + std::to_string(param++);
    for (auto& row : rows) {
        std::vector<PgParam> params;
        for (auto& cell : row) params.emplace_back(cell ? PgParam(std::move(*cell)) : PgParam(std::nullopt));
        auto updated = pg.exec(sql, params);
        if (!updated) return Error{updated.error().code, table.name + ": " + updated.error().detail};
    }
    return {};
}

// Moves every sequence behind an id column past the largest id copied, so the next insert does not collide.
Result<void> reset_sequences(PgConnection& pg) {
    CONG_TRY(columns, pg.exec("SELECT table_name, column_name, pg_get_serial_sequence(quote_ident(table_name), "
                              "column_name) FROM information_schema.columns WHERE table_schema = current_schema() "
                              "AND pg_get_serial_sequence(quote_ident(table_name), column_name) IS NOT NULL"));
    for (int i = 0; i < columns.rows(); ++i) {
        auto table = pg.quote_identifier(columns.text(i, 0));
        auto column = pg.quote_identifier(columns.text(i, 1));
        auto set = pg.exec("SELECT setval($1, coalesce((SELECT max(" + column + ") FROM " + table + "), 0) + 1, false)",
                           {columns.text(i, 2)});
        if (!set) return set.error();
    }
    return {};
}

}  // namespace

bool MigrationReport::counts_match() const {
    return std::all_of(tables.begin(), tables.end(), [](const CopiedTable& t) { return t.source_rows == t.target_rows; });
}

std::string format_report(const MigrationReport& report) {
    std::size_t width = 5;
    for (const auto& t : report.tables) width = std::max(width, t.table.size());
    std::ostringstream out;
    auto line = [&](const std::string& a, const std::string& b, const std::string& c, const std::string& d) {
        out << a << std::string(width + 2 - std::min(width + 2, a.size()), ' ');
        out << std::string(12 - std::min<std::size_t>(12, b.size()), ' ') << b;
        out << std::string(12 - std::min<std::size_t>(12, c.size()), ' ') << c << "  " << d << "\n";
    };
    line("table", "SQLite", "PostgreSQL", "");
    for (const auto& t : report.tables)
        line(t.table, std::to_string(t.source_rows), std::to_string(t.target_rows),
             t.source_rows == t.target_rows ? "ok" : "MISMATCH");
    for (const auto& name : report.rebuilt) line(name, "-", "-", "rebuilt");
    out << "search index: " << report.articles_indexed << " articles indexed\n";
    return out.str();
}

Result<MigrationReport> migrate_database(const core::Config& config, const std::string& from_data_dir,
                                         const std::string& to_url, std::ostream* progress) {
    if (!storage::names_postgres(to_url))
        return Error{Errc::InvalidInput, "--to must be a PostgreSQL URL (postgresql://user@host:port/dbname)", "to"};
    if (storage::names_postgres(from_data_dir))
        return Error{Errc::InvalidInput, "--from must be a data directory with a SQLite database", "from"};
    std::string source_path = storage::sqlite_path(from_data_dir);
    if (!fs::exists(source_path))
        return Error{Errc::NotFound, "no database in " + from_data_dir + ": nothing to migrate", "from"};

    // The source gets the migrations this version knows, so both sides have the same tables.
    auto source_config = config.storage;
    source_config.data_dir = from_data_dir;
    CONG_TRY(source_db, storage::open_sqlite(source_config, false));
    CONG_TRY(source_version, source_db->schema_version());
    source_db.reset();
    auto target_config = config.storage;
    target_config.data_dir = to_url;
    CONG_TRY(target_db, storage::open_database(target_config, true));
    CONG_TRY(target_version, target_db->schema_version());
    if (source_version != target_version)
        return Error{Errc::Conflict, "the source is at schema version " + std::to_string(source_version) +
                                         " and the target at " + std::to_string(target_version)};

    CONG_TRY(seeded, seeded_tables(config));
    CONG_TRY(source, SqliteFile::open(source_path));
    CONG_TRY(pg, PgConnection::open(to_url));
    CONG_TRY(in_target, target_tables(*pg));

    // Refuse a target that already holds an installation: any table with rows the schema did not put there.
    for (const auto& name : in_target) {
        if (is_bookkeeping(name) || seeded.contains(name) || is_search_derived(name)) continue;
        CONG_TRY(rows, target_count(*pg, name));
        if (rows > 0)
            return Error{Errc::Conflict, "the target database is not empty (table " + name + " has " +
                                             std::to_string(rows) + " rows): migrate-db only writes into an empty one",
                         "to"};
    }

    CONG_TRY(listed, read_tables(source));
    MigrationReport report;
    std::vector<Table> tables;
    for (auto& table : listed) {
        if (is_search_derived(table.name)) {
            report.rebuilt.push_back(table.name);
            continue;
        }
        if (!in_target.contains(table.name))
            return Error{Errc::Conflict, "table " + table.name + " has no counterpart in the PostgreSQL schema"};
        CONG_TRY(columns, target_columns(*pg, table.name));
        for (const auto& column : table.columns)
            if (!columns.contains(column))
                return Error{Errc::Conflict, "column " + table.name + "." + column + " has no counterpart in PostgreSQL"};
        tables.push_back(std::move(table));
    }
    CONG_TRY(ordered, dependency_order(std::move(tables)));

    std::int64_t total = 0;
    for (const auto& table : ordered) total += table.rows;
    Progress bar(progress, total);

    // One snapshot of the source, one transaction on the target: all or nothing.
    CONG_TRY_VOID(source.exec("BEGIN"));
    CONG_TRY_VOID(pg->exec_script("BEGIN"));
    auto copied = [&]() -> Result<void> {
        for (const auto& table : ordered) {
            if (seeded.contains(table.name)) {
                auto cleared = pg->exec("DELETE FROM " + pg->quote_identifier(table.name));
                if (!cleared) return cleared.error();
            }
            CONG_TRY_VOID(copy_table(source, *pg, table, bar));
        }
        for (const auto& table : ordered) CONG_TRY_VOID(fill_deferred(source, *pg, table));
        CONG_TRY_VOID(reset_sequences(*pg));
        return pg->exec_script("COMMIT");
    }();
    bar.finish();
    (void)source.exec("COMMIT");
    if (!copied) {
        (void)pg->exec_script("ROLLBACK");
        return copied.error();
    }

    for (const auto& table : ordered) {
        CONG_TRY(rows, target_count(*pg, table.name));
        report.tables.push_back({table.name, table.rows, rows});
    }

    // The search index of the target engine, from the copied articles, site by site.
    CONG_TRY(sites, target_db->read([](storage::Tx& tx) { return tx.sites().list_sites(); }));
    for (const auto& site : sites) {
        content::ArticleService articles{*target_db, site.id};
        CONG_TRY(indexed, articles.reindex_search());
        report.articles_indexed += indexed;
    }
    // Statistics for the planner, as after any bulk load: without them it guesses a handful of rows per
    // table until autovacuum comes by, and a search then filters every article's index entry (120 ms
    // instead of 10 for one common word on 20,000 articles).
    CONG_TRY_VOID(pg->exec_script("ANALYZE"));
    return report;
}

}  // namespace cong::cli
