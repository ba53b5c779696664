#include "admin/target_pages.hpp"

#include "admin/account_form.hpp"
#include "admin/session_shell.hpp"
#include "core/clock.hpp"
#include "core/vietnamese.hpp"
#include "media/multipart.hpp"
#include "site/target_views.hpp"
#include "targets/target_csv.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>
#include <map>
#include <memory>

namespace cong::admin {
namespace {

using core::Errc;
using core::Error;
using core::Result;

std::string plan_admin_path(std::int64_t id) { return std::string(TARGETS_ADMIN_PATH) + "/" + std::to_string(id); }
std::string target_admin_path(std::int64_t id) {
    return std::string(TARGETS_ADMIN_PATH) + "/muc/" + std::to_string(id);
}
std::string with_period(std::string path, std::string_view period) {
    if (!period.empty()) path += "?ky=" + http::percent_encode(period);
    return path;
}

std::optional<std::int64_t> parse_id(std::string_view text) {
    if (text.empty() || text.size() > 18) return std::nullopt;
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || value < 1) return std::nullopt;
    return value;
}

// An optional whole number typed in a form; empty is nullopt.
Result<std::optional<int>> parse_form_int(std::string_view text, std::string_view field, std::string_view label) {
    if (text.empty()) return std::optional<int>{};
    int value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.size() > 6 || error != std::errc{} || end != text.data() + text.size())
        return Error{Errc::InvalidInput, std::string(label) + " phải là một số nguyên", std::string(field)};
    return std::optional<int>{value};
}

std::string form(const http::Request& request, std::string_view name) {
    return http::urlencoded_value(request.body, name).value_or("");
}

bool is_planner(const model::User& user) {
    return user.role == model::Role::Admin || user.role == model::Role::Approver;
}

std::string_view kind_label(model::TargetKind kind) {
    switch (kind) {
        case model::TargetKind::HigherIsBetter:
            return "Càng cao càng tốt";
        case model::TargetKind::LowerIsBetter:
            return "Càng thấp càng tốt";
        case model::TargetKind::YesNo:
            return "Đạt / chưa đạt";
        case model::TargetKind::WithinRange:
            return "Trong khoảng";
    }
    return "";
}

// Every period of a year, in the order a select lists them: quarters and the cumulative spans, then months.
std::vector<targets::Period> periods_of(int year) {
    using K = targets::PeriodKind;
    std::vector<targets::Period> out{{K::Quarter, year, 1}, {K::SixMonths, year, 0}, {K::Quarter, year, 3},
                                     {K::NineMonths, year, 0}, {K::Quarter, year, 2}, {K::Quarter, year, 4},
                                     {K::Year, year, 0}};
    std::sort(out.begin(), out.end());
    for (int month = 1; month <= 12; ++month) out.push_back({K::Month, year, month});
    return out;
}

// A figure in a form field: every digit, with a decimal comma and no grouping ("1250,5", "1,234"), so that
// parse_form_figure reads it back unchanged and never takes it for thousands.
std::string figure_value(const std::optional<double>& value) {
    if (!value) return {};
    auto text = targets::csv_number(*value);
    std::replace(text.begin(), text.end(), '.', ',');
    return text;
}

struct TargetForm {
    std::string code, name, group, unit, kind = "higher_is_better", plan_value, plan_max, office;
};

TargetForm form_of(const model::Target& target) {
    return {target.code,
            target.name,
            target.group_name,
            target.unit,
            std::string(model::to_string(target.kind)),
            figure_value(target.plan_value),
            figure_value(target.plan_max),
            target.office};
}

TargetForm form_of(const http::Request& request) {
    return {form(request, "code"),       form(request, "name"),     form(request, "group"),
            form(request, "unit"),       form(request, "kind"),     form(request, "plan_value"),
            form(request, "plan_max"),   form(request, "office")};
}

Result<targets::TargetInput> input_of(const TargetForm& typed) {
    targets::TargetInput input{.code = typed.code,
                               .name = typed.name,
                               .group_name = typed.group,
                               .unit = typed.unit,
                               .office = typed.office};
    auto kind = model::parse_target_kind(typed.kind);
    if (!kind) return Error{Errc::InvalidInput, "Chọn cách đánh giá chỉ tiêu", "kind"};
    input.kind = *kind;
    CONG_TRY(plan_value, parse_form_figure(typed.plan_value, "plan_value"));
    CONG_TRY(plan_max, parse_form_figure(typed.plan_max, "plan_max"));
    input.plan_value = plan_value;
    input.plan_max = plan_max;
    return input;
}

