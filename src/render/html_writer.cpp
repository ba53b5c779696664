#include "render/html_writer.hpp"

namespace cong::render {

void escape_html(std::string& out, std::string_view text) {
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            case '\0': break;  // never let a NUL reach the page
            default: out += c;
        }
    }
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
