// TargetStore: the questions the targets services ask of storage — plans, targets and their reports, and the
// New Rural Development criteria with the communes assessed against them.
#pragma once

#include "core/result.hpp"
#include "model/ntm.hpp"
#include "model/target.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cong::storage {

class TargetStore {
public:
    virtual ~TargetStore() = default;

    virtual core::Result<std::optional<model::TargetPlan>> find_plan(std::int64_t id) = 0;
    virtual core::Result<std::optional<model::TargetPlan>> find_plan_by_slug(std::int64_t site_id,
                                                                             std::string_view slug) = 0;
    // Newest year first, then by title.
    virtual core::Result<std::vector<model::TargetPlan>> list_plans(std::int64_t site_id) = 0;
    virtual core::Result<std::int64_t> insert_plan(const model::TargetPlan& plan) = 0;

    virtual core::Result<std::optional<model::Target>> find_target(std::int64_t id) = 0;
    // In the resolution's order: by position, then id.
    virtual core::Result<std::vector<model::Target>> list_targets(std::int64_t plan_id) = 0;
    virtual core::Result<std::int64_t> count_targets(std::int64_t plan_id) = 0;
    virtual core::Result<std::int64_t> insert_target(const model::Target& target) = 0;

    virtual core::Result<std::int64_t> insert_report(const model::TargetReport& report) = 0;
    // The current figure of each target of the plan for one period: its newest entry.
    virtual core::Result<std::vector<model::TargetReport>> current_reports(std::int64_t plan_id,
                                                                           std::string_view period) = 0;
    // Every entry for a target, newest first; for one period when period is not empty.
    virtual core::Result<std::vector<model::TargetReport>> report_history(std::int64_t target_id,
                                                                          std::string_view period) = 0;
    // The periods the plan has figures for, each once.
    virtual core::Result<std::vector<std::string>> reported_periods(std::int64_t plan_id) = 0;

    // New Rural Development criteria.
    virtual core::Result<std::int64_t> insert_criteria_set(const model::CriteriaSet& set) = 0;
    virtual core::Result<std::optional<model::CriteriaSet>> find_criteria_set(std::int64_t id) = 0;
    virtual core::Result<std::optional<model::CriteriaSet>> find_criteria_set_by_slug(std::int64_t site_id,
                                                                                      std::string_view slug) = 0;
    // Newest period first.
    virtual core::Result<std::vector<model::CriteriaSet>> list_criteria_sets(std::int64_t site_id) = 0;
    virtual core::Result<std::int64_t> insert_criterion(const model::Criterion& criterion) = 0;
    // By number.
    virtual core::Result<std::vector<model::Criterion>> list_criteria(std::int64_t set_id) = 0;
    virtual core::Result<std::int64_t> insert_commune(const model::Commune& commune) = 0;
    virtual core::Result<std::optional<model::Commune>> find_commune(std::int64_t id) = 0;
    // Every commune of the site, former ones included, in id order (the service sorts by name).
    virtual core::Result<std::vector<model::Commune>> list_communes(std::int64_t site_id) = 0;
    virtual core::Result<std::int64_t> insert_assessment(const model::CriterionAssessment& assessment) = 0;
    // The newest assessment of each commune for each criterion of the set.
    virtual core::Result<std::vector<model::CriterionAssessment>> current_assessments(std::int64_t set_id) = 0;
};

}  // namespace cong::storage
