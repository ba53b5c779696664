#include "targets/target_service.hpp"

#include "audit/audit_log.hpp"
#include "core/text_field.hpp"
#include "core/vietnamese.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

namespace cong::targets {
namespace {

using core::Errc;
using core::Error;
using core::Result;

Result<void> require_planner(const model::User& user) {
    if (user.role == model::Role::Admin || user.role == model::Role::Approver) return {};
    return Error{Errc::Forbidden, "Chỉ người duyệt hoặc quản trị viên mới được lập kế hoạch và chỉ tiêu"};
}

Result<int> check_threshold(std::optional<int> value, int fallback, std::string_view field) {
    if (!value) return fallback;
    if (*value < 1 || *value > 100)
        return Error{Errc::InvalidInput, "Ngưỡng đánh giá phải là số phần trăm từ 1 đến 100", std::string(field)};
    return *value;
}

audit::Actor actor_of(const model::User& user, std::string_view ip) {
    return audit::Actor::user(user, std::string(ip));
}

// Every digit of a figure, with a decimal comma: "0,075", "1250,5"; "chưa đánh giá" for none.
std::string figure_text(const std::optional<double>& value) {
    if (!value) return "chưa đánh giá";
    char buffer[64];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, *value);
    std::string text(buffer, ec == std::errc{} ? end : buffer);
    std::replace(text.begin(), text.end(), '.', ',');
    return text;
}

Result<std::string> line(std::string_view value, std::size_t max_chars, core::Required required, std::string_view field,
                         std::string_view label) {
    return core::clean_text_field(value, max_chars, required, core::LineBreaks::Refused, field, label);
}

// The plan fields after the checks, in a TargetPlan without id, site or creator.
Result<model::TargetPlan> plan_from(const PlanInput& input) {
    model::TargetPlan plan;
    CONG_TRY(title, line(input.title, MAX_PLAN_TITLE_CHARS, core::Required::Yes, "title", "Tên kế hoạch"));
    CONG_TRY(description, core::clean_text_field(input.description, MAX_PLAN_DESCRIPTION_CHARS, core::Required::No,
                                                 core::LineBreaks::Allowed, "description", "Mô tả"));
    if (input.year < 1990 || input.year > 2100)
        return Error{Errc::InvalidInput, "Năm của kế hoạch phải từ 1990 đến 2100", "year"};
    CONG_TRY(q1, check_threshold(input.threshold_q1, 25, "threshold_q1"));
    CONG_TRY(six, check_threshold(input.threshold_6m, 50, "threshold_6m"));
    CONG_TRY(nine, check_threshold(input.threshold_9m, 75, "threshold_9m"));
    if (!(q1 <= six && six <= nine))
        return Error{Errc::InvalidInput, "Ngưỡng quý I, 6 tháng và 9 tháng phải tăng dần", "threshold_6m"};
    plan.title = std::move(title);
    plan.description = std::move(description);
    plan.slug = core::slugify(input.slug.empty() ? plan.title : input.slug);
    if (plan.slug.empty()) return Error{Errc::InvalidInput, "Địa chỉ (slug) không hợp lệ", "slug"};
    plan.year = input.year;
    plan.threshold_q1 = q1;
    plan.threshold_6m = six;
    plan.threshold_9m = nine;
    return plan;
}

// "1 · Tổng giá trị sản xuất tăng": how the audit log names a target.
std::string target_label(const model::Target& target) { return target.code + " · " + target.name; }

}  // namespace

Result<double> check_figure(double value, std::string_view field) {
    if (!std::isfinite(value)) return Error{Errc::InvalidInput, "Số liệu phải là một số hữu hạn", std::string(field)};
    if (value < 0) return Error{Errc::InvalidInput, "Số liệu không được âm", std::string(field)};
    if (value > MAX_FIGURE)
        return Error{Errc::InvalidInput, "Số liệu quá lớn (tối đa " + core::format_number_vi(MAX_FIGURE) + ")",
                     std::string(field)};
    return value;
}

