#include "site/target_pages.hpp"

#include "core/log.hpp"
#include "site/ntm_views.hpp"
#include "site/pages.hpp"
#include "site/target_views.hpp"

#include <algorithm>

namespace cong::site {

http::Response TargetPages::show_plans(const http::Request& request) const {
    auto frame = content_.frame();
    if (!frame) return show_error(request, frame.error());
    auto plans = targets_.list_plans();
    if (!plans) return show_error(request, plans.error());
    render::HtmlWriter html;
    write_plan_list_page(html, *frame, *plans, now_());
    return http::Response::html(html.take());
}

http::Response TargetPages::show_plan(const http::Request& request) const {
    auto slug = request.param("slug");
    if (slug.size() > MAX_SLUG_BYTES) return site_.show_not_found(request);
    auto plan = targets_.find_plan_by_slug(slug);
    if (!plan) return show_error(request, plan.error());
    if (!*plan) return site_.show_not_found(request);
    // parse_period refuses anything longer than a key, without echoing it; absent or empty means the latest.
    std::string period = request.query_param("ky").value_or("");
    auto board = targets_.dashboard((*plan)->id,
                                    period.empty() ? std::nullopt : std::optional<std::string_view>(period));
    if (!board && board.error().code == core::Errc::InvalidInput) {
        auto frame = content_.frame();
        if (!frame) return show_error(request, frame.error());
        render::HtmlWriter html;
        write_bad_period_page(html, *frame, **plan, board.error().detail, now_());
        auto response = http::Response::html(html.take(), 400);
        response.cache_control = "no-store";
        return response;
    }
    if (!board) return show_error(request, board.error());
    auto frame = content_.frame();
    if (!frame) return show_error(request, frame.error());
    render::HtmlWriter html;
    write_plan_dashboard_page(html, *frame, *board, now_());
    return http::Response::html(html.take());
}

http::Response TargetPages::show_target(const http::Request& request) const {
    auto slug = request.param("slug");
    auto code = request.param("code");
    if (slug.size() > MAX_SLUG_BYTES || code.size() > targets::MAX_TARGET_CODE_CHARS * 4)
        return site_.show_not_found(request);
    auto plan = targets_.find_plan_by_slug(slug);
    if (!plan) return show_error(request, plan.error());
    if (!*plan) return site_.show_not_found(request);
    auto list = targets_.list_targets((*plan)->id);
    if (!list) return show_error(request, list.error());
    auto target = std::find_if(list->begin(), list->end(), [&](const model::Target& t) { return t.code == code; });
    if (target == list->end()) return site_.show_not_found(request);
    auto history = targets_.report_history(target->id, "");
    if (!history) return show_error(request, history.error());
    auto frame = content_.frame();
    if (!frame) return show_error(request, frame.error());
    render::HtmlWriter html;
    write_target_page(html, *frame, make_target_trend(**plan, *target, *history), now_());
    return http::Response::html(html.take());
}

http::Response TargetPages::show_criteria_sets(const http::Request& request) const {
    auto frame = content_.frame();
    if (!frame) return show_error(request, frame.error());
    auto sets = ntm_.list_sets();
    if (!sets) return show_error(request, sets.error());
    render::HtmlWriter html;
    write_criteria_sets_page(html, *frame, *sets, now_());
    return http::Response::html(html.take());
}

http::Response TargetPages::show_ntm_standing(const http::Request& request) const {
    auto slug = request.param("slug");
    if (slug.size() > MAX_SLUG_BYTES) return site_.show_not_found(request);
    auto set = ntm_.find_set_by_slug(slug);
    if (!set) return show_error(request, set.error());
    if (!*set) return site_.show_not_found(request);
    auto standing = ntm_.standing((*set)->id);
    if (!standing) return show_error(request, standing.error());
    auto frame = content_.frame();
    if (!frame) return show_error(request, frame.error());
    render::HtmlWriter html;
    write_ntm_standing_page(html, *frame, *standing, now_());
    return http::Response::html(html.take());
}

std::optional<render::TrustedHtml> TargetSummaries::block(std::string_view plan_slug, std::string_view period,
                                                          std::vector<std::string>& tags) const {
    auto plan = targets_.find_plan_by_slug(plan_slug);
    if (!plan || !*plan) {
        if (!plan) core::log::warn("target summary block failed", {{"plan", std::string(plan_slug)}, {"detail", plan.error().detail}});
        return std::nullopt;
    }
    auto tag = targets::plan_tag((*plan)->id);
    if (std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(std::move(tag));
    auto board = targets_.dashboard((*plan)->id, period.empty() ? std::nullopt : std::optional<std::string_view>(period));
    if (!board) return std::nullopt;
    return render_target_summary_block(*board);
}

http::Response TargetPages::download_figures(const http::Request& request) const {
    auto slug = request.param("slug");
    if (slug.size() > MAX_SLUG_BYTES) return site_.show_not_found(request);
    auto plan = targets_.find_plan_by_slug(slug);
    if (!plan) return show_error(request, plan.error());
    if (!*plan) return site_.show_not_found(request);
    std::string period = request.query_param("ky").value_or("");
    auto board = targets_.dashboard((*plan)->id,
                                    period.empty() ? std::nullopt : std::optional<std::string_view>(period));
    if (!board && board.error().code == core::Errc::InvalidInput) return show_plan(request);
    if (!board) return show_error(request, board.error());
    auto csv = targets_.export_reports_csv((*plan)->id, board->period.key());
    if (!csv) return show_error(request, csv.error());
    http::Response response;
    response.content_type = "text/csv; charset=utf-8";
    response.body = std::move(*csv);
    response.header("Content-Disposition",
                    "attachment; filename=\"so-lieu-" + (*plan)->slug + "-" + board->period.key() + ".csv\"");
    return response;
}

http::Response TargetPages::show_error(const http::Request& request, const core::Error& error) const {
    if (error.code == core::Errc::NotFound) return site_.show_not_found(request);
    int status = error.code == core::Errc::Busy ? 503 : 500;
    core::log::error("target page failed", {{"request_id", request.request_id},
                                            {"path", request.path},
                                            {"status", status},
                                            {"error", core::errc_code(error.code)},
                                            {"detail", error.detail}});
    render::HtmlWriter html;
    auto frame = content_.frame();
    write_error_page(html, frame ? *frame : content::SiteFrame{}, status, now_());
    auto response = http::Response::html(html.take(), status);
    response.cache_control = "no-store";
    if (status == 503) response.header("Retry-After", "30");
    return response;
}

}  // namespace cong::site
