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

// value with the given decimals and a '.' whatever the locale: "12.5". Not finite → "0".
std::string svg_number(double value, int decimals = 1);

}  // namespace cong::render
