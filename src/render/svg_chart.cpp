#include "render/svg_chart.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace cong::render {
namespace {

constexpr double WIDTH = 760;
constexpr double LABEL_WIDTH = 300;  // the column of labels, right-aligned against the bars
constexpr double BAR_AREA = 330;
constexpr double VALUE_GAP = 6;
constexpr double ROW_HEIGHT = 26;
constexpr double BAR_HEIGHT = 16;
constexpr double TOP = 28;  // room for the marker labels
constexpr double BOTTOM = 12;

std::string_view tone_name(BarTone tone) {
    switch (tone) {
        case BarTone::Neutral:
            return "neutral";
        case BarTone::Good:
            return "good";
        case BarTone::Fair:
            return "fair";
        case BarTone::Poor:
            return "poor";
        case BarTone::Missing:
            return "missing";
    }
    return "neutral";
}

// Colours with at least 3:1 contrast on white, as WCAG asks of graphics.
std::string_view tone_colour(BarTone tone) {
    switch (tone) {
        case BarTone::Neutral:
            return "#1565c0";
        case BarTone::Good:
            return "#2e7d32";
        case BarTone::Fair:
            return "#b26a00";
        case BarTone::Poor:
            return "#c62828";
        case BarTone::Missing:
            return "#757575";
    }
    return "#1565c0";
}

std::string safe_id(std::string_view id) {
    if (id.empty() || id.size() > 64) return "chart";
    for (char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return "chart";
    return std::string(id);
}

// At most max_chars code points and "…" when cut: at the last space in the second half of the kept text,
// else at a character boundary, never inside a UTF-8 sequence.
std::string shorten(std::string_view text, std::size_t max_chars) {
    std::size_t chars = 0;
    std::size_t last_space = std::string_view::npos;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
        if (chars == max_chars) {
            std::size_t cut = last_space != std::string_view::npos && last_space > i / 2 ? last_space : i;
            return std::string(text.substr(0, cut)) + "…";
        }
        if (text[i] == ' ') last_space = i;
        ++chars;
    }
    return std::string(text);
}

std::string attr(std::string_view name, std::string_view value) {
    std::string out = " ";
    out += name;
    out += "=\"";
    escape_html(out, value);
    out += '"';
    return out;
}

std::string text_element(double x, double y, std::string_view anchor, std::string_view css_class,
                         std::string_view text) {
    std::string out = "<text" + attr("x", svg_number(x)) + attr("y", svg_number(y)) + attr("text-anchor", anchor) +
                      attr("class", css_class) + ">";
    escape_html(out, text);
    out += "</text>";
    return out;
}

}  // namespace

std::string svg_number(double value, int decimals) {
    if (!std::isfinite(value)) return "0";
    char buffer[64];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, decimals);
    if (ec != std::errc{}) return "0";
    return std::string(buffer, end);
}