Result<model::Target> check_target_input(const TargetInput& input) {
    model::Target target;
    CONG_TRY(code, line(input.code, MAX_TARGET_CODE_CHARS, core::Required::Yes, "code", "Mã chỉ tiêu"));
    CONG_TRY(name, line(input.name, MAX_TARGET_NAME_CHARS, core::Required::Yes, "name", "Tên chỉ tiêu"));
    CONG_TRY(group, line(input.group_name, MAX_TARGET_GROUP_CHARS, core::Required::Yes, "group", "Nhóm chỉ tiêu"));
    CONG_TRY(unit, line(input.unit, MAX_TARGET_UNIT_CHARS, core::Required::No, "unit", "Đơn vị tính"));
    CONG_TRY(office, line(input.office, MAX_TARGET_OFFICE_CHARS, core::Required::No, "office", "Đơn vị phụ trách"));
    target.code = std::move(code);
    target.name = std::move(name);
    target.group_name = std::move(group);
    target.unit = std::move(unit);
    target.office = std::move(office);
    target.kind = input.kind;

    if (input.kind == model::TargetKind::YesNo) {
        if (input.plan_value && *input.plan_value != 1.0)
            return Error{Errc::InvalidInput, "Chỉ tiêu dạng có/không có kế hoạch là 1 (hoàn thành)", "plan_value"};
        target.plan_value = 1.0;
    } else {
        if (!input.plan_value) return Error{Errc::InvalidInput, "Cần giá trị kế hoạch (plan_value)", "plan_value"};
        CONG_TRY(value, check_figure(*input.plan_value, "plan_value"));
        target.plan_value = value;
    }
    if (input.kind == model::TargetKind::WithinRange) {
        if (!input.plan_max)
            return Error{Errc::InvalidInput, "Chỉ tiêu dạng khoảng cần giá trị trên (plan_max)", "plan_max"};
        CONG_TRY(high, check_figure(*input.plan_max, "plan_max"));
        if (high < target.plan_value)
            return Error{Errc::InvalidInput, "Giá trị trên (plan_max) phải không nhỏ hơn giá trị dưới", "plan_max"};
        target.plan_max = high;
    } else if (input.plan_max) {
        return Error{Errc::InvalidInput, "Chỉ chỉ tiêu dạng khoảng (within_range) mới có plan_max", "plan_max"};
    }
    if (input.position && (*input.position < 0 || *input.position > 100000))
        return Error{Errc::InvalidInput, "Vị trí phải là số nguyên từ 0 đến 100000", "position"};
    return target;
}

void TargetService::changed(std::int64_t plan_id) {
    if (listener_) listener_->content_changed({plan_tag(plan_id)});
}

Result<model::TargetPlan> TargetService::create_plan(const PlanInput& input, const model::User& user,
                                                     std::string_view ip) {
    CONG_TRY_VOID(require_planner(user));
    CONG_TRY(plan, plan_from(input));
    plan.site_id = site_id_;
    plan.created_by = user.id > 0 ? std::optional<std::int64_t>(user.id) : std::nullopt;
    plan.created_at = core::now();
    auto created = db_.write([&](storage::Tx& tx) -> Result<model::TargetPlan> {
        CONG_TRY(existing, tx.targets().find_plan_by_slug(site_id_, plan.slug));
        if (existing) return Error{Errc::Conflict, "Địa chỉ kế hoạch \"" + plan.slug + "\" đã được dùng", "slug"};
        CONG_TRY(id, tx.targets().insert_plan(plan));
        plan.id = id;
        CONG_TRY_VOID(audit::record(tx, actor_of(user, ip),
                                    {"target_plan.create", "target_plan", plan.id, site_id_, plan.title}));
        return plan;
    });
    if (created) changed(created->id);
    return created;
}

