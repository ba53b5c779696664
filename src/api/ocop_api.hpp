// OCOP API: the product catalogue under /api/v1/ocop — read by anyone, like the public listing it mirrors;
// created and edited by approvers and administrators (bearer token, or session with its CSRF header), each
// change in the audit log.
#pragma once

#include "api/authentication.hpp"
#include "http/router.hpp"
#include "targets/ocop_service.hpp"

#include <optional>

namespace cong::api {

struct OcopApi {
    targets::OcopService& ocop;
    const Credentials& credentials;

    // GET /api/v1/ocop?stars=3|4|5&group=<code>&commune_id=<id>
    http::Response list_products(const http::Request& request);
    // GET /api/v1/ocop/{id}
    http::Response show_product(const http::Request& request);
    // POST /api/v1/ocop {"name", "stars", "producer", "group", "year_recognised", "slug"?, "commune_id"?,
    // "decision_ref"?, "description"?, "demo"?, "media"?: [ids]}
    http::Response create_product(const http::Request& request);
    // PUT /api/v1/ocop/{id}: the same fields; every field is replaced
    http::Response update_product(const http::Request& request);

    // The gate of routes with a body (see http::Gate).
    std::optional<http::Response> refuse_unauthenticated(const http::Request& request);
};

// Registers the routes above (defined in api/routes.cpp, beside the rest of the API's table).
void add_ocop_api_routes(http::Router& router, OcopApi& api);

}  // namespace cong::api
