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

private:
    Connection& connection_;
};

}  // namespace cong::storage::sqlite
