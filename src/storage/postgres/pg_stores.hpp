// PostgreSQL stores: each store interface answered with inline SQL over one connection, and the Tx that bundles
// them. Each mirrors its SQLite twin (same models, same errors); only the SQL dialect differs.
#pragma once

#include "storage/database.hpp"
#include "storage/postgres/pg_connection.hpp"
#include "storage/postgres/pg_engine.hpp"
#include "storage/postgres/pg_search_store.hpp"
#include "storage/sql/sql_stores.hpp"

namespace cong::storage::postgres {

// The stores written once for both engines so far (storage/sql/sql_stores.hpp).
using PgSiteStore = sql::SiteStoreOn<Engine>;
using PgCategoryStore = sql::CategoryStoreOn<Engine>;
using PgArticleStore = sql::ArticleStoreOn<Engine>;
using PgMediaStore = sql::MediaStoreOn<Engine>;
using PgUserStore = sql::UserStoreOn<Engine>;
using PgTokenStore = sql::TokenStoreOn<Engine>;
using PgAuditStore = sql::AuditStoreOn<Engine>;
using PgSessionStore = sql::SessionStoreOn<Engine>;
using PgRevisionStore = sql::RevisionStoreOn<Engine>;
using PgEditorialStore = sql::EditorialStoreOn<Engine>;

// Figures cross the statement layer as text: bound as the shortest decimal that reads back as the same
// double and CAST to DOUBLE PRECISION in SQL, read back as PostgreSQL's shortest exact text, so no value changes.
class PgTargetStore final : public TargetStore {
public:
    explicit PgTargetStore(PgConnection& connection) : connection_(connection) {}

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

    // pg_ntm_store.cpp
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

    // pg_ocop_store.cpp
    Result<std::int64_t> insert_ocop_product(const model::OcopProduct& product) override;
    Result<void> update_ocop_product(const model::OcopProduct& product) override;
    Result<std::optional<model::OcopProduct>> find_ocop_product(std::int64_t id) override;
    Result<std::optional<model::OcopProduct>> find_ocop_product_by_slug(std::int64_t site_id,
                                                                        std::string_view slug) override;
    Result<std::vector<model::OcopProduct>> list_ocop_products(std::int64_t site_id) override;
    Result<void> set_ocop_product_media(std::int64_t product_id, const std::vector<std::int64_t>& media_ids) override;

private:
    PgConnection& connection_;
};

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
