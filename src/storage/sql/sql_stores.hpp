// The stores written once over both engines: each store interface answered with inline SQL over one
// connection of Engine (sqlite::Engine, postgres::Engine), whose members name the few spellings in which
// the two dialects differ. Each store's members are defined in <name>_store.cpp and instantiated there
// for both engines; sqlite_stores.hpp and pg_stores.hpp name the instances.
#pragma once

#include "storage/database.hpp"

#include <memory>

namespace cong::storage::sql {

using core::Result;

template <class Engine>
class SiteStoreOn final : public SiteStore {
public:
    using Connection = typename Engine::Connection;

    explicit SiteStoreOn(Connection& connection) : connection_(connection) {}
    Result<std::optional<model::Site>> find_site(std::int64_t id) override;
    Result<std::optional<model::Site>> find_site_by_host(std::string_view host) override;
    Result<std::vector<model::Site>> list_sites() override;
    Result<std::int64_t> insert_site(const model::Site& site) override;
    Result<void> update_site(const model::Site& site) override;

private:
    using Columns = typename Engine::Columns;

    Connection& connection_;
};

template <class Engine>
class CategoryStoreOn final : public CategoryStore {
public:
    using Connection = typename Engine::Connection;

    explicit CategoryStoreOn(Connection& connection) : connection_(connection) {}
    Result<std::optional<model::Category>> find_category(std::int64_t id) override;
    Result<std::optional<model::Category>> find_category_by_slug(std::int64_t site_id, std::string_view slug) override;
    Result<std::vector<model::Category>> list_categories(std::int64_t site_id) override;
    Result<std::int64_t> insert_category(const model::Category& category) override;
    Result<void> update_category(const model::Category& category) override;

private:
    using Columns = typename Engine::Columns;

    Connection& connection_;
};

template <class Engine>
class ArticleStoreOn final : public ArticleStore {
public:
    using Connection = typename Engine::Connection;

    explicit ArticleStoreOn(Connection& connection) : connection_(connection) {}
    Result<std::optional<model::Article>> find_article(std::int64_t id) override;
    Result<std::optional<model::Article>> find_article_by_slug(std::int64_t site_id, std::string_view slug) override;
    Result<bool> slug_exists(std::int64_t site_id, std::string_view slug) override;
    Result<std::int64_t> insert_article(const model::Article& article) override;
    Result<void> update_article(const model::Article& article) override;
    Result<void> delete_article(std::int64_t id) override;
    Result<std::vector<model::Article>> list_published(const PublishedQuery& query) override;
    Result<std::int64_t> count_published(const PublishedQuery& query) override;
    Result<void> set_article_media(std::int64_t article_id, const std::vector<std::int64_t>& media_ids) override;
    // In ascending id order.
    Result<std::vector<std::int64_t>> list_article_media(std::int64_t article_id) override;
    Result<std::vector<std::int64_t>> list_article_ids(std::int64_t site_id) override;
    // Every published article of the site, newest first, without body_json and body_text (left
    // empty): sitemaps and feed indexes need titles, slugs and dates, and the bodies of thousands
    // of articles would cost hundreds of megabytes for nothing.
    Result<std::vector<model::Article>> list_all_published(std::int64_t site_id, core::Timestamp now) override;

private:
    using Columns = typename Engine::Columns;

    Connection& connection_;
};

template <class Engine>
class MediaStoreOn final : public MediaStore {
public:
    using Connection = typename Engine::Connection;

    explicit MediaStoreOn(Connection& connection) : connection_(connection) {}
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
    using Columns = typename Engine::Columns;

    Connection& connection_;
};

template <class Engine>
class UserStoreOn final : public UserStore {
public:
    using Connection = typename Engine::Connection;

    explicit UserStoreOn(Connection& connection) : connection_(connection) {}
    Result<std::optional<model::User>> find_user(std::int64_t id) override;
    // Logins compare without regard to ASCII case.
    Result<std::optional<model::User>> find_user_by_login(std::string_view login) override;
    Result<std::int64_t> insert_user(const model::User& user) override;
    Result<void> update_user(const model::User& user) override;
    Result<std::vector<model::User>> list_users() override;

private:
    using Columns = typename Engine::Columns;

    Connection& connection_;
};

template <class Engine>
class TokenStoreOn final : public TokenStore {
public:
    using Connection = typename Engine::Connection;

