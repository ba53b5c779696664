#include "render/svg_chart.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace cong::render;

namespace {

std::size_t count(const std::string& text, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
    return n;
}

}  // namespace

TEST(SvgChart, LabelsTitlesAndValuesAreEscaped) {
    BarChart chart{.id = "tien-do",
                   .title = "Tiến độ <script>alert(1)</script>",
                   .description = "A & B \"quoted\"",
                   .bars = {{.label = "</text><script>x</script>", .value = 50, .value_text = "50% <b>"}},
                   .markers = {{.value = 25, .label = "Ngưỡng <25%>"}}};
    std::string svg = render_bar_chart(chart).markup();
    EXPECT_EQ(svg.find("<script"), std::string::npos) << svg;
    EXPECT_EQ(svg.find("<b>"), std::string::npos);
    EXPECT_NE(svg.find("Tiến độ &lt;script&gt;"), std::string::npos);
    EXPECT_NE(svg.find("A &amp; B &quot;quoted&quot;"), std::string::npos);
    EXPECT_NE(svg.find("Ngưỡng &lt;25%&gt;"), std::string::npos);
    EXPECT_NE(svg.find("&lt;/text&gt;&lt;script&gt;x&lt;/script&gt;"), std::string::npos);
}

TEST(SvgChart, HasAnAccessibleNameAndOneRowPerBar) {
    BarChart chart{
        .id = "plan-1",
        .title = "Tiến độ thực hiện chỉ tiêu",
        .bars = {
            {.label = "Chỉ tiêu 1", .value = 104.5, .value_text = "104,5%", .tone = BarTone::Good},
            {.label = "Chỉ tiêu 2", .value = std::nullopt, .value_text = "Chưa đánh giá", .tone = BarTone::Missing},
            {.label = "Chỉ tiêu 3", .value = 10, .value_text = "10%", .tone = BarTone::Poor}}};
    std::string svg = render_bar_chart(chart).markup();
    EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
    EXPECT_NE(svg.find("role=\"img\" aria-labelledby=\"plan-1-title plan-1-desc\""), std::string::npos);
    EXPECT_NE(svg.find("<title id=\"plan-1-title\">Tiến độ thực hiện chỉ tiêu</title>"), std::string::npos);
    EXPECT_EQ(count(svg, "class=\"chart-row "), 3u);
    EXPECT_EQ(count(svg, "<rect"), 2u) << "no bar for a target without a figure";
    EXPECT_NE(svg.find("chart-bar-good"), std::string::npos);
    EXPECT_NE(svg.find("<title>Chỉ tiêu 2: Chưa đánh giá</title>"), std::string::npos);
    EXPECT_EQ(svg.substr(svg.size() - 6), "</svg>");
}

TEST(SvgChart, CoordinatesAreFormattedNumbersWhateverTheInput) {
    BarChart chart{.id = "x\" onload=\"alert(1)",
                   .bars = {{.label = "NaN", .value = std::nan("")},
                            {.label = "Inf", .value = std::numeric_limits<double>::infinity()},
                            {.label = "Âm", .value = -50},
                            {.label = "Rất lớn", .value = 1e300}},
                   .markers = {{.value = std::nan(""), .label = "bỏ"}, {.value = 100, .label = "Kế hoạch"}}};
    std::string svg = render_bar_chart(chart).markup();
    EXPECT_EQ(svg.find("onload"), std::string::npos) << "an unsafe id falls back to \"chart\"";
    EXPECT_NE(svg.find("aria-labelledby=\"chart-title chart-desc\""), std::string::npos);
    EXPECT_EQ(svg.find("nan"), std::string::npos);
    EXPECT_EQ(svg.find("inf"), std::string::npos);
    EXPECT_EQ(svg.find("e+"), std::string::npos);
    EXPECT_EQ(svg.find("\"-"), std::string::npos) << "no negative coordinates";
    EXPECT_EQ(svg.find(">bỏ<"), std::string::npos) << "a marker that is not a number is left out";
    EXPECT_NE(svg.find(">Kế hoạch<"), std::string::npos);
    // The longest bar is cut at the edge of the scale: 300 + 330.
    EXPECT_NE(svg.find("width=\"330.0\""), std::string::npos) << svg;
}