void write_target_fields(render::HtmlWriter& html, const TargetForm& typed, const core::Error* error,
                         const std::vector<model::Office>& offices) {
    write_field(html, {.name = "code", .label = "Mã (số thứ tự trong nghị quyết)", .value = typed.code,
                       .error = field_error(error, "code"), .required = true,
                       .maxlength = int(targets::MAX_TARGET_CODE_CHARS)});
    write_field(html, {.name = "name", .label = "Tên chỉ tiêu", .value = typed.name,
                       .error = field_error(error, "name"), .required = true,
                       .maxlength = int(targets::MAX_TARGET_NAME_CHARS)});
    write_field(html, {.name = "group", .label = "Nhóm (Kinh tế; Văn hóa – xã hội; Môi trường; …)",
                       .value = typed.group, .error = field_error(error, "group"), .required = true,
                       .maxlength = int(targets::MAX_TARGET_GROUP_CHARS)});
    write_field(html, {.name = "unit", .label = "Đơn vị tính", .value = typed.unit, .error = field_error(error, "unit"),
                       .maxlength = int(targets::MAX_TARGET_UNIT_CHARS)});
    {
        auto field = html.scope("div", {{"class", "form-field"}});
        html.element("label", {{"for", "kind"}}, "Cách đánh giá");
        if (auto message = field_error(error, "kind"); !message.empty())
            html.element("span", {{"class", "field-error"}}, message);
        auto select = html.scope("select", {{"id", "kind"}, {"name", "kind"}});
        for (auto kind : {model::TargetKind::HigherIsBetter, model::TargetKind::LowerIsBetter,
                          model::TargetKind::YesNo, model::TargetKind::WithinRange}) {
            auto key = model::to_string(kind);
            html.element("option", {{"value", key}, {"selected", "", typed.kind == key}}, kind_label(kind));
        }
    }
    write_field(html, {.name = "plan_value", .label = "Kế hoạch năm (cận dưới nếu là khoảng)",
                       .value = typed.plan_value, .hint = "Số, dấu phẩy cho phần thập phân: 8,5",
                       .error = field_error(error, "plan_value"), .inputmode = "decimal", .maxlength = 40});
    write_field(html, {.name = "plan_max", .label = "Cận trên (chỉ với chỉ tiêu trong khoảng)",
                       .value = typed.plan_max, .error = field_error(error, "plan_max"), .inputmode = "decimal",
                       .maxlength = 40});
    // The office: one of the list, or a new name, which creates the office.
    auto field = html.scope("div", {{"class", "form-field"}});
    html.element("label", {{"for", "office"}}, "Đơn vị phụ trách");
    html.element("span", {{"class", "form-hint"}, {"id", "office-goi-y"}},
                 "Chọn trong danh sách hoặc gõ tên; một tên mới tạo đơn vị mới");
    auto message = field_error(error, "office");
    if (!message.empty()) html.element("span", {{"class", "field-error"}, {"id", "office-loi"}}, message);
    html.void_element("input", {{"id", "office"},
                                {"name", "office"},
                                {"type", "text"},
                                {"value", typed.office},
                                {"list", "don-vi-co-san"},
                                {"maxlength", std::to_string(targets::MAX_TARGET_OFFICE_CHARS)},
                                {"aria-invalid", "true", !message.empty()},
                                {"aria-describedby", message.empty() ? "office-goi-y" : "office-goi-y office-loi"}});
    auto list = html.scope("datalist", {{"id", "don-vi-co-san"}});
    for (const auto& office : offices) html.void_element("option", {{"value", office.name}});
}

void write_plan_fields(render::HtmlWriter& html, const targets::PlanInput& typed, const core::Error* error) {
    auto year = typed.year > 0 ? std::to_string(typed.year) : std::string();
    write_field(html, {.name = "title", .label = "Tên kế hoạch (nghị quyết)", .value = typed.title,
                       .error = field_error(error, "title"), .required = true,
                       .maxlength = int(targets::MAX_PLAN_TITLE_CHARS)});
    write_field(html, {.name = "slug", .label = "Địa chỉ (để trống: theo tên)", .value = typed.slug,
                       .error = field_error(error, "slug"), .maxlength = 200});
    write_field(html, {.name = "year", .label = "Năm", .value = year, .error = field_error(error, "year"),
                       .required = true, .inputmode = "numeric", .maxlength = 4});
    {
        auto field = html.scope("div", {{"class", "form-field"}});
        html.element("label", {{"for", "description"}}, "Mô tả");
        html.element("textarea", {{"id", "description"}, {"name", "description"}, {"rows", "3"},
                                  {"maxlength", std::to_string(targets::MAX_PLAN_DESCRIPTION_CHARS)}},
                     typed.description);
    }
    auto threshold = [](const std::optional<int>& value) { return value ? std::to_string(*value) : std::string(); };
    auto q1 = threshold(typed.threshold_q1);
    auto six = threshold(typed.threshold_6m);
    auto nine = threshold(typed.threshold_9m);
    write_field(html, {.name = "threshold_q1", .label = "Ngưỡng quý I (%)", .value = q1,
                       .hint = "Để trống: 25", .error = field_error(error, "threshold_q1"), .inputmode = "numeric",
                       .maxlength = 3});
    write_field(html, {.name = "threshold_6m", .label = "Ngưỡng 6 tháng (%)", .value = six,
                       .hint = "Để trống: 50", .error = field_error(error, "threshold_6m"), .inputmode = "numeric",
                       .maxlength = 3});
    write_field(html, {.name = "threshold_9m", .label = "Ngưỡng 9 tháng (%)", .value = nine,
                       .hint = "Để trống: 75", .error = field_error(error, "threshold_9m"), .inputmode = "numeric",
                       .maxlength = 3});
}

Result<targets::PlanInput> plan_input_of(const http::Request& request) {
    targets::PlanInput input{.title = form(request, "title"),
                             .slug = form(request, "slug"),
                             .description = form(request, "description")};
    CONG_TRY(year, parse_form_int(form(request, "year"), "year", "Năm"));
    input.year = year.value_or(0);
    CONG_TRY(q1, parse_form_int(form(request, "threshold_q1"), "threshold_q1", "Ngưỡng quý I"));
    CONG_TRY(six, parse_form_int(form(request, "threshold_6m"), "threshold_6m", "Ngưỡng 6 tháng"));
    CONG_TRY(nine, parse_form_int(form(request, "threshold_9m"), "threshold_9m", "Ngưỡng 9 tháng"));
    input.threshold_q1 = q1;
    input.threshold_6m = six;
    input.threshold_9m = nine;
    return input;
}

targets::PlanInput input_of(const model::TargetPlan& plan) {
    return {.title = plan.title,
            .slug = plan.slug,
            .year = plan.year,
            .description = plan.description,
            .threshold_q1 = plan.threshold_q1,
            .threshold_6m = plan.threshold_6m,
            .threshold_9m = plan.threshold_9m};
}

