// SQLite stores: the stores of storage/sql on SQLite, its own search store (FTS5), and the Tx that bundles them.
#pragma once

#include "storage/database.hpp"
#include "storage/sql/sql_stores.hpp"
#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_engine.hpp"
#include "storage/sqlite/sqlite_revision_store.hpp"
#include "storage/sqlite/sqlite_target_store.hpp"

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
class SqliteTx final : public Tx {
public:
    explicit SqliteTx(std::unique_ptr<Connection> connection)
        : connection_(std::move(connection)),
          sites_(*connection_),
          categories_(*connection_),
          articles_(*connection_),
          media_(*connection_),
          users_(*connection_),
          tokens_(*connection_),
          search_(*connection_),
          targets_(*connection_),
          audit_(*connection_),
          revisions_(*connection_),
          editorial_(*connection_),
          sessions_(*connection_) {}

    SiteStore& sites() override { return sites_; }
    CategoryStore& categories() override { return categories_; }
    ArticleStore& articles() override { return articles_; }
    MediaStore& media() override { return media_; }
    UserStore& users() override { return users_; }
    TokenStore& tokens() override { return tokens_; }
    SearchStore& search() override { return search_; }
    TargetStore& targets() override { return targets_; }
    AuditStore& audit() override { return audit_; }
    RevisionStore& revisions() override { return revisions_; }
    EditorialStore& editorial() override { return editorial_; }
    SessionStore& sessions() override { return sessions_; }

    Connection& connection() { return *connection_; }

private:
    std::unique_ptr<Connection> connection_;
    SqliteSiteStore sites_;
    SqliteCategoryStore categories_;
    SqliteArticleStore articles_;
    SqliteMediaStore media_;
    SqliteUserStore users_;
    SqliteTokenStore tokens_;
    SqliteSearchStore search_;
    SqliteTargetStore targets_;
    SqliteAuditStore audit_;
    SqliteRevisionStore revisions_;
    SqliteEditorialStore editorial_;
    SqliteSessionStore sessions_;
};

}  // namespace cong::storage::sqlite
