// libFuzzer target for article bodies (content/document): JSON text is validated against the schema,
// and a valid document round-trips through its canonical JSON and renders to HTML in which nothing from
// the input can start a script, a javascript: link or a new attribute.
#include "content/document.hpp"
#include "core/vietnamese.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace cong;

void check(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "property broken: %s\n", what);
        std::abort();
    }
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
    return out;
}

// What a browser reads from an attribute value written by HtmlWriter (it emits only these references).
std::string unescape(std::string_view value) {
    std::string out;
    while (!value.empty()) {
        bool replaced = false;
        for (auto [entity, c] : {std::pair<std::string_view, char>{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'},
                                 {"&quot;", '"'}, {"&#39;", '\''}}) {
            if (value.substr(0, entity.size()) == entity) {
                out += c;
                value.remove_prefix(entity.size());
                replaced = true;
                break;
            }
        }
        if (!replaced) {
            out += value.front();
            value.remove_prefix(1);
        }
    }
    return out;
}

// A URL as a browser resolves its scheme: surrounding spaces and any tab or newline inside are dropped.
std::string scheme_view(std::string_view url) {
    std::string out;
    for (char c : url) {
        auto byte = static_cast<unsigned char>(c);
        if (c == '\t' || c == '\n' || c == '\r') continue;
        if (out.empty() && byte <= 0x20) continue;
        out += c;
    }
    return lower(out);
}

bool one_of(std::string_view name, std::initializer_list<std::string_view> names) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

constexpr std::initializer_list<std::string_view> VOID_TAGS = {"br", "hr", "img"};
constexpr std::initializer_list<std::string_view> TAGS = {
    "p",  "h2",    "h3",    "h4", "ul", "ol",     "li", "blockquote", "hr",         "br",   "div", "table",
    "thead", "tbody", "tr", "th", "td", "figure", "img", "figcaption", "span", "a",  "strong", "em",  "u"};
constexpr std::initializer_list<std::string_view> ATTRIBUTES = {
    "href", "target", "rel", "start", "class", "scope", "colspan", "rowspan", "src", "srcset", "sizes",
    "width", "height", "alt", "loading", "decoding"};

// Reads the rendered HTML as a browser's tokenizer would, asserting that it is only the renderer's own
// markup: known elements, balanced, with known attributes whose quoted values nothing can break out of.
void check_markup(std::string_view html) {
    check(lower(html).find("<script") == std::string::npos, "no <script in rendered HTML");
    std::vector<std::string_view> open;
    std::size_t i = 0;
    while (i < html.size()) {
        char c = html[i];
        if (c == '>' || c == '"' || c == '\'') check(false, "text holds no raw '>', '\"' or '''");
        if (c == '&') {
            auto semicolon = html.find(';', i);
            check(semicolon != std::string_view::npos && semicolon - i <= 6, "an ampersand starts a reference");
        }
        if (c != '<') {
            ++i;
            continue;
        }
        bool closing = i + 1 < html.size() && html[i + 1] == '/';
        std::size_t name_start = i + (closing ? 2 : 1);
        std::size_t name_end = html.find_first_of(" >", name_start);
        check(name_end != std::string_view::npos, "a tag is closed");
        std::string_view name = html.substr(name_start, name_end - name_start);
        check(one_of(name, TAGS), "only the renderer's elements appear");
        i = name_end;
        if (closing) {
            check(html[i] == '>', "an end tag has no attributes");
            check(!open.empty() && open.back() == name, "elements are balanced");
            open.pop_back();
            ++i;
            continue;
        }
        while (html[i] == ' ') {
            auto equals = html.find("=\"", i);
            check(equals != std::string_view::npos, "an attribute has a quoted value");
            std::string_view attribute = html.substr(i + 1, equals - i - 1);
            check(one_of(attribute, ATTRIBUTES), "only the renderer's attributes appear");
            auto value_end = html.find('"', equals + 2);
            check(value_end != std::string_view::npos, "an attribute value ends");
            std::string_view raw = html.substr(equals + 2, value_end - equals - 2);
            check(raw.find_first_of("<>'") == std::string_view::npos, "an attribute value holds no raw markup");
            auto value = scheme_view(unescape(raw));
            // Only a URL's scheme runs script: "mailto:a@javascript:x" is harmless text.
            check(value.rfind("javascript:", 0) != 0 && value.rfind("vbscript:", 0) != 0 && value.rfind("data:", 0) != 0,
                  "no script URL in an attribute");
            if (attribute == "href") {
                bool allowed = value.rfind("http://", 0) == 0 || value.rfind("https://", 0) == 0 ||
                               value.rfind("mailto:", 0) == 0 || value.rfind("#", 0) == 0 ||
                               (value.rfind("/", 0) == 0 && value.rfind("//", 0) != 0 && value.rfind("/\\", 0) != 0);
                check(allowed, "a link is http(s), mailto, a local path or a fragment");
            }
            i = value_end + 1;
        }
        check(i < html.size() && html[i] == '>', "a start tag ends with '>'");
        ++i;
        if (!one_of(name, VOID_TAGS)) open.push_back(name);
    }
    check(open.empty(), "every element is closed");
}

// The site's resolver fills these from the media library; hostile values check that they are escaped too.
std::optional<content::FigureView> resolve(std::int64_t media_id) {
    if (media_id % 3 == 0) return std::nullopt;  // a deleted photo
    content::FigureView view;
    view.src = "/media/" + std::to_string(media_id) + "-\"onerror=\"alert(1).jpg";
    view.srcset = media_id % 2 ? "" : "/media/a.jpg 640w, /media/'b'.jpg 1280w";
    view.sizes = "(max-width: 40em) 100vw";
    view.width = static_cast<int>(media_id % 4000);
    view.height = 600;
    view.alt = "\"><script>alert('alt')</script>";
    view.caption_default = media_id % 2 ? "<b>Ảnh</b> & \"chú thích\"" : "";
    view.credit = media_id % 5 ? "Ảnh: O'Neil" : "";
    view.eager = media_id == 1;
    return view;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view json(reinterpret_cast<const char*>(data), size);
    auto document = content::parse_document(json);
    if (!document) {
        auto code = document.error().code;
        check(code == core::Errc::InvalidInput || code == core::Errc::Unprocessable || code == core::Errc::PayloadTooLarge,
              "a refused body is 400, 413 or 422");
        check(document.error().field == "body", "the error names the body field");
        check(core::is_valid_utf8(document.error().detail), "the error message is UTF-8");
        return 0;
    }

    // The canonical JSON is a fixed point: stored, read back and stored again, nothing changes.
    auto canonical = document->to_json();
    auto again = content::parse_document(canonical);
    check(again.has_value(), "the canonical JSON of a valid document is valid");
    check(again->to_json() == canonical, "canonical JSON is stable");
    check(canonical.size() <= content::MAX_DOCUMENT_BYTES, "the canonical form fits the limit");

    check(core::is_valid_utf8(document->plain_text()), "plain text is UTF-8");
    auto ids = document->media_ids();
    for (std::size_t i = 0; i < ids.size(); ++i) {
        check(ids[i] > 0, "media ids are positive");
        check(std::find(ids.begin(), ids.begin() + std::ptrdiff_t(i), ids[i]) == ids.begin() + std::ptrdiff_t(i),
              "media ids are listed once");
    }

    auto html = content::render_document_html(*document, resolve);
    check(core::is_valid_utf8(html.markup()), "rendered HTML is UTF-8");
    check_markup(html.markup());
    // Without a resolver figures are left out, and the rest still renders.
    check_markup(content::render_document_html(*document, {}).markup());
    return 0;
}
