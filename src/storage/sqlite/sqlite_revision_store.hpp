// SQLite revision and editorial stores: the saved versions of articles and the back office's article queries
// (sql::RevisionStoreOn and sql::EditorialStoreOn, written once for both engines).
#pragma once

#include "storage/sql/sql_stores.hpp"
#include "storage/sqlite/sqlite_engine.hpp"

namespace cong::storage::sqlite {

using SqliteRevisionStore = sql::RevisionStoreOn<Engine>;
using SqliteEditorialStore = sql::EditorialStoreOn<Engine>;

}  // namespace cong::storage::sqlite
