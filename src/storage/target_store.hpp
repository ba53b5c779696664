// TargetStore: the questions the targets services ask of storage — plans, targets and their reports, and the
// New Rural Development criteria with the communes assessed against them.
#pragma once

#include "core/result.hpp"
#include "model/ntm.hpp"
#include "model/ocop.hpp"
#include "model/target.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
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
    // Every column but id and plan_id; Conflict when the new code is another target's.
    virtual core::Result<void> update_target(const model::Target& target) = 0;
    // Title, slug, year, description and thresholds; Conflict when the slug is another plan's.
    virtual core::Result<void> update_plan(const model::TargetPlan& plan) = 0;

    // The offices of a site, by name.
    virtual core::Result<std::vector<model::Office>> list_offices(std::int64_t site_id) = 0;
    virtual core::Result<std::optional<model::Office>> find_office(std::int64_t id) = 0;
    virtual core::Result<std::optional<model::Office>> find_office_by_name(std::int64_t site_id,
                                                                          std::string_view name) = 0;
    // Conflict when the site has an office of that name.
    virtual core::Result<std::int64_t> insert_office(const model::Office& office) = 0;
    // The office an account belongs to, if any.
    virtual core::Result<std::optional<std::int64_t>> office_of_user(std::int64_t user_id) = 0;
    // none: the account belongs to no office any more.
    virtual core::Result<void> set_user_office(std::int64_t user_id, std::optional<std::int64_t> office_id) = 0;
    // (user id, office id) of every member of an office of the site.
    virtual core::Result<std::vector<std::pair<std::int64_t, std::int64_t>>> office_members(std::int64_t site_id) = 0;

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

    // New Rural Development zones (regions or commune groups) and indicators with their thresholds.
    virtual core::Result<std::int64_t> insert_zone(const model::NtmZone& zone) = 0;
    // By position.
    virtual core::Result<std::vector<model::NtmZone>> list_zones(std::int64_t set_id) = 0;
    // Puts a commune in a zone of a set, replacing the zone it had there.
    virtual core::Result<void> set_commune_zone(const model::CommuneZone& zone) = 0;
    virtual core::Result<std::vector<model::CommuneZone>> list_commune_zones(std::int64_t set_id) = 0;
    virtual core::Result<std::int64_t> insert_indicator(const model::Indicator& indicator) = 0;
    // Every indicator of the set's criteria: by criterion number, then position.
    virtual core::Result<std::vector<model::Indicator>> list_indicators(std::int64_t set_id) = 0;
    // Conflict when the indicator already has a threshold for that zone (or for every zone).
    virtual core::Result<void> insert_threshold(const model::IndicatorThreshold& threshold) = 0;
    virtual core::Result<std::vector<model::IndicatorThreshold>> list_thresholds(std::int64_t set_id) = 0;
    virtual core::Result<std::int64_t> insert_indicator_assessment(const model::IndicatorAssessment& assessment) = 0;
    // The newest finding of each commune for each indicator of the set.
    virtual core::Result<std::vector<model::IndicatorAssessment>> current_indicator_assessments(
        std::int64_t set_id) = 0;

    // OCOP products; media_ids and commune_name are filled when read.
    virtual core::Result<std::int64_t> insert_ocop_product(const model::OcopProduct& product) = 0;
    // Every stored field but id, site_id and created_at; NotFound for an unknown id.
    virtual core::Result<void> update_ocop_product(const model::OcopProduct& product) = 0;
    virtual core::Result<std::optional<model::OcopProduct>> find_ocop_product(std::int64_t id) = 0;
    virtual core::Result<std::optional<model::OcopProduct>> find_ocop_product_by_slug(std::int64_t site_id,
                                                                                      std::string_view slug) = 0;
    // Every product of the site: most stars first, then by name as stored (the service sorts for readers).
    virtual core::Result<std::vector<model::OcopProduct>> list_ocop_products(std::int64_t site_id) = 0;
    // Replaces the product's photos with media_ids, in that order.
    virtual core::Result<void> set_ocop_product_media(std::int64_t product_id,
                                                      const std::vector<std::int64_t>& media_ids) = 0;
};

}  // namespace cong::storage
