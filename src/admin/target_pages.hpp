// Target pages of the back office: plans and their targets by group with a period's figures, the forms that
// enter figures (an editor of an office only for its own targets), set up plans and targets, offices and who
// belongs to them, and the CSV import and export of a plan's targets and of a period's figures.
#pragma once

#include "admin/admin_shell.hpp"
#include "http/router.hpp"
#include "targets/target_service.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace cong::admin {

constexpr std::string_view TARGETS_ADMIN_PATH = "/quan-tri/chi-tieu";
// The forms of these pages: a few short fields and a token, percent-encoded.
constexpr std::size_t MAX_TARGET_FORM_BYTES = 64 * 1024;
// A CSV upload: the file and its multipart envelope.
constexpr std::size_t MAX_TARGET_UPLOAD_BYTES = 2 * 1024 * 1024 + 64 * 1024;

// A figure as typed in a form: "1250.5", "1250,5", "1.250,5", "1250". "1.200" is refused as ambiguous
// (1200 or 1,2?); empty is nullopt inside the result (no figure yet). InvalidInput naming field otherwise.
core::Result<std::optional<double>> parse_form_figure(std::string_view text, std::string_view field);

// The plans an article's "target summary" block may name, for the editor's dialog: JSON
// [{"slug", "title", "periods": [{"key": "2024-q1", "label": "Quý I năm 2024"}, …]}, …], the periods being
// the quarters, 6 and 9 months and the year of the plan's year. "[]" when the plans cannot be read.
std::string summary_plans_json(targets::TargetService& targets);

struct TargetAdminPages {
    AdminShell& shell;
    targets::TargetService& targets;

    // GET /quan-tri/chi-tieu — the plans; for approvers and admins the new-plan form and the offices; for admins
    // who belongs to which office.
    http::Response show_plans(const http::Request& request, const AdminContext& context);
    // POST /quan-tri/chi-tieu — a new plan (title, slug, year, description, threshold_q1/6m/9m): 303 to it.
    http::Response create_plan(const http::Request& request, const AdminContext& context);
    // GET /quan-tri/chi-tieu/{id}?ky= — the plan's targets by group with the period's figures and their forms.
    http::Response show_plan(const http::Request& request, const AdminContext& context);
    // POST /quan-tri/chi-tieu/{id} — the plan's fields.
    http::Response update_plan(const http::Request& request, const AdminContext& context);
    // POST /quan-tri/chi-tieu/{id}/muc — a new target (code, name, group, unit, kind, plan_value, plan_max, office).
    http::Response add_target(const http::Request& request, const AdminContext& context);
    // GET /quan-tri/chi-tieu/muc/{id}?ky= — one target: its form, the period's entry form and the whole history.
    http::Response show_target(const http::Request& request, const AdminContext& context);
    // POST /quan-tri/chi-tieu/muc/{id} — the target's fields.
    http::Response update_target(const http::Request& request, const AdminContext& context);
    // POST /quan-tri/chi-tieu/muc/{id}/so-lieu — ky, value, note: a new entry; 303 back to the plan's row.
    http::Response enter_figure(const http::Request& request, const AdminContext& context);
    // POST /quan-tri/chi-tieu/{id}/nhap-csv — multipart: loai ("chi-tieu" or "so-lieu"), ky, file.
    http::Response import_csv(const http::Request& request, const AdminContext& context);
    // GET /quan-tri/chi-tieu/{id}/chi-tieu.csv and /quan-tri/chi-tieu/{id}/so-lieu.csv?ky=
    http::Response export_targets_csv(const http::Request& request, const AdminContext& context);
    http::Response export_reports_csv(const http::Request& request, const AdminContext& context);
    // POST /quan-tri/chi-tieu/don-vi — name: a new office.
    http::Response create_office(const http::Request& request, const AdminContext& context);
    // POST /quan-tri/chi-tieu/don-vi/thanh-vien — user_id, office_id (empty: none).
    http::Response set_member(const http::Request& request, const AdminContext& context);

private:
    http::Response plan_page(const AdminContext& context, std::int64_t plan_id, std::string_view period,
                             const core::Error* error, std::string_view flash, int status);
    http::Response target_page(const AdminContext& context, std::int64_t target_id, std::string_view period,
                               const core::Error* error, int status);
    http::Response plans_page(const AdminContext& context, const core::Error* error, std::string_view flash,
                              int status);
    http::Response not_found(const AdminContext& context, std::string_view what);
};

// Adds the routes above (every role may look and enter figures; the service refuses the rest) and the menu
// entry "Chỉ tiêu KT-XH". The pages live as long as the router.
void add_target_admin_routes(http::Router& router, AdminShell& shell, targets::TargetService& targets);

}  // namespace cong::admin
