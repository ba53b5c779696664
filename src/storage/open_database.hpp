// Engine selection: one call opens SQLite or PostgreSQL, chosen by what storage.data_dir names.
#pragma once

#include "core/config.hpp"
#include "storage/database.hpp"

#include <memory>
#include <string_view>

namespace cong::storage {

// True when data names a PostgreSQL server (postgresql://… or postgres://…) rather than a data directory.
bool names_postgres(std::string_view data);

// config.data_dir is a directory (SQLite: <dir>/cong.db, photos in <dir>/media) or a PostgreSQL URL
// (postgresql://user@host:port/dbname); either way pending migrations are applied. create: make the
// database (SQLite) or the schema (PostgreSQL) when there is none, as `cong init` does.
Result<std::unique_ptr<Database>> open_database(const core::StorageConfig& config, bool create);

}  // namespace cong::storage
