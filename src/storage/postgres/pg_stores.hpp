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
class PgTx final : public Tx {
public:
    explicit PgTx(std::unique_ptr<PgConnection> connection)
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

    PgConnection& connection() { return *connection_; }

private:
    std::unique_ptr<PgConnection> connection_;
    PgSiteStore sites_;
    PgCategoryStore categories_;
    PgArticleStore articles_;
    PgMediaStore media_;
    PgUserStore users_;
    PgTokenStore tokens_;
    PgSearchStore search_;
    PgTargetStore targets_;
    PgAuditStore audit_;
    PgRevisionStore revisions_;
    PgEditorialStore editorial_;
    PgSessionStore sessions_;
};

}  // namespace cong::storage::postgres
