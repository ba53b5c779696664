// Target API: plans, targets and reported figures under /api/v1 — set up by approvers and administrators,
// figures entered by any editor, each entry kept with who made it and when.
#pragma once

#include "api/authentication.hpp"
#include "http/router.hpp"
#include "targets/ntm_service.hpp"
#include "targets/target_service.hpp"

#include <optional>

namespace cong::api {

struct TargetApi {
    targets::TargetService& targets;
    targets::NtmService& ntm;
    const Credentials& credentials;

    // GET /api/v1/plans
    http::Response list_plans(const http::Request& request);
    // POST /api/v1/plans {"title", "year", "slug"?, "description"?, "threshold_q1"?, "threshold_6m"?, "threshold_9m"?}
    http::Response create_plan(const http::Request& request);
    // GET /api/v1/plans/{id}: the plan with its targets
    http::Response show_plan(const http::Request& request);
    // POST /api/v1/plans/{id}/targets {"code", "name", "group", "unit"?, "kind"?, "plan_value", "plan_max"?,
    // "office"?, "position"?}
    http::Response create_target(const http::Request& request);
    // GET /api/v1/plans/{id}/summary?ky=2024-q1: counts, the sentence and each target's standing
    http::Response show_summary(const http::Request& request);
    // POST /api/v1/targets/{id}/reports {"period", "value": number | null, "note"?}
    http::Response create_report(const http::Request& request);
    // GET /api/v1/targets/{id}/reports?ky=: every entry, newest first
    http::Response list_reports(const http::Request& request);

    // CSV (text/csv, UTF-8 with or without BOM, ',' or ';'): all or nothing. 200 {"rows", "created", "updated",
    // "unchanged"}; a bad file: 400 (403 for another office's targets) {"error": {"code", "message", "field":
    // "csv", "problems": ["Dòng 7, cột plan_value: không phải là số", …]}}; not text/csv: 415.
    // POST /api/v1/plans/{id}/targets.csv — the plan's targets (approvers, administrators)
    http::Response import_targets_csv(const http::Request& request);
    // POST /api/v1/plans/{id}/reports.csv?ky=2024-q1 — the period's figures
    http::Response import_reports_csv(const http::Request& request);
    // GET /api/v1/plans/{id}/targets.csv, GET /api/v1/plans/{id}/reports.csv?ky= — UTF-8 with BOM, for Excel
    http::Response export_targets_csv(const http::Request& request);
    http::Response export_reports_csv(const http::Request& request);

    // GET /api/v1/offices: {"offices": [{"id", "name"}]}
    http::Response list_offices(const http::Request& request);
    // POST /api/v1/offices {"name"} (approvers, administrators) → 201
    http::Response create_office(const http::Request& request);
    // PUT /api/v1/users/{id}/office {"office_id": number | null} (administrators) → 204
    http::Response set_user_office(const http::Request& request);

    // New Rural Development (ntm_api.cpp).
    // GET /api/v1/ntm/sets
    http::Response list_criteria_sets(const http::Request& request);
    // POST /api/v1/ntm/sets {"title", "slug"?, "decision_ref"?, "level"?, "first_year", "last_year",
    // "criteria": [{"number", "name", "group"?}]}
    http::Response create_criteria_set(const http::Request& request);
    // GET /api/v1/ntm/sets/{id}/standing: each current commune's status per criterion, and the roll-up
    http::Response show_standing(const http::Request& request);
    // POST /api/v1/ntm/communes {"name", "merged_into"?}
    http::Response create_commune(const http::Request& request);
    // POST /api/v1/ntm/sets/{id}/assessments {"commune_id", "criterion", "met", "assessed_on", "evidence"?}
    http::Response create_assessment(const http::Request& request);

    // The gate of routes with a body (see http::Gate).
    std::optional<http::Response> refuse_unauthenticated(const http::Request& request);

    core::Result<model::User> authenticate(const http::Request& request);
};

// Registers the routes above (defined in api/routes.cpp, beside the rest of the API's table).
void add_target_api_routes(http::Router& router, TargetApi& api);

}  // namespace cong::api
