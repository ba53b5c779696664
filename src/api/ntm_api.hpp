// NTM API, the parts beyond TargetApi's (target_api.hpp): the communes of the site, a commune's region or
// commune group in a set, and findings for single indicators, judged against the commune's own thresholds.
#pragma once

#include "api/authentication.hpp"
#include "http/router.hpp"
#include "targets/ntm_service.hpp"

#include <optional>

namespace cong::api {

struct NtmApi {
    targets::NtmService& ntm;
    const Credentials& credentials;

    // GET /api/v1/ntm/communes: every commune and district, former ones included, in Vietnamese order
    http::Response list_communes(const http::Request& request);
    // PUT /api/v1/ntm/sets/{id}/communes/{commune}/zone {"zone": "<zone code>"} (approvers)
    http::Response set_commune_zone(const http::Request& request);
    // POST /api/v1/ntm/sets/{id}/indicator-assessments {"commune_id", "indicator": "2.1", "value"?: number,
    // "met"?: bool, "assessed_on", "evidence"?} (any editor)
    http::Response create_indicator_assessment(const http::Request& request);

    std::optional<http::Response> refuse_unauthenticated(const http::Request& request);
};

// Registers the routes above (defined in api/routes.cpp, beside the rest of the API's table).
void add_ntm_api_routes(http::Router& router, NtmApi& api);

}  // namespace cong::api