void submit(render::HtmlWriter& html, std::string_view label) {
    auto actions = html.scope("div", {{"class", "form-actions"}});
    html.element("button", {{"type", "submit"}, {"class", "button"}}, label);
}

// The entry form of one target for one period: inside the plan's table row and on the target's page.
void write_entry_form(render::HtmlWriter& html, const AdminContext& context, const model::Target& target,
                      const std::optional<model::TargetReport>& current, std::string_view period, bool compact) {
    auto form = html.scope("form", {{"method", "post"},
                                    {"action", target_admin_path(target.id) + "/so-lieu"},
                                    {"class", compact ? "inline-form" : "entry-form"}});
    html.trusted(csrf_field(context));
    html.void_element("input", {{"type", "hidden"}, {"name", "ky"}, {"value", period}});
    std::string value_id = "so-lieu-" + std::to_string(target.id);
    std::string note_id = "ghi-chu-" + std::to_string(target.id);
    auto value = figure_value(current ? current->value : std::nullopt);
    // In the table the column heads say what the fields are; aria-label says it to a screen reader.
    std::string value_label =
        "Số liệu của chỉ tiêu " + target.code + (target.unit.empty() ? "" : " (" + target.unit + ")");
    std::string note_label = "Ghi chú của chỉ tiêu " + target.code;
    if (!compact) html.element("label", {{"for", value_id}}, value_label);
    html.void_element("input", {{"id", value_id},
                                {"name", "value"},
                                {"type", "text"},
                                {"value", value},
                                {"inputmode", "decimal"},
                                {"maxlength", "40"},
                                {"size", "10"},
                                {"aria-label", value_label, compact}});
    if (!compact) html.element("label", {{"for", note_id}}, note_label);
    html.void_element("input", {{"id", note_id},
                                {"name", "note"},
                                {"type", "text"},
                                {"value", current ? std::string_view(current->note) : std::string_view()},
                                {"maxlength", std::to_string(targets::MAX_REPORT_NOTE_CHARS)},
                                {"aria-label", note_label, compact}});
    html.element("button", {{"type", "submit"}, {"class", "button"}}, "Lưu");
}

void write_problems(render::HtmlWriter& html, const core::Error& error) {
    auto alert = html.scope("div", {{"class", "notice notice-error"}, {"role", "alert"}});
    html.element("p", error.code == Errc::Forbidden ? "Bạn không có quyền nhập các dòng sau; chưa dòng nào được nhập:"
                                                    : "Chưa dòng nào được nhập. Hãy sửa rồi tải lại tệp:");
    auto list = html.scope("ul");
    std::string_view rest = error.detail;
    while (!rest.empty()) {
        auto end = rest.find('\n');
        html.element("li", rest.substr(0, end));
        rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    }
}

http::Response csv_download(std::string body, const std::string& filename) {
    http::Response response;
    response.content_type = "text/csv; charset=utf-8";
    response.body = std::move(body);
    response.cache_control = "no-store";
    response.header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
    return response;
}

}  // namespace

Result<std::optional<double>> parse_form_figure(std::string_view text, std::string_view field) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    if (text.empty()) return std::optional<double>{};
    bool comma = text.find(',') != std::string_view::npos;
    auto dot = text.find('.');
    // "1.200" reads as 1,2 to a program and as 1200 to a Vietnamese reader: ask rather than guess.
    if (!comma && dot != std::string_view::npos && text.find('.', dot + 1) == std::string_view::npos &&
        text.size() - dot - 1 == 3 && !text.starts_with("0.") && !text.starts_with("-0."))
        return Error{Errc::InvalidInput,
                     "Không rõ \"" + std::string(text) + "\" là số nghìn hay số thập phân: viết 1200 hoặc 1,2",
                     std::string(field)};
    auto value = targets::parse_csv_number(text, comma || (dot != std::string_view::npos &&
                                                            text.find('.', dot + 1) != std::string_view::npos)
                                                     ? ';'
                                                     : ',');
    if (!value)
        return Error{Errc::InvalidInput, "Không phải là số (ví dụ 1250,5)", std::string(field)};
    return std::optional<double>{*value};
}

http::Response TargetAdminPages::not_found(const AdminContext& context, std::string_view what) {
    render::HtmlWriter html;
    html.element("h1", "Không tìm thấy " + std::string(what));
    html.element("a", {{"href", TARGETS_ADMIN_PATH}}, "Quay lại danh sách kế hoạch");
    return shell.page(context, {.title = "Không tìm thấy " + std::string(what),
                                .active_href = std::string(TARGETS_ADMIN_PATH),
                                .main = render::TrustedHtml(html.take()),
                                .status = 404});
}

http::Response TargetAdminPages::show_plans(const http::Request& request, const AdminContext& context) {
    std::string flash;
    if (request.query_param("da-luu")) flash = "Đã lưu.";
    return plans_page(context, nullptr, flash, 200);
}

