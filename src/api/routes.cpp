#include "api/ntm_api.hpp"
#include "api/ocop_api.hpp"
#include "api/routes.hpp"
#include "api/target_api.hpp"
#include "targets/csv.hpp"

namespace cong::api {

void add_api_routes(http::Router& router, ApiHandlers& api, const core::HttpConfig& config) {
    auto bind = [&api](http::Response (ApiHandlers::*handler)(const http::Request&)) {
        return [&api, handler](const http::Request& request) { return (api.*handler)(request); };
    };
    // Routes that take a body check the token before the body is read, so anonymous clients cannot make
    // the server receive and hold megabytes; the handler checks it again with the rest of the request.
    http::Gate authenticated = [&api](const http::Request& request) { return api.refuse_unauthenticated(request); };
    http::RouteOptions with_body{.admit = authenticated};
    http::RouteOptions upload{.max_body_bytes = config.max_upload_bytes, .admit = authenticated};

    // Articles
    router.post("/api/v1/articles", bind(&ApiHandlers::create_article), with_body);
    router.get("/api/v1/articles/{id}", bind(&ApiHandlers::show_article));
    router.put("/api/v1/articles/{id}", bind(&ApiHandlers::update_article), with_body);
    router.del("/api/v1/articles/{id}", bind(&ApiHandlers::delete_article));

    // Categories: the menu
    router.get("/api/v1/categories", bind(&ApiHandlers::list_categories));
    router.post("/api/v1/categories", bind(&ApiHandlers::create_category), with_body);

    // Search: public, like the search page it mirrors
    router.get("/api/v1/search", bind(&ApiHandlers::search_articles));
    router.get("/api/v1/search/synonyms", bind(&ApiHandlers::list_synonyms));
    router.put("/api/v1/search/synonyms/{abbreviation}", bind(&ApiHandlers::set_synonym), with_body);
    router.del("/api/v1/search/synonyms/{abbreviation}", bind(&ApiHandlers::remove_synonym));

    // Media library
    router.post("/api/v1/media", bind(&ApiHandlers::upload_media), upload);
    router.get("/api/v1/media", bind(&ApiHandlers::list_media));
    router.put("/api/v1/media/{id}", bind(&ApiHandlers::update_media), with_body);

}

void add_target_api_routes(http::Router& router, TargetApi& api) {
    auto bind = [&api](http::Response (TargetApi::*handler)(const http::Request&)) {
        return [&api, handler](const http::Request& request) { return (api.*handler)(request); };
    };
    http::RouteOptions with_body{.admit = [&api](const http::Request& request) {
        return api.refuse_unauthenticated(request);
    }};

    // Socio-economic targets: plans and their targets (approvers), figures by period (any editor)
    router.get("/api/v1/plans", bind(&TargetApi::list_plans));
    router.post("/api/v1/plans", bind(&TargetApi::create_plan), with_body);
    router.get("/api/v1/plans/{id}", bind(&TargetApi::show_plan));
    router.post("/api/v1/plans/{id}/targets", bind(&TargetApi::create_target), with_body);
    router.get("/api/v1/plans/{id}/summary", bind(&TargetApi::show_summary));
    router.post("/api/v1/targets/{id}/reports", bind(&TargetApi::create_report), with_body);
    router.get("/api/v1/targets/{id}/reports", bind(&TargetApi::list_reports));
    // CSV import (all or nothing) and export of a plan's targets and of a period's figures; offices
    http::RouteOptions csv_body{.max_body_bytes = targets::MAX_CSV_BYTES, .admit = with_body.admit};
    router.post("/api/v1/plans/{id}/targets.csv", bind(&TargetApi::import_targets_csv), csv_body);
    router.post("/api/v1/plans/{id}/reports.csv", bind(&TargetApi::import_reports_csv), csv_body);
    router.get("/api/v1/plans/{id}/targets.csv", bind(&TargetApi::export_targets_csv));
    router.get("/api/v1/plans/{id}/reports.csv", bind(&TargetApi::export_reports_csv));
    router.get("/api/v1/offices", bind(&TargetApi::list_offices));
    router.post("/api/v1/offices", bind(&TargetApi::create_office), with_body);
    router.put("/api/v1/users/{id}/office", bind(&TargetApi::set_user_office), with_body);

    // New Rural Development: criteria sets and communes (approvers), assessments (any editor)
    router.get("/api/v1/ntm/sets", bind(&TargetApi::list_criteria_sets));
    router.post("/api/v1/ntm/sets", bind(&TargetApi::create_criteria_set), with_body);
    router.get("/api/v1/ntm/sets/{id}/standing", bind(&TargetApi::show_standing));
    router.post("/api/v1/ntm/sets/{id}/assessments", bind(&TargetApi::create_assessment), with_body);
    router.post("/api/v1/ntm/communes", bind(&TargetApi::create_commune), with_body);
}

void add_ocop_api_routes(http::Router& router, OcopApi& api) {
    auto bind = [&api](http::Response (OcopApi::*handler)(const http::Request&)) {
        return [&api, handler](const http::Request& request) { return (api.*handler)(request); };
    };
    http::RouteOptions with_body{.admit = [&api](const http::Request& request) {
        return api.refuse_unauthenticated(request);
    }};

    // OCOP products: public reading, like /ocop; approvers and admins keep the catalogue
    router.get("/api/v1/ocop", bind(&OcopApi::list_products));
    router.get("/api/v1/ocop/{id}", bind(&OcopApi::show_product));
    router.post("/api/v1/ocop", bind(&OcopApi::create_product), with_body);
    router.put("/api/v1/ocop/{id}", bind(&OcopApi::update_product), with_body);
}

void add_ntm_api_routes(http::Router& router, NtmApi& api) {
    auto bind = [&api](http::Response (NtmApi::*handler)(const http::Request&)) {
        return [&api, handler](const http::Request& request) { return (api.*handler)(request); };
    };
    http::RouteOptions with_body{.admit = [&api](const http::Request& request) {
        return api.refuse_unauthenticated(request);
    }};

    // New Rural Development: the communes, a commune's region or group in a set, findings per indicator
    router.get("/api/v1/ntm/communes", bind(&NtmApi::list_communes));
    router.put("/api/v1/ntm/sets/{id}/communes/{commune}/zone", bind(&NtmApi::set_commune_zone), with_body);
    router.post("/api/v1/ntm/sets/{id}/indicator-assessments", bind(&NtmApi::create_indicator_assessment), with_body);
}

}  // namespace cong::api
