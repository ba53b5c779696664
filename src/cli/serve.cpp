#include "cli/serve.hpp"

#include "api/routes.hpp"
#include "api/target_api.hpp"
#include "auth/token_service.hpp"
#include "cache/page_cache.hpp"
#include "cli/data_lock.hpp"
#include "content/article_service.hpp"
#include "content/category_service.hpp"
#include "content/published_content.hpp"
#include "content/site_service.hpp"
#include "core/log.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "media/media_service.hpp"
#include "search/search_service.hpp"
#include "site/routes.hpp"
#include "site/site_pages.hpp"
#include "site/target_pages.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "targets/ntm_service.hpp"
#include "targets/target_service.hpp"

#include <filesystem>
#include <iostream>

namespace cong::cli {

int serve_command(const core::Config& config) {
    auto fail = [](const core::Error& error) {
        std::cerr << "cong: " << error.detail << "\n";
        return 1;
    };
    // The lock comes before the database is touched, so a second server or a restore in progress is
    // refused before anything is written; without a database there is nothing to lock.
    if (!std::filesystem::exists(storage::sqlite_path(config.storage.data_dir)))
        return fail({core::Errc::NotFound, "no database in " + config.storage.data_dir + ": run `cong init` first"});
    auto lock = DataLock::acquire(config.storage.data_dir);
    if (!lock) return fail(lock.error());
    auto db = storage::open_sqlite(config.storage, false);
    if (!db) return fail(db.error());
    auto site_id = content::default_site_id(**db);
    if (!site_id) return fail(site_id.error());

    // Before the services, so it outlives every handler that may still tell it of a change.
    cache::PageCache page_cache{{.max_bytes = config.cache.max_bytes}};
    content::PublishedContent published{**db, *site_id};
    content::ArticleService articles{**db, *site_id};
    content::CategoryService categories{**db, *site_id};
    if (config.cache.enabled) {
        articles.set_change_listener(&page_cache);
        categories.set_change_listener(&page_cache);
    }
    media::MediaService media{**db, config.storage.data_dir + "/media", config.media};
    auth::TokenService tokens{**db};
    targets::TargetService target_service{**db, *site_id};
    targets::NtmService ntm_service{**db, *site_id};

    http::Router router;
    search::SearchService search{**db, *site_id};
    site::SitePages site_pages{published, media, core::now, &search};
    site::add_site_routes(router, site_pages);
    site::TargetPages target_pages{published, target_service, ntm_service, site_pages};
    site::add_target_routes(router, target_pages);
    api::ApiHandlers api_handlers{articles, categories, media, tokens, *site_id, &search};
    api::add_api_routes(router, api_handlers, config.http);
    api::TargetApi target_api{target_service, ntm_service, tokens};
    api::add_target_api_routes(router, target_api);
    // Unknown addresses under /api/ answer in JSON; everything else gets the site's Vietnamese 404 page.
    router.set_not_found([&](const http::Request& request) {
        if (request.path.starts_with("/api/")) return api_handlers.not_found(request);
        return site_pages.show_not_found(request);
    });

    http::Metrics metrics;
    http::Server server{config.http, router, metrics};
    if (config.cache.enabled) {
        server.set_response_cache(&page_cache);
        metrics.add_collector([&page_cache](std::string& out) { page_cache.write_metrics(out); });
    }
    if (auto bound = server.bind(); !bound) return fail(bound.error());
    server.run();
    return 0;
}

}  // namespace cong::cli
