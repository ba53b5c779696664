// NTM views: the public pages of New Rural Development criteria — the criteria sets, and for one set each
// commune's status criterion by criterion, the roll-up chart and the summary.
#pragma once

#include "content/published_content.hpp"
#include "core/clock.hpp"
#include "render/html_writer.hpp"
#include "render/svg_chart.hpp"
#include "targets/ntm_service.hpp"

#include <string>
#include <vector>

namespace cong::site {

// "/tieu-chi-nong-thon-moi/<slug>"
std::string criteria_set_path(const model::CriteriaSet& set);

// One bar per criterion: the share of current communes that meet it.
render::BarChart ntm_chart(const targets::SetStanding& standing);

// GET /tieu-chi-nong-thon-moi
void write_criteria_sets_page(render::HtmlWriter& html, const content::SiteFrame& frame,
                              const std::vector<model::CriteriaSet>& sets, core::Timestamp now);

// GET /tieu-chi-nong-thon-moi/{slug}
void write_ntm_standing_page(render::HtmlWriter& html, const content::SiteFrame& frame,
                             const targets::SetStanding& standing, core::Timestamp now);

}  // namespace cong::site
