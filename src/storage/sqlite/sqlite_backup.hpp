// Database files: recognising a Cổng database on disk and copying a live one to a new file.
#pragma once

#include "core/config.hpp"
#include "core/result.hpp"

#include <string>

namespace cong::storage::sqlite {

using core::Result;

// InvalidInput unless path is a regular file that starts with the SQLite header.
Result<void> check_sqlite_header(const std::string& path);

// Copies the database at source_path into target_path, which must not exist yet (Conflict), as
// one consistent snapshot taken when the copy starts, while other connections keep writing. The
// copy is a self-contained file (not in WAL mode) and passes check_cong_database; on any failure
// nothing is left at target_path.
Result<void> backup_database(const std::string& source_path, const std::string& target_path,
                             const core::StorageConfig& config);

}  // namespace cong::storage::sqlite
