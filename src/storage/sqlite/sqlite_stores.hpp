// SQLite stores: each store interface answered with inline SQL over one connection, and the Tx that bundles them.
#pragma once

#include "storage/database.hpp"
#include "storage/sql/sql_stores.hpp"
#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_engine.hpp"
#include "storage/sqlite/sqlite_revision_store.hpp"
#include "storage/sqlite/sqlite_target_store.hpp"

namespace cong::storage::sqlite {

// The stores written once for both engines so far (storage/sql/sql_stores.hpp).
using SqliteArticleStore = sql::ArticleStoreOn<Engine>;

class SqliteSiteStore final : public SiteStore {
public:
    explicit SqliteSiteStore(Connection& connection) : connection_(connection) {}
    Result<std::optional<model::Site>> find_site(std::int64_t id) override;
    Result<std::optional<model::Site>> find_site_by_host(std::string_view host) override;
    Result<std::vector<model::Site>> list_sites() override;
    Result<std::int64_t> insert_site(const model::Site& site) override;
    Result<void> update_site(const model::Site& site) override;

private:
    Connection& connection_;
};

class SqliteCategoryStore final : public CategoryStore {
public:
    explicit SqliteCategoryStore(Connection& connection) : connection_(connection) {}
    Result<std::optional<model::Category>> find_category(std::int64_t id) override;
    Result<std::optional<model::Category>> find_category_by_slug(std::int64_t site_id, std::string_view slug) override;
    Result<std::vector<model::Category>> list_categories(std::int64_t site_id) override;
    Result<std::int64_t> insert_category(const model::Category& category) override;
    Result<void> update_category(const model::Category& category) override;

private:
    Connection& connection_;
};

class SqliteMediaStore final : public MediaStore {
public:
    explicit SqliteMediaStore(Connection& connection) : connection_(connection) {}
    Result<std::optional<model::Media>> find_media(std::int64_t id) override;
    Result<std::optional<model::Media>> find_media_by_hash(std::int64_t site_id, std::string_view sha256) override;
    // In the order of ids, each once; ids that name nothing are left out.
    Result<std::vector<model::Media>> find_media_by_ids(const std::vector<std::int64_t>& ids) override;
    Result<std::int64_t> insert_media(const model::Media& media) override;
    // Changes what people wrote about the photo (name, caption, alt, credit); the file never changes.
    Result<void> update_media(const model::Media& media) override;
    Result<std::optional<model::Media>> find_media_by_any_site_hash(std::string_view sha256) override;
    Result<std::vector<model::Media>> list_media(const MediaQuery& query) override;
    Result<std::int64_t> count_media(const MediaQuery& query) override;
    Result<void> set_media_variants(std::int64_t media_id, int width, int height, int pipeline_version,
                                    const std::vector<model::MediaVariant>& variants) override;
    Result<std::vector<model::MediaVariant>> list_media_variants(std::int64_t media_id) override;
    Result<std::vector<std::int64_t>> list_media_before_pipeline(int version, std::int64_t after_id,
                                                                int limit) override;
    Result<std::vector<MediaUse>> list_media_uses(std::int64_t media_id) override;

private:
    Connection& connection_;
};

class SqliteUserStore final : public UserStore {
public:
    explicit SqliteUserStore(Connection& connection) : connection_(connection) {}
    Result<std::optional<model::User>> find_user(std::int64_t id) override;
    // Logins compare without regard to ASCII case.
    Result<std::optional<model::User>> find_user_by_login(std::string_view login) override;
    Result<std::int64_t> insert_user(const model::User& user) override;
    Result<void> update_user(const model::User& user) override;
    Result<std::vector<model::User>> list_users() override;

private:
    Connection& connection_;
};

class SqliteTokenStore final : public TokenStore {
public:
    explicit SqliteTokenStore(Connection& connection) : connection_(connection) {}
    Result<std::int64_t> insert_token(const model::ApiToken& token) override;
    Result<std::optional<model::ApiToken>> find_token_by_hash(std::string_view token_hash) override;
    Result<void> touch_token(std::int64_t id, core::Timestamp used_at) override;

private:
    Connection& connection_;
};

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

class SqliteAuditStore final : public AuditStore {
public:
    explicit SqliteAuditStore(Connection& connection) : connection_(connection) {}
    Result<std::int64_t> insert_audit(const model::AuditEntry& entry) override;
    Result<std::vector<model::AuditEntry>> list_audit(const AuditQuery& query) override;
    Result<std::int64_t> count_audit(const AuditQuery& query) override;

private:
    Connection& connection_;
};

class SqliteSessionStore final : public SessionStore {
public:
    explicit SqliteSessionStore(Connection& connection) : connection_(connection) {}
    Result<std::int64_t> insert_session(const model::Session& session) override;
    Result<std::optional<model::Session>> find_session_by_hash(std::string_view token_hash) override;
    Result<void> touch_session(std::int64_t id, core::Timestamp last_seen_at) override;
    Result<void> clear_second_factor(std::int64_t id) override;
    Result<void> delete_session(std::int64_t id) override;
    Result<std::int64_t> delete_user_sessions(std::int64_t user_id, std::optional<std::int64_t> keep_id) override;
    Result<std::int64_t> delete_expired_sessions(core::Timestamp now, core::Timestamp idle_before) override;
    Result<std::optional<model::AccountSecurity>> find_account_security(std::int64_t user_id) override;
    Result<void> update_account_security(const model::AccountSecurity& security) override;

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