    explicit TokenStoreOn(Connection& connection) : connection_(connection) {}
    Result<std::int64_t> insert_token(const model::ApiToken& token) override;
    Result<std::optional<model::ApiToken>> find_token_by_hash(std::string_view token_hash) override;
    Result<void> touch_token(std::int64_t id, core::Timestamp used_at) override;

private:
    using Columns = typename Engine::Columns;

    Connection& connection_;
};

template <class Engine>
class AuditStoreOn final : public AuditStore {
public:
    using Connection = typename Engine::Connection;

    explicit AuditStoreOn(Connection& connection) : connection_(connection) {}
    Result<std::int64_t> insert_audit(const model::AuditEntry& entry) override;
    Result<std::vector<model::AuditEntry>> list_audit(const AuditQuery& query) override;
    Result<std::int64_t> count_audit(const AuditQuery& query) override;

private:
    using Columns = typename Engine::Columns;

    Connection& connection_;
};

template <class Engine>
class SessionStoreOn final : public SessionStore {
public:
    using Connection = typename Engine::Connection;

    explicit SessionStoreOn(Connection& connection) : connection_(connection) {}
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
    using Columns = typename Engine::Columns;

    Connection& connection_;
};

// Plans, targets and their report history, with the NTM (ntm_store.cpp) and OCOP (ocop_store.cpp) halves.
// Figures cross the Statement layer as text: bound as the shortest decimal that reads back as the same
// double and CAST to DOUBLE PRECISION in SQL, read back as exact text (Engine::real_as_text), so no value
// changes.
template <class Engine>
class TargetStoreOn final : public TargetStore {
public:
    using Connection = typename Engine::Connection;

    explicit TargetStoreOn(Connection& connection) : connection_(connection) {}

    Result<std::optional<model::TargetPlan>> find_plan(std::int64_t id) override;
    Result<std::optional<model::TargetPlan>> find_plan_by_slug(std::int64_t site_id, std::string_view slug) override;
    Result<std::vector<model::TargetPlan>> list_plans(std::int64_t site_id) override;
    Result<std::int64_t> insert_plan(const model::TargetPlan& plan) override;

    Result<std::optional<model::Target>> find_target(std::int64_t id) override;
    Result<std::vector<model::Target>> list_targets(std::int64_t plan_id) override;
    Result<std::int64_t> count_targets(std::int64_t plan_id) override;
    Result<std::int64_t> insert_target(const model::Target& target) override;
    Result<void> update_target(const model::Target& target) override;
    Result<void> update_plan(const model::TargetPlan& plan) override;

    Result<std::vector<model::Office>> list_offices(std::int64_t site_id) override;
    Result<std::optional<model::Office>> find_office(std::int64_t id) override;
    Result<std::optional<model::Office>> find_office_by_name(std::int64_t site_id, std::string_view name) override;
    Result<std::int64_t> insert_office(const model::Office& office) override;
    Result<std::optional<std::int64_t>> office_of_user(std::int64_t user_id) override;
    Result<void> set_user_office(std::int64_t user_id, std::optional<std::int64_t> office_id) override;
    Result<std::vector<std::pair<std::int64_t, std::int64_t>>> office_members(std::int64_t site_id) override;

    Result<std::int64_t> insert_report(const model::TargetReport& report) override;
    Result<std::vector<model::TargetReport>> current_reports(std::int64_t plan_id, std::string_view period) override;
    Result<std::vector<model::TargetReport>> report_history(std::int64_t target_id, std::string_view period) override;
    Result<std::vector<std::string>> reported_periods(std::int64_t plan_id) override;

    // ntm_store.cpp
    Result<std::int64_t> insert_criteria_set(const model::CriteriaSet& set) override;
    Result<std::optional<model::CriteriaSet>> find_criteria_set(std::int64_t id) override;
    Result<std::optional<model::CriteriaSet>> find_criteria_set_by_slug(std::int64_t site_id,
                                                                        std::string_view slug) override;
    Result<std::vector<model::CriteriaSet>> list_criteria_sets(std::int64_t site_id) override;
    Result<std::int64_t> insert_criterion(const model::Criterion& criterion) override;
    Result<std::vector<model::Criterion>> list_criteria(std::int64_t set_id) override;
    Result<std::int64_t> insert_commune(const model::Commune& commune) override;
    Result<std::optional<model::Commune>> find_commune(std::int64_t id) override;
    Result<std::vector<model::Commune>> list_communes(std::int64_t site_id) override;
    Result<std::int64_t> insert_assessment(const model::CriterionAssessment& assessment) override;
    Result<std::vector<model::CriterionAssessment>> current_assessments(std::int64_t set_id) override;

