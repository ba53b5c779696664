// The JSON API under /api/v1: handlers and their route table.
#pragma once

#include "api/authentication.hpp"
#include "content/article_service.hpp"
#include "content/category_service.hpp"
#include "core/config.hpp"
#include "http/router.hpp"
#include "media/media_service.hpp"
#include "search/search_service.hpp"

#include <cstdint>

namespace cong::api {

struct ApiHandlers {
    content::ArticleService& articles;
    content::CategoryService& categories;
    media::MediaService& media;
    const Credentials& credentials;
    std::int64_t site_id;
    search::SearchService* search = nullptr;  // the public search; without it /api/v1/search is not offered

    http::Response create_article(const http::Request& request);
    http::Response show_article(const http::Request& request);
    http::Response update_article(const http::Request& request);
    http::Response delete_article(const http::Request& request);
    http::Response upload_media(const http::Request& request);
    // GET /api/v1/media?q=&page= — the library, newest first (token required: it lists unpublished photos).
    http::Response list_media(const http::Request& request);
    // PUT /api/v1/media/{id} — JSON {caption, alt, credit}; absent fields are kept.
    http::Response update_media(const http::Request& request);
    http::Response list_categories(const http::Request& request);
    http::Response create_category(const http::Request& request);
    // GET /api/v1/search?q=&page=&category=&from=&to= — public: no token, published articles only.
    http::Response search_articles(const http::Request& request);
    // GET /api/v1/search/synonyms — the abbreviation list; PUT /api/v1/search/synonyms/{abbreviation} (JSON
    // {"expansion"}) adds or replaces one, DELETE removes it. Administrators only; audit-logged.
    http::Response list_synonyms(const http::Request& request);
    http::Response set_synonym(const http::Request& request);
    http::Response remove_synonym(const http::Request& request);
    http::Response not_found(const http::Request& request);
    // The gate of routes with a body: no valid token, no reading of megabytes (see http::Gate).
    std::optional<http::Response> refuse_unauthenticated(const http::Request& request);

private:
    core::Result<model::User> authenticate(const http::Request& request);
};

void add_api_routes(http::Router& router, ApiHandlers& handlers, const core::HttpConfig& config);

}  // namespace cong::api
