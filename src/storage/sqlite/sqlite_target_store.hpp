// SqliteTargetStore: plans, targets and their report history in SQLite.
#pragma once

#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/target_store.hpp"

namespace cong::storage::sqlite {

// Figures cross the Statement layer as text: bound as the shortest decimal that reads back as the
// same double and CAST to REAL in SQL, read back with 17 significant digits, so no value changes.
class SqliteTargetStore final : public TargetStore {
public:
    explicit SqliteTargetStore(Connection& connection) : connection_(connection) {}

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

    // sqlite_ntm_store.cpp
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

    // sqlite_ocop_store.cpp
    Result<std::int64_t> insert_ocop_product(const model::OcopProduct& product) override;
    Result<void> update_ocop_product(const model::OcopProduct& product) override;
    Result<std::optional<model::OcopProduct>> find_ocop_product(std::int64_t id) override;
    Result<std::optional<model::OcopProduct>> find_ocop_product_by_slug(std::int64_t site_id,
                                                                        std::string_view slug) override;
    Result<std::vector<model::OcopProduct>> list_ocop_products(std::int64_t site_id) override;
    Result<void> set_ocop_product_media(std::int64_t product_id, const std::vector<std::int64_t>& media_ids) override;

private:
    Connection& connection_;
};

}  // namespace cong::storage::sqlite