Result<model::TargetPlan> TargetService::update_plan(std::int64_t plan_id, const PlanInput& input,
                                                     const model::User& user, std::string_view ip) {
    CONG_TRY_VOID(require_planner(user));
    CONG_TRY(fields, plan_from(input));
    auto updated = db_.write([&](storage::Tx& tx) -> Result<model::TargetPlan> {
        CONG_TRY(plan, plan_of_site(tx, plan_id));
        CONG_TRY(existing, tx.targets().find_plan_by_slug(site_id_, fields.slug));
        if (existing && existing->id != plan.id)
            return Error{Errc::Conflict, "Địa chỉ kế hoạch \"" + fields.slug + "\" đã được dùng", "slug"};
        // Figures already entered must stay inside the plan's year.
        if (fields.year != plan.year) {
            CONG_TRY(periods, tx.targets().reported_periods(plan.id));
            if (!periods.empty())
                return Error{Errc::Conflict, "Kế hoạch đã có số liệu của năm " + std::to_string(plan.year) +
                                                 " nên không đổi được năm", "year"};
        }
        std::string before = plan.title;
        plan.slug = fields.slug;
        plan.title = fields.title;
        plan.year = fields.year;
        plan.description = fields.description;
        plan.threshold_q1 = fields.threshold_q1;
        plan.threshold_6m = fields.threshold_6m;
        plan.threshold_9m = fields.threshold_9m;
        CONG_TRY_VOID(tx.targets().update_plan(plan));
        CONG_TRY_VOID(audit::record(
            tx, actor_of(user, ip),
            {"target_plan.update", "target_plan", plan.id, site_id_,
             plan.title + (before == plan.title ? "" : " (trước: " + before + ")") + "; ngưỡng " +
                 std::to_string(plan.threshold_q1) + "/" + std::to_string(plan.threshold_6m) + "/" +
                 std::to_string(plan.threshold_9m) + "%"}));
        return plan;
    });
    if (updated) changed(plan_id);
    return updated;
}

Result<std::vector<model::TargetPlan>> TargetService::list_plans() {
    return db_.read([&](storage::Tx& tx) { return tx.targets().list_plans(site_id_); });
}

Result<std::optional<model::TargetPlan>> TargetService::find_plan(std::int64_t plan_id) {
    return db_.read([&](storage::Tx& tx) -> Result<std::optional<model::TargetPlan>> {
        CONG_TRY(plan, tx.targets().find_plan(plan_id));
        if (plan && plan->site_id != site_id_) return std::optional<model::TargetPlan>{};
        return plan;
    });
}

Result<std::optional<model::TargetPlan>> TargetService::find_plan_by_slug(std::string_view slug) {
    return db_.read([&](storage::Tx& tx) { return tx.targets().find_plan_by_slug(site_id_, slug); });
}

Result<model::TargetPlan> TargetService::plan_of_site(storage::Tx& tx, std::int64_t plan_id) {
    CONG_TRY(plan, tx.targets().find_plan(plan_id));
    if (!plan || plan->site_id != site_id_) return Error{Errc::NotFound, "Không tìm thấy kế hoạch"};
    return std::move(*plan);
}

Result<std::optional<std::int64_t>> TargetService::office_named(storage::Tx& tx, const std::string& name,
                                                                const model::User& user, std::string_view ip) {
    if (name.empty()) return std::optional<std::int64_t>{};
    CONG_TRY(found, tx.targets().find_office_by_name(site_id_, name));
    if (found) return std::optional<std::int64_t>{found->id};
    CONG_TRY(offices, tx.targets().list_offices(site_id_));
    if (std::int64_t(offices.size()) >= MAX_OFFICES_PER_SITE)
        return Error{Errc::Unprocessable,
                     "Đã có tối đa " + std::to_string(MAX_OFFICES_PER_SITE) + " đơn vị phụ trách", "office"};
    CONG_TRY(id, tx.targets().insert_office(model::Office{0, site_id_, name}));
    CONG_TRY_VOID(audit::record(tx, actor_of(user, ip), {"office.create", "office", id, site_id_, name}));
    return std::optional<std::int64_t>{id};
}

