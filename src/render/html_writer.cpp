#include "render/html_writer.hpp"

#include <array>

namespace cong::render {

namespace {

// The bytes escape_html changes: a table lookup per byte keeps the scan over ordinary text tight.
constexpr auto SPECIAL = [] {
    std::array<bool, 256> special{};
    for (unsigned char c : {'&', '<', '>', '"', '\'', '\0'}) special[c] = true;
    return special;
}();

}  // namespace

void escape_html(std::string& out, std::string_view text) {
    // Runs of ordinary characters are appended whole: most text has no character to escape.
    const char* data = text.data();
    const std::size_t size = text.size();
    std::size_t start = 0;
    for (std::size_t i = 0; i < size; ++i) {
        if (!SPECIAL[static_cast<unsigned char>(data[i])]) continue;
        out.append(data + start, i - start);
        switch (data[i]) {
            case '&': out.append("&amp;"); break;
            case '<': out.append("&lt;"); break;
            case '>': out.append("&gt;"); break;
            case '"': out.append("&quot;"); break;
            case '\'': out.append("&#39;"); break;
            default: break;  // NUL: never let one reach the page
        }
        start = i + 1;
    }
    out.append(data + start, size - start);
}

std::string escape_html(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    escape_html(out, text);
    return out;
}

void HtmlWriter::attributes(Attrs attrs) {
    for (const auto& attr : attrs) {
        if (!attr.present) continue;
        out_ += ' ';
        out_ += attr.name;
        out_ += "=\"";
        escape_html(out_, attr.value);
        out_ += '"';
    }
}

HtmlWriter& HtmlWriter::open(std::string_view tag, Attrs attrs) {
    out_ += '<';
    out_ += tag;
    attributes(attrs);
    out_ += '>';
    return *this;
}

HtmlWriter& HtmlWriter::close(std::string_view tag) {
    out_ += "</";
    out_ += tag;
    out_ += '>';
    return *this;
}

HtmlWriter& HtmlWriter::void_element(std::string_view tag, Attrs attrs) { return open(tag, attrs); }

HtmlWriter& HtmlWriter::element(std::string_view tag, Attrs attrs, std::string_view content) {
    open(tag, attrs);
    escape_html(out_, content);
    return close(tag);
}

HtmlWriter& HtmlWriter::text(std::string_view content) {
    escape_html(out_, content);
    return *this;
}

}  // namespace cong::render
