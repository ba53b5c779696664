// TargetService: the rules for plans, their targets and the figures offices report, and the dashboard
// of one plan for one period (every target classified, grouped, counted and summed up in a sentence).
#pragma once

#include "core/change_listener.hpp"
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
#include <utility>
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
constexpr std::size_t MAX_OFFICE_NAME_CHARS = MAX_TARGET_OFFICE_CHARS;
// Offices of one local government: tens; the limit keeps a runaway import from creating thousands.
constexpr std::int64_t MAX_OFFICES_PER_SITE = 500;
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
    std::string office;           // the office's name: found, or created when the site has none of that name
    std::optional<int> position;  // none: after the last target (on update: unchanged)
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

// An account and the office it belongs to, for the page where an administrator assigns them.
struct AccountOffice {
    std::int64_t user_id = 0;
    std::string login;
    std::string display_name;
    model::Role role = model::Role::Editor;
    bool disabled = false;
    std::optional<std::int64_t> office_id;
};

// What a CSV import did; nothing at all when it failed (see TargetService::import_targets_csv).
struct CsvImportSummary {
    int rows = 0;       // data rows read
    int created = 0;    // new targets, or new figures
    int updated = 0;    // targets changed
    int unchanged = 0;  // rows equal to what is already stored: nothing written, no history entry
};

// The dependency tag of everything that shows a plan's figures: its dashboard, articles that embed its summary.
inline std::string plan_tag(std::int64_t plan_id) { return "target-plan:" + std::to_string(plan_id); }

// Every change is written in one transaction with its audit entry (audit::record) and, after the commit,
// reported to the change listener with plan_tag(plan id). ip is the client's address for the audit log.
class TargetService {
public:
    TargetService(storage::Database& db, std::int64_t site_id) : db_(db), site_id_(site_id) {}

    // Told the plan's tag after each committed change; null: nobody listens.
    void set_change_listener(core::ChangeListener* listener) { listener_ = listener; }

    // Approvers and administrators set plans and targets up; editors only report figures.
    core::Result<model::TargetPlan> create_plan(const PlanInput& input, const model::User& user,
                                                std::string_view ip = {});
    // Every field of input replaces the plan's (empty slug: derived from the title). Conflict for a slug in use.
    core::Result<model::TargetPlan> update_plan(std::int64_t plan_id, const PlanInput& input, const model::User& user,
                                                std::string_view ip = {});
    core::Result<std::vector<model::TargetPlan>> list_plans();
    core::Result<std::optional<model::TargetPlan>> find_plan(std::int64_t plan_id);
    core::Result<std::optional<model::TargetPlan>> find_plan_by_slug(std::string_view slug);

    // NotFound for a plan of another site; Conflict for a code the plan already has.
    core::Result<model::Target> add_target(std::int64_t plan_id, const TargetInput& input, const model::User& user,
                                           std::string_view ip = {});
    // Replaces every field of the target (position: kept when input has none). NotFound, Conflict as above.
    core::Result<model::Target> update_target(std::int64_t target_id, const TargetInput& input,
                                              const model::User& user, std::string_view ip = {});
    core::Result<std::optional<model::Target>> find_target(std::int64_t target_id);
    core::Result<std::vector<model::Target>> list_targets(std::int64_t plan_id);

    // Records a figure as a new entry; the period must fall in the plan's year. Yes/no targets take 0 or 1.
    // Forbidden for an editor of one office and a target of another office (or of none).
    core::Result<model::TargetReport> enter_report(std::int64_t target_id, const ReportInput& input,
                                                   const model::User& user, std::string_view ip = {});
    // Whether user may enter figures for target: approvers and administrators for every target; an editor of an
    // office for that office's targets; an editor who belongs to no office for every target.
    core::Result<bool> may_enter_figures(const model::User& user, const model::Target& target);