http::Response TargetAdminPages::plans_page(const AdminContext& context, const core::Error* error,
                                            std::string_view flash, int status) {
    render::HtmlWriter html;
    html.element("h1", "Chỉ tiêu kinh tế - xã hội");
    auto plans = targets.list_plans();
    auto offices = targets.list_offices();
    auto own = targets.office_of(context.user.id);
    if (!plans || !offices || !own) {
        core::Error failed = !plans ? plans.error() : !offices ? offices.error() : own.error();
        write_form_error(html, &failed, false);
        return shell.page(context, {.title = "Chỉ tiêu kinh tế - xã hội",
                                    .active_href = std::string(TARGETS_ADMIN_PATH),
                                    .main = render::TrustedHtml(html.take()),
                                    .status = core::errc_status(failed.code)});
    }
    if (*own && context.user.role == model::Role::Editor)
        html.element("p", "Bạn nhập số liệu cho các chỉ tiêu của " + (*own)->name + ".");
    write_form_error(html, error, false);
    if (plans->empty()) {
        html.element("p", "Chưa có kế hoạch nào.");
    } else {
        auto table = html.scope("table", {{"class", "data"}});
        html.element("caption", "Các kế hoạch, năm mới nhất trước");
        {
            auto head = html.scope("thead");
            auto row = html.scope("tr");
            html.element("th", {{"scope", "col"}}, "Kế hoạch");
            html.element("th", {{"scope", "col"}}, "Năm");
            html.element("th", {{"scope", "col"}}, "Trang công khai");
        }
        auto body = html.scope("tbody");
        for (const auto& plan : *plans) {
            auto row = html.scope("tr");
            {
                auto cell = html.scope("th", {{"scope", "row"}});
                html.element("a", {{"href", plan_admin_path(plan.id)}}, plan.title);
            }
            html.element("td", std::to_string(plan.year));
            auto cell = html.scope("td");
            html.element("a", {{"href", site::plan_path(plan)}}, site::plan_path(plan));
        }
    }
    if (is_planner(context.user)) {
        {
            auto section = html.scope("section", {{"aria-labelledby", "ke-hoach-moi"}});
            html.element("h2", {{"id", "ke-hoach-moi"}}, "Lập kế hoạch mới");
            auto form = html.scope("form", {{"method", "post"}, {"action", TARGETS_ADMIN_PATH}});
            html.trusted(csrf_field(context));
            write_plan_fields(html, {}, nullptr);
            submit(html, "Tạo kế hoạch");
        }
        auto section = html.scope("section", {{"aria-labelledby", "don-vi"}});
        html.element("h2", {{"id", "don-vi"}}, "Đơn vị phụ trách");
        if (offices->empty()) {
            html.element("p", "Chưa có đơn vị nào.");
        } else {
            auto list = html.scope("ul");
            for (const auto& office : *offices) html.element("li", office.name);
        }
        auto form = html.scope("form", {{"method", "post"}, {"action", std::string(TARGETS_ADMIN_PATH) + "/don-vi"}});
        html.trusted(csrf_field(context));
        write_field(html, {.name = "office_name", .label = "Tên đơn vị mới", .error = field_error(error, "name"),
                           .required = true, .maxlength = int(targets::MAX_OFFICE_NAME_CHARS)});
        submit(html, "Thêm đơn vị");
    }
    if (context.user.role == model::Role::Admin) {
        auto accounts = targets.account_offices(context.user);
        auto section = html.scope("section", {{"aria-labelledby", "thanh-vien"}});
        html.element("h2", {{"id", "thanh-vien"}}, "Người nhập số liệu theo đơn vị");
        html.element("p", "Biên tập viên thuộc một đơn vị chỉ nhập được số liệu của chỉ tiêu do đơn vị đó phụ trách; "
                          "người duyệt và quản trị viên nhập được mọi chỉ tiêu.");
        if (accounts) {
            auto table = html.scope("table", {{"class", "data"}});
            {
                auto head = html.scope("thead");
                auto row = html.scope("tr");
                html.element("th", {{"scope", "col"}}, "Tài khoản");
                html.element("th", {{"scope", "col"}}, "Vai trò");
                html.element("th", {{"scope", "col"}}, "Đơn vị");
            }
            auto body = html.scope("tbody");
            for (const auto& account : *accounts) {
                auto row = html.scope("tr");
                html.element("th", {{"scope", "row"}},
                             account.display_name.empty() ? account.login
                                                          : account.display_name + " (" + account.login + ")");
                html.element("td", role_label(account.role));
                auto cell = html.scope("td");
                auto member_form = html.scope(
                    "form", {{"method", "post"}, {"action", std::string(TARGETS_ADMIN_PATH) + "/don-vi/thanh-vien"}});
                html.trusted(csrf_field(context));
                auto user_id = std::to_string(account.user_id);
                html.void_element("input", {{"type", "hidden"}, {"name", "user_id"}, {"value", user_id}});
                std::string select_id = "don-vi-" + user_id;
                std::string select_label = "Đơn vị của " + account.login;
                {
                    auto select = html.scope("select",
                                             {{"id", select_id}, {"name", "office_id"}, {"aria-label", select_label}});
                    html.element("option", {{"value", ""}, {"selected", "", !account.office_id}}, "— Không thuộc đơn vị —");
                    for (const auto& office : *offices) {
                        auto id = std::to_string(office.id);
                        html.element("option", {{"value", id}, {"selected", "", account.office_id == office.id}},
                                     office.name);
                    }
                }
                html.element("button", {{"type", "submit"}, {"class", "button"}}, "Lưu");
            }
        }
    }
    return shell.page(context, {.title = "Chỉ tiêu kinh tế - xã hội",
                                .active_href = std::string(TARGETS_ADMIN_PATH),
                                .main = render::TrustedHtml(html.take()),
                                .flash = std::string(flash),
                                .status = status});
}

http::Response TargetAdminPages::create_plan(const http::Request& request, const AdminContext& context) {
    auto input = plan_input_of(request);
    Result<model::TargetPlan> plan = input ? targets.create_plan(*input, context.user, context.ip)
                                           : Result<model::TargetPlan>(input.error());
    if (plan) return http::Response::redirect(plan_admin_path(plan->id) + "?da-luu=1");
    core::Error error = plan.error();
    return plans_page(context, &error, "", core::errc_status(error.code));
}

