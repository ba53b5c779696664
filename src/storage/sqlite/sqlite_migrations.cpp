#include "storage/sqlite/sqlite_migrations.hpp"

#include "storage/migrations/migrations.hpp"

namespace cong::storage::sqlite {
namespace {

// Created before migration 1, so that migration is recorded like every other.
constexpr auto CREATE_SCHEMA_MIGRATIONS = R"sql(CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    applied_at INTEGER NOT NULL
) STRICT)sql";

// applied_any: set when at least one migration ran.
Result<int> apply_pending(Connection& writer, core::Timestamp now, bool& applied_any) {
    auto migrations = sqlite_migrations();
    int newest = migrations.empty() ? 0 : migrations.back().version;

    CONG_TRY_VOID(writer.exec(CREATE_SCHEMA_MIGRATIONS));
    CONG_TRY(current, recorded_schema_version(writer));
    if (current > newest) {
        return Error{core::Errc::InvalidInput, "Cơ sở dữ liệu " + writer.path() + " có lược đồ phiên bản " +
                                                   std::to_string(current) + ", mới hơn phiên bản " +
                                                   std::to_string(newest) +
                                                   " mà bản Cổng này biết. Hãy dùng bản Cổng mới hơn."};
    }
    for (const auto& migration : migrations) {
        if (migration.version <= current) continue;
        applied_any = true;
        auto applied = writer.exec(std::string(migration.sql));
        if (!applied) {
            auto error = applied.error();
            error.detail = "migration " + std::string(migration.name) + ": " + error.detail;
            return error;
        }
        CONG_TRY(record, writer.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)"));
        record.bind_all(migration.version, now);
        CONG_TRY_VOID(record.run());
    }
    CONG_TRY(application_id, writer.query_int64("PRAGMA application_id"));
    if (application_id != CONG_APPLICATION_ID) {
        CONG_TRY_VOID(writer.exec("PRAGMA application_id = " + std::to_string(CONG_APPLICATION_ID)));
    }
    return newest;
}

// Fails when any row refers to a row that is not there (PRAGMA foreign_key_check reports it), naming the first.
Result<void> check_foreign_keys(Connection& writer) {
    CONG_TRY(check, writer.prepare("PRAGMA foreign_key_check"));
    CONG_TRY(has_row, check.step());
    if (!has_row) return {};
    return Error{core::Errc::Internal, "migration left a broken reference: table " + check.text(0) + ", row " +
                                           check.text(1) + " refers to a missing row of " + check.text(2)};
}

}  // namespace

Result<int> recorded_schema_version(Connection& connection) {
    CONG_TRY(version, connection.query_int64("SELECT coalesce(max(version), 0) FROM schema_migrations"));
    return static_cast<int>(version);
}

Result<int> migrate(Connection& writer, core::Timestamp now) {
    // A migration that rebuilds a table (SQLite's 12-step ALTER procedure) drops the old one; with foreign
    // keys on, that would delete the rows of every table referring to it (ON DELETE CASCADE). The pragma
    // is a no-op inside a transaction, so it is switched before BEGIN and restored after COMMIT, and
    // foreign_key_check before COMMIT makes sure the rebuilt schema still holds together.
    CONG_TRY(foreign_keys, writer.query_int64("PRAGMA foreign_keys"));
    CONG_TRY_VOID(writer.exec("PRAGMA foreign_keys = OFF"));
    auto restore_foreign_keys = [&]() -> Result<void> {
        if (foreign_keys == 0) return {};
        return writer.exec("PRAGMA foreign_keys = ON");
    };
    auto version = [&]() -> Result<int> {
        CONG_TRY_VOID(writer.exec("BEGIN IMMEDIATE"));
        bool applied_any = false;
        auto applied = apply_pending(writer, now, applied_any);
        // A full check reads every row with a foreign key: only after a migration changed something.
        if (applied && applied_any) {
            if (auto consistent = check_foreign_keys(writer); !consistent) applied = consistent.error();
        }
        if (!applied) {
            if (writer.in_transaction()) (void)writer.exec("ROLLBACK");
            return applied.error();
        }
        auto committed = writer.exec("COMMIT");
        if (!committed) {
            if (writer.in_transaction()) (void)writer.exec("ROLLBACK");
            return committed.error();
        }
        return *applied;
    }();
    auto restored = restore_foreign_keys();
    if (!version) return version;
    if (!restored) return restored.error();
    return *version;
}

}  // namespace cong::storage::sqlite