Result<model::Target> TargetService::insert_target(storage::Tx& tx, const model::TargetPlan& plan,
                                                   model::Target target, std::optional<int> position,
                                                   const model::User& user, std::string_view ip) {
    CONG_TRY(count, tx.targets().count_targets(plan.id));
    if (count >= MAX_TARGETS_PER_PLAN)
        return Error{Errc::Unprocessable, "Kế hoạch đã có tối đa " + std::to_string(MAX_TARGETS_PER_PLAN) + " chỉ tiêu"};
    CONG_TRY(office_id, office_named(tx, target.office, user, ip));
    target.office_id = office_id;
    target.plan_id = plan.id;
    target.position = position.value_or(int(count) + 1);
    auto id = tx.targets().insert_target(target);
    if (!id && id.error().code == Errc::Conflict)
        return Error{Errc::Conflict, "Kế hoạch đã có chỉ tiêu mã \"" + target.code + "\"", "code"};
    if (!id) return id.error();
    target.id = *id;
    CONG_TRY_VOID(audit::record(tx, actor_of(user, ip),
                                {"target.create", "target", target.id, site_id_, plan.title + " / " + target_label(target)}));
    return target;
}

Result<model::Target> TargetService::replace_target(storage::Tx& tx, const model::Target& old, model::Target target,
                                                    std::optional<int> position, const model::User& user,
                                                    std::string_view ip) {
    CONG_TRY(office_id, office_named(tx, target.office, user, ip));
    target.office_id = office_id;
    target.id = old.id;
    target.plan_id = old.plan_id;
    target.position = position.value_or(old.position);
    auto updated = tx.targets().update_target(target);
    if (!updated && updated.error().code == Errc::Conflict)
        return Error{Errc::Conflict, "Kế hoạch đã có chỉ tiêu mã \"" + target.code + "\"", "code"};
    if (!updated) return updated.error();
    std::string detail = target_label(target);
    if (old.plan_value != target.plan_value)
        detail += "; kế hoạch " + figure_text(old.plan_value) + " → " + figure_text(target.plan_value);
    if (old.office != target.office) detail += "; đơn vị " + old.office + " → " + target.office;
    CONG_TRY_VOID(audit::record(tx, actor_of(user, ip), {"target.update", "target", target.id, site_id_, detail}));
    return target;
}

Result<model::Target> TargetService::add_target(std::int64_t plan_id, const TargetInput& input,
                                                const model::User& user, std::string_view ip) {
    CONG_TRY_VOID(require_planner(user));
    CONG_TRY(target, check_target_input(input));
    auto added = db_.write([&](storage::Tx& tx) -> Result<model::Target> {
        CONG_TRY(plan, plan_of_site(tx, plan_id));
        return insert_target(tx, plan, target, input.position, user, ip);
    });
    if (added) changed(plan_id);
    return added;
}

Result<model::Target> TargetService::update_target(std::int64_t target_id, const TargetInput& input,
                                                   const model::User& user, std::string_view ip) {
    CONG_TRY_VOID(require_planner(user));
    CONG_TRY(target, check_target_input(input));
    auto updated = db_.write([&](storage::Tx& tx) -> Result<model::Target> {
        CONG_TRY(old, tx.targets().find_target(target_id));
        if (!old) return Error{Errc::NotFound, "Không tìm thấy chỉ tiêu"};
        CONG_TRY(plan, plan_of_site(tx, old->plan_id));
        (void)plan;
        return replace_target(tx, *old, target, input.position, user, ip);
    });
    if (updated) changed(updated->plan_id);
    return updated;
}