http::Response TargetAdminPages::show_plan(const http::Request& request, const AdminContext& context) {
    auto id = parse_id(request.param("id"));
    if (!id) return not_found(context, "kế hoạch");
    std::string flash;
    if (request.query_param("da-luu")) flash = "Đã lưu.";
    if (auto imported = request.query_param("da-nhap")) flash = "Đã nhập tệp CSV: " + *imported + ".";
    return plan_page(context, *id, request.query_param("ky").value_or(""), nullptr, flash, 200);
}

http::Response TargetAdminPages::plan_page(const AdminContext& context, std::int64_t plan_id, std::string_view period,
                                           const core::Error* error, std::string_view flash, int status) {
    auto board = targets.dashboard(plan_id, period.empty() ? std::nullopt : std::optional<std::string_view>(period));
    if (!board && board.error().code == Errc::InvalidInput) board = targets.dashboard(plan_id, std::nullopt);
    if (!board && board.error().code == Errc::NotFound) return not_found(context, "kế hoạch");
    render::HtmlWriter html;
    if (!board) {
        core::Error failed = board.error();
        write_form_error(html, &failed, false);
        return shell.page(context, {.title = "Kế hoạch",
                                    .active_href = std::string(TARGETS_ADMIN_PATH),
                                    .main = render::TrustedHtml(html.take()),
                                    .status = core::errc_status(failed.code)});
    }
    const auto& plan = board->plan;
    const std::string key = board->period.key();
    const bool planner = is_planner(context.user);
    html.element("h1", plan.title);
    {
        auto nav = html.scope("p");
        html.element("a", {{"href", TARGETS_ADMIN_PATH}}, "‹ Các kế hoạch");
        html.text(" · ");
        html.element("a", {{"href", site::plan_path(plan, &board->period)}}, "Xem trang công khai");
    }
    if (error && error->field == "csv") write_problems(html, *error);
    else write_form_error(html, error, false);
    {
        auto choose = html.scope("form", {{"method", "get"}, {"action", plan_admin_path(plan.id)}, {"class", "filters"}});
        html.element("label", {{"for", "ky"}}, "Kỳ báo cáo");
        {
            auto select = html.scope("select", {{"id", "ky"}, {"name", "ky"}});
            for (const auto& option : periods_of(plan.year)) {
                auto option_key = option.key();
                html.element("option", {{"value", option_key}, {"selected", "", option == board->period}},
                             option.label());
            }
        }
        html.element("button", {{"type", "submit"}, {"class", "button"}}, "Xem");
    }
    html.element("p", {{"class", "summary"}}, board->period.label() + ": " + board->summary + ".");
    {
        auto links = html.scope("p");
        html.element("a", {{"href", plan_admin_path(plan.id) + "/chi-tieu.csv"}, {"download", ""}},
                     "Tải danh sách chỉ tiêu (CSV)");
        html.text(" · ");
        html.element("a", {{"href", with_period(plan_admin_path(plan.id) + "/so-lieu.csv", key)}, {"download", ""}},
                     "Tải số liệu " + board->period.label() + " (CSV)");
    }
    std::map<std::int64_t, bool> allowed;
    for (const auto& group : board->groups) {
        auto section = html.scope("section");
        html.element("h2", group.name);
        auto table = html.scope("table", {{"class", "data"}});
        {
            auto head = html.scope("thead");
            auto row = html.scope("tr");
            for (auto label : {"Mã", "Chỉ tiêu", "Đơn vị phụ trách", "Kế hoạch", "Số liệu", "Đánh giá", "Nhập số liệu"})
                html.element("th", {{"scope", "col"}}, label);
        }
        auto body = html.scope("tbody");
        for (const auto& row : group.rows) {
            const auto& target = row.target;
            auto line = html.scope("tr", {{"id", "muc-" + std::to_string(target.id)}});
            html.element("td", target.code);
            {
                auto cell = html.scope("th", {{"scope", "row"}});
                html.element("a", {{"href", with_period(target_admin_path(target.id), key)}}, target.name);
            }
            html.element("td", target.office.empty() ? std::string("—") : target.office);
            const std::string unit = target.unit.empty() ? std::string() : " " + target.unit;
            html.element("td", site::format_plan_value(target) + unit);
            {
                auto cell = html.scope("td");
                if (row.report && row.report->value) html.text(site::format_figure(*row.report->value) + unit);
                else html.text("—");
                if (row.report && !row.report->note.empty()) {
                    html.void_element("br");
                    html.element("small", row.report->note);
                }
            }
            html.element("td", targets::standing_label(row.assessment.standing));
            auto cell = html.scope("td");
            auto may = targets.may_enter_figures(context.user, target);
            if (may && *may) write_entry_form(html, context, target, row.report, key, true);
            else html.element("span", {{"class", "muted"}}, "Đơn vị khác nhập");
        }
    }
    {
        auto section = html.scope("section", {{"aria-labelledby", "nhap-csv"}});
        html.element("h2", {{"id", "nhap-csv"}}, "Nhập từ tệp CSV");
        html.element("p", "Tệp CSV UTF-8 (Excel: \"CSV UTF-8\"), phân cách bằng dấu phẩy hoặc dấu chấm phẩy, dòng đầu "
                          "là tên cột. Số liệu: cột code, value, note. Chỉ tiêu: code, name, group, unit, kind, "
                          "plan_value, plan_max, office. Có dòng sai thì không dòng nào được nhập.");
        auto upload = html.scope("form", {{"method", "post"},
                                          {"action", plan_admin_path(plan.id) + "/nhap-csv"},
                                          {"enctype", "multipart/form-data"}});
        html.trusted(csrf_field(context));
        html.void_element("input", {{"type", "hidden"}, {"name", "ky"}, {"value", key}});
        {
            auto field = html.scope("fieldset");
            html.element("legend", "Tệp chứa");
            html.void_element("input", {{"type", "radio"}, {"id", "loai-so-lieu"}, {"name", "loai"}, {"value", "so-lieu"},
                                        {"checked", ""}});
            html.element("label", {{"for", "loai-so-lieu"}}, "Số liệu " + board->period.label());
            if (planner) {
                html.void_element("input",
                                  {{"type", "radio"}, {"id", "loai-chi-tieu"}, {"name", "loai"}, {"value", "chi-tieu"}});
                html.element("label", {{"for", "loai-chi-tieu"}}, "Danh sách chỉ tiêu (thêm mới hoặc sửa theo mã)");
            }
        }
        {
            auto field = html.scope("div", {{"class", "form-field"}});
            html.element("label", {{"for", "file"}}, "Tệp CSV (tối đa 2 MB)");
            html.void_element("input", {{"id", "file"}, {"name", "file"}, {"type", "file"},
                                        {"accept", ".csv,text/csv"}, {"required", ""}});
        }
        submit(html, "Nhập tệp");
    }
    if (planner) {
        auto offices = targets.list_offices();
        {
            auto section = html.scope("section", {{"aria-labelledby", "them-chi-tieu"}});
            html.element("h2", {{"id", "them-chi-tieu"}}, "Thêm chỉ tiêu");
            auto form = html.scope("form", {{"method", "post"}, {"action", plan_admin_path(plan.id) + "/muc"}});
            html.trusted(csrf_field(context));
            write_target_fields(html, {}, nullptr, offices ? *offices : std::vector<model::Office>{});
            submit(html, "Thêm chỉ tiêu");
        }
        auto section = html.scope("section", {{"aria-labelledby", "sua-ke-hoach"}});
        html.element("h2", {{"id", "sua-ke-hoach"}}, "Sửa kế hoạch");
        auto form = html.scope("form", {{"method", "post"}, {"action", plan_admin_path(plan.id)}});
        html.trusted(csrf_field(context));
        write_plan_fields(html, input_of(plan), error && error->field != "csv" ? error : nullptr);
        submit(html, "Lưu kế hoạch");
    }
    return shell.page(context, {.title = plan.title,
                                .active_href = std::string(TARGETS_ADMIN_PATH),
                                .main = render::TrustedHtml(html.take()),
                                .flash = std::string(flash),
                                .status = status});
}

