#include "site/target_views.hpp"

#include "core/vietnamese.hpp"
#include "http/message.hpp"
#include "site/layout.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace cong::site {
namespace {

constexpr std::string_view PLANS_TITLE = "Chỉ tiêu phát triển kinh tế - xã hội";
constexpr std::string_view PLANS_PATH = "/chi-tieu";

std::string progress_text(const targets::TargetRow& row) {
    if (!row.report || !row.report->value) return "Chưa đánh giá";
    if (row.target.kind == model::TargetKind::YesNo) return *row.report->value >= 1.0 ? "Đã đạt" : "Chưa đạt";
    if (!row.assessment.progress) return row.assessment.standing == targets::Standing::Completed ? "Đạt kế hoạch" : "—";
    return core::format_number_vi(*row.assessment.progress, 1) + "%";
}

render::BarTone tone_of(targets::Standing standing) {
    switch (standing) {
        case targets::Standing::Completed:
            return render::BarTone::Good;
        case targets::Standing::AboveThreshold:
            return render::BarTone::Fair;
        case targets::Standing::BelowThreshold:
            return render::BarTone::Poor;
        case targets::Standing::NotAssessed:
            return render::BarTone::Missing;
    }
    return render::BarTone::Missing;
}

void write_breadcrumb_to(render::HtmlWriter& html, const model::TargetPlan* plan) {
    auto nav = html.scope("nav", {{"class", "breadcrumb"}, {"aria-label", "Đường dẫn"}});
    auto list = html.scope("ol");
    {
        auto item = html.scope("li");
        html.element("a", {{"href", "/"}}, "Trang chủ");
    }
    if (!plan) {
        auto item = html.scope("li");
        html.element("span", {{"aria-current", "page"}}, PLANS_TITLE);
        return;
    }
    {
        auto item = html.scope("li");
        html.element("a", {{"href", PLANS_PATH}}, PLANS_TITLE);
    }
    auto item = html.scope("li");
    html.element("span", {{"aria-current", "page"}}, plan->title);
}

// Every period of the plan's year a reader may choose, with the ones that have figures marked.
std::vector<targets::Period> all_periods(int year) {
    using targets::Period;
    using targets::PeriodKind;
    std::vector<Period> periods;
    for (int month = 1; month <= 12; ++month) periods.push_back(Period{PeriodKind::Month, year, month});
    for (int quarter = 1; quarter <= 4; ++quarter) periods.push_back(Period{PeriodKind::Quarter, year, quarter});
    periods.push_back(Period{PeriodKind::SixMonths, year, 0});
    periods.push_back(Period{PeriodKind::NineMonths, year, 0});
    periods.push_back(Period{PeriodKind::Year, year, 0});
    std::sort(periods.begin(), periods.end());
    return periods;
}

void write_period_choice(render::HtmlWriter& html, const targets::PlanDashboard& board) {
    auto section = html.scope("div", {{"class", "target-periods"}});
    if (!board.periods.empty()) {
        auto nav = html.scope("nav", {{"aria-label", "Kỳ báo cáo có số liệu"}});
        auto list = html.scope("ul");
        for (const auto& period : board.periods) {
            auto item = html.scope("li");
            bool current = period == board.period;
            html.element("a", {{"href", plan_path(board.plan, &period)}, {"aria-current", "page", current}},
                         period.label());
        }
    }
    // A plain GET form: choosing a period needs no script.
    auto form = html.scope("form", {{"method", "get"}, {"action", plan_path(board.plan)}, {"class", "target-filter"}});
    html.element("label", {{"for", "ky"}}, "Kỳ báo cáo");
    html.text(" ");
    {
        auto select = html.scope("select", {{"id", "ky"}, {"name", "ky"}});
        for (const auto& period : all_periods(board.plan.year)) {
            auto key = period.key();
            html.element("option", {{"value", key}, {"selected", "selected", period == board.period}}, period.label());
        }
    }
    html.element("button", {{"type", "submit"}}, "Xem");
}

void write_counts(render::HtmlWriter& html, const targets::PlanDashboard& board) {
    const auto& c = board.counts;
    int total = c.total();
    std::string threshold = std::to_string(board.threshold) + "%";
    struct Item {
        std::string label;
        int count;
        std::string_view tone;
    };
    const Item items[] = {
        {"Hoàn thành và vượt kế hoạch", c.completed, "good"},
        {"Đạt trên " + threshold + " kế hoạch", c.above_threshold, "fair"},
        {"Dưới " + threshold + " kế hoạch", c.below_threshold, "poor"},
        {"Chưa đánh giá", c.not_assessed, "missing"},
    };
    auto list = html.scope("ul", {{"class", "target-counts"}});
    for (const auto& item : items) {
        auto li = html.scope("li", {{"class", "target-count target-count-" + std::string(item.tone)}});
        html.element("strong", targets::format_count(item.count, total));
        html.text(" ");
        html.text(item.label);
    }
}

void write_table(render::HtmlWriter& html, const targets::PlanDashboard& board) {
    // Eight columns do not fit a phone: the table scrolls sideways in a region the keyboard can reach.
    auto wrap = html.scope("div", {{"class", "table-wrap"},
                                   {"role", "region"},
                                   {"tabindex", "0"},
                                   {"aria-label", "Bảng kết quả thực hiện các chỉ tiêu"}});
    auto table = html.scope("table", {{"class", "target-table"}});
    html.element("caption", "Kết quả thực hiện các chỉ tiêu – " + board.period.label());
    {
        auto head = html.scope("thead");
        auto row = html.scope("tr");
        for (std::string_view heading :
             {"Mã", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện", "% KH", "Đánh giá", "Đơn vị phụ trách"})
            html.element("th", {{"scope", "col"}}, heading);
    }
    for (const auto& group : board.groups) {
        auto body = html.scope("tbody");
        {
            auto row = html.scope("tr", {{"class", "target-group"}});
            html.element("th", {{"scope", "colgroup"}, {"colspan", "8"}},
                         group.name + " (" + std::to_string(group.rows.size()) + " chỉ tiêu)");
        }
        for (const auto& r : group.rows) {
            auto row =
                html.scope("tr", {{"class", "target-" + std::string(targets::to_string(r.assessment.standing))}});
            html.element("td", r.target.code);
            {
                auto name = html.scope("th", {{"scope", "row"}});
                html.element("a", {{"href", target_path(board.plan, r.target)}}, r.target.name);
            }
            html.element("td", r.target.unit);
            html.element("td", {{"class", "number"}}, format_plan_value(r.target));
            std::string actual = "—";
            if (r.report && r.report->value) {
                actual = r.target.kind == model::TargetKind::YesNo ? (*r.report->value >= 1.0 ? "Đạt" : "Chưa đạt")
                                                                   : format_figure(*r.report->value);
            }
            {
                auto cell = html.scope("td", {{"class", "number"}});
                html.text(actual);
                if (r.report && !r.report->note.empty()) {
                    html.void_element("br");
                    html.element("small", r.report->note);
                }
            }
            html.element("td", {{"class", "number"}}, r.report && r.report->value ? progress_text(r) : "—");
            html.element("td", targets::standing_label(r.assessment.standing));
            html.element("td", r.target.office);
        }
    }
}

std::optional<core::Timestamp> last_update(const targets::PlanDashboard& board) {
    std::optional<core::Timestamp> latest;
    for (const auto& group : board.groups)
        for (const auto& row : group.rows)
            if (row.report && (!latest || row.report->entered_at > *latest)) latest = row.report->entered_at;
    return latest;
}

}  // namespace

std::string plan_path(const model::TargetPlan& plan, const targets::Period* period) {
    std::string path = std::string(PLANS_PATH) + "/" + http::percent_encode(plan.slug);
    if (period) path += "?ky=" + period->key();
    return path;
}

std::string format_figure(double value) {
    for (int decimals = 0; decimals < 3; ++decimals) {
        double scale = std::pow(10.0, decimals);
        if (std::fabs(std::round(value * scale) - value * scale) < 1e-6) return core::format_number_vi(value, decimals);
    }
    return core::format_number_vi(value, 3);
}

std::string format_plan_value(const model::Target& target) {
    switch (target.kind) {
        case model::TargetKind::HigherIsBetter:
            return format_figure(target.plan_value);
        case model::TargetKind::LowerIsBetter:
            return "≤ " + format_figure(target.plan_value);
        case model::TargetKind::YesNo:
            return "Đạt";
        case model::TargetKind::WithinRange:
            return format_figure(target.plan_value) + " – " +
                   format_figure(target.plan_max.value_or(target.plan_value));
    }
    return format_figure(target.plan_value);
}

render::BarChart dashboard_chart(const targets::PlanDashboard& board) {
    render::BarChart chart;
    chart.id = "bieu-do-chi-tieu";
    chart.title = "Tiến độ thực hiện " + std::to_string(board.counts.total()) + " chỉ tiêu – " + board.period.label();
    chart.description = "Mỗi thanh là phần trăm kế hoạch năm đã đạt của một chỉ tiêu; đường đứt nét đánh dấu ngưỡng " +
                        std::to_string(board.threshold) + "% của kỳ và mức 100% kế hoạch.";
    for (const auto& group : board.groups) {
        for (const auto& row : group.rows) {
            render::ChartBar bar;
            bar.label = row.target.code + ". " + row.target.name;
            bar.value = row.assessment.progress;
            // A target met without a percentage (a plan of 0) is drawn full, as met.
            if (!bar.value && row.assessment.standing == targets::Standing::Completed) bar.value = 100.0;
            bar.value_text = progress_text(row);
            bar.tone = tone_of(row.assessment.standing);
            chart.bars.push_back(std::move(bar));
        }
    }
    if (board.threshold < 100)
        chart.markers.push_back({double(board.threshold), "Ngưỡng " + std::to_string(board.threshold) + "%"});
    chart.markers.push_back({100.0, "Kế hoạch"});
    return chart;
}

void write_chart_figure(render::HtmlWriter& html, const render::BarChart& chart, std::string_view caption) {
    auto figure = html.scope("figure", {{"class", "target-chart"}});
    {
        auto wrap = html.scope(
            "div", {{"class", "table-wrap"}, {"role", "region"}, {"tabindex", "0"}, {"aria-label", chart.title}});
        html.trusted(render::render_bar_chart(chart));
    }
    html.element("figcaption", caption);
}

render::BarChart trend_chart(const targets::PlanDashboard& board) {
    render::BarChart chart;
    chart.id = "bieu-do-dien-bien";
    chart.title = "Diễn biến qua các kỳ báo cáo";
    chart.description = "Mỗi thanh là phần trăm số chỉ tiêu đã hoàn thành hoặc đạt ngưỡng của kỳ đó.";
    for (const auto& point : board.trend) {
        int total = point.counts.total();
        int on_track = point.counts.completed + point.counts.above_threshold;
        double share = total > 0 ? 100.0 * on_track / double(total) : 0.0;
        chart.bars.push_back({.label = point.period.label(),
                              .value = share,
                              .value_text = targets::format_count(on_track, total) + " chỉ tiêu đạt tiến độ",
                              .tone = render::BarTone::Neutral});
    }
    return chart;
}

render::LineChart trend_line_chart(const targets::PlanDashboard& board) {
    render::LineChart chart;
    chart.id = "bieu-do-dien-bien";
    chart.title = "Diễn biến qua các kỳ báo cáo – " + board.plan.title;
    chart.description = "Đường liền: phần trăm số chỉ tiêu đã hoàn thành hoặc đạt ngưỡng của từng kỳ; đường đứt nét: "
                        "ngưỡng tiến độ của kỳ đó.";
    render::LineSeries on_track{.name = "Chỉ tiêu đạt tiến độ (%)"};
    render::LineSeries thresholds{.name = "Ngưỡng của kỳ (% kế hoạch năm)", .dashed = true};
    for (const auto& point : board.trend) {
        int total = point.counts.total();
        int done = point.counts.completed + point.counts.above_threshold;
        chart.labels.push_back(point.period.label());
        on_track.values.push_back(total > 0 ? std::optional<double>(100.0 * done / double(total)) : std::nullopt);
        on_track.value_texts.push_back(targets::format_count(done, total) + " chỉ tiêu đạt tiến độ");
        thresholds.values.push_back(double(point.threshold));
        thresholds.value_texts.push_back(std::to_string(point.threshold) + "%");
    }
    chart.series = {std::move(on_track), std::move(thresholds)};
    return chart;
}

TargetTrend make_target_trend(const model::TargetPlan& plan, const model::Target& target,
                              const std::vector<model::TargetReport>& history) {
    TargetTrend trend{plan, target, {}};
    // Newest entry per period: the history may come in any order, so compare ids (entries are never rewritten).
    std::map<std::string, const model::TargetReport*> newest;
    for (const auto& report : history) {
        auto& slot = newest[report.period];
        if (!slot || report.id > slot->id) slot = &report;
    }
    for (const auto& [key, report] : newest) {
        auto period = targets::parse_period(key);
        if (!period || period->year != plan.year) continue;
        int threshold = targets::period_threshold(plan, *period);
        trend.points.push_back({*period, threshold, *report, targets::assess(target, report->value, threshold)});
    }
    std::sort(trend.points.begin(), trend.points.end(),
              [](const TargetTrendPoint& a, const TargetTrendPoint& b) { return a.period < b.period; });
    return trend;
}

render::LineChart target_trend_chart(const TargetTrend& trend) {
    render::LineChart chart;
    chart.id = "bieu-do-chi-tieu-qua-cac-ky";
    chart.title = "Tiến độ chỉ tiêu " + trend.target.code + " qua các kỳ – " + trend.target.name;
    chart.description = "Đường liền: phần trăm kế hoạch năm đã đạt ở từng kỳ; đường đứt nét: ngưỡng tiến độ của kỳ.";
    render::LineSeries progress{.name = "Thực hiện (% kế hoạch năm)"};
    render::LineSeries thresholds{.name = "Ngưỡng của kỳ (% kế hoạch năm)", .dashed = true};
    for (const auto& point : trend.points) {
        chart.labels.push_back(point.period.label());
        std::optional<double> value = point.assessment.progress;
        if (!value && point.assessment.standing == targets::Standing::Completed) value = 100.0;
        progress.values.push_back(value);
        targets::TargetRow row{trend.target, point.report, point.assessment};
        progress.value_texts.push_back(progress_text(row) + " (" + targets::standing_label(point.assessment.standing).data() + ")");
        thresholds.values.push_back(double(point.threshold));
        thresholds.value_texts.push_back(std::to_string(point.threshold) + "%");
    }
    chart.series = {std::move(progress), std::move(thresholds)};
    return chart;
}

std::string target_path(const model::TargetPlan& plan, const model::Target& target) {
    return std::string(PLANS_PATH) + "/" + http::percent_encode(plan.slug) + "/" + http::percent_encode(target.code);
}

void write_line_chart_figure(render::HtmlWriter& html, const render::LineChart& chart, std::string_view caption) {
    auto figure = html.scope("figure", {{"class", "target-chart"}});
    {
        auto wrap = html.scope(
            "div", {{"class", "table-wrap"}, {"role", "region"}, {"tabindex", "0"}, {"aria-label", chart.title}});
        html.trusted(render::render_line_chart(chart));
    }
    html.element("figcaption", caption);
    // The figures behind the lines, for screen readers and for anyone who wants the numbers.
    auto details = html.scope("details", {{"class", "chart-table"}});
    html.element("summary", "Xem số liệu dạng bảng");
    auto wrap = html.scope("div", {{"class", "table-wrap"}});
    html.trusted(render::render_line_chart_table(chart));
}

void write_target_page(render::HtmlWriter& html, const content::SiteFrame& frame, const TargetTrend& trend,
                       core::Timestamp now) {
    const auto& target = trend.target;
    PageMeta meta;
    meta.title = target.code + ". " + target.name + " – " + trend.plan.title;
    meta.description = "Kế hoạch năm " + std::to_string(trend.plan.year) + ": " + format_plan_value(target) +
                       (target.unit.empty() ? "" : " " + target.unit) + "; kết quả thực hiện qua các kỳ báo cáo.";
    meta.canonical_path = target_path(trend.plan, target);
    write_layout(html, frame, meta, now, [&] {
        {
            auto nav = html.scope("nav", {{"class", "breadcrumb"}, {"aria-label", "Đường dẫn"}});
            auto list = html.scope("ol");
            {
                auto item = html.scope("li");
                html.element("a", {{"href", "/"}}, "Trang chủ");
            }
            {
                auto item = html.scope("li");
                html.element("a", {{"href", PLANS_PATH}}, PLANS_TITLE);
            }
            {
                auto item = html.scope("li");
                html.element("a", {{"href", plan_path(trend.plan)}}, trend.plan.title);
            }
            auto item = html.scope("li");
            html.element("span", {{"aria-current", "page"}}, "Chỉ tiêu " + target.code);
        }
        auto section = html.scope("section", {{"class", "target-detail"}});
        html.element("h1", target.code + ". " + target.name);
        {
            auto facts = html.scope("dl", {{"class", "target-facts"}});
            auto fact = [&](std::string_view term, const std::string& value) {
                if (value.empty()) return;
                html.element("dt", term);
                html.element("dd", value);
            };
            fact("Nhóm", target.group_name);
            fact("Kế hoạch năm " + std::to_string(trend.plan.year),
                 format_plan_value(target) + (target.unit.empty() ? "" : " " + target.unit));
            fact("Đơn vị phụ trách", target.office);
        }
        if (trend.points.empty()) {
            html.element("p", "Chưa có số liệu của kỳ báo cáo nào.");
            return;
        }
        html.element("h2", "Diễn biến qua các kỳ");
        write_line_chart_figure(html, target_trend_chart(trend), "Phần trăm kế hoạch năm đã đạt ở từng kỳ báo cáo.");
        html.element("h2", "Số liệu từng kỳ");
        auto wrap = html.scope("div", {{"class", "table-wrap"}, {"role", "region"}, {"tabindex", "0"},
                                       {"aria-label", "Số liệu từng kỳ"}});
        auto table = html.scope("table", {{"class", "target-table"}});
        html.element("caption", "Số liệu của chỉ tiêu " + target.code + " theo kỳ báo cáo");
        {
            auto head = html.scope("thead");
            auto row = html.scope("tr");
            for (std::string_view heading : {"Kỳ báo cáo", "Thực hiện", "% KH", "Ngưỡng", "Đánh giá", "Ghi chú"})
                html.element("th", {{"scope", "col"}}, heading);
        }
        auto body = html.scope("tbody");
        for (const auto& point : trend.points) {
            auto row = html.scope("tr");
            targets::TargetRow r{target, point.report, point.assessment};
            html.element("th", {{"scope", "row"}}, point.period.label());
            std::string actual = "—";
            if (point.report.value)
                actual = target.kind == model::TargetKind::YesNo ? (*point.report.value >= 1.0 ? "Đạt" : "Chưa đạt")
                                                                : format_figure(*point.report.value);
            html.element("td", {{"class", "number"}}, actual);
            html.element("td", {{"class", "number"}}, point.report.value ? progress_text(r) : "—");
            html.element("td", {{"class", "number"}}, std::to_string(point.threshold) + "%");
            html.element("td", targets::standing_label(point.assessment.standing));
            html.element("td", point.report.note);
        }
    });
}

render::TrustedHtml render_target_summary_block(const targets::PlanDashboard& board) {
    render::HtmlWriter html;
    write_summary_block(html, board);
    return render::TrustedHtml(html.take());
}

void write_summary_block(render::HtmlWriter& html, const targets::PlanDashboard& board) {
    auto aside = html.scope("aside", {{"class", "target-summary-block"}, {"aria-label", "Tóm tắt kết quả chỉ tiêu"}});
    html.element("p", {{"class", "target-summary"}}, board.period.label() + ", " + board.summary + ".");
    {
        auto wrap = html.scope("div", {{"class", "table-wrap"}});
        auto table = html.scope("table");
        html.element("caption", board.plan.title + " – " + board.period.label());
        {
            auto head = html.scope("thead");
            auto row = html.scope("tr");
            html.element("th", {{"scope", "col"}}, "Kết quả");
            html.element("th", {{"scope", "col"}}, "Số chỉ tiêu");
        }
        const auto& c = board.counts;
        int total = c.total();
        std::string threshold = std::to_string(board.threshold) + "%";
        auto body = html.scope("tbody");
        auto line = [&](const std::string& label, int count) {
            auto row = html.scope("tr");
            html.element("th", {{"scope", "row"}}, label);
            html.element("td", {{"class", "number"}}, targets::format_count(count, total));
        };
        line("Hoàn thành và vượt kế hoạch", c.completed);
        line("Đạt trên " + threshold + " kế hoạch", c.above_threshold);
        line("Dưới " + threshold + " kế hoạch", c.below_threshold);
        line("Chưa đánh giá", c.not_assessed);
    }
    auto p = html.scope("p", {{"class", "target-summary-link"}});
    html.element("a", {{"href", plan_path(board.plan, &board.period)}}, "Xem chi tiết từng chỉ tiêu");
}

void write_plan_list_page(render::HtmlWriter& html, const content::SiteFrame& frame,
                          const std::vector<model::TargetPlan>& plans, core::Timestamp now) {
    PageMeta meta;
    meta.title = std::string(PLANS_TITLE);
    meta.description = "Kế hoạch, chỉ tiêu và kết quả thực hiện theo từng kỳ báo cáo.";
    meta.canonical_path = std::string(PLANS_PATH);
    write_layout(html, frame, meta, now, [&] {
        write_breadcrumb_to(html, nullptr);
        auto section = html.scope("section", {{"class", "target-plans"}});
        html.element("h1", PLANS_TITLE);
        if (plans.empty()) {
            html.element("p", "Chưa có kế hoạch nào được công bố.");
            return;
        }
        auto list = html.scope("ul");
        for (const auto& plan : plans) {
            auto item = html.scope("li");
            html.element("a", {{"href", plan_path(plan)}}, plan.title);
            html.text(" (năm " + std::to_string(plan.year) + ")");
        }
    });
}

void write_plan_dashboard_page(render::HtmlWriter& html, const content::SiteFrame& frame,
                               const targets::PlanDashboard& board, core::Timestamp now) {
    PageMeta meta;
    meta.title = board.plan.title + " – " + board.period.label();
    meta.description = board.period.label() + ", " + board.summary + ".";
    meta.canonical_path = plan_path(board.plan, &board.period);
    write_layout(html, frame, meta, now, [&] {
        write_breadcrumb_to(html, &board.plan);
        auto section = html.scope("section", {{"class", "target-dashboard"}});
        html.element("h1", board.plan.title);
        if (!board.plan.description.empty()) html.element("p", {{"class", "lead"}}, board.plan.description);
        write_period_choice(html, board);
        html.element("h2", "Kết quả " + board.period.label());
        // The sentence of the quarterly report, computed from the figures as they stand now.
        html.element("p", {{"class", "target-summary"}}, board.period.label() + ", " + board.summary + ".");
        write_counts(html, board);
        write_chart_figure(html, dashboard_chart(board), "Tiến độ từng chỉ tiêu so với kế hoạch năm (%).");
        write_table(html, board);
        {
            auto p = html.scope("p", {{"class", "target-download"}});
            html.element("a",
                         {{"href", std::string(PLANS_PATH) + "/" + http::percent_encode(board.plan.slug) +
                                       "/so-lieu.csv?ky=" + board.period.key()},
                          {"download", ""}},
                         "Tải số liệu " + board.period.label() + " (CSV, mở bằng Excel)");
        }
        if (board.trend.size() > 1) {
            html.element("h2", "Diễn biến qua các kỳ");
            write_line_chart_figure(html, trend_line_chart(board),
                                    "Tỷ lệ chỉ tiêu hoàn thành hoặc đạt ngưỡng của từng kỳ, so với ngưỡng của kỳ.");
        }
        if (auto updated = last_update(board)) {
            auto p = html.scope("p", {{"class", "target-updated"}});
            html.text("Số liệu cập nhật lần cuối: " + core::format_vi_date_time(*updated) + ".");
        }
    });
}

void write_bad_period_page(render::HtmlWriter& html, const content::SiteFrame& frame, const model::TargetPlan& plan,
                           std::string_view message, core::Timestamp now) {
    PageMeta meta;
    meta.title = "Kỳ báo cáo không hợp lệ";
    meta.indexable = false;
    write_layout(html, frame, meta, now, [&] {
        write_breadcrumb_to(html, &plan);
        auto section = html.scope("div", {{"class", "error-page"}});
        html.element("h1", "Kỳ báo cáo không hợp lệ");
        html.element("p", message);
        auto back = html.scope("p");
        html.element("a", {{"href", plan_path(plan)}}, "Xem kỳ báo cáo mới nhất của " + plan.title);
    });
}

}  // namespace cong::site
