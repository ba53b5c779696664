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

// "Nông thôn mới" → "nông thôn mới" inside a sentence; our own labels start with an ASCII capital.
std::string lower_first(std::string_view text) {
    std::string out(text);
    if (!out.empty() && out[0] >= 'A' && out[0] <= 'Z') out[0] = char(out[0] - 'A' + 'a');
    return out;
}

std::string period_text(const model::CriteriaSet& set) {
    return "Giai đoạn " + std::to_string(set.first_year) + "–" + std::to_string(set.last_year);
}

// "Xã nông thôn mới nâng cao", "Huyện nông thôn mới": the unit and the standard of a set.
std::string standard_text(const model::CriteriaSet& set) {
    std::string text(set.unit_level == model::NtmUnitLevel::District ? "Huyện " : "Xã ");
    auto rank = model::rank_label(set.rank);
    text += lower_first(rank);
    return text;
}

std::string_view zone_heading(const model::CriteriaSet& set) {
    return set.zone_kind == model::NtmZoneKind::CommuneGroup ? "Nhóm xã" : "Vùng";
}

std::string threshold_text(const model::Indicator& indicator, std::optional<double> threshold) {
    if (indicator.kind == model::IndicatorKind::YesNo) return "Đạt";
    // A threshold the decision gives that Cổng has no record of is shown as unknown, never guessed.
    if (!threshold) return "—";
    return std::string(indicator.kind == model::IndicatorKind::AtLeast ? "≥ " : "≤ ") + format_figure(*threshold);
}

void write_indicator_table(render::HtmlWriter& html, const targets::SetStanding& standing,
                           const model::Criterion& criterion) {
    std::vector<const model::Indicator*> indicators;
    for (const auto& i : standing.indicators)
        if (i.criterion_id == criterion.id) indicators.push_back(&i);
    if (indicators.empty()) return;
    auto wrap = html.scope("div", {{"class", "table-wrap"},
                                   {"role", "region"},
                                   {"tabindex", "0"},
                                   {"aria-label", "Chỉ tiêu của tiêu chí " + std::to_string(criterion.number)}});
    auto table = html.scope("table", {{"class", "ntm-indicators"}});
    html.element("caption", "Chỉ tiêu của tiêu chí số " + std::to_string(criterion.number) + " – " + criterion.name);
    {
        auto head = html.scope("thead");
        auto row = html.scope("tr");
        html.element("th", {{"scope", "col"}}, "Mã");
        html.element("th", {{"scope", "col"}}, "Chỉ tiêu");
        html.element("th", {{"scope", "col"}}, "Đơn vị tính");
        if (standing.zones.empty()) html.element("th", {{"scope", "col"}}, "Ngưỡng đạt chuẩn");
        for (const auto& zone : standing.zones) html.element("th", {{"scope", "col"}}, zone.name);
    }
    auto body = html.scope("tbody");
    for (const auto* indicator : indicators) {
        auto row = html.scope("tr");
        html.element("td", indicator->code);
        html.element("th", {{"scope", "row"}}, indicator->name);
        html.element("td", indicator->unit);
        if (standing.zones.empty())
            html.element("td", {{"class", "number"}},
                         threshold_text(*indicator, targets::threshold_for(standing.thresholds, indicator->id, std::nullopt)));
        for (const auto& zone : standing.zones)
            html.element("td", {{"class", "number"}},
                         threshold_text(*indicator, targets::threshold_for(standing.thresholds, indicator->id, zone.id)));
    }
}

void write_commune_row(render::HtmlWriter& html, const targets::CommuneStanding& s, std::size_t criteria, bool former,
                       bool zones) {
    auto row = html.scope("tr", {{"class", former ? "ntm-former" : (s.eligible ? "ntm-eligible" : "ntm-commune")}});
    std::string name = former ? "↳ " + s.commune.name + " (trước sáp nhập)" : s.commune.name;
    html.element("th", {{"scope", "row"}}, name);
    if (zones) html.element("td", s.zone ? s.zone->name : std::string("—"));
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
            html.text(" (" + standard_text(set) + ", " + lower_first(period_text(set)) + ")");
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
            html.text(" · " + (set.level.empty() ? standard_text(set) : set.level));
            if (!set.decision_ref.empty()) html.text(" · " + set.decision_ref);
        }
        html.element("p", {{"class", "ntm-summary"}},
                     "Theo kết quả đánh giá mới nhất, " + standing.summary + " (đủ điều kiện đề nghị công nhận).");
        if (!standing.zones.empty())
            html.element("p", {{"class", "ntm-zones"}},
                         std::string(set.zone_kind == model::NtmZoneKind::CommuneGroup
                                         ? "Ngưỡng đạt chuẩn của một số chỉ tiêu khác nhau theo nhóm xã; mỗi xã được "
                                           "đánh giá theo ngưỡng của nhóm mình."
                                         : "Ngưỡng đạt chuẩn của một số chỉ tiêu khác nhau theo vùng; mỗi xã được đánh "
                                           "giá theo ngưỡng của vùng mình."));
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
                html.element("th", {{"scope", "col"}}, set.unit_level == model::NtmUnitLevel::District ? "Huyện" : "Xã");
                if (!standing.zones.empty()) html.element("th", {{"scope", "col"}}, zone_heading(set));
                for (const auto& c : standing.criteria)
                    html.element("th", {{"scope", "col"}, {"title", c.name}}, "TC " + std::to_string(c.number));
                html.element("th", {{"scope", "col"}}, "Số tiêu chí đạt");
                html.element("th", {{"scope", "col"}}, "Công nhận");
            }
            auto body = html.scope("tbody");
            bool zones = !standing.zones.empty();
            for (const auto& s : standing.communes) {
                write_commune_row(html, s, n, false, zones);
                for (const auto& f : s.former) write_commune_row(html, f, n, true, zones);
            }
        }
        html.element("h2", "Danh mục tiêu chí");
        {
            auto list = html.scope("ol", {{"class", "ntm-criteria"}});
            for (const auto& c : standing.criteria) {
                auto item = html.scope("li", {{"value", std::to_string(c.number)}});
                html.text(c.name);
                if (!c.group_name.empty()) html.element("span", {{"class", "muted"}}, " (" + c.group_name + ")");
            }
        }
        if (!standing.indicators.empty()) {
            html.element("h2", "Chỉ tiêu và ngưỡng đạt chuẩn");
            html.element("p", {{"class", "muted"}},
                         "Dấu “—”: ngưỡng của chỉ tiêu chưa được cập nhật vào cổng thông tin; xem văn bản ban hành.");
            for (const auto& c : standing.criteria) write_indicator_table(html, standing, c);
        }
    });
}

}  // namespace cong::site
