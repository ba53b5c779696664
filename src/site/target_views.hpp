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
