#include "api/routes.hpp"

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

    // Media library
    router.post("/api/v1/media", bind(&ApiHandlers::upload_media), upload);

}

}  // namespace cong::api
