// Store support for the SQLite search store: the engine-neutral helpers of storage/sql/store_support.hpp,
// named in this namespace.
#pragma once

#include "storage/sql/store_support.hpp"
#include "storage/sqlite/sqlite_engine.hpp"

namespace cong::storage::sqlite {

using sql::bind_padded;
using sql::check_in_list;
using sql::MAX_IN_LIST;
using sql::MAX_LIST_LIMIT;
using sql::padded_count;
using sql::placeholders;
using sql::query_all;
using sql::query_optional;
using sql::require_changed;
using sql::returned_id;

}  // namespace cong::storage::sqlite