TEST(SvgChart, LongLabelsAreShortenedAtAWordBoundary) {
    std::string long_label = "Tỷ lệ hộ gia đình được công nhận danh hiệu gia đình văn hóa đạt trên 92%";
    BarChart chart{.bars = {{.label = long_label, .value = 40, .value_text = "40%"}}};
    std::string svg = render_bar_chart(chart).markup();
    EXPECT_NE(svg.find(">Tỷ lệ hộ gia đình được công nhận danh…</text>"), std::string::npos) << svg;
    std::string no_space(45, 'x');
    std::string cut = render_bar_chart(BarChart{.bars = {{.label = "Đ" + no_space}}}).markup();
    EXPECT_NE(cut.find(">Đ" + std::string(39, 'x') + "…<"), std::string::npos) << cut;
    EXPECT_NE(svg.find("<title>" + long_label + ": 40%</title>"), std::string::npos) << "in full in the tooltip";
}

TEST(SvgChart, NumbersUseADotWhateverTheLocale) {
    EXPECT_EQ(svg_number(12.345), "12.3");
    EXPECT_EQ(svg_number(7, 0), "7");
    EXPECT_EQ(svg_number(std::nan("")), "0");
}

namespace {

LineChart quarterly_trend() {
    LineChart chart;
    chart.id = "dien-bien";
    chart.title = "Tiến độ <chỉ tiêu> 3";
    chart.description = "Phần trăm kế hoạch năm qua các kỳ";
    chart.labels = {"Quý I năm 2024", "6 tháng đầu năm 2024", "9 tháng năm 2024", "Năm 2024"};
    chart.series.push_back({.name = "Thực hiện",
                            .values = {30.0, std::nullopt, 80.0, 104.5},
                            .value_texts = {"30%", "Chưa đánh giá", "80%", "104,5%"}});
    chart.series.push_back({.name = "Ngưỡng của kỳ", .values = {25.0, 50.0, 75.0, 100.0}, .dashed = true});
    return chart;
}

}  // namespace

TEST(SvgLineChart, HasAnAccessibleNameDescriptionAndATooltipPerPoint) {
    auto svg = render_line_chart(quarterly_trend()).markup();
    EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
    EXPECT_NE(svg.find("aria-labelledby=\"dien-bien-title dien-bien-desc\""), std::string::npos);
    EXPECT_NE(svg.find("<title id=\"dien-bien-title\">Tiến độ &lt;chỉ tiêu&gt; 3</title>"), std::string::npos);
    EXPECT_EQ(count(svg, "<circle"), 3u) << "one point per reported period, none for the missing one";
    EXPECT_NE(svg.find("<title>Năm 2024 – Thực hiện: 104,5%</title>"), std::string::npos);
    EXPECT_NE(svg.find("stroke-dasharray=\"5 4\""), std::string::npos) << "the thresholds are a dashed reference";
    EXPECT_NE(svg.find("Ngưỡng của kỳ"), std::string::npos) << "two series get a legend";
}

TEST(SvgLineChart, AMissingFigureBreaksTheLineInsteadOfBridgingIt) {
    auto svg = render_line_chart(quarterly_trend()).markup();
    auto path = svg.find("class=\"chart-series\"");
    ASSERT_NE(path, std::string::npos);
    auto d = svg.find(" d=\"", path);
    auto end = svg.find('"', d + 4);
    std::string segments = svg.substr(d + 4, end - d - 4);
    EXPECT_EQ(count(segments, "M"), 2u) << segments;
    EXPECT_EQ(count(segments, "L"), 1u) << segments;
}

TEST(SvgLineChart, TheDataTableGivesEveryPeriodAndSeries) {
    auto table = render_line_chart_table(quarterly_trend()).markup();
    EXPECT_NE(table.find("<caption>Số liệu: Tiến độ &lt;chỉ tiêu&gt; 3</caption>"), std::string::npos);
    EXPECT_EQ(count(table, "<th scope=\"row\">"), 4u);
    EXPECT_NE(table.find("Chưa đánh giá"), std::string::npos);
    EXPECT_NE(table.find("<th scope=\"col\">Ngưỡng của kỳ</th>"), std::string::npos);
    EXPECT_NE(table.find(">75.0<"), std::string::npos) << "a value without its own text is written plainly";
}

TEST(SvgLineChart, ValuesBeyondTheScaleStayInsideTheChart) {
    LineChart chart;
    chart.labels = {"A", "B"};
    chart.series.push_back({.name = "x", .values = {1e9, -5.0}});
    auto svg = render_line_chart(chart).markup();
    EXPECT_EQ(svg.find("cy=\"-"), std::string::npos);
    EXPECT_NE(svg.find("id=\"chart-title\""), std::string::npos) << "an empty id falls back to \"chart\"";
}