Result<std::optional<model::Target>> TargetService::find_target(std::int64_t target_id) {
    return db_.read([&](storage::Tx& tx) -> Result<std::optional<model::Target>> {
        CONG_TRY(target, tx.targets().find_target(target_id));
        if (!target) return target;
        CONG_TRY(plan, tx.targets().find_plan(target->plan_id));
        if (!plan || plan->site_id != site_id_) return std::optional<model::Target>{};
        return target;
    });
}

Result<std::vector<model::Target>> TargetService::list_targets(std::int64_t plan_id) {
    return db_.read([&](storage::Tx& tx) -> Result<std::vector<model::Target>> {
        CONG_TRY(plan, plan_of_site(tx, plan_id));
        return tx.targets().list_targets(plan.id);
    });
}

Result<bool> TargetService::may_enter(storage::Tx& tx, const model::User& user, const model::Target& target) {
    if (user.role == model::Role::Admin || user.role == model::Role::Approver) return true;
    if (user.id <= 0) return false;
    CONG_TRY(office, tx.targets().office_of_user(user.id));
    if (!office) return true;
    return target.office_id == office;
}

Result<bool> TargetService::may_enter_figures(const model::User& user, const model::Target& target) {
    return db_.read([&](storage::Tx& tx) { return may_enter(tx, user, target); });
}

Result<model::TargetReport> TargetService::insert_report(storage::Tx& tx, const model::Target& target,
                                                         const model::TargetPlan& plan, model::TargetReport report,
                                                         const model::User& user, std::string_view ip) {
    CONG_TRY(allowed, may_enter(tx, user, target));
    if (!allowed)
        return Error{Errc::Forbidden, "Chỉ tiêu " + target.code + " thuộc " +
                                          (target.office.empty() ? std::string("đơn vị khác") : target.office) +
                                          "; bạn chỉ nhập số liệu cho chỉ tiêu của đơn vị mình"};
    CONG_TRY(period, parse_period(report.period));
    if (period.year != plan.year)
        return Error{Errc::InvalidInput, "Kỳ báo cáo phải thuộc năm " + std::to_string(plan.year) + " của kế hoạch",
                     "period"};
    if (target.kind == model::TargetKind::YesNo && report.value && *report.value != 0.0 && *report.value != 1.0)
        return Error{Errc::InvalidInput, "Chỉ tiêu dạng có/không nhận 1 (đã đạt) hoặc 0 (chưa đạt)", "value"};
    report.target_id = target.id;
    CONG_TRY(id, tx.targets().insert_report(report));
    report.id = id;
    CONG_TRY_VOID(audit::record(tx, actor_of(user, ip),
                                {"target_report.enter", "target", target.id, site_id_,
                                 target_label(target) + "; " + period.label() + ": " + figure_text(report.value)}));
    return report;
}

Result<model::TargetReport> TargetService::enter_report(std::int64_t target_id, const ReportInput& input,
                                                        const model::User& user, std::string_view ip) {
    CONG_TRY(period, parse_period(input.period));
    CONG_TRY(note, core::clean_text_field(input.note, MAX_REPORT_NOTE_CHARS, core::Required::No,
                                          core::LineBreaks::Allowed, "note", "Ghi chú"));
    model::TargetReport report;
    report.target_id = target_id;
    report.period = period.key();
    report.note = std::move(note);
    if (input.value) {
        CONG_TRY(value, check_figure(*input.value, "value"));
        report.value = value;
    }
    report.entered_by = user.id > 0 ? std::optional<std::int64_t>(user.id) : std::nullopt;
    report.entered_by_name = user.display_name.empty() ? user.login : user.display_name;
    report.entered_at = core::now();
    std::int64_t plan_id = 0;
    auto entered = db_.write([&](storage::Tx& tx) -> Result<model::TargetReport> {
        CONG_TRY(target, tx.targets().find_target(target_id));
        if (!target) return Error{Errc::NotFound, "Không tìm thấy chỉ tiêu"};
        CONG_TRY(plan, plan_of_site(tx, target->plan_id));
        plan_id = plan.id;
        return insert_report(tx, *target, plan, report, user, ip);
    });
    if (entered) changed(plan_id);
    return entered;
}

