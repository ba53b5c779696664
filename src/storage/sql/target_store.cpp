#include "storage/postgres/pg_engine.hpp"
#include "storage/sql/sql_stores.hpp"
#include "storage/sql/store_support.hpp"
#include "storage/sqlite/sqlite_engine.hpp"

namespace cong::storage::sql {
namespace {

constexpr auto PLAN_COLUMNS =
    "id, site_id, slug, title, year, description, threshold_q1, threshold_6m, threshold_9m, created_by, created_at";

template <class Engine>
Result<model::TargetPlan> read_plan(typename Engine::Columns& c) {
    model::TargetPlan plan;
    plan.id = c.int64();
    plan.site_id = c.int64();
    plan.slug = c.text();
    plan.title = c.text();
    plan.year = c.integer();
    plan.description = c.text();
    plan.threshold_q1 = c.integer();
    plan.threshold_6m = c.integer();
    plan.threshold_9m = c.integer();
    plan.created_by = c.optional_int64();
    plan.created_at = c.timestamp();
    return plan;
}

std::string select_plans(std::string_view rest) {
    return std::string("SELECT ") + PLAN_COLUMNS + " FROM target_plans " + std::string(rest);
}

// Targets are read with the name of their office (t.office_id, o.name); built once per engine.
template <class Engine>
const std::string& select_targets_from() {
    static const std::string sql = "SELECT t.id, t.plan_id, t.code, t.name, t.group_name, t.unit, t.kind, " +
                                   Engine::real_as_text("t.plan_value") +
                                   ", CASE WHEN t.plan_max IS NULL THEN NULL ELSE " +
                                   Engine::real_as_text("t.plan_max") +
                                   " END, t.office_id, COALESCE(o.name, ''), t.position "
                                   "FROM targets t LEFT JOIN offices o ON o.id = t.office_id ";
    return sql;
}

template <class Engine>
Result<model::Target> read_target(typename Engine::Columns& c) {
    model::Target target;
    target.id = c.int64();
    target.plan_id = c.int64();
    target.code = c.text();
    target.name = c.text();
    target.group_name = c.text();
    target.unit = c.text();
    auto kind_text = c.text();
    auto kind = model::parse_target_kind(kind_text);
    if (!kind)
        return Error{core::Errc::Internal, std::string(Engine::NAME) + ": unknown target kind '" + kind_text + "'"};
    target.kind = *kind;
    CONG_TRY(plan_value, read_real<Engine>(c, "plan_value"));
    if (!plan_value) return Error{core::Errc::Internal, std::string(Engine::NAME) + ": target without plan value"};
    target.plan_value = *plan_value;
    CONG_TRY(plan_max, read_real<Engine>(c, "plan_max"));
    target.plan_max = plan_max;
    target.office_id = c.optional_int64();
    target.office = c.text();
    target.position = c.integer();
    return target;
}

template <class Engine>
std::string select_targets(std::string_view rest) {
    return select_targets_from<Engine>() + std::string(rest);
}

template <class Engine>
Result<model::TargetReport> read_report(typename Engine::Columns& c) {
    model::TargetReport report;
    report.id = c.int64();
    report.target_id = c.int64();
    report.period = c.text();
    CONG_TRY(value, read_real<Engine>(c, "value"));
    report.value = value;
    report.note = c.text();
    report.entered_by = c.optional_int64();
    report.entered_by_name = c.text();
    report.entered_at = c.timestamp();
    return report;
}

// Reports come with the name of whoever entered them, for the history shown beside a figure; built once per
// engine.
template <class Engine>
const std::string& select_reports_from() {
    static const std::string sql = "SELECT r.id, r.target_id, r.period, CASE WHEN r.value IS NULL THEN NULL ELSE " +
                                   Engine::real_as_text("r.value") +
                                   " END, r.note, r.entered_by, COALESCE(NULLIF(u.display_name, ''), u.login, ''), "
                                   "r.entered_at FROM target_reports r LEFT JOIN users u ON u.id = r.entered_by ";
    return sql;
}

template <class Engine>
std::string select_reports(std::string_view rest) {
    return select_reports_from<Engine>() + std::string(rest);
}

}  // namespace

template <class Engine>
Result<std::optional<model::TargetPlan>> TargetStoreOn<Engine>::find_plan(std::int64_t id) {
    CONG_TRY(statement, connection_.prepare(select_plans("WHERE id = ?")));
    statement.bind_all(id);
    return query_optional<model::TargetPlan>(statement, read_plan<Engine>);
}

template <class Engine>
Result<std::optional<model::TargetPlan>> TargetStoreOn<Engine>::find_plan_by_slug(std::int64_t site_id,
                                                                                  std::string_view slug) {
    CONG_TRY(statement, connection_.prepare(select_plans("WHERE site_id = ? AND slug = ?")));
    statement.bind_all(site_id, slug);
    return query_optional<model::TargetPlan>(statement, read_plan<Engine>);
}

template <class Engine>
Result<std::vector<model::TargetPlan>> TargetStoreOn<Engine>::list_plans(std::int64_t site_id) {
    CONG_TRY(statement, connection_.prepare(select_plans("WHERE site_id = ? ORDER BY year DESC, title, id")));
    statement.bind_all(site_id);
    return query_all<model::TargetPlan>(statement, read_plan<Engine>);
}

template <class Engine>
Result<std::int64_t> TargetStoreOn<Engine>::insert_plan(const model::TargetPlan& p) {
    CONG_TRY(statement, connection_.prepare(with_returning_id<Engine>(
                            "INSERT INTO target_plans (site_id, slug, title, year, description, threshold_q1, "
                            "threshold_6m, threshold_9m, created_by, created_at) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")));
    statement.bind_all(p.site_id, p.slug, p.title, p.year, p.description, p.threshold_q1, p.threshold_6m,
                       p.threshold_9m, p.created_by, p.created_at);
    return Engine::inserted_id(statement);
}

template <class Engine>
Result<std::optional<model::Target>> TargetStoreOn<Engine>::find_target(std::int64_t id) {
    CONG_TRY(statement, connection_.prepare(select_targets<Engine>("WHERE t.id = ?")));
    statement.bind_all(id);
    return query_optional<model::Target>(statement, read_target<Engine>);
}

template <class Engine>
Result<std::vector<model::Target>> TargetStoreOn<Engine>::list_targets(std::int64_t plan_id) {
    CONG_TRY(statement, connection_.prepare(select_targets<Engine>("WHERE t.plan_id = ? ORDER BY t.position, t.id")));
    statement.bind_all(plan_id);
    return query_all<model::Target>(statement, read_target<Engine>);
}

template <class Engine>
Result<std::int64_t> TargetStoreOn<Engine>::count_targets(std::int64_t plan_id) {
    CONG_TRY(statement, connection_.prepare("SELECT count(*) FROM targets WHERE plan_id = ?"));
    statement.bind_all(plan_id);
    CONG_TRY(has_row, statement.step());
    return has_row ? statement.int64(0) : 0;
}

template <class Engine>
Result<std::int64_t> TargetStoreOn<Engine>::insert_target(const model::Target& t) {
    CONG_TRY(statement, connection_.prepare(with_returning_id<Engine>(
                            "INSERT INTO targets (plan_id, code, name, group_name, unit, kind, plan_value, plan_max, "
                            "office_id, position) VALUES (?, ?, ?, ?, ?, ?, CAST(? AS DOUBLE PRECISION), "
                            "CAST(? AS DOUBLE PRECISION), ?, ?)")));
    statement.bind_all(t.plan_id, t.code, t.name, t.group_name, t.unit, model::to_string(t.kind),
                       real_text(t.plan_value), real_text(t.plan_max), t.office_id, t.position);
    return Engine::inserted_id(statement);
}

template <class Engine>
Result<void> TargetStoreOn<Engine>::update_target(const model::Target& t) {
    CONG_TRY(statement,
             connection_.prepare("UPDATE targets SET code = ?, name = ?, group_name = ?, unit = ?, kind = ?, "
                                 "plan_value = CAST(? AS DOUBLE PRECISION), plan_max = CAST(? AS DOUBLE PRECISION), "
                                 "office_id = ?, position = ? "
                                 "WHERE id = ?"));
    statement.bind_all(t.code, t.name, t.group_name, t.unit, model::to_string(t.kind), real_text(t.plan_value),
                       real_text(t.plan_max), t.office_id, t.position, t.id);
    return statement.run();
}

template <class Engine>
Result<void> TargetStoreOn<Engine>::update_plan(const model::TargetPlan& p) {
    CONG_TRY(statement, connection_.prepare("UPDATE target_plans SET slug = ?, title = ?, year = ?, description = ?, "
                                            "threshold_q1 = ?, threshold_6m = ?, threshold_9m = ? WHERE id = ?"));
    statement.bind_all(p.slug, p.title, p.year, p.description, p.threshold_q1, p.threshold_6m, p.threshold_9m, p.id);
    return statement.run();
}

namespace {

template <class Engine>
Result<model::Office> read_office(typename Engine::Columns& c) {
    model::Office office;
    office.id = c.int64();
    office.site_id = c.int64();
    office.name = c.text();
    return office;
}

}  // namespace

template <class Engine>
Result<std::vector<model::Office>> TargetStoreOn<Engine>::list_offices(std::int64_t site_id) {
    CONG_TRY(statement,
             connection_.prepare("SELECT id, site_id, name FROM offices WHERE site_id = ? ORDER BY name, id"));
    statement.bind_all(site_id);
    return query_all<model::Office>(statement, read_office<Engine>);
}

template <class Engine>
Result<std::optional<model::Office>> TargetStoreOn<Engine>::find_office(std::int64_t id) {
    CONG_TRY(statement, connection_.prepare("SELECT id, site_id, name FROM offices WHERE id = ?"));
    statement.bind_all(id);
    return query_optional<model::Office>(statement, read_office<Engine>);
}

template <class Engine>
Result<std::optional<model::Office>> TargetStoreOn<Engine>::find_office_by_name(std::int64_t site_id,
                                                                                std::string_view name) {
    CONG_TRY(statement, connection_.prepare("SELECT id, site_id, name FROM offices WHERE site_id = ? AND name = ?"));
    statement.bind_all(site_id, name);
    return query_optional<model::Office>(statement, read_office<Engine>);
}

template <class Engine>
Result<std::int64_t> TargetStoreOn<Engine>::insert_office(const model::Office& office) {
    CONG_TRY(statement,
             connection_.prepare(with_returning_id<Engine>("INSERT INTO offices (site_id, name) VALUES (?, ?)")));
    statement.bind_all(office.site_id, office.name);
    return Engine::inserted_id(statement);
}

template <class Engine>
Result<std::optional<std::int64_t>> TargetStoreOn<Engine>::office_of_user(std::int64_t user_id) {
    CONG_TRY(statement, connection_.prepare("SELECT office_id FROM office_members WHERE user_id = ?"));
    statement.bind_all(user_id);
    return query_optional<std::int64_t>(statement, [](Columns& c) -> Result<std::int64_t> { return c.int64(); });
}

template <class Engine>
Result<void> TargetStoreOn<Engine>::set_user_office(std::int64_t user_id, std::optional<std::int64_t> office_id) {
    if (!office_id) {
        CONG_TRY(statement, connection_.prepare("DELETE FROM office_members WHERE user_id = ?"));
        statement.bind_all(user_id);
        return statement.run();
    }
    CONG_TRY(statement, connection_.prepare("INSERT INTO office_members (user_id, office_id) VALUES (?, ?) "
                                            "ON CONFLICT (user_id) DO UPDATE SET office_id = excluded.office_id"));
    statement.bind_all(user_id, *office_id);
    return statement.run();
}

template <class Engine>
Result<std::vector<std::pair<std::int64_t, std::int64_t>>> TargetStoreOn<Engine>::office_members(std::int64_t site_id) {
    using Member = std::pair<std::int64_t, std::int64_t>;
    CONG_TRY(statement, connection_.prepare("SELECT m.user_id, m.office_id FROM office_members m JOIN offices o ON "
                                            "o.id = m.office_id WHERE o.site_id = ? ORDER BY m.user_id"));
    statement.bind_all(site_id);
    return query_all<Member>(statement, [](Columns& c) -> Result<Member> {
        auto user = c.int64();
        return Member{user, c.int64()};
    });
}

template <class Engine>
Result<std::int64_t> TargetStoreOn<Engine>::insert_report(const model::TargetReport& r) {
    CONG_TRY(statement, connection_.prepare(with_returning_id<Engine>(
                            "INSERT INTO target_reports (target_id, period, value, note, entered_by, "
                            "entered_at) VALUES (?, ?, CAST(? AS DOUBLE PRECISION), ?, ?, ?)")));
    statement.bind_all(r.target_id, r.period, real_text(r.value), r.note, r.entered_by, r.entered_at);
    return Engine::inserted_id(statement);
}

template <class Engine>
Result<std::vector<model::TargetReport>> TargetStoreOn<Engine>::current_reports(std::int64_t plan_id,
                                                                                std::string_view period) {
    // The newest entry per target: one probe of target_reports_current for each target of the plan.
    CONG_TRY(statement,
             connection_.prepare(select_reports<Engine>(
                 "WHERE r.id IN (SELECT (SELECT id FROM target_reports WHERE target_id = t.id AND period = ? "
                 "ORDER BY id DESC LIMIT 1) FROM targets t WHERE t.plan_id = ?) ORDER BY r.target_id")));
    statement.bind_all(period, plan_id);
    return query_all<model::TargetReport>(statement, read_report<Engine>);
}

template <class Engine>
Result<std::vector<model::TargetReport>> TargetStoreOn<Engine>::report_history(std::int64_t target_id,
                                                                               std::string_view period) {
    CONG_TRY(statement,
             connection_.prepare(select_reports<Engine>("WHERE r.target_id = ?1 AND (?2 = '' OR r.period = ?2) "
                                                        "ORDER BY r.id DESC LIMIT 1000")));
    statement.bind_all(target_id, period);
    return query_all<model::TargetReport>(statement, read_report<Engine>);
}

template <class Engine>
Result<std::vector<std::string>> TargetStoreOn<Engine>::reported_periods(std::int64_t plan_id) {
    CONG_TRY(statement, connection_.prepare("SELECT DISTINCT r.period FROM target_reports r JOIN targets t ON "
                                            "t.id = r.target_id WHERE t.plan_id = ? ORDER BY r.period"));
    statement.bind_all(plan_id);
    return query_all<std::string>(statement, [](Columns& c) -> Result<std::string> { return c.text(); });
}

template class TargetStoreOn<sqlite::Engine>;
template class TargetStoreOn<postgres::Engine>;

}  // namespace cong::storage::sql
