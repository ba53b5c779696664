// Pragmas: how every SQLite connection of Cổng is configured, decided in one place.
#pragma once

#include "core/config.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

namespace cong::storage::sqlite {

enum class ConnectionRole {
    Writer,  // the one connection that writes; sets the database-wide journal mode
    Reader,  // a pooled, read-only connection
};

Result<void> apply_pragmas(Connection& connection, const core::StorageConfig& config, ConnectionRole role);

}  // namespace cong::storage::sqlite