Result<std::vector<model::TargetReport>> TargetService::report_history(std::int64_t target_id,
                                                                       std::string_view period) {
    std::string key;
    if (!period.empty()) {
        CONG_TRY(parsed, parse_period(period));
        key = parsed.key();
    }
    return db_.read([&](storage::Tx& tx) -> Result<std::vector<model::TargetReport>> {
        CONG_TRY(target, tx.targets().find_target(target_id));
        if (!target) return Error{Errc::NotFound, "Không tìm thấy chỉ tiêu"};
        CONG_TRY(plan, plan_of_site(tx, target->plan_id));
        (void)plan;
        return tx.targets().report_history(target_id, key);
    });
}

Result<std::vector<model::Office>> TargetService::list_offices() {
    return db_.read([&](storage::Tx& tx) { return tx.targets().list_offices(site_id_); });
}

Result<model::Office> TargetService::create_office(std::string_view name, const model::User& user,
                                                   std::string_view ip) {
    CONG_TRY_VOID(require_planner(user));
    CONG_TRY(clean, line(name, MAX_OFFICE_NAME_CHARS, core::Required::Yes, "name", "Tên đơn vị"));
    return db_.write([&](storage::Tx& tx) -> Result<model::Office> {
        CONG_TRY(found, tx.targets().find_office_by_name(site_id_, clean));
        if (found) return Error{Errc::Conflict, "Đã có đơn vị \"" + clean + "\"", "name"};
        CONG_TRY(id, office_named(tx, clean, user, ip));
        return model::Office{*id, site_id_, clean};
    });
}

Result<void> TargetService::set_user_office(std::int64_t user_id, std::optional<std::int64_t> office_id,
                                            const model::User& admin, std::string_view ip) {
    if (admin.role != model::Role::Admin)
        return Error{Errc::Forbidden, "Chỉ quản trị viên mới xếp người dùng vào đơn vị"};
    return db_.write([&](storage::Tx& tx) -> Result<void> {
        CONG_TRY(account, tx.users().find_user(user_id));
        if (!account) return Error{Errc::NotFound, "Không tìm thấy người dùng", "user_id"};
        std::string detail = account->login + ": ";
        if (office_id) {
            CONG_TRY(office, tx.targets().find_office(*office_id));
            if (!office || office->site_id != site_id_)
                return Error{Errc::NotFound, "Không tìm thấy đơn vị", "office_id"};
            detail += office->name;
        } else {
            detail += "không thuộc đơn vị nào";
        }
        CONG_TRY_VOID(tx.targets().set_user_office(user_id, office_id));
        return audit::record(tx, actor_of(admin, ip), {"office.member", "user", user_id, site_id_, detail});
    });
}

Result<std::optional<model::Office>> TargetService::office_of(std::int64_t user_id) {
    return db_.read([&](storage::Tx& tx) -> Result<std::optional<model::Office>> {
        CONG_TRY(id, tx.targets().office_of_user(user_id));
        if (!id) return std::optional<model::Office>{};
        CONG_TRY(office, tx.targets().find_office(*id));
        if (office && office->site_id != site_id_) return std::optional<model::Office>{};
        return office;
    });
}

Result<std::vector<std::pair<std::int64_t, std::int64_t>>> TargetService::office_members() {
    return db_.read([&](storage::Tx& tx) { return tx.targets().office_members(site_id_); });
}

Result<std::vector<AccountOffice>> TargetService::account_offices(const model::User& admin) {
    if (admin.role != model::Role::Admin)
        return Error{Errc::Forbidden, "Chỉ quản trị viên mới xếp người dùng vào đơn vị"};
    return db_.read([&](storage::Tx& tx) -> Result<std::vector<AccountOffice>> {
        CONG_TRY(users, tx.users().list_users());
        CONG_TRY(members, tx.targets().office_members(site_id_));
        std::map<std::int64_t, std::int64_t> office_of_user(members.begin(), members.end());
        std::vector<AccountOffice> out;
        for (const auto& user : users) {
            AccountOffice account{user.id, user.login, user.display_name, user.role, user.disabled, std::nullopt};
            if (auto found = office_of_user.find(user.id); found != office_of_user.end())
                account.office_id = found->second;
            out.push_back(std::move(account));
        }
        return out;
    });
}

