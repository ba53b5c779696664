// Document: an article body, a ProseMirror/Tiptap JSON document held to Cổng's fixed schema.
//
// Schema (anything else is refused with Errc::Unprocessable naming the path of the offending node):
//
//   doc            content: block*                      (the root, {"type":"doc","content":[...]})
//   block          = paragraph | heading | bulletList | orderedList | blockquote | horizontalRule
//                    | table | figure | targetSummary
//   paragraph      content: inline*                     inline = text | hardBreak
//   heading        content: inline*   attrs: level (integer 2–4, required)
//   bulletList     content: listItem+
//   orderedList    content: listItem+ attrs: start (integer 1–1000000, default 1), type (null only)
//   listItem       content: paragraph block*            (Tiptap's own listItem rule)
//   blockquote     content: block+
//   horizontalRule, hardBreak: no content, no attrs
//   table          content: tableRow+
//   tableRow       content: (tableHeader | tableCell)+
//   tableHeader, tableCell  content: (paragraph | bulletList | orderedList)+
//                  attrs: colspan, rowspan (integer 1–20, default 1), colwidth (null or array of up to
//                  20 integers: accepted because Tiptap always sends it, then dropped — public tables
//                  size their columns themselves)
//   text           text: non-empty string, stored in NFC, no control characters except tab and newline
//                  marks: bold, italic, underline, link — each at most once
//   link mark      attrs: href (required), target (null or "_blank"), rel (null or string: ignored, Cổng
//                  sets rel itself), class (null only). href is http(s)://host…, mailto:…, or a path
//                  starting with "/" (not "//") or "#"; no whitespace, control or invisible characters,
//                  no backslash, at most MAX_LINK_BYTES.
//   figure         attrs: media (positive integer, a media library id, required)
//                  content: text* — the caption for this article; only bold and italic marks (a link
//                  inside a caption would make the whole photo block a click trap on phones). Empty
//                  content means "use the photo's own caption".
//   targetSummary  attrs: plan (required: the slug of a target plan, [a-z0-9-], at most 200 bytes),
//                  period (null or a period key such as "2024-q1": [0-9a-z-], at most 16 bytes; null
//                  means the latest period with figures). No content. Rendered with the LIVE figures of
//                  the plan: the summary sentence and a small table of the four counts.
//
// "attrs" and "marks" may be absent or empty where nothing is required; "content" may be absent where
// zero children are allowed. Unknown fields, unknown attrs, wrong JSON types are all refused.
#pragma once

