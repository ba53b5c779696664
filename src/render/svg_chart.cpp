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

}  // namespace cong::render
