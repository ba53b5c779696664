// NTM pages of the back office: the New Rural Development criteria sets, a set's standing with the forms that
// put a commune in a zone and add a commune, and one commune's entry page where findings for its criteria and
// indicators are recorded. Every rule (who may do what, what a valid finding is) is NtmService's.
#pragma once

#include "admin/admin_shell.hpp"
#include "http/router.hpp"
#include "targets/ntm_service.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace cong::admin {

constexpr std::string_view NTM_ADMIN_PATH = "/quan-tri/nong-thon-moi";
// The forms of these pages: a note of up to 1000 characters (Vietnamese letters take 9 bytes percent-encoded),
// a few short fields and a token.
constexpr std::size_t MAX_NTM_FORM_BYTES = 32 * 1024;

// "/quan-tri/nong-thon-moi/<slug>" and "/quan-tri/nong-thon-moi/<slug>/xa/<id>".
std::string ntm_set_admin_path(const model::CriteriaSet& set);
std::string ntm_commune_admin_path(const model::CriteriaSet& set, std::int64_t commune_id);

struct NtmAdminPages {
    AdminShell& shell;
    targets::NtmService& ntm;

    // GET /quan-tri/nong-thon-moi — every criteria set (title, decision, level, years, unit) with a link to it.
    http::Response show_sets(const http::Request& request, const AdminContext& context);
    // GET /quan-tri/nong-thon-moi/{slug} — the standing table (communes × criteria) linking each commune to its
    // entry page; for approvers and admins the zone form (sets with zones) and the new-commune form.
    http::Response show_set(const http::Request& request, const AdminContext& context);
    // POST /quan-tri/nong-thon-moi/{slug}/vung — commune_id, zone: 303 back to the set, or the page with the error.
    http::Response set_zone(const http::Request& request, const AdminContext& context);
    // POST /quan-tri/nong-thon-moi/{slug}/xa — name, merged_into (empty: none): a new unit of the set's level.
    http::Response add_commune(const http::Request& request, const AdminContext& context);
    // GET /quan-tri/nong-thon-moi/{slug}/xa/{id} — each criterion's status, each indicator's threshold for the
    // commune's zone and latest finding, and the forms that record findings.
    http::Response show_commune(const http::Request& request, const AdminContext& context);
    // POST /quan-tri/nong-thon-moi/{slug}/xa/{id}/chi-tieu — indicator, value and/or met, assessed_on, evidence.
    http::Response record_indicator(const http::Request& request, const AdminContext& context);
    // POST /quan-tri/nong-thon-moi/{slug}/xa/{id}/tieu-chi — criterion, met, assessed_on, evidence.
    http::Response record_criterion(const http::Request& request, const AdminContext& context);
};

// Registers the pages above for every role (editors record findings; the service refuses what a role may not
// do) and the menu entry "Nông thôn mới". The pages live as long as the router.
void add_ntm_admin_routes(http::Router& router, AdminShell& shell, targets::NtmService& ntm);

}  // namespace cong::admin
