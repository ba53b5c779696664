#include "cli/serve.hpp"

#include "admin/account_routes.hpp"
#include "admin/article_pages.hpp"
#include "admin/media_pages.hpp"
#include "admin/session_shell.hpp"
#include "admin/settings_pages.hpp"
#include "admin/target_pages.hpp"
#include "api/authentication.hpp"
#include "api/routes.hpp"
#include "api/target_api.hpp"
#include "auth/session_service.hpp"
#include "auth/token_service.hpp"
#include "auth/user_service.hpp"
#include "cache/page_cache.hpp"
#include "cluster/change_notifier.hpp"
#include "cluster/job_lock.hpp"
#include "admin/ntm_pages.hpp"
#include "admin/ocop_pages.hpp"
#include "api/ntm_api.hpp"
#include "api/ocop_api.hpp"
#include "cli/data_lock.hpp"
#include "content/article_service.hpp"
#include "content/category_service.hpp"
#include "content/publish_scheduler.hpp"
#include "content/published_content.hpp"
#include "content/site_service.hpp"
#include "core/log.hpp"
#include "http/metrics.hpp"
#include "http/rate_limiter.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "media/media_service.hpp"
#include "search/search_service.hpp"
#include "site/routes.hpp"
#include "site/ocop_pages.hpp"
#include "site/site_pages.hpp"
#include "site/target_pages.hpp"
#include "storage/open_database.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "targets/ntm_service.hpp"
#include "targets/ocop_service.hpp"
#include "targets/target_service.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace cong::cli {