http::Response TargetAdminPages::update_plan(const http::Request& request, const AdminContext& context) {
    auto id = parse_id(request.param("id"));
    if (!id) return not_found(context, "kế hoạch");
    auto input = plan_input_of(request);
    Result<model::TargetPlan> plan = input ? targets.update_plan(*id, *input, context.user, context.ip)
                                           : Result<model::TargetPlan>(input.error());
    if (plan) return http::Response::redirect(plan_admin_path(*id) + "?da-luu=1");
    core::Error error = plan.error();
    if (error.code == Errc::NotFound) return not_found(context, "kế hoạch");
    return plan_page(context, *id, "", &error, "", core::errc_status(error.code));
}

http::Response TargetAdminPages::add_target(const http::Request& request, const AdminContext& context) {
    auto id = parse_id(request.param("id"));
    if (!id) return not_found(context, "kế hoạch");
    auto input = input_of(form_of(request));
    Result<model::Target> target = input ? targets.add_target(*id, *input, context.user, context.ip)
                                         : Result<model::Target>(input.error());
    if (target) return http::Response::redirect(plan_admin_path(*id) + "?da-luu=1#muc-" + std::to_string(target->id));
    core::Error error = target.error();
    if (error.code == Errc::NotFound) return not_found(context, "kế hoạch");
    return plan_page(context, *id, "", &error, "", core::errc_status(error.code));
}

http::Response TargetAdminPages::show_target(const http::Request& request, const AdminContext& context) {
    auto id = parse_id(request.param("id"));
    if (!id) return not_found(context, "chỉ tiêu");
    return target_page(context, *id, request.query_param("ky").value_or(""), nullptr, 200);
}

