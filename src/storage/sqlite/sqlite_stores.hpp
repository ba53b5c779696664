// SQLite stores: the stores of storage/sql on SQLite, its own search store (FTS5), and the Tx that bundles them.
#pragma once

#include "storage/database.hpp"
#include "storage/sql/sql_stores.hpp"
#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_engine.hpp"

namespace cong::storage::sqlite {

// The stores written once for both engines (storage/sql/sql_stores.hpp), on SQLite.
using SqliteSiteStore = sql::SiteStoreOn<Engine>;
using SqliteCategoryStore = sql::CategoryStoreOn<Engine>;
using SqliteArticleStore = sql::ArticleStoreOn<Engine>;
using SqliteMediaStore = sql::MediaStoreOn<Engine>;
using SqliteUserStore = sql::UserStoreOn<Engine>;
using SqliteTokenStore = sql::TokenStoreOn<Engine>;
using SqliteAuditStore = sql::AuditStoreOn<Engine>;
using SqliteSessionStore = sql::SessionStoreOn<Engine>;
using SqliteTargetStore = sql::TargetStoreOn<Engine>;
using SqliteRevisionStore = sql::RevisionStoreOn<Engine>;
using SqliteEditorialStore = sql::EditorialStoreOn<Engine>;

class SqliteSearchStore final : public SearchStore {
public:
    explicit SqliteSearchStore(Connection& connection) : connection_(connection) {}
    Result<void> index_article(const model::Article& article, std::string_view captions) override;
    Result<void> remove_article(std::int64_t article_id) override;
    Result<std::vector<SearchHit>> search(const SearchQuery& query) override;
    Result<std::int64_t> count(const SearchQuery& query) override;
    Result<std::vector<SearchSynonym>> list_synonyms() override;
    Result<void> set_synonym(const SearchSynonym& synonym) override;
    Result<void> remove_synonym(std::string_view abbreviation) override;

private:
    Connection& connection_;
};

// A connection and the stores over it; a transaction hands this out as its Tx.
using SqliteTx = sql::TxOn<Engine, SqliteSearchStore>;

}  // namespace cong::storage::sqlite
