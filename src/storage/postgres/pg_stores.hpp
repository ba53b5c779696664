// PostgreSQL stores: the stores of storage/sql on PostgreSQL, its own search store (tsvector), and the Tx that
// bundles them.
#pragma once

#include "storage/database.hpp"
#include "storage/postgres/pg_connection.hpp"
#include "storage/postgres/pg_engine.hpp"
#include "storage/postgres/pg_search_store.hpp"
#include "storage/sql/sql_stores.hpp"

namespace cong::storage::postgres {

// The stores written once for both engines (storage/sql/sql_stores.hpp), on PostgreSQL.
using PgSiteStore = sql::SiteStoreOn<Engine>;
using PgCategoryStore = sql::CategoryStoreOn<Engine>;
using PgArticleStore = sql::ArticleStoreOn<Engine>;
using PgMediaStore = sql::MediaStoreOn<Engine>;
using PgUserStore = sql::UserStoreOn<Engine>;
using PgTokenStore = sql::TokenStoreOn<Engine>;
using PgAuditStore = sql::AuditStoreOn<Engine>;
using PgSessionStore = sql::SessionStoreOn<Engine>;
using PgTargetStore = sql::TargetStoreOn<Engine>;
using PgRevisionStore = sql::RevisionStoreOn<Engine>;
using PgEditorialStore = sql::EditorialStoreOn<Engine>;

// A connection and the stores over it; a transaction hands this out as its Tx.
using PgTx = sql::TxOn<Engine, PgSearchStore>;

}  // namespace cong::storage::postgres