#include "core/result.hpp"
#include "render/html_writer.hpp"

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cong::content {

constexpr std::size_t MAX_DOCUMENT_BYTES = 512 * 1024;
constexpr int MAX_DOCUMENT_DEPTH = 32;  // node levels below the doc: deeper than any real article
constexpr std::size_t MAX_DOCUMENT_NODES = 20'000;
constexpr std::size_t MAX_LINK_BYTES = 2048;
// Nesting of JSON arrays/objects needed for the deepest valid document: each node level is an object
// inside a "content" array, and a mark adds marks[] → {} → attrs{}. Code that parses a request which
// carries a body as a JSON object (the API) must allow at least this depth.
constexpr std::size_t MAX_DOCUMENT_JSON_DEPTH = 2 * MAX_DOCUMENT_DEPTH + 8;

enum class NodeType : std::uint8_t {
    Doc,
    Paragraph,
    Heading,
    BulletList,
    OrderedList,
    ListItem,
    Blockquote,
    HorizontalRule,
    HardBreak,
    Table,
    TableRow,
    TableHeader,
    TableCell,
    Text,
    Figure,
    TargetSummary,
};

// The ProseMirror name of a node type: "bulletList", "tableCell" …
std::string_view to_string(NodeType type);

// Declared outermost first: marks of a text node are kept in this order, so that a link spanning
// bold and plain words renders as one <a>.
enum class MarkType : std::uint8_t { Link, Bold, Italic, Underline };

std::string_view to_string(MarkType type);  // "link", "bold" …

struct Mark {
    MarkType type = MarkType::Bold;
    std::string href;      // Link only
    bool new_tab = false;  // Link only: target="_blank"

    bool operator==(const Mark&) const = default;
};

// One validated node. Fields that do not belong to a node's type keep their defaults.
struct Node {
    NodeType type = NodeType::Paragraph;
    std::string text;          // Text
    std::vector<Mark> marks;   // Text, in MarkType order
    std::vector<Node> content;
    int level = 0;             // Heading: 2–4
    int start = 1;             // OrderedList
    int colspan = 1;           // TableHeader, TableCell
    int rowspan = 1;           // TableHeader, TableCell
    std::int64_t media_id = 0; // Figure
    std::string plan;          // TargetSummary: the plan's slug
    std::string period;        // TargetSummary: a period key, empty for the latest
};

// A "target summary" block: which plan, for which period (empty: the latest with figures).
struct TargetSummaryRef {
    std::string plan;
    std::string period;
    bool operator==(const TargetSummaryRef&) const = default;
};

// A body that has passed validation; the only ways to get a non-empty one are the parse functions
// below (and DocumentBuilder, which goes through them).
class Document {
public:
    Document() = default;  // the empty body: {"type":"doc","content":[]}

    const std::vector<Node>& blocks() const { return blocks_; }
    bool empty() const { return blocks_.empty(); }

    // Canonical JSON to store: rebuilt from the validated tree, so nothing unknown survives.
    std::string to_json() const;
    boost::json::value to_json_value() const;

    // Text for search and feeds: paragraphs, headings, list items and the figures' own captions,
    // separated by "\n\n"; a table row is one block with its cells separated by "\t".
    std::string plain_text() const;

    // The media ids of the figures, in document order, each once.
    std::vector<std::int64_t> media_ids() const;

    // The target summary blocks, in document order, each once.
    std::vector<TargetSummaryRef> target_summaries() const;

private:
    explicit Document(std::vector<Node> blocks) : blocks_(std::move(blocks)) {}
    friend core::Result<Document> document_from_json_value(const boost::json::value& value);
    friend core::Result<Document> parse_stored_document(std::string_view json);

// Reads a body that parse_document accepted when it was saved (from the database, for a page): the same
// schema checks, but without re-normalising and re-checking every character or re-measuring the
// canonical form, which the save did. Rendering an article costs a fifth less (BENCHMARKS.md, issue 9).
core::Result<Document> parse_stored_document(std::string_view json);

    std::vector<Node> blocks_;
};

// Validates a body received as JSON text. Errors (field "body"): PayloadTooLarge above
// MAX_DOCUMENT_BYTES, InvalidInput for bad UTF-8 or malformed JSON, Unprocessable for anything
// outside the schema, with the path of the offending node in the message.
core::Result<Document> parse_document(std::string_view json);

// The same validation for a body already parsed as part of a request. The canonical form must also
// fit in MAX_DOCUMENT_BYTES.
core::Result<Document> document_from_json_value(const boost::json::value& value);

// Reads a body that parse_document accepted when it was saved (from the database, for a page): the same
// schema checks, but without re-normalising and re-checking every character or re-measuring the
// canonical form, which the save did. Rendering an article costs a fifth less (BENCHMARKS.md, issue 9).
core::Result<Document> parse_stored_document(std::string_view json);

// True when href may be stored as a link target (see the schema above).
bool is_allowed_link_href(std::string_view href);

// Builds valid documents from C++ (demo content, tests). Each call appends one block.
class DocumentBuilder {
public:
    // A run of text inside a paragraph: {"Xem ", Span("lịch tiếp dân").bold().link("/lich-tiep-dan")}.
    class Span {
    public:
        Span(std::string_view text) : text_(text) {}  // implicit: plain text is a plain run
        Span(const char* text) : text_(text) {}
        Span& bold() { return set(bold_); }
        Span& italic() { return set(italic_); }
        Span& underline() { return set(underline_); }
        Span& link(std::string_view href) {
            href_ = href;
            return *this;
        }

    private:
        friend class DocumentBuilder;
        Span& set(bool& flag) {
            flag = true;
            return *this;
        }
        std::string text_;
        std::string href_;
        bool bold_ = false;
        bool italic_ = false;
        bool underline_ = false;
    };

    DocumentBuilder();
    DocumentBuilder& paragraph(std::string_view text);
    DocumentBuilder& rich_paragraph(const std::vector<Span>& spans);
    DocumentBuilder& heading(int level, std::string_view text);
    DocumentBuilder& figure(std::int64_t media_id, std::string_view caption = {});
    DocumentBuilder& bullet_list(const std::vector<std::string>& items);
    DocumentBuilder& ordered_list(const std::vector<std::string>& items, int start = 1);
    DocumentBuilder& blockquote(std::string_view text);
    DocumentBuilder& horizontal_rule();
    // The first row becomes header cells when header_row is true.
    DocumentBuilder& table(const std::vector<std::vector<std::string>>& rows, bool header_row = true);
    // The live summary of a target plan; an empty period: the latest with figures.
    DocumentBuilder& target_summary(std::string_view plan_slug, std::string_view period = {});

    // Validates what was built: a builder call with bad arguments (heading level 7, media 0, a
    // javascript: link) surfaces here as the same error a client would get.
    core::Result<Document> build() const;

private:
    boost::json::array blocks_;
};

// What the renderer needs to show one figure; the site fills it from the media library.
struct FigureView {
    std::string src;
    std::string srcset;  // optional
    std::string sizes;   // optional
    int width = 0;
    int height = 0;
    std::string alt;
    std::string caption_default;  // the photo's own caption, used when the figure has none
    std::string credit;           // optional, shown after the caption
    bool eager = false;           // load at once: the article's first, largest photo; others load lazily
    std::string webp_srcset;      // optional: then <picture> offers these WebP files before the img's own
};

// Looks a figure's photo up; nullopt when it is gone, and the figure is then left out.
using FigureResolver = std::function<std::optional<FigureView>(std::int64_t media_id)>;

// Renders a target summary block with the plan's current figures; nullopt when the plan is gone or has no
// such period, and the block is then left out. The markup comes from the site's own views.
using TargetSummaryResolver =
    std::function<std::optional<render::TrustedHtml>(std::string_view plan, std::string_view period)>;

// Writes the body as HTML. All text is escaped by the writer; tables are wrapped in
// <div class="table-wrap"> so they scroll sideways on phones. Without a summaries resolver, target summary
// blocks are left out (feeds, the revision history).
void render_document(render::HtmlWriter& html, const Document& doc, const FigureResolver& resolve,
                     const TargetSummaryResolver& summaries = {});

// The same, as markup to embed in a page or keep in a cache.
render::TrustedHtml render_document_html(const Document& doc, const FigureResolver& resolve,
                                         const TargetSummaryResolver& summaries = {});

}  // namespace cong::content
