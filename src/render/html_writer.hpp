// HtmlWriter: builds HTML in which every piece of text is escaped unless it is TrustedHtml.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace cong::render {

// Markup that Cổng itself produced (a rendered document, an SVG chart). Never build one from user input.
class TrustedHtml {
public:
    explicit TrustedHtml(std::string markup) : markup_(std::move(markup)) {}
    const std::string& markup() const { return markup_; }

private:
    std::string markup_;
};

// An attribute: the name is written as is, so it must be a literal; the value is escaped.
struct Attr {
    std::string_view name;
    std::string_view value;
    bool present = true;  // false: the attribute is left out (for optional ones)
    Attr(std::string_view n, std::string_view v, bool p = true) : name(n), value(v), present(p) {}
};
using Attrs = std::initializer_list<Attr>;

class HtmlWriter {
public:
    HtmlWriter() { out_.reserve(16 * 1024); }

    HtmlWriter& doctype() { return raw("<!DOCTYPE html>\n"); }
    HtmlWriter& open(std::string_view tag, Attrs attrs = {});
    HtmlWriter& close(std::string_view tag);
    // An element without content and without end tag: <img>, <meta>, <link>, <br>, <input>.
    HtmlWriter& void_element(std::string_view tag, Attrs attrs = {});
    // <tag attrs>text</tag>, text escaped.
    HtmlWriter& element(std::string_view tag, Attrs attrs, std::string_view text);
    HtmlWriter& element(std::string_view tag, std::string_view text) { return element(tag, {}, text); }
    HtmlWriter& text(std::string_view text);
    HtmlWriter& trusted(const TrustedHtml& html) { return raw(html.markup()); }

    // Opens tag now and closes it when the returned guard leaves scope.
    class Scope {
    public:
        Scope(HtmlWriter& writer, std::string_view tag) : writer_(&writer), tag_(tag) {}
        Scope(Scope&& other) noexcept : writer_(std::exchange(other.writer_, nullptr)), tag_(other.tag_) {}
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;
        Scope& operator=(Scope&&) = delete;
        ~Scope() {
            if (writer_) writer_->close(tag_);
        }

    private:
        HtmlWriter* writer_;
        std::string_view tag_;
    };
    [[nodiscard]] Scope scope(std::string_view tag, Attrs attrs = {}) {
        open(tag, attrs);
        return Scope(*this, tag);
    }

    const std::string& str() const { return out_; }
    std::string take() { return std::move(out_); }

private:
    HtmlWriter& raw(std::string_view markup) {
        out_ += markup;
        return *this;
    }
    void attributes(Attrs attrs);

    std::string out_;
};

// Escapes &, <, >, " and ' for use in text and in quoted attribute values.
void escape_html(std::string& out, std::string_view text);
std::string escape_html(std::string_view text);

}  // namespace cong::render