TrustedHtml render_bar_chart(const BarChart& chart) {
    std::string id = safe_id(chart.id);
    double scale = std::isfinite(chart.scale_max) && chart.scale_max > 0 ? chart.scale_max : 100;
    for (const auto& bar : chart.bars)
        if (bar.value && std::isfinite(*bar.value)) scale = std::max(scale, *bar.value);
    scale = std::min(scale, MAX_CHART_SCALE);
    auto x_of = [&](double value) {
        double clamped = std::clamp(std::isfinite(value) ? value : 0.0, 0.0, scale);
        return LABEL_WIDTH + clamped / scale * BAR_AREA;
    };
    double height = TOP + ROW_HEIGHT * double(chart.bars.size()) + BOTTOM;

    std::string out;
    out.reserve(256 + chart.bars.size() * 400);
    out += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-bars\"";
    out += attr("viewBox", "0 0 " + svg_number(WIDTH, 0) + " " + svg_number(height, 0));
    out += attr("width", svg_number(WIDTH, 0)) + attr("height", svg_number(height, 0));
    out += " role=\"img\"" + attr("aria-labelledby", id + "-title " + id + "-desc");
    out += " font-family=\"sans-serif\" font-size=\"12\">";
    out += "<title" + attr("id", id + "-title") + ">";
    escape_html(out, chart.title);
    out += "</title><desc" + attr("id", id + "-desc") + ">";
    escape_html(out, chart.description);
    out += "</desc>";

    // The axis at 0, then the markers, under the bars.
    double bottom = height - BOTTOM;
    out += "<line" + attr("x1", svg_number(LABEL_WIDTH)) + attr("y1", svg_number(TOP - 4)) +
           attr("x2", svg_number(LABEL_WIDTH)) + attr("y2", svg_number(bottom)) +
           " stroke=\"#424242\" class=\"chart-axis\"/>";
    for (const auto& marker : chart.markers) {
        if (!std::isfinite(marker.value) || marker.value < 0 || marker.value > scale) continue;
        double x = x_of(marker.value);
        out += "<line" + attr("x1", svg_number(x)) + attr("y1", svg_number(TOP - 4)) + attr("x2", svg_number(x)) +
               attr("y2", svg_number(bottom)) + " stroke=\"#424242\" stroke-dasharray=\"4 3\" class=\"chart-marker\"/>";
        out += text_element(x, TOP - 10, "middle", "chart-marker-label", marker.label);
    }

    for (std::size_t i = 0; i < chart.bars.size(); ++i) {
        const auto& bar = chart.bars[i];
        double row_top = TOP + ROW_HEIGHT * double(i);
        double bar_y = row_top + (ROW_HEIGHT - BAR_HEIGHT) / 2;
        double text_y = row_top + ROW_HEIGHT / 2 + 4;
        std::string tone(tone_name(bar.tone));
        out += "<g" + attr("class", "chart-row chart-bar-" + tone) + "><title>";
        escape_html(out, bar.label);
        if (!bar.value_text.empty()) {
            out += ": ";
            escape_html(out, bar.value_text);
        }
        out += "</title>";
        out += text_element(LABEL_WIDTH - 8, text_y, "end", "chart-label", shorten(bar.label, MAX_CHART_LABEL_CHARS));
        double end_x = LABEL_WIDTH;
        if (bar.value && std::isfinite(*bar.value)) {
            end_x = x_of(*bar.value);
            double width = end_x - LABEL_WIDTH;
            // A figure of 0 still shows a sliver, so "0%" is seen as a bar and not as a missing one.
            if (width < 1) width = 1;
            out += "<rect" + attr("x", svg_number(LABEL_WIDTH)) + attr("y", svg_number(bar_y)) +
                   attr("width", svg_number(width)) + attr("height", svg_number(BAR_HEIGHT)) +
                   attr("fill", tone_colour(bar.tone)) + " class=\"chart-bar\"/>";
        }
        out += text_element(end_x + VALUE_GAP, text_y, "start", "chart-value", bar.value_text);
        out += "</g>";
    }
    out += "</svg>";
    return TrustedHtml(std::move(out));
}

namespace {

constexpr double LINE_WIDTH = 760;
constexpr double LINE_HEIGHT = 300;
constexpr double PLOT_LEFT = 56;
constexpr double PLOT_RIGHT = 24;
constexpr double PLOT_TOP = 20;
constexpr double PLOT_BOTTOM = 70;  // the period labels
constexpr double LEGEND_ROW = 20;
constexpr std::size_t MAX_AXIS_LABEL_CHARS = 24;
constexpr std::string_view SERIES_COLOURS[] = {"#1565c0", "#2e7d32", "#b26a00", "#6a1b9a"};

std::string series_colour(const LineSeries& series, std::size_t index) {
    if (series.dashed) return "#424242";
    return std::string(SERIES_COLOURS[index % std::size(SERIES_COLOURS)]);
}

std::string point_text(const LineSeries& series, std::size_t i) {
    if (i < series.value_texts.size() && !series.value_texts[i].empty()) return series.value_texts[i];
    if (i < series.values.size() && series.values[i] && std::isfinite(*series.values[i]))
        return svg_number(*series.values[i]);
    return "—";
}

// The last MAX_LINE_POINTS periods: a chart wider than that is unreadable anyway.
std::size_t first_point(const LineChart& chart) {
    return chart.labels.size() > MAX_LINE_POINTS ? chart.labels.size() - MAX_LINE_POINTS : 0;
}

}  // namespace

