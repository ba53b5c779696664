// Migrator: brings a SQLite database to the newest schema by applying the embedded migrations.
#pragma once

#include "core/clock.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

#include <cstdint>

namespace cong::storage::sqlite {

// Stored in the file header (PRAGMA application_id) so Cổng can tell its own files from others:
// the bytes spell "Cong".
constexpr std::int64_t CONG_APPLICATION_ID = 0x436F6E67;

// Applies, in one write transaction, every migration newer than the database, records each in
// schema_migrations(version, applied_at) and stamps the application id. Either all pending
// migrations apply or none does. Returns the schema version afterwards. A database newer than
// this binary is refused (InvalidInput): an older Cổng must not write to a schema it does not know.
Result<int> migrate(Connection& writer, core::Timestamp now);

// The newest version recorded in schema_migrations (0 for none).
Result<int> recorded_schema_version(Connection& connection);

}  // namespace cong::storage::sqlite