    // Offices. Approvers and administrators create them; administrators say who belongs to which.
    core::Result<std::vector<model::Office>> list_offices();
    core::Result<model::Office> create_office(std::string_view name, const model::User& user, std::string_view ip = {});
    // none: user_id leaves its office. NotFound for an unknown account or an office of another site.
    core::Result<void> set_user_office(std::int64_t user_id, std::optional<std::int64_t> office_id,
                                       const model::User& admin, std::string_view ip = {});
    core::Result<std::optional<model::Office>> office_of(std::int64_t user_id);
    // (user id, office id) of every member of the site's offices.
    core::Result<std::vector<std::pair<std::int64_t, std::int64_t>>> office_members();
    // Every account in login order, with its office of this site if any. Administrators only.
    core::Result<std::vector<AccountOffice>> account_offices(const model::User& admin);

    // CSV (target_csv.cpp). Imports are all-or-nothing: on any bad row nothing is written and the error's detail
    // names every bad row, one per line: "Dòng 7, cột plan_value: không phải là số" (InvalidInput; Forbidden
    // when a row is a target the user may not enter figures for).
    // Targets: header code,name,group,unit,kind,plan_value,plan_max,office (code, name, group required); a code
    // the plan has updates that target, a new code adds one. Approvers and administrators only.
    core::Result<CsvImportSummary> import_targets_csv(std::int64_t plan_id, std::string_view csv,
                                                      const model::User& user, std::string_view ip = {});
    // Figures for one period: header with code and value (note optional; other columns, such as those the
    // export writes, are ignored). An empty value is "not assessable yet"; a row equal to the current figure
    // and note is skipped, any other becomes a new entry of the history.
    core::Result<CsvImportSummary> import_reports_csv(std::int64_t plan_id, std::string_view period,
                                                      std::string_view csv, const model::User& user,
                                                      std::string_view ip = {});
    // UTF-8 with a BOM (Excel), comma-separated, CRLF, a header row; import_targets_csv reads it back unchanged.
    core::Result<std::string> export_targets_csv(std::int64_t plan_id);
    // code,name,group,unit,office,plan_value,value,note,standing for one period; import_reports_csv reads it.
    core::Result<std::string> export_reports_csv(std::int64_t plan_id, std::string_view period);
    // Newest first; all periods when period is empty.
    core::Result<std::vector<model::TargetReport>> report_history(std::int64_t target_id, std::string_view period);

    // The plan for one period; no period: the latest period with figures, or the first quarter of the plan's
    // year when there are none. NotFound for an unknown plan; InvalidInput for a period outside the plan's year.
    core::Result<PlanDashboard> dashboard(std::int64_t plan_id, std::optional<std::string_view> period);

private:
    core::Result<model::TargetPlan> plan_of_site(storage::Tx& tx, std::int64_t plan_id);
    // The office of that name, created when the site has none; none for an empty name.
    core::Result<std::optional<std::int64_t>> office_named(storage::Tx& tx, const std::string& name,
                                                           const model::User& user, std::string_view ip);
    core::Result<model::Target> insert_target(storage::Tx& tx, const model::TargetPlan& plan, model::Target target,
                                              std::optional<int> position, const model::User& user,
                                              std::string_view ip);
    core::Result<model::Target> replace_target(storage::Tx& tx, const model::Target& old, model::Target target,
                                               std::optional<int> position, const model::User& user,
                                               std::string_view ip);
    core::Result<bool> may_enter(storage::Tx& tx, const model::User& user, const model::Target& target);
    core::Result<model::TargetReport> insert_report(storage::Tx& tx, const model::Target& target,
                                                    const model::TargetPlan& plan, model::TargetReport report,
                                                    const model::User& user, std::string_view ip);
    void changed(std::int64_t plan_id);

    storage::Database& db_;
    std::int64_t site_id_;
    core::ChangeListener* listener_ = nullptr;
};

// The checks of a target's fields that need no database: InvalidInput naming the field (code, name, group, unit,
// office, kind, plan_value, plan_max, position) otherwise. office_id is left empty.
core::Result<model::Target> check_target_input(const TargetInput& input);

// Finite, not negative and at most MAX_FIGURE; InvalidInput naming field otherwise.
core::Result<double> check_figure(double value, std::string_view field);

}  // namespace cong::targets