http::Response TargetAdminPages::target_page(const AdminContext& context, std::int64_t target_id,
                                             std::string_view period, const core::Error* error, int status) {
    auto found = targets.find_target(target_id);
    if (!found || !*found) return not_found(context, "chỉ tiêu");
    const model::Target& target = **found;
    auto board = targets.dashboard(target.plan_id,
                                   period.empty() ? std::nullopt : std::optional<std::string_view>(period));
    if (!board) board = targets.dashboard(target.plan_id, std::nullopt);
    if (!board) return not_found(context, "kế hoạch");
    auto history = targets.report_history(target_id, "");
    std::optional<model::TargetReport> current;
    for (const auto& group : board->groups)
        for (const auto& row : group.rows)
            if (row.target.id == target_id) current = row.report;
    const std::string key = board->period.key();

    render::HtmlWriter html;
    html.element("h1", target.code + ". " + target.name);
    {
        auto nav = html.scope("p");
        html.element("a", {{"href", with_period(plan_admin_path(target.plan_id), key) + "#muc-" +
                                        std::to_string(target.id)}},
                     "‹ " + board->plan.title);
    }
    write_form_error(html, error, false);
    html.element("p", "Kế hoạch: " + site::format_plan_value(target) + (target.unit.empty() ? "" : " " + target.unit) +
                          " · " + std::string(kind_label(target.kind)) +
                          " · Đơn vị phụ trách: " + (target.office.empty() ? std::string("—") : target.office));
    auto may = targets.may_enter_figures(context.user, target);
    {
        auto section = html.scope("section", {{"aria-labelledby", "nhap-so-lieu"}});
        html.element("h2", {{"id", "nhap-so-lieu"}}, "Số liệu " + board->period.label());
        if (may && *may) write_entry_form(html, context, target, current, key, false);
        else html.element("p", "Chỉ tiêu này do " + (target.office.empty() ? std::string("đơn vị khác") : target.office) +
                                   " nhập số liệu.");
    }
    {
        auto section = html.scope("section", {{"aria-labelledby", "lich-su"}});
        html.element("h2", {{"id", "lich-su"}}, "Lịch sử số liệu");
        if (!history || history->empty()) {
            html.element("p", "Chưa có số liệu nào.");
        } else {
            auto table = html.scope("table", {{"class", "data"}});
            html.element("caption", "Mọi lần nhập, mới nhất trước; lần mới nhất của mỗi kỳ là số liệu đang dùng");
            {
                auto head = html.scope("thead");
                auto row = html.scope("tr");
                for (auto label : {"Kỳ", "Số liệu", "Ghi chú", "Người nhập", "Lúc nhập"})
                    html.element("th", {{"scope", "col"}}, label);
            }
            auto body = html.scope("tbody");
            for (const auto& entry : *history) {
                auto row = html.scope("tr");
                auto parsed = targets::parse_period(entry.period);
                html.element("td", parsed ? parsed->label() : entry.period);
                html.element("td", entry.value ? site::format_figure(*entry.value) : std::string("chưa đánh giá"));
                html.element("td", entry.note);
                html.element("td", entry.entered_by_name);
                html.element("td", core::format_vi_date_time(entry.entered_at));
            }
        }
    }
    if (is_planner(context.user)) {
        auto offices = targets.list_offices();
        auto section = html.scope("section", {{"aria-labelledby", "sua-chi-tieu"}});
        html.element("h2", {{"id", "sua-chi-tieu"}}, "Sửa chỉ tiêu");
        auto form = html.scope("form", {{"method", "post"}, {"action", target_admin_path(target.id)}});
        html.trusted(csrf_field(context));
        html.void_element("input", {{"type", "hidden"}, {"name", "ky"}, {"value", key}});
        write_target_fields(html, form_of(target), error, offices ? *offices : std::vector<model::Office>{});
        submit(html, "Lưu chỉ tiêu");
    }
    return shell.page(context, {.title = target.code + ". " + target.name,
                                .active_href = std::string(TARGETS_ADMIN_PATH),
                                .main = render::TrustedHtml(html.take()),
                                .status = status});
}

http::Response TargetAdminPages::update_target(const http::Request& request, const AdminContext& context) {
    auto id = parse_id(request.param("id"));
    if (!id) return not_found(context, "chỉ tiêu");
    auto input = input_of(form_of(request));
    Result<model::Target> target = input ? targets.update_target(*id, *input, context.user, context.ip)
                                         : Result<model::Target>(input.error());
    std::string period = form(request, "ky");
    if (target) return http::Response::redirect(with_period(target_admin_path(*id), period));
    core::Error error = target.error();
    return target_page(context, *id, period, &error, core::errc_status(error.code));
}

http::Response TargetAdminPages::enter_figure(const http::Request& request, const AdminContext& context) {
    auto id = parse_id(request.param("id"));
    if (!id) return not_found(context, "chỉ tiêu");
    std::string period = form(request, "ky");
    auto value = parse_form_figure(form(request, "value"), "value");
    Result<model::TargetReport> report =
        value ? targets.enter_report(*id, {.period = period, .value = *value, .note = form(request, "note")},
                                     context.user, context.ip)
              : Result<model::TargetReport>(value.error());
    if (report) {
        auto target = targets.find_target(*id);
        if (target && *target)
            return http::Response::redirect(with_period(plan_admin_path((*target)->plan_id), period) +
                                            (period.empty() ? "?" : "&") + "da-luu=1#muc-" + std::to_string(*id));
        return http::Response::redirect(std::string(TARGETS_ADMIN_PATH));
    }
    core::Error error = report.error();
    if (error.code == Errc::NotFound) return not_found(context, "chỉ tiêu");
    return target_page(context, *id, period, &error, core::errc_status(error.code));
}

http::Response TargetAdminPages::import_csv(const http::Request& request, const AdminContext& context) {
    auto id = parse_id(request.param("id"));
    if (!id) return not_found(context, "kế hoạch");
    auto parts = media::parse_multipart(request.header("Content-Type").value_or(""), request.body);
    std::string period;
    auto refuse = [&](core::Error error) {
        if (error.code == Errc::NotFound) return not_found(context, "kế hoạch");
        return plan_page(context, *id, period, &error, "", core::errc_status(error.code));
    };
    if (!parts) return refuse(parts.error());
    const auto* kind = media::find_form_part(*parts, "loai");
    const auto* file = media::find_form_part(*parts, "file");
    if (const auto* ky = media::find_form_part(*parts, "ky")) period = std::string(ky->data);
    if (!file || file->data.empty()) return refuse({Errc::InvalidInput, "Chưa chọn tệp CSV", "file"});
    bool target_file = kind && kind->data == "chi-tieu";
    auto summary = target_file ? targets.import_targets_csv(*id, file->data, context.user, context.ip)
                               : targets.import_reports_csv(*id, period, file->data, context.user, context.ip);
    if (!summary) return refuse(summary.error());
    std::string done = std::to_string(summary->created) + " mới, " +
                       (target_file ? std::to_string(summary->updated) + " sửa, " : std::string()) +
                       std::to_string(summary->unchanged) + " không đổi";
    return http::Response::redirect(with_period(plan_admin_path(*id), period) + (period.empty() ? "?" : "&") +
                                    "da-nhap=" + http::percent_encode(done));
}

