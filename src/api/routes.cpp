#include "api/routes.hpp"

namespace cong::api {

void add_api_routes(http::Router& router, ApiHandlers& api, const core::HttpConfig& config) {
    auto bind = [&api](http::Response (ApiHandlers::*handler)(const http::Request&)) {
        return [&api, handler](const http::Request& request) { return (api.*handler)(request); };
    };
    http::RouteOptions upload{.max_body_bytes = config.max_upload_bytes};

    // Articles
    router.post("/api/v1/articles", bind(&ApiHandlers::create_article));
    router.get("/api/v1/articles/{id}", bind(&ApiHandlers::show_article));
    router.put("/api/v1/articles/{id}", bind(&ApiHandlers::update_article));
    router.del("/api/v1/articles/{id}", bind(&ApiHandlers::delete_article));

    // Categories: the menu
    router.get("/api/v1/categories", bind(&ApiHandlers::list_categories));
    router.post("/api/v1/categories", bind(&ApiHandlers::create_category));

    // Media library
    router.post("/api/v1/media", bind(&ApiHandlers::upload_media), upload);

}

}  // namespace cong::api