Result<PlanDashboard> TargetService::dashboard(std::int64_t plan_id, std::optional<std::string_view> period_key) {
    std::optional<Period> asked;
    if (period_key) {
        CONG_TRY(parsed, parse_period(*period_key));
        asked = parsed;
    }
    return db_.read([&](storage::Tx& tx) -> Result<PlanDashboard> {
        PlanDashboard board;
        CONG_TRY(plan, plan_of_site(tx, plan_id));
        board.plan = std::move(plan);
        CONG_TRY(keys, tx.targets().reported_periods(board.plan.id));
        for (const auto& key : keys) {
            auto parsed = parse_period(key);
            if (parsed) board.periods.push_back(*parsed);
        }
        std::sort(board.periods.begin(), board.periods.end());
        if (asked) {
            if (asked->year != board.plan.year)
                return Error{Errc::InvalidInput,
                             "Kỳ báo cáo phải thuộc năm " + std::to_string(board.plan.year) + " của kế hoạch",
                             "period"};
            board.period = *asked;
        } else if (!board.periods.empty()) {
            board.period = board.periods.back();
        } else {
            board.period = Period{PeriodKind::Quarter, board.plan.year, 1};
        }
        if (std::find(board.periods.begin(), board.periods.end(), board.period) == board.periods.end()) {
            board.periods.push_back(board.period);
            std::sort(board.periods.begin(), board.periods.end());
        }
        board.threshold = period_threshold(board.plan, board.period);

        CONG_TRY(targets, tx.targets().list_targets(board.plan.id));
        CONG_TRY(reports, tx.targets().current_reports(board.plan.id, board.period.key()));
        std::map<std::int64_t, model::TargetReport> by_target;
        for (auto& report : reports) by_target.emplace(report.target_id, std::move(report));
        for (auto& target : targets) {
            TargetRow row;
            if (auto found = by_target.find(target.id); found != by_target.end()) row.report = std::move(found->second);
            row.assessment = assess(target, row.report ? row.report->value : std::nullopt, board.threshold);
            auto group = std::find_if(board.groups.begin(), board.groups.end(),
                                      [&](const TargetGroup& g) { return g.name == target.group_name; });
            if (group == board.groups.end()) {
                board.groups.push_back(TargetGroup{target.group_name, {}, {}});
                group = std::prev(board.groups.end());
            }
            board.counts.add(row.assessment.standing);
            group->counts.add(row.assessment.standing);
            row.target = std::move(target);
            group->rows.push_back(std::move(row));
        }
        board.summary = summary_sentence(board.counts, board.threshold);

        // One query per period with figures: a plan has a handful (months, quarters, 6 and 9 months, the year).
        for (const auto& period : board.periods) {
            if (period == board.period) {
                board.trend.push_back({period, board.threshold, board.counts});
                continue;
            }
            PeriodCounts point{period, period_threshold(board.plan, period), {}};
            CONG_TRY(period_reports, tx.targets().current_reports(board.plan.id, period.key()));
            std::map<std::int64_t, std::optional<double>> figures;
            for (const auto& report : period_reports) figures[report.target_id] = report.value;
            for (const auto& group : board.groups) {
                for (const auto& row : group.rows) {
                    auto figure = figures.find(row.target.id);
                    point.counts.add(
                        assess(row.target, figure == figures.end() ? std::nullopt : figure->second, point.threshold)
                            .standing);
                }
            }
            board.trend.push_back(point);
        }
        return board;
    });
}

}  // namespace cong::targets
