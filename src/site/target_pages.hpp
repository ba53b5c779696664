// TargetPages: the handlers of the public target pages — the plans of the site and each plan's dashboard,
// and the New Rural Development criteria sets with each commune's standing.
#pragma once

#include "content/published_content.hpp"
#include "core/clock.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "render/html_writer.hpp"
#include "site/site_pages.hpp"
#include "targets/ntm_service.hpp"
#include "targets/target_service.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cong::site {

struct TargetPages {
    content::PublishedContent& content_;
    targets::TargetService& targets_;
    targets::NtmService& ntm_;
    const SitePages& site_;                 // the 404 page
    core::Timestamp (*now_)() = core::now;  // the header's date line; tests fix it

    // GET /chi-tieu
    http::Response show_plans(const http::Request& request) const;
    // GET /chi-tieu/{slug}?ky=2024-q1 — no ky: the latest period with figures. A malformed period, or one
    // outside the plan's year, is a 400 page that says so; an unknown plan is the 404 page.
    http::Response show_plan(const http::Request& request) const;
    // GET /chi-tieu/{slug}/{code} — one target of the plan across its periods: trend chart and figures.
    http::Response show_target(const http::Request& request) const;
    // GET /chi-tieu/{slug}/so-lieu.csv?ky= — the period's figures as the dashboard shows them, a CSV download for
    // Excel (UTF-8 with BOM). A bad period is the dashboard's 400 page.
    http::Response download_figures(const http::Request& request) const;
    // GET /tieu-chi-nong-thon-moi
    http::Response show_criteria_sets(const http::Request& request) const;
    // GET /tieu-chi-nong-thon-moi/{slug}
    http::Response show_ntm_standing(const http::Request& request) const;

private:
    http::Response show_error(const http::Request& request, const core::Error& error) const;
};

// The live "target summary" blocks of articles: a plan's figures for a period, drawn as the summary sentence
// and a small table (render_target_summary_block).
class TargetSummaries {
public:
    explicit TargetSummaries(targets::TargetService& targets) : targets_(targets) {}

    // nullopt for an unknown plan or a period that is malformed or outside the plan's year (the block is then
    // left out). Each plan found is added to tags as targets::plan_tag(id), so a page that shows the block can
    // be dropped from the page cache when the plan's figures change.
    std::optional<render::TrustedHtml> block(std::string_view plan_slug, std::string_view period,
                                              std::vector<std::string>& tags) const;

private:
    targets::TargetService& targets_;
};

// Registers "/chi-tieu", "/chi-tieu/{slug}", "/tieu-chi-nong-thon-moi" and "/tieu-chi-nong-thon-moi/{slug}"
// (defined in site/routes.cpp, beside the other public routes).
void add_target_routes(http::Router& router, TargetPages& pages);

}  // namespace cong::site
