#include "storage/postgres/pg_migrations.hpp"

namespace cong::storage::postgres {
namespace {

// Created before migration 1, so that migration is recorded like every other.
constexpr auto CREATE_SCHEMA_MIGRATIONS = R"sql(CREATE TABLE IF NOT EXISTS schema_migrations (
    version    BIGINT PRIMARY KEY,
    applied_at BIGINT NOT NULL
))sql";

Result<int> apply_pending(PgConnection& connection, core::Timestamp now) {
    auto migrations = postgres_migrations();
    int newest = migrations.empty() ? 0 : migrations.back().version;

    // Taken before anything is read: a second node starting at the same moment waits here until the
    // first commits, then sees the migrations recorded and applies nothing.
    CONG_TRY_VOID(connection.exec("SELECT pg_advisory_xact_lock($1)", {PgParam(MIGRATION_LOCK_KEY)}));
    CONG_TRY_VOID(connection.exec_script(CREATE_SCHEMA_MIGRATIONS));
    CONG_TRY(current, recorded_schema_version(connection));
    if (current > newest) {
        return Error{core::Errc::InvalidInput, "Cơ sở dữ liệu PostgreSQL có lược đồ phiên bản " +
                                                   std::to_string(current) + ", mới hơn phiên bản " +
                                                   std::to_string(newest) +
                                                   " mà bản Cổng này biết. Hãy dùng bản Cổng mới hơn."};
    }
    for (const auto& migration : migrations) {
        if (migration.version <= current) continue;
        auto applied = connection.exec_script(std::string(migration.sql));
        if (!applied) {
            auto error = applied.error();
            error.detail = "migration " + std::string(migration.name) + ": " + error.detail;
            return error;
        }
        CONG_TRY_VOID(connection.exec("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)",
                                      {PgParam(migration.version), PgParam(now)}));
    }
    return newest;
}

}  // namespace

Result<int> recorded_schema_version(PgConnection& connection) {
    CONG_TRY(exists, connection.query_int64("SELECT count(*) FROM pg_catalog.pg_tables "
                                            "WHERE schemaname = current_schema() AND tablename = 'schema_migrations'"));
    if (exists == 0) return 0;
    CONG_TRY(version, connection.query_int64("SELECT coalesce(max(version), 0) FROM schema_migrations"));
    return static_cast<int>(version);
}

Result<int> migrate(PgConnection& connection, core::Timestamp now) {
    // PostgreSQL's DDL is transactional: every pending migration applies in this one transaction, or none.
    CONG_TRY_VOID(connection.exec_script("BEGIN ISOLATION LEVEL READ COMMITTED"));
    auto applied = apply_pending(connection, now);
    if (!applied) {
        if (connection.ok()) (void)connection.exec_script("ROLLBACK");
        return applied.error();
    }
    auto committed = connection.exec_script("COMMIT");
    if (!committed) {
        if (connection.ok() && connection.in_transaction()) (void)connection.exec_script("ROLLBACK");
        return committed.error();
    }
    return *applied;
}

}  // namespace cong::storage::postgres
