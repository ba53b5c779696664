#include "site/ntm_views.hpp"

#include "core/vietnamese.hpp"
#include "http/message.hpp"
#include "site/layout.hpp"
#include "site/target_views.hpp"

namespace cong::site {
namespace {

constexpr std::string_view SETS_TITLE = "Tiêu chí nông thôn mới";
constexpr std::string_view SETS_PATH = "/tieu-chi-nong-thon-moi";

void write_breadcrumb_to(render::HtmlWriter& html, const model::CriteriaSet* set) {
    auto nav = html.scope("nav", {{"class", "breadcrumb"}, {"aria-label", "Đường dẫn"}});
    auto list = html.scope("ol");
    {
        auto item = html.scope("li");
        html.element("a", {{"href", "/"}}, "Trang chủ");
    }
    if (!set) {
        auto item = html.scope("li");
        html.element("span", {{"aria-current", "page"}}, SETS_TITLE);
        return;
    }
    {
        auto item = html.scope("li");
        html.element("a", {{"href", SETS_PATH}}, SETS_TITLE);
    }
    auto item = html.scope("li");
    html.element("span", {{"aria-current", "page"}}, set->title);
}

std::string period_text(const model::CriteriaSet& set) {
    return "Giai đoạn " + std::to_string(set.first_year) + "–" + std::to_string(set.last_year);
}

void write_commune_row(render::HtmlWriter& html, const targets::CommuneStanding& s, std::size_t criteria, bool former) {
    auto row = html.scope("tr", {{"class", former ? "ntm-former" : (s.eligible ? "ntm-eligible" : "ntm-commune")}});
    std::string name = former ? "↳ " + s.commune.name + " (trước sáp nhập)" : s.commune.name;
    html.element("th", {{"scope", "row"}}, name);
    for (const auto& status : s.statuses) {
        if (!status) {
            html.element("td", {{"class", "ntm-none"}}, "–");
        } else {
            std::string title =
                "Ngày " + status->assessed_on + (status->evidence.empty() ? "" : ": " + status->evidence);
            html.element("td", {{"class", status->met ? "ntm-met" : "ntm-unmet"}, {"title", title}},
                         status->met ? "Đạt" : "Chưa đạt");
        }
    }
    html.element("td", {{"class", "number"}}, std::to_string(s.met) + "/" + std::to_string(criteria));
    html.element("td", former ? "" : (s.eligible ? "Đủ điều kiện" : "Chưa đủ"));
}

}  // namespace

std::string criteria_set_path(const model::CriteriaSet& set) {
    return std::string(SETS_PATH) + "/" + http::percent_encode(set.slug);
}

render::BarChart ntm_chart(const targets::SetStanding& standing) {
    render::BarChart chart;
    chart.id = "bieu-do-tieu-chi";
    std::size_t communes = standing.communes.size();
    chart.title = "Tỷ lệ xã đạt từng tiêu chí – " + standing.set.title;
    chart.description = "Mỗi thanh là phần trăm trong " + std::to_string(communes) + " xã đạt tiêu chí đó.";
    for (std::size_t i = 0; i < standing.criteria.size(); ++i) {
        int met = standing.met_by_criterion[i];
        double share = communes ? 100.0 * met / double(communes) : 0.0;
        chart.bars.push_back({.label = std::to_string(standing.criteria[i].number) + ". " + standing.criteria[i].name,
                              .value = share,
                              .value_text = std::to_string(met) + "/" + std::to_string(communes) + " xã",
                              .tone = share >= 100.0 ? render::BarTone::Good : render::BarTone::Neutral});
    }
    chart.markers.push_back({100.0, "Tất cả các xã"});
    return chart;
}

void write_criteria_sets_page(render::HtmlWriter& html, const content::SiteFrame& frame,
                              const std::vector<model::CriteriaSet>& sets, core::Timestamp now) {
    PageMeta meta;
    meta.title = std::string(SETS_TITLE);
    meta.description = "Các bộ tiêu chí nông thôn mới và kết quả đánh giá của từng xã.";
    meta.canonical_path = std::string(SETS_PATH);
    write_layout(html, frame, meta, now, [&] {
        write_breadcrumb_to(html, nullptr);
        auto section = html.scope("section", {{"class", "ntm-sets"}});
        html.element("h1", SETS_TITLE);
        if (sets.empty()) {
            html.element("p", "Chưa có bộ tiêu chí nào được công bố.");
            return;
        }
        auto list = html.scope("ul");
        for (const auto& set : sets) {
            auto item = html.scope("li");
            html.element("a", {{"href", criteria_set_path(set)}}, set.title);
            html.text(" (" + period_text(set) + ")");
        }
    });
}

void write_ntm_standing_page(render::HtmlWriter& html, const content::SiteFrame& frame,
                             const targets::SetStanding& standing, core::Timestamp now) {
    const auto& set = standing.set;
    PageMeta meta;
    meta.title = set.title;
    meta.description = period_text(set) + ": " + standing.summary + ".";
    meta.canonical_path = criteria_set_path(set);
    write_layout(html, frame, meta, now, [&] {
        write_breadcrumb_to(html, &set);
        auto section = html.scope("section", {{"class", "ntm-standing"}});
        html.element("h1", set.title);
        {
            auto p = html.scope("p", {{"class", "lead"}});
            html.text(period_text(set));
            if (!set.level.empty()) html.text(" · " + set.level);
            if (!set.decision_ref.empty()) html.text(" · " + set.decision_ref);
        }
        html.element("p", {{"class", "ntm-summary"}},
                     "Theo kết quả đánh giá mới nhất, " + standing.summary + " (đủ điều kiện đề nghị công nhận).");
        write_chart_figure(html, ntm_chart(standing), "Số xã đạt từng tiêu chí.");
        std::size_t n = standing.criteria.size();
        {
            auto wrap = html.scope("div", {{"class", "table-wrap"},
                                           {"role", "region"},
                                           {"tabindex", "0"},
                                           {"aria-label", "Bảng kết quả đánh giá các xã"}});
            auto table = html.scope("table", {{"class", "ntm-table"}});
            html.element("caption", "Kết quả đánh giá từng tiêu chí của các xã");
            {
                auto head = html.scope("thead");
                auto row = html.scope("tr");
                html.element("th", {{"scope", "col"}}, "Xã");
                for (const auto& c : standing.criteria)
                    html.element("th", {{"scope", "col"}, {"title", c.name}}, "TC " + std::to_string(c.number));
                html.element("th", {{"scope", "col"}}, "Số tiêu chí đạt");
                html.element("th", {{"scope", "col"}}, "Công nhận");
            }
            auto body = html.scope("tbody");
            for (const auto& s : standing.communes) {
                write_commune_row(html, s, n, false);
                for (const auto& f : s.former) write_commune_row(html, f, n, true);
            }
        }
        html.element("h2", "Danh mục tiêu chí");
        auto list = html.scope("ol", {{"class", "ntm-criteria"}});
        for (const auto& c : standing.criteria) {
            auto item = html.scope("li", {{"value", std::to_string(c.number)}});
            html.text(c.name);
        }
    });
}

}  // namespace cong::site
