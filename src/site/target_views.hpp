// Target views: the public pages of socio-economic targets — the list of plans and one plan's dashboard
// for a period (summary sentence, server-drawn chart, table by group).
#pragma once

#include "content/published_content.hpp"
#include "core/clock.hpp"
#include "model/target.hpp"
#include "render/html_writer.hpp"
#include "render/svg_chart.hpp"
#include "targets/target_service.hpp"

#include <string>
#include <vector>

namespace cong::site {

// "/chi-tieu/<slug>", with "?ky=<period>" when a period is given.
std::string plan_path(const model::TargetPlan& plan, const targets::Period* period = nullptr);

// A figure as people read it: "1.234,5"; at most three decimals, none when it is whole.
std::string format_figure(double value);
// The plan column: "8,5", "≤ 1,5", "0,7 – 0,9", "Đạt" (yes/no).
std::string format_plan_value(const model::Target& target);

// One bar per target (progress as % of plan, coloured by standing) with the threshold and the plan marked.
render::BarChart dashboard_chart(const targets::PlanDashboard& board);

// One bar per period with figures: the share of targets done or on track, each period by its own threshold.
render::BarChart trend_chart(const targets::PlanDashboard& board);

// The same trend as a line across the periods, with each period's own threshold as a dashed reference.
render::LineChart trend_line_chart(const targets::PlanDashboard& board);

// One target across the periods of its plan: the current figure of each period with figures, judged by that
// period's threshold.
struct TargetTrendPoint {
    targets::Period period;
    int threshold = 25;
    model::TargetReport report;  // the newest entry for the period
    targets::Assessment assessment;
};

struct TargetTrend {
    model::TargetPlan plan;
    model::Target target;
    std::vector<TargetTrendPoint> points;  // oldest first
};

// Builds the trend from every entry of the target (any order): per period the newest entry counts; entries
// whose period does not parse or lies outside the plan's year are left out.
TargetTrend make_target_trend(const model::TargetPlan& plan, const model::Target& target,
                              const std::vector<model::TargetReport>& history);

// Progress as % of plan per period, and the period's threshold as a dashed reference.
render::LineChart target_trend_chart(const TargetTrend& trend);

// "/chi-tieu/<plan slug>/<target code>"
std::string target_path(const model::TargetPlan& plan, const model::Target& target);

// <figure> with the line chart, its caption, and the same figures as a table for readers who cannot see it.
void write_line_chart_figure(render::HtmlWriter& html, const render::LineChart& chart, std::string_view caption);

// GET /chi-tieu/{slug}/{code}: the target, its trend chart and the history of its figures by period.
void write_target_page(render::HtmlWriter& html, const content::SiteFrame& frame, const TargetTrend& trend,
                       core::Timestamp now);

// The "target summary" block of an article: the live sentence of the plan for a period, its four counts as a
// small table and a link to the dashboard.
render::TrustedHtml render_target_summary_block(const targets::PlanDashboard& board);
void write_summary_block(render::HtmlWriter& html, const targets::PlanDashboard& board);

// <figure> with the chart at its drawn size (scrolling sideways on a narrow screen, where shrinking it would
// make its labels unreadable) and caption under it.
void write_chart_figure(render::HtmlWriter& html, const render::BarChart& chart, std::string_view caption);

// GET /chi-tieu: the plans of the site, newest year first.
void write_plan_list_page(render::HtmlWriter& html, const content::SiteFrame& frame,
                          const std::vector<model::TargetPlan>& plans, core::Timestamp now);

// GET /chi-tieu/{slug}?ky=…: heading, period choice, the summary sentence, the chart and the table.
void write_plan_dashboard_page(render::HtmlWriter& html, const content::SiteFrame& frame,
                               const targets::PlanDashboard& board, core::Timestamp now);

// A period the reader asked for that does not exist or lies outside the plan's year (served with 400).
void write_bad_period_page(render::HtmlWriter& html, const content::SiteFrame& frame, const model::TargetPlan& plan,
                           std::string_view message, core::Timestamp now);

}  // namespace cong::site