http::Response TargetAdminPages::export_targets_csv(const http::Request& request, const AdminContext& context) {
    auto id = parse_id(request.param("id"));
    auto plan = id ? targets.find_plan(*id) : Result<std::optional<model::TargetPlan>>(std::nullopt);
    if (!plan || !*plan) return not_found(context, "kế hoạch");
    auto csv = targets.export_targets_csv(*id);
    if (!csv) return not_found(context, "kế hoạch");
    return csv_download(std::move(*csv), "chi-tieu-" + (*plan)->slug + ".csv");
}

http::Response TargetAdminPages::export_reports_csv(const http::Request& request, const AdminContext& context) {
    auto id = parse_id(request.param("id"));
    auto plan = id ? targets.find_plan(*id) : Result<std::optional<model::TargetPlan>>(std::nullopt);
    if (!plan || !*plan) return not_found(context, "kế hoạch");
    std::string period = request.query_param("ky").value_or("");
    auto board = targets.dashboard(*id, period.empty() ? std::nullopt : std::optional<std::string_view>(period));
    if (!board) {
        core::Error error = board.error();
        return plan_page(context, *id, "", &error, "", core::errc_status(error.code));
    }
    auto csv = targets.export_reports_csv(*id, board->period.key());
    if (!csv) {
        core::Error error = csv.error();
        return plan_page(context, *id, "", &error, "", core::errc_status(error.code));
    }
    return csv_download(std::move(*csv), "so-lieu-" + (*plan)->slug + "-" + board->period.key() + ".csv");
}

http::Response TargetAdminPages::create_office(const http::Request& request, const AdminContext& context) {
    auto office = targets.create_office(form(request, "office_name"), context.user, context.ip);
    if (office) return http::Response::redirect(std::string(TARGETS_ADMIN_PATH) + "?da-luu=1#don-vi");
    core::Error error = office.error();
    return plans_page(context, &error, "", core::errc_status(error.code));
}

http::Response TargetAdminPages::set_member(const http::Request& request, const AdminContext& context) {
    auto user_id = parse_id(form(request, "user_id"));
    std::string office_text = form(request, "office_id");
    std::optional<std::int64_t> office_id;
    if (!office_text.empty()) office_id = parse_id(office_text);
    Result<void> done = !user_id ? Result<void>(Error{Errc::NotFound, "Không tìm thấy người dùng"})
                        : (!office_text.empty() && !office_id)
                            ? Result<void>(Error{Errc::NotFound, "Không tìm thấy đơn vị"})
                            : targets.set_user_office(*user_id, office_id, context.user, context.ip);
    if (done) return http::Response::redirect(std::string(TARGETS_ADMIN_PATH) + "?da-luu=1#thanh-vien");
    core::Error error = done.error();
    return plans_page(context, &error, "", core::errc_status(error.code));
}

std::string summary_plans_json(targets::TargetService& targets) {
    auto plans = targets.list_plans();
    if (!plans) return "[]";
    boost::json::array out;
    for (const auto& plan : *plans) {
        boost::json::array periods;
        using targets::PeriodKind;
        for (targets::Period period : {targets::Period{PeriodKind::Quarter, plan.year, 1},
                                       targets::Period{PeriodKind::SixMonths, plan.year, 0},
                                       targets::Period{PeriodKind::Quarter, plan.year, 3},
                                       targets::Period{PeriodKind::NineMonths, plan.year, 0},
                                       targets::Period{PeriodKind::Quarter, plan.year, 4},
                                       targets::Period{PeriodKind::Year, plan.year, 0}})
            periods.push_back(boost::json::object{{"key", period.key()}, {"label", period.label()}});
        out.push_back(boost::json::object{{"slug", plan.slug}, {"title", plan.title}, {"periods", std::move(periods)}});
    }
    return boost::json::serialize(out);
}

void add_target_admin_routes(http::Router& router, AdminShell& shell, targets::TargetService& targets) {
    auto pages = std::make_shared<TargetAdminPages>(TargetAdminPages{shell, targets});
    auto bind = [&shell, pages](http::Response (TargetAdminPages::*handler)(const http::Request&, const AdminContext&)) {
        return shell.guard([pages, handler](const http::Request& request, const AdminContext& context) {
            return ((*pages).*handler)(request, context);
        });
    };
    http::RouteOptions form{.max_body_bytes = MAX_TARGET_FORM_BYTES};
    http::RouteOptions upload{.max_body_bytes = MAX_TARGET_UPLOAD_BYTES};
    const std::string base(TARGETS_ADMIN_PATH);

    // Plans and offices
    router.get(base, bind(&TargetAdminPages::show_plans));
    router.post(base, bind(&TargetAdminPages::create_plan), form);
    router.post(base + "/don-vi", bind(&TargetAdminPages::create_office), form);
    router.post(base + "/don-vi/thanh-vien", bind(&TargetAdminPages::set_member), form);
    // One plan: its targets with the period's figures, its CSV files
    router.get(base + "/{id}", bind(&TargetAdminPages::show_plan));
    router.post(base + "/{id}", bind(&TargetAdminPages::update_plan), form);
    router.post(base + "/{id}/muc", bind(&TargetAdminPages::add_target), form);
    router.post(base + "/{id}/nhap-csv", bind(&TargetAdminPages::import_csv), upload);
    router.get(base + "/{id}/chi-tieu.csv", bind(&TargetAdminPages::export_targets_csv));
    router.get(base + "/{id}/so-lieu.csv", bind(&TargetAdminPages::export_reports_csv));
    // One target: its fields, its figures and their history
    router.get(base + "/muc/{id}", bind(&TargetAdminPages::show_target));
    router.post(base + "/muc/{id}", bind(&TargetAdminPages::update_target), form);
    router.post(base + "/muc/{id}/so-lieu", bind(&TargetAdminPages::enter_figure), form);

    shell.add_menu_item({"Chỉ tiêu KT-XH", base, {}});
}

}  // namespace cong::admin