int serve_command(const core::Config& config, const std::string& media_dir) {
    auto fail = [](const core::Error& error) {
        std::cerr << "cong: " << error.detail << "\n";
        return 1;
    };
    // On PostgreSQL several nodes share the database: each keeps its own page cache, told of the others'
    // changes by LISTEN/NOTIFY, and one node at a time runs the periodic jobs.
    const bool clustered = storage::names_postgres(config.storage.data_dir);
    // The lock comes before the database is touched, so a second server or a restore in progress is
    // refused before anything is written; without a database there is nothing to lock.
    std::optional<DataLock> lock;
    if (!clustered) {
        if (!std::filesystem::exists(storage::sqlite_path(config.storage.data_dir)))
            return fail({core::Errc::NotFound, "no database in " + config.storage.data_dir + ": run `cong init` first"});
        auto acquired = DataLock::acquire(config.storage.data_dir);
        if (!acquired) return fail(acquired.error());
        lock.emplace(std::move(*acquired));
    }
    auto db = storage::open_database(config.storage, false);
    if (!db) return fail(db.error());
    auto site_id = content::default_site_id(**db);
    if (!site_id) return fail(site_id.error());

    // Before the services, so it outlives every handler that may still tell it of a change. Pages are kept per
    // site host; a Host that names no site shares the default site's pages, so made-up Host headers cannot
    // turn every request into a render.
    std::vector<std::string> site_hosts;
    if (auto sites = (*db)->read([](storage::Tx& tx) { return tx.sites().list_sites(); })) {
        for (const auto& site : *sites)
            if (!site.host.empty()) site_hosts.push_back(site.host);
    }
    cache::PageCache page_cache{{.max_bytes = config.cache.max_bytes, .site_hosts = std::move(site_hosts)}};
    // Search answers are kept like pages, and dropped on every change of public content.
    search::ResultCache search_cache;
    core::ChangeListeners local_changes{{&page_cache, &search_cache}};
    // Every kept page carries its site's tag, so dropping the tags of every site drops every page.
    auto drop_all_pages = [&db, &page_cache, &search_cache, known = std::set<std::int64_t>{*site_id}]() mutable {
        search_cache.content_changed({});
        if (auto sites = (*db)->read([](storage::Tx& tx) { return tx.sites().list_sites(); })) {
            for (const auto& site : *sites) known.insert(site.id);
        }
        std::vector<std::string> tags;
        for (auto id : known) tags.push_back(core::site_tag(id));
        page_cache.content_changed(tags);
    };
    // Services tell this of their changes: the caches, and on PostgreSQL every other node as well.
    core::ChangeListener* changes = &local_changes;
    std::unique_ptr<cluster::ChangeNotifier> notifier;
    if (clustered && config.cache.enabled) {
        notifier = std::make_unique<cluster::ChangeNotifier>(cluster::ChangeNotifierOptions{.url = config.storage.data_dir},
                                                             local_changes, drop_all_pages);
        changes = notifier.get();
    }
    content::PublishedContent published{**db, *site_id};
    content::ArticleService articles{**db, *site_id};
    content::CategoryService categories{**db, *site_id};
    if (config.cache.enabled) {
        articles.set_change_listener(changes);
        categories.set_change_listener(changes);
    }
    media::MediaService media{**db, media_dir, config.media};
    if (config.cache.enabled) media.set_change_listener(changes);
    // Photos uploaded before the variant pipeline have no files Cổng may serve until they are derived.
    if (auto waiting = media.count_without_variants(); waiting && *waiting > 0)
        core::log::warn("photos without variants: run `cong media rebuild`", {{"media", media_dir}});
    auth::TokenService tokens{**db};
    targets::TargetService target_service{**db, *site_id};
    targets::NtmService ntm_service{**db, *site_id};
    targets::OcopService ocop_service{**db, *site_id};
    if (config.cache.enabled) {
        // The OCOP pages, and articles whose "target summary" blocks show a plan's figures, drop when they change.
        ocop_service.set_change_listener(changes);
        target_service.set_change_listener(changes);
    }

    http::Router router;
    // The back office: the session shell comes first, every admin page is guarded by it.
    auth::SessionService sessions{**db, auth::SessionLimits::from(config)};
    admin::SessionShell admin_shell{sessions, [&db, id = *site_id] {
                                        auto site = content::find_site(**db, id);
                                        return site ? site->name : std::string("Cổng");
                                    }};
    admin::add_account_admin_routes(router, admin_shell);
    auth::UserService users{**db};
    admin::add_user_admin_routes(router, admin_shell, users, **db);
    admin::add_audit_admin_routes(router, admin_shell, **db);
    admin::add_article_admin_routes(router, admin_shell, articles,
                                    [&target_service] { return admin::summary_plans_json(target_service); });
    admin::add_settings_admin_routes(router, admin_shell, **db, categories, *site_id,
                                     config.cache.enabled ? changes : nullptr);
    admin::add_media_admin_routes(router, admin_shell, media,
                                  {.site_id = *site_id,
                                   .max_upload_bytes = config.http.max_upload_bytes,
                                   .upload_gate = admin::signed_in_gate(sessions)});
    admin::add_ocop_admin_routes(router, admin_shell, ocop_service, ntm_service);
    admin::add_ntm_admin_routes(router, admin_shell, ntm_service);
    admin::add_target_admin_routes(router, admin_shell, target_service);
    search::SearchService search{**db, *site_id, config.cache.enabled ? &search_cache : nullptr};
    site::SitePages site_pages{published, media, core::now, &search};
    site::add_site_routes(router, site_pages);
    site::TargetPages target_pages{published, target_service, ntm_service, site_pages};
    site::add_target_routes(router, target_pages);
    site::TargetSummaries target_summaries{target_service};
    site_pages.target_summaries_ = &target_summaries;
    site::OcopPages ocop_pages{published, ocop_service, ntm_service, site_pages};
    site::add_ocop_routes(router, ocop_pages);
    // The API takes bearer tokens, and the back office's session cookie with its CSRF header (the editor's uploads).
    api::Credentials credentials{tokens, &sessions};
    api::ApiHandlers api_handlers{articles, categories, media, credentials, *site_id, &search};
    api::add_api_routes(router, api_handlers, config.http);
    api::TargetApi target_api{target_service, ntm_service, credentials};
    api::add_target_api_routes(router, target_api);
    api::OcopApi ocop_api{ocop_service, credentials};
    api::add_ocop_api_routes(router, ocop_api);
    api::NtmApi ntm_api{ntm_service, credentials};
    api::add_ntm_api_routes(router, ntm_api);
    // Per-address rates of what costs the most or invites guessing; beyond them 429 with Retry-After.
    auto per_minute = [](unsigned n) { return http::RateLimit{.per_second = n / 60.0, .burst = std::max(10.0, n / 3.0)}; };
    http::RateLimiter search_limit{"search", per_minute(config.limits.search_per_minute)};
    http::RateLimiter api_write_limit{"api_writes", per_minute(config.limits.api_writes_per_minute)};
    http::RateLimiter login_limit{"login", per_minute(config.limits.login_per_minute)};
    router.limit({http::Method::Get}, "/tim-kiem", &search_limit);
    router.limit({http::Method::Get}, "/api/v1/search", &search_limit);
    router.limit({http::Method::Post, http::Method::Put, http::Method::Patch, http::Method::Delete}, "/api/v1/",
                 &api_write_limit);
    router.limit({http::Method::Post}, admin::LOGIN_PATH, &login_limit);
    router.limit({http::Method::Post}, admin::SECOND_FACTOR_PATH, &login_limit);
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
        metrics.add_collector([&search_cache](std::string& out) { search_cache.write_metrics(out); });
    }
    metrics.add_collector([&](std::string& out) {
        out += "# HELP cong_rate_limited_total Requests refused with 429 by a per-address rate limit.\n"
               "# TYPE cong_rate_limited_total counter\n";
        for (const http::RateLimiter* limit : {&search_limit, &api_write_limit, &login_limit})
            out += "cong_rate_limited_total{limit=\"" + limit->name() + "\"} " + std::to_string(limit->refused()) + "\n";
    });
    // Scheduled articles are published when their time comes, by the one node that holds the job lock (on
    // SQLite: this one). The thread stops before the services it uses go (on SIGTERM run() returns, and
    // stop() waits for a run in progress).
    content::PublishScheduler scheduler{articles};
    std::unique_ptr<cluster::JobLock> job_lock;
    if (clustered) job_lock = std::make_unique<cluster::PgJobLock>(config.storage.data_dir);
    else job_lock = std::make_unique<cluster::LocalJobLock>();
    cluster::PeriodicJobs jobs{*job_lock};
    jobs.add("publish_scheduled", [&scheduler]() -> core::Result<void> {
        CONG_TRY_VOID(scheduler.run_due(core::now()));
        return {};
    });
    metrics.add_collector([&jobs](std::string& out) { jobs.write_metrics(out); });
    if (notifier) metrics.add_collector([&notifier](std::string& out) { notifier->write_metrics(out); });
    if (auto bound = server.bind(); !bound) return fail(bound.error());
    if (notifier) {
        notifier->start();
        // Pages served before the first LISTEN would miss other nodes' changes: wait for it (briefly; the
        // listener drops the whole cache if it comes up later).
        if (!notifier->wait_until_listening(std::chrono::seconds(5)))
            core::log::warn("not yet listening for changes of other nodes; pages may be stale until it is");
    }
    jobs.start();
    server.run();
    jobs.stop();
    if (notifier) notifier->stop();
    return 0;
}

}  // namespace cong::cli
