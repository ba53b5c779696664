// SVG charts drawn by the server: readable without JavaScript, printable, and safe — every label is
// escaped and every coordinate is a number Cổng formatted itself, so chart data can never inject markup.
#pragma once

#include "render/html_writer.hpp"

#include <optional>
#include <string>
#include <vector>

namespace cong::render {

// The colour of a bar; each tone also gives the bar a class "chart-bar-<tone>" for stylesheets.
enum class BarTone { Neutral, Good, Fair, Poor, Missing };

struct ChartBar {
    std::string label;            // shown left of the bar, shortened when long (in full in its tooltip)
    std::optional<double> value;  // on the chart's scale; none (or not finite): no bar, value_text only
    std::string value_text;       // shown after the bar, already formatted for people: "104,5%"
    BarTone tone = BarTone::Neutral;
};

// A vertical line across all bars: a threshold ("Ngưỡng 25%") or the plan ("Kế hoạch").
struct ChartMarker {
    double value = 0;
    std::string label;
};

// Horizontal bars, one per row, on a scale from 0 to scale_max (grown to the largest value, up to
// MAX_CHART_SCALE: longer bars are cut at the edge and their value_text still tells the truth).
struct BarChart {
    std::string id;           // prefix of the element ids for aria-labelledby; [a-z0-9-] only, else "chart"
    std::string title;        // the accessible name, also the SVG <title>
    std::string description;  // the SVG <desc>: what the bars mean
    std::vector<ChartBar> bars;
    std::vector<ChartMarker> markers;
    double scale_max = 100;
};

constexpr double MAX_CHART_SCALE = 200;
constexpr std::size_t MAX_CHART_LABEL_CHARS = 40;

TrustedHtml render_bar_chart(const BarChart& chart);

// One line of a trend chart: a value per period (none: no figure, the line breaks there), and the text a
// reader sees for it ("104,5%", "Chưa đánh giá"). A dashed series is a reference, such as the thresholds.
struct LineSeries {
    std::string name;
    std::vector<std::optional<double>> values;  // one per LineChart::labels
    std::vector<std::string> value_texts;       // one per LineChart::labels; empty: the value as "12.5"
    bool dashed = false;
};

// A trend across periods: points joined by lines over a horizontal axis of period labels, on a vertical scale
// from 0 to scale_max (grown to the largest value, up to MAX_CHART_SCALE: higher points sit on the top edge and
// their text still tells the truth). Every point has a tooltip; render_line_chart_table gives the same data as
// a table, for readers who cannot see the chart.
struct LineChart {
    std::string id;           // prefix of the element ids; [a-z0-9-] only, else "chart"
    std::string title;        // the accessible name, also the SVG <title>
    std::string description;  // the SVG <desc>
    std::vector<std::string> labels;  // the periods, oldest first; shortened under the axis, whole in tooltips
    std::vector<LineSeries> series;
    std::string axis_suffix = "%";  // after the numbers of the vertical axis
    double scale_max = 100;
};

constexpr std::size_t MAX_LINE_POINTS = 60;  // a month a point over five years; more are left out, oldest first

TrustedHtml render_line_chart(const LineChart& chart);

// <table> with a row per period and a column per series, captioned with the chart's title.
TrustedHtml render_line_chart_table(const LineChart& chart);

// value with the given decimals and a '.' whatever the locale: "12.5". Not finite → "0".
std::string svg_number(double value, int decimals = 1);

}  // namespace cong::render
