// TargetService: the rules for plans, their targets and the figures offices report, and the dashboard
// of one plan for one period (every target classified, grouped, counted and summed up in a sentence).
#pragma once

#include "core/result.hpp"
#include "model/target.hpp"
#include "model/user.hpp"
#include "storage/database.hpp"
#include "targets/classification.hpp"
#include "targets/period.hpp"
#include "targets/summary.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cong::targets {

constexpr std::size_t MAX_PLAN_TITLE_CHARS = 300;
constexpr std::size_t MAX_PLAN_DESCRIPTION_CHARS = 2000;
constexpr std::size_t MAX_TARGET_CODE_CHARS = 20;
constexpr std::size_t MAX_TARGET_NAME_CHARS = 300;
constexpr std::size_t MAX_TARGET_GROUP_CHARS = 100;
constexpr std::size_t MAX_TARGET_UNIT_CHARS = 50;
constexpr std::size_t MAX_TARGET_OFFICE_CHARS = 150;
constexpr std::size_t MAX_REPORT_NOTE_CHARS = 1000;
// A resolution has tens of targets; a few hundred is already a whole province's programme.
constexpr std::int64_t MAX_TARGETS_PER_PLAN = 500;
// Larger than any plan in any unit a report uses (VND amounts are written in "tỷ đồng"); a bigger figure is
// a typing slip, and refusing it keeps every figure exact in a double.
constexpr double MAX_FIGURE = 1e12;

struct PlanInput {
    std::string title;
    std::string slug;  // empty: derived from the title
    int year = 0;
    std::string description;
    std::optional<int> threshold_q1;  // none: the default (25, 50, 75)
    std::optional<int> threshold_6m;
    std::optional<int> threshold_9m;
};

struct TargetInput {
    std::string code;
    std::string name;
    std::string group_name;
    std::string unit;
    model::TargetKind kind = model::TargetKind::HigherIsBetter;
    std::optional<double> plan_value;  // required except for yes/no (always 1)
    std::optional<double> plan_max;    // required for within-range, refused otherwise
    std::string office;
    std::optional<int> position;  // none: after the last target
};

struct ReportInput {
    std::string period;           // a period key: "2024-q1"
    std::optional<double> value;  // none: withdrawn, not assessable yet
    std::string note;
};

struct TargetRow {
    model::Target target;
    std::optional<model::TargetReport> report;  // the current figure for the period
    Assessment assessment;
};

struct TargetGroup {
    std::string name;
    std::vector<TargetRow> rows;
    StandingCounts counts;
};

// The counts of one period, for the trend across periods.
struct PeriodCounts {
    Period period;
    int threshold = 25;
    StandingCounts counts;
};

struct PlanDashboard {
    model::TargetPlan plan;
    Period period;
    int threshold = 25;               // percent, for this period
    std::vector<TargetGroup> groups;  // in the order their first target appears in the resolution
    StandingCounts counts;
    std::string summary;              // summary_sentence(counts, threshold)
    std::vector<Period> periods;      // the periods with figures, oldest first, plus period itself
    std::vector<PeriodCounts> trend;  // counts for each of periods, each judged by its own threshold
};

class TargetService {
public:
    TargetService(storage::Database& db, std::int64_t site_id) : db_(db), site_id_(site_id) {}

    // Approvers and administrators set plans and targets up; editors only report figures.
    core::Result<model::TargetPlan> create_plan(const PlanInput& input, const model::User& user);
    core::Result<std::vector<model::TargetPlan>> list_plans();
    core::Result<std::optional<model::TargetPlan>> find_plan(std::int64_t plan_id);
    core::Result<std::optional<model::TargetPlan>> find_plan_by_slug(std::string_view slug);

    // NotFound for a plan of another site; Conflict for a code the plan already has.
    core::Result<model::Target> add_target(std::int64_t plan_id, const TargetInput& input, const model::User& user);
    core::Result<std::vector<model::Target>> list_targets(std::int64_t plan_id);

    // Records a figure as a new entry; the period must fall in the plan's year. Yes/no targets take 0 or 1.
    core::Result<model::TargetReport> enter_report(std::int64_t target_id, const ReportInput& input,
                                                   const model::User& user);
    // Newest first; all periods when period is empty.
    core::Result<std::vector<model::TargetReport>> report_history(std::int64_t target_id, std::string_view period);

    // The plan for one period; no period: the latest period with figures, or the first quarter of the plan's
    // year when there are none. NotFound for an unknown plan; InvalidInput for a period outside the plan's year.
    core::Result<PlanDashboard> dashboard(std::int64_t plan_id, std::optional<std::string_view> period);

private:
    core::Result<model::TargetPlan> plan_of_site(storage::Tx& tx, std::int64_t plan_id);

    storage::Database& db_;
    std::int64_t site_id_;
};

// Finite, not negative and at most MAX_FIGURE; InvalidInput naming field otherwise.
core::Result<double> check_figure(double value, std::string_view field);

}  // namespace cong::targets
