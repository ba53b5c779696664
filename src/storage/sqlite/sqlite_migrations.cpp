#include "storage/sqlite/sqlite_migrations.hpp"

#include "storage/migrations/migrations.hpp"

namespace cong::storage::sqlite {
namespace {

// Created before migration 1, so that migration is recorded like every other.
constexpr auto CREATE_SCHEMA_MIGRATIONS = R"sql(CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    applied_at INTEGER NOT NULL
) STRICT)sql";

Result<int> apply_pending(Connection& writer, core::Timestamp now) {
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

}  // namespace

Result<int> recorded_schema_version(Connection& connection) {
    CONG_TRY(version, connection.query_int64("SELECT coalesce(max(version), 0) FROM schema_migrations"));
    return static_cast<int>(version);
}

Result<int> migrate(Connection& writer, core::Timestamp now) {
    CONG_TRY_VOID(writer.exec("BEGIN IMMEDIATE"));
    auto version = apply_pending(writer, now);
    if (!version) {
        if (writer.in_transaction()) (void)writer.exec("ROLLBACK");
        return version.error();
    }
    auto committed = writer.exec("COMMIT");
    if (!committed) {
        if (writer.in_transaction()) (void)writer.exec("ROLLBACK");
        return committed.error();
    }
    return *version;
}

}  // namespace cong::storage::sqlite
