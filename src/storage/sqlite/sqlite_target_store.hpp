// SqliteTargetStore: plans, targets and their report history in SQLite (sql::TargetStoreOn, written once for
// both engines).
#pragma once

#include "storage/sql/sql_stores.hpp"
#include "storage/sqlite/sqlite_engine.hpp"

namespace cong::storage::sqlite {

using SqliteTargetStore = sql::TargetStoreOn<Engine>;

}  // namespace cong::storage::sqlite