    Result<std::int64_t> insert_zone(const model::NtmZone& zone) override;
    Result<std::vector<model::NtmZone>> list_zones(std::int64_t set_id) override;
    Result<void> set_commune_zone(const model::CommuneZone& zone) override;
    Result<std::vector<model::CommuneZone>> list_commune_zones(std::int64_t set_id) override;
    Result<std::int64_t> insert_indicator(const model::Indicator& indicator) override;
    Result<std::vector<model::Indicator>> list_indicators(std::int64_t set_id) override;
    Result<void> insert_threshold(const model::IndicatorThreshold& threshold) override;
    Result<std::vector<model::IndicatorThreshold>> list_thresholds(std::int64_t set_id) override;
    Result<std::int64_t> insert_indicator_assessment(const model::IndicatorAssessment& assessment) override;
    Result<std::vector<model::IndicatorAssessment>> current_indicator_assessments(std::int64_t set_id) override;

    // ocop_store.cpp
    Result<std::int64_t> insert_ocop_product(const model::OcopProduct& product) override;
    Result<void> update_ocop_product(const model::OcopProduct& product) override;
    Result<std::optional<model::OcopProduct>> find_ocop_product(std::int64_t id) override;
    Result<std::optional<model::OcopProduct>> find_ocop_product_by_slug(std::int64_t site_id,
                                                                        std::string_view slug) override;
    Result<std::vector<model::OcopProduct>> list_ocop_products(std::int64_t site_id) override;
    Result<void> set_ocop_product_media(std::int64_t product_id, const std::vector<std::int64_t>& media_ids) override;

private:
    using Columns = typename Engine::Columns;

    Connection& connection_;
};

// The saved versions of articles.
template <class Engine>
class RevisionStoreOn final : public RevisionStore {
public:
    using Connection = typename Engine::Connection;

    explicit RevisionStoreOn(Connection& connection) : connection_(connection) {}
    Result<int> insert_revision(const model::ArticleRevision& revision) override;
    Result<void> update_revision(const model::ArticleRevision& revision) override;
    Result<std::optional<model::ArticleRevision>> find_revision(std::int64_t article_id, int number) override;
    Result<std::optional<model::ArticleRevision>> latest_revision(std::int64_t article_id) override;
    Result<std::vector<model::ArticleRevision>> list_revisions(std::int64_t article_id) override;

private:
    using Columns = typename Engine::Columns;

    Connection& connection_;
};

// The back office's article queries (any status).
template <class Engine>
class EditorialStoreOn final : public EditorialStore {
public:
    using Connection = typename Engine::Connection;

    explicit EditorialStoreOn(Connection& connection) : connection_(connection) {}
    Result<std::vector<model::Article>> list_articles(const ArticleListQuery& query) override;
    Result<std::int64_t> count_articles(const ArticleListQuery& query) override;
    Result<std::vector<std::int64_t>> list_due_scheduled(std::int64_t site_id, core::Timestamp now, int limit) override;

private:
    using Columns = typename Engine::Columns;

    Connection& connection_;
};

// A connection and the stores over it; a transaction hands this out as its Tx. Every store is the one
// written for both engines except search, which each engine answers its own way (Search).
template <class Engine, class Search>
class TxOn final : public Tx {
public:
    using Connection = typename Engine::Connection;

    explicit TxOn(std::unique_ptr<Connection> connection)
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
    SiteStoreOn<Engine> sites_;
    CategoryStoreOn<Engine> categories_;
    ArticleStoreOn<Engine> articles_;
    MediaStoreOn<Engine> media_;
    UserStoreOn<Engine> users_;
    TokenStoreOn<Engine> tokens_;
    Search search_;
    TargetStoreOn<Engine> targets_;
    AuditStoreOn<Engine> audit_;
    RevisionStoreOn<Engine> revisions_;
    EditorialStoreOn<Engine> editorial_;
    SessionStoreOn<Engine> sessions_;
};

}  // namespace cong::storage::sql
