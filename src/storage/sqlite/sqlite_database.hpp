// SqliteDatabase: the embedded store. One writer connection, a pool of readers, WAL mode.
#pragma once

#include "core/config.hpp"
#include "storage/database.hpp"

#include <memory>
#include <string>

namespace cong::storage {

// Path of the database file inside a data directory.
std::string sqlite_path(const std::string& data_dir);

// Opens (creating when asked) the database in config.data_dir and applies pending migrations.
Result<std::unique_ptr<Database>> open_sqlite(const core::StorageConfig& config, bool create);

// True when path is a SQLite file that holds a Cổng schema; used by `restore` before it overwrites anything.
Result<void> check_cong_database(const std::string& path);

}  // namespace cong::storage