TrustedHtml render_line_chart(const LineChart& chart) {
    std::string id = safe_id(chart.id);
    std::size_t first = first_point(chart);
    std::size_t points = chart.labels.size() - first;
    double scale = std::isfinite(chart.scale_max) && chart.scale_max > 0 ? chart.scale_max : 100;
    for (const auto& series : chart.series)
        for (std::size_t i = first; i < series.values.size() && i < chart.labels.size(); ++i)
            if (series.values[i] && std::isfinite(*series.values[i])) scale = std::max(scale, *series.values[i]);
    scale = std::min(scale, MAX_CHART_SCALE);
    bool legend = chart.series.size() > 1;
    double height = LINE_HEIGHT + (legend ? LEGEND_ROW * double(chart.series.size()) : 0);
    double plot_width = LINE_WIDTH - PLOT_LEFT - PLOT_RIGHT;
    double plot_height = LINE_HEIGHT - PLOT_TOP - PLOT_BOTTOM;
    double base = PLOT_TOP + plot_height;
    auto x_of = [&](std::size_t i) {
        return points <= 1 ? PLOT_LEFT + plot_width / 2 : PLOT_LEFT + plot_width * double(i - first) / double(points - 1);
    };
    auto y_of = [&](double value) {
        double clamped = std::clamp(std::isfinite(value) ? value : 0.0, 0.0, scale);
        return base - clamped / scale * plot_height;
    };

    std::string out;
    out.reserve(1024 + points * 300 * std::max<std::size_t>(1, chart.series.size()));
    out += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-line\"";
    out += attr("viewBox", "0 0 " + svg_number(LINE_WIDTH, 0) + " " + svg_number(height, 0));
    out += attr("width", svg_number(LINE_WIDTH, 0)) + attr("height", svg_number(height, 0));
    out += " role=\"img\"" + attr("aria-labelledby", id + "-title " + id + "-desc");
    out += " font-family=\"sans-serif\" font-size=\"12\">";
    out += "<title" + attr("id", id + "-title") + ">";
    escape_html(out, chart.title);
    out += "</title><desc" + attr("id", id + "-desc") + ">";
    escape_html(out, chart.description);
    out += "</desc>";

    // Grid lines at quarters of the scale, with their numbers.
    for (int step = 0; step <= 4; ++step) {
        double value = scale * step / 4.0;
        double y = y_of(value);
        out += "<line" + attr("x1", svg_number(PLOT_LEFT)) + attr("y1", svg_number(y)) +
               attr("x2", svg_number(LINE_WIDTH - PLOT_RIGHT)) + attr("y2", svg_number(y)) +
               (step == 0 ? " stroke=\"#424242\" class=\"chart-axis\"/>" : " stroke=\"#e0e0e0\" class=\"chart-grid\"/>");
        out += text_element(PLOT_LEFT - 6, y + 4, "end", "chart-tick", svg_number(value, 0) + chart.axis_suffix);
    }
    // Period labels under the axis, turned when there are many so they do not overlap.
    bool turned = points > 4;
    for (std::size_t i = first; i < chart.labels.size(); ++i) {
        double x = x_of(i);
        std::string label = shorten(chart.labels[i], MAX_AXIS_LABEL_CHARS);
        if (turned) {
            out += "<text" + attr("x", svg_number(x)) + attr("y", svg_number(base + 14)) + attr("text-anchor", "end") +
                   attr("transform", "rotate(-35 " + svg_number(x) + " " + svg_number(base + 14) + ")") +
                   " class=\"chart-label\">";
            escape_html(out, label);
            out += "</text>";
        } else {
            out += text_element(x, base + 18, "middle", "chart-label", label);
        }
    }

    for (std::size_t s = 0; s < chart.series.size(); ++s) {
        const auto& series = chart.series[s];
        std::string colour = series_colour(series, s);
        out += "<g" + attr("class", std::string("chart-series") + (series.dashed ? " chart-series-reference" : "")) + ">";
        // A missing figure breaks the line: a line across it would claim a value nobody reported.
        std::string path;
        bool pen_down = false;
        for (std::size_t i = first; i < chart.labels.size(); ++i) {
            bool has = i < series.values.size() && series.values[i] && std::isfinite(*series.values[i]);
            if (!has) {
                pen_down = false;
                continue;
            }
            path += (pen_down ? " L" : (path.empty() ? "M" : " M")) + svg_number(x_of(i)) + " " +
                    svg_number(y_of(*series.values[i]));
            pen_down = true;
        }
        if (!path.empty())
            out += "<path" + attr("d", path) + " fill=\"none\"" + attr("stroke", colour) + " stroke-width=\"2\"" +
                   (series.dashed ? " stroke-dasharray=\"5 4\"" : "") + " class=\"chart-line-path\"/>";
        if (!series.dashed) {
            for (std::size_t i = first; i < chart.labels.size(); ++i) {
                if (!(i < series.values.size() && series.values[i] && std::isfinite(*series.values[i]))) continue;
                out += "<circle" + attr("cx", svg_number(x_of(i))) + attr("cy", svg_number(y_of(*series.values[i]))) +
                       " r=\"4\"" + attr("fill", colour) + " class=\"chart-point\"><title>";
                escape_html(out, chart.labels[i]);
                out += " – ";
                escape_html(out, series.name);
                out += ": ";
                escape_html(out, point_text(series, i));
                out += "</title></circle>";
            }
        }
        out += "</g>";
    }
    if (legend) {
        for (std::size_t s = 0; s < chart.series.size(); ++s) {
            const auto& series = chart.series[s];
            double y = LINE_HEIGHT + LEGEND_ROW * double(s) + 4;
            out += "<line" + attr("x1", svg_number(PLOT_LEFT)) + attr("y1", svg_number(y)) +
                   attr("x2", svg_number(PLOT_LEFT + 24)) + attr("y2", svg_number(y)) +
                   attr("stroke", series_colour(series, s)) + " stroke-width=\"2\"" +
                   (series.dashed ? " stroke-dasharray=\"5 4\"" : "") + "/>";
            out += text_element(PLOT_LEFT + 30, y + 4, "start", "chart-legend", series.name);
        }
    }
    out += "</svg>";
    return TrustedHtml(std::move(out));
}

TrustedHtml render_line_chart_table(const LineChart& chart) {
    HtmlWriter html;
    {
        auto table = html.scope("table", {{"class", "chart-data"}});
        html.element("caption", "Số liệu: " + chart.title);
        {
            auto head = html.scope("thead");
            auto row = html.scope("tr");
            html.element("th", {{"scope", "col"}}, "Kỳ");
            for (const auto& series : chart.series) html.element("th", {{"scope", "col"}}, series.name);
        }
        auto body = html.scope("tbody");
        for (std::size_t i = first_point(chart); i < chart.labels.size(); ++i) {
            auto row = html.scope("tr");
            html.element("th", {{"scope", "row"}}, chart.labels[i]);
            for (const auto& series : chart.series) html.element("td", {{"class", "number"}}, point_text(series, i));
        }
    }
    return TrustedHtml(html.take());
}

}  // namespace cong::render
