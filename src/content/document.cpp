#include "content/document.hpp"

#include "core/vietnamese.hpp"

#include <boost/json.hpp>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <optional>

namespace cong::content {
namespace json = boost::json;

namespace {

constexpr std::string_view FIELD = "body";
constexpr std::int64_t MAX_ORDERED_LIST_START = 1'000'000;
constexpr std::int64_t MAX_CELL_SPAN = 20;
constexpr std::size_t MAX_COLWIDTHS = 20;
constexpr std::size_t MAX_SHOWN_NAME = 40;

struct NodeName {
    std::string_view name;
    NodeType type;
};
constexpr std::array NODE_NAMES{
    NodeName{"doc", NodeType::Doc},
    NodeName{"paragraph", NodeType::Paragraph},
    NodeName{"heading", NodeType::Heading},
    NodeName{"bulletList", NodeType::BulletList},
    NodeName{"orderedList", NodeType::OrderedList},
    NodeName{"listItem", NodeType::ListItem},
    NodeName{"blockquote", NodeType::Blockquote},
    NodeName{"horizontalRule", NodeType::HorizontalRule},
    NodeName{"hardBreak", NodeType::HardBreak},
    NodeName{"table", NodeType::Table},
    NodeName{"tableRow", NodeType::TableRow},
    NodeName{"tableHeader", NodeType::TableHeader},
    NodeName{"tableCell", NodeType::TableCell},
    NodeName{"text", NodeType::Text},
    NodeName{"figure", NodeType::Figure},
    NodeName{"targetSummary", NodeType::TargetSummary},
};

std::optional<NodeType> node_type_named(std::string_view name) {
    for (const auto& entry : NODE_NAMES)
        if (entry.name == name) return entry.type;
    return std::nullopt;
}

std::optional<MarkType> mark_type_named(std::string_view name) {
    if (name == "bold") return MarkType::Bold;
    if (name == "italic") return MarkType::Italic;
    if (name == "underline") return MarkType::Underline;
    if (name == "link") return MarkType::Link;
    return std::nullopt;
}

bool is_block(NodeType type) {
    switch (type) {
        case NodeType::Paragraph:
        case NodeType::Heading:
        case NodeType::BulletList:
        case NodeType::OrderedList:
        case NodeType::Blockquote:
        case NodeType::HorizontalRule:
        case NodeType::Table:
        case NodeType::Figure:
        case NodeType::TargetSummary: return true;
        default: return false;
    }
}

// Which children a node may hold; index matters only for listItem, which starts with a paragraph.
bool allowed_child(NodeType parent, NodeType child, std::size_t index) {
    switch (parent) {
        case NodeType::Doc:
        case NodeType::Blockquote: return is_block(child);
        case NodeType::ListItem: return index == 0 ? child == NodeType::Paragraph : is_block(child);
        case NodeType::Paragraph:
        case NodeType::Heading: return child == NodeType::Text || child == NodeType::HardBreak;
        case NodeType::BulletList:
        case NodeType::OrderedList: return child == NodeType::ListItem;
        case NodeType::Table: return child == NodeType::TableRow;
        case NodeType::TableRow: return child == NodeType::TableHeader || child == NodeType::TableCell;
        case NodeType::TableHeader:
        case NodeType::TableCell:
            return child == NodeType::Paragraph || child == NodeType::BulletList || child == NodeType::OrderedList;
        case NodeType::Figure: return child == NodeType::Text;
        default: return false;
    }
}

bool has_children(NodeType type) {
    return type != NodeType::Text && type != NodeType::HardBreak && type != NodeType::HorizontalRule &&
           type != NodeType::TargetSummary;
}

constexpr std::size_t MAX_SUMMARY_PLAN_BYTES = 200;
constexpr std::size_t MAX_SUMMARY_PERIOD_BYTES = 16;

// A slug or a period key: lowercase ASCII letters, digits and hyphens, not empty, at most max bytes.
bool is_key(std::string_view text, std::size_t max) {
    if (text.empty() || text.size() > max) return false;
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

bool needs_children(NodeType type) {
    switch (type) {
        case NodeType::BulletList:
        case NodeType::OrderedList:
        case NodeType::ListItem:
        case NodeType::Blockquote:
        case NodeType::Table:
        case NodeType::TableRow:
        case NodeType::TableHeader:
        case NodeType::TableCell: return true;
        default: return false;
    }
}

// A name taken from the input (node type, field, attribute), made safe and short enough to repeat in a
// message that a browser form or a log line will show.
std::string printable(std::string_view name) {
    std::string out;
    for (std::size_t i = 0; i < name.size() && i < MAX_SHOWN_NAME; ++i) {
        char c = name[i];
        out += (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') ? c : '?';
    }
    if (name.size() > MAX_SHOWN_NAME) out += "…";
    return out;
}

std::string shown(std::string_view name) { return "\"" + printable(name) + "\""; }

std::string quoted(std::string_view name) { return "\"" + std::string(name) + "\""; }

// One step of the path to the node being checked. Kept on the stack and turned into text only when
// there is an error to report, so a valid document costs no string building.
struct Path {
    const Path* parent = nullptr;
    std::string_view key;
    std::size_t index = 0;
    bool indexed = false;
};

std::string path_text(const Path* path) {
    std::vector<const Path*> steps;
    for (; path != nullptr; path = path->parent) steps.push_back(path);
    if (steps.empty()) return "doc";
    std::string out;
    for (auto it = steps.rbegin(); it != steps.rend(); ++it) {
        if (!out.empty()) out += '.';
        out += printable((*it)->key);
        if ((*it)->indexed) out += "[" + std::to_string((*it)->index) + "]";
    }
    return out;
}

core::Error too_large(std::string_view what) {
    return core::Error{core::Errc::PayloadTooLarge, "Nội dung bài viết quá lớn: " + std::string(what), std::string(FIELD)};
}

std::optional<std::int64_t> integer(const json::value& value) {
    if (value.is_int64()) return value.get_int64();
    return std::nullopt;  // doubles, strings, and uint64 (only used above INT64_MAX) are all wrong here
}

enum class TextCheck { Ascii, Unicode, Forbidden };

// Tab and newline are ordinary in pasted text; other control characters and noncharacters have no
// business in an article and make the HTML invalid.
TextCheck check_text(std::string_view text) {
    bool ascii = true;
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto length = static_cast<std::int32_t>(text.size());
    for (std::int32_t i = 0; i < length;) {
        UChar32 c;
        U8_NEXT(bytes, i, length, c);
        if (c < 0) return TextCheck::Forbidden;
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) return TextCheck::Forbidden;
            continue;
        }
        ascii = false;
        if (c <= 0x9F || U_IS_UNICODE_NONCHAR(c)) return TextCheck::Forbidden;
    }
    return ascii ? TextCheck::Ascii : TextCheck::Unicode;
}

// Walks a parsed JSON value and builds the typed tree, stopping at the first error.
class Validator {
public:
    // stored: the text was checked and normalised when the document was saved.
    explicit Validator(bool stored = false) : stored_(stored) {}

    std::optional<std::vector<Node>> document(const json::value& root) {
        const auto* object = root.if_object();
        if (object == nullptr) return refuse(nullptr, "gốc phải là một đối tượng JSON {\"type\":\"doc\",…}");
        const auto* type = object->if_contains("type");
        if (type == nullptr || !type->is_string() || type->get_string() != "doc")
            return refuse(nullptr, "gốc phải là nút \"doc\"");
        for (const auto& field : *object)
            if (field.key() != "type" && field.key() != "content")
                return refuse(nullptr, "trường " + shown(field.key()) + " không được phép ở nút \"doc\"");
        Node doc;
        doc.type = NodeType::Doc;
        if (!children(*object, nullptr, 0, doc)) return std::nullopt;
        return std::move(doc.content);
    }

    core::Error error() const { return error_; }

private:
    std::nullopt_t refuse(const Path* path, const std::string& reason) {
        error_ = core::Error{core::Errc::Unprocessable,
                             "Nội dung bài viết không hợp lệ: " + path_text(path) + ": " + reason, std::string(FIELD)};
        return std::nullopt;
    }

    bool fail(const Path* path, const std::string& reason) {
        refuse(path, reason);
        return false;
    }

    bool children(const json::object& object, const Path* path, int depth, Node& parent) {
        const auto* content = object.if_contains("content");
        std::size_t count = 0;
        if (content != nullptr) {
            const auto* array = content->if_array();
            if (array == nullptr) return fail(path, "\"content\" phải là một mảng");
            if (!array->empty() && depth >= MAX_DOCUMENT_DEPTH)
                return fail(path, "các nút lồng nhau quá sâu (tối đa " + std::to_string(MAX_DOCUMENT_DEPTH) + " cấp)");
            parent.content.reserve(array->size());
            for (const auto& item : *array) {
                Path child_path{path, "content", count, true};
                Node child;
                if (!node(item, child_path, depth + 1, parent.type, count, child)) return false;
                parent.content.push_back(std::move(child));
                ++count;
            }
        }
        if (count == 0 && needs_children(parent.type))
            return fail(path, "nút " + quoted(to_string(parent.type)) + " phải có ít nhất một nút con");
        return true;
    }

    bool node(const json::value& value, const Path& path, int depth, NodeType parent, std::size_t index, Node& out) {
        if (++nodes_ > MAX_DOCUMENT_NODES) {
            error_ = too_large("quá " + core::format_integer_vi(std::int64_t(MAX_DOCUMENT_NODES)) + " nút");
            return false;
        }
        const auto* object = value.if_object();
        if (object == nullptr) return fail(&path, "mỗi nút phải là một đối tượng JSON");
        const auto* type_value = object->if_contains("type");
        if (type_value == nullptr) return fail(&path, "thiếu trường \"type\"");
        if (!type_value->is_string()) return fail(&path, "trường \"type\" phải là chuỗi");
        std::string_view name = type_value->get_string();
        auto type = node_type_named(name);
        if (!type || *type == NodeType::Doc) return fail(&path, "loại nút " + shown(name) + " không được phép");
        if (!allowed_child(parent, *type, index)) {
            if (parent == NodeType::ListItem && index == 0)
                return fail(&path, "mục danh sách phải bắt đầu bằng một đoạn văn (\"paragraph\")");
            return fail(&path, "nút " + quoted(name) + " không được phép nằm trong nút " + quoted(to_string(parent)));
        }
        out.type = *type;

        for (const auto& field : *object) {
            std::string_view key = field.key();
            bool known = key == "type" || key == "attrs" || (key == "content" && has_children(*type)) ||
                         ((key == "text" || key == "marks") && *type == NodeType::Text);
            if (!known) return fail(&path, "trường " + shown(key) + " không được phép ở nút " + quoted(name));
        }
        if (!attributes(*object, path, out)) return false;
        if (*type == NodeType::Text) return text(*object, path, parent, out);
        if (has_children(*type)) return children(*object, &path, depth, out);
        return true;
    }

    bool attributes(const json::object& object, const Path& path, Node& out) {
        const auto* attrs_value = object.if_contains("attrs");
        Path attrs_path{&path, "attrs"};
        static const json::object no_attrs;
        const json::object* attrs = &no_attrs;
        if (attrs_value != nullptr) {
            attrs = attrs_value->if_object();
            if (attrs == nullptr) return fail(&attrs_path, "\"attrs\" phải là một đối tượng JSON");
        }
        for (const auto& attr : *attrs) {
            Path attr_path{&attrs_path, attr.key()};
            if (!attribute(out, attr.key(), attr.value(), attr_path)) return false;
        }
        if (out.type == NodeType::Heading && out.level == 0)
            return fail(&attrs_path, "tiêu đề phải có \"level\" là 2, 3 hoặc 4");
        if (out.type == NodeType::Figure && out.media_id == 0)
            return fail(&attrs_path, "ảnh phải có \"media\" là mã ảnh trong thư viện (số nguyên dương)");
        if (out.type == NodeType::TargetSummary && out.plan.empty())
            return fail(&attrs_path, "khối tóm tắt chỉ tiêu phải có \"plan\" là địa chỉ (slug) của kế hoạch");
        return true;
    }

    bool attribute(Node& out, std::string_view key, const json::value& value, const Path& path) {
        auto number = integer(value);
        switch (out.type) {
            case NodeType::Heading:
                if (key != "level") break;
                if (!number || *number < 2 || *number > 4) return fail(&path, "cấp tiêu đề phải là số nguyên 2, 3 hoặc 4");
                out.level = int(*number);
                return true;
            case NodeType::OrderedList:
                if (key == "type" && value.is_null()) return true;
                if (key != "start") break;
                if (value.is_null()) return true;
                if (!number || *number < 1 || *number > MAX_ORDERED_LIST_START)
                    return fail(&path, "số bắt đầu của danh sách phải là số nguyên từ 1 đến 1.000.000");
                out.start = int(*number);
                return true;
            case NodeType::TableHeader:
            case NodeType::TableCell:
                if (key == "colwidth") return column_widths(value, path);
                if (key != "colspan" && key != "rowspan") break;
                if (!number || *number < 1 || *number > MAX_CELL_SPAN)
                    return fail(&path, "số ô gộp phải là số nguyên từ 1 đến " + std::to_string(MAX_CELL_SPAN));
                (key == "colspan" ? out.colspan : out.rowspan) = int(*number);
                return true;
            case NodeType::Figure:
                if (key != "media") break;
                if (!number || *number < 1) return fail(&path, "\"media\" phải là mã ảnh trong thư viện (số nguyên dương)");
                out.media_id = *number;
                return true;
            case NodeType::TargetSummary:
                if (key == "plan") {
                    if (!value.is_string() || !is_key(value.get_string(), MAX_SUMMARY_PLAN_BYTES))
                        return fail(&path, "\"plan\" phải là địa chỉ (slug) của kế hoạch: chữ thường không dấu, số và "
                                           "dấu gạch ngang");
                    out.plan = std::string(value.get_string());
                    return true;
                }
                if (key != "period") break;
                if (value.is_null()) return true;
                if (!value.is_string() || !is_key(value.get_string(), MAX_SUMMARY_PERIOD_BYTES))
                    return fail(&path, "\"period\" phải là null hoặc mã kỳ báo cáo, ví dụ \"2024-q1\"");
                out.period = std::string(value.get_string());
                return true;
            default: break;
        }
        return fail(&path, "thuộc tính " + shown(key) + " không được phép ở nút " + quoted(to_string(out.type)));
    }

    bool column_widths(const json::value& value, const Path& path) {
        if (value.is_null()) return true;
        const auto* widths = value.if_array();
        bool ok = widths != nullptr && widths->size() <= MAX_COLWIDTHS &&
                  std::all_of(widths->begin(), widths->end(), [](const json::value& width) {
                      return width.is_null() || (width.is_int64() && width.get_int64() >= 0);
                  });
        return ok || fail(&path, "\"colwidth\" phải là null hoặc một mảng số nguyên");
    }

    bool text(const json::object& object, const Path& path, NodeType parent, Node& out) {
        const auto* text_value = object.if_contains("text");
        if (text_value == nullptr || !text_value->is_string() || text_value->get_string().empty())
            return fail(&path, "nút văn bản phải có \"text\" là chuỗi không rỗng");
        std::string_view value = text_value->get_string();
        text_bytes_ += value.size();
        if (text_bytes_ > MAX_DOCUMENT_BYTES) {
            error_ = too_large("văn bản vượt quá 512 KiB");
            return false;
        }
        if (stored_) {
            out.text = std::string(value);
            if (const auto* marks = object.if_contains("marks")) return this->marks(*marks, path, parent, out);
            return true;
        }
        switch (check_text(value)) {
            case TextCheck::Forbidden:
                return fail(&path, "văn bản chứa ký tự điều khiển hoặc ký tự không hợp lệ");
            case TextCheck::Ascii: out.text = std::string(value); break;
            case TextCheck::Unicode: out.text = core::to_nfc(value); break;
        }
        if (const auto* marks = object.if_contains("marks")) return this->marks(*marks, path, parent, out);
        return true;
    }

    bool marks(const json::value& value, const Path& path, NodeType parent, Node& out) {
        Path marks_path{&path, "marks"};
        const auto* array = value.if_array();
        if (array == nullptr) return fail(&marks_path, "\"marks\" phải là một mảng");
        std::size_t index = 0;
        for (const auto& item : *array) {
            Path mark_path{&path, "marks", index++, true};
            Mark mark;
            if (!this->mark(item, mark_path, parent, mark)) return false;
            for (const auto& seen : out.marks)
                if (seen.type == mark.type)
                    return fail(&mark_path, "định dạng " + quoted(to_string(mark.type)) + " bị lặp lại");
            out.marks.push_back(std::move(mark));
        }
        std::sort(out.marks.begin(), out.marks.end(), [](const Mark& a, const Mark& b) { return a.type < b.type; });
        return true;
    }

    bool mark(const json::value& value, const Path& path, NodeType parent, Mark& out) {
        const auto* object = value.if_object();
        if (object == nullptr) return fail(&path, "mỗi định dạng phải là một đối tượng JSON");
        const auto* type_value = object->if_contains("type");
        if (type_value == nullptr || !type_value->is_string()) return fail(&path, "định dạng phải có \"type\" là chuỗi");
        std::string_view name = type_value->get_string();
        auto type = mark_type_named(name);
        if (!type) return fail(&path, "định dạng " + shown(name) + " không được phép");
        if (parent == NodeType::Figure && *type != MarkType::Bold && *type != MarkType::Italic)
            return fail(&path, "chú thích ảnh chỉ được in đậm hoặc in nghiêng, không được dùng " + quoted(name));
        out.type = *type;
        for (const auto& field : *object)
            if (field.key() != "type" && field.key() != "attrs")
                return fail(&path, "trường " + shown(field.key()) + " không được phép ở định dạng " + quoted(name));

        Path attrs_path{&path, "attrs"};
        const auto* attrs_value = object->if_contains("attrs");
        const json::object* attrs = attrs_value != nullptr ? attrs_value->if_object() : nullptr;
        if (attrs_value != nullptr && attrs == nullptr) return fail(&attrs_path, "\"attrs\" phải là một đối tượng JSON");
        if (*type != MarkType::Link) {
            if (attrs != nullptr && !attrs->empty())
                return fail(&attrs_path, "định dạng " + quoted(name) + " không có thuộc tính nào");
            return true;
        }
        return link(attrs, attrs_path, out);
    }

    bool link(const json::object* attrs, const Path& attrs_path, Mark& out) {
        bool has_href = false;
        if (attrs != nullptr) {
            for (const auto& attr : *attrs) {
                std::string_view key = attr.key();
                const auto& value = attr.value();
                Path attr_path{&attrs_path, key};
                if (key == "href") {
                    if (!value.is_string() || !is_allowed_link_href(value.get_string()))
                        return fail(&attr_path,
                                    "địa chỉ liên kết không được phép (chỉ chấp nhận http, https, mailto hoặc "
                                    "đường dẫn bắt đầu bằng \"/\" hoặc \"#\")");
                    out.href = std::string(value.get_string());
                    has_href = true;
                } else if (key == "target") {
                    bool blank = value.is_string() && value.get_string() == "_blank";
                    if (!blank && !value.is_null()) return fail(&attr_path, "\"target\" chỉ có thể là null hoặc \"_blank\"");
                    out.new_tab = blank;
                } else if (key == "rel") {
                    if (!value.is_null() && !value.is_string()) return fail(&attr_path, "\"rel\" phải là chuỗi hoặc null");
                } else if (key == "class") {
                    if (!value.is_null()) return fail(&attr_path, "liên kết không được có \"class\"");
                } else {
                    return fail(&attr_path, "thuộc tính " + shown(key) + " không được phép ở định dạng \"link\"");
                }
            }
        }
        return has_href || fail(&attrs_path, "liên kết phải có \"href\"");
    }

    core::Error error_;
    std::size_t nodes_ = 0;
    std::size_t text_bytes_ = 0;
    bool stored_ = false;
};

json::value mark_to_json(const Mark& mark) {
    json::object out;
    out.emplace("type", to_string(mark.type));
    if (mark.type == MarkType::Link) {
        json::object attrs;
        attrs.emplace("href", mark.href);
        // An explicit null: Tiptap's Link defaults target to "_blank" when the attribute is missing.
        attrs.emplace("target", mark.new_tab ? json::value("_blank") : json::value(nullptr));
        out.emplace("attrs", std::move(attrs));
    }
    return out;
}

json::value node_to_json(const Node& node) {
    json::object out;
    out.emplace("type", to_string(node.type));
    json::object attrs;
    switch (node.type) {
        case NodeType::Heading: attrs.emplace("level", node.level); break;
        case NodeType::OrderedList:
            if (node.start != 1) attrs.emplace("start", node.start);
            break;
        case NodeType::TableHeader:
        case NodeType::TableCell:
            if (node.colspan != 1) attrs.emplace("colspan", node.colspan);
            if (node.rowspan != 1) attrs.emplace("rowspan", node.rowspan);
            break;
        case NodeType::Figure: attrs.emplace("media", node.media_id); break;
        case NodeType::TargetSummary:
            attrs.emplace("plan", node.plan);
            attrs.emplace("period", node.period.empty() ? json::value(nullptr) : json::value(node.period));
            break;
        default: break;
    }
    if (!attrs.empty()) out.emplace("attrs", std::move(attrs));
    if (node.type == NodeType::Text) {
        out.emplace("text", node.text);
        if (!node.marks.empty()) {
            json::array marks;
            for (const auto& mark : node.marks) marks.push_back(mark_to_json(mark));
            out.emplace("marks", std::move(marks));
        }
    }
    if (!node.content.empty()) {
        json::array content;
        content.reserve(node.content.size());
        for (const auto& child : node.content) content.push_back(node_to_json(child));
        out.emplace("content", std::move(content));
    }
    return out;
}

std::string inline_text(const std::vector<Node>& nodes) {
    std::string out;
    for (const auto& node : nodes) out += node.type == NodeType::HardBreak ? std::string_view("\n") : node.text;
    return out;
}

void collect_text(const Node& node, std::vector<std::string>& blocks) {
    switch (node.type) {
        case NodeType::Paragraph:
        case NodeType::Heading:
        case NodeType::Figure: {
            auto text = inline_text(node.content);
            if (!text.empty()) blocks.push_back(std::move(text));
            return;
        }
        case NodeType::HorizontalRule:
        case NodeType::TargetSummary: return;  // live figures, not text of the article
        case NodeType::Table:
            for (const auto& row : node.content) {
                std::string line;
                for (std::size_t i = 0; i < row.content.size(); ++i) {
                    std::vector<std::string> cell;
                    for (const auto& child : row.content[i].content) collect_text(child, cell);
                    if (i > 0) line += '\t';
                    for (std::size_t k = 0; k < cell.size(); ++k) line += (k > 0 ? " " : "") + cell[k];
                }
                if (line.find_first_not_of('\t') != std::string::npos) blocks.push_back(std::move(line));
            }
            return;
        default:
            for (const auto& child : node.content) collect_text(child, blocks);
    }
}

void collect_media(const Node& node, std::vector<std::int64_t>& ids) {
    if (node.type == NodeType::Figure) {
        if (std::find(ids.begin(), ids.end(), node.media_id) == ids.end()) ids.push_back(node.media_id);
        return;
    }
    for (const auto& child : node.content) collect_media(child, ids);
}

}  // namespace

std::string_view to_string(NodeType type) {
    for (const auto& entry : NODE_NAMES)
        if (entry.type == type) return entry.name;
    return "unknown";
}

std::string_view to_string(MarkType type) {
    switch (type) {
        case MarkType::Link: return "link";
        case MarkType::Bold: return "bold";
        case MarkType::Italic: return "italic";
        case MarkType::Underline: return "underline";
    }
    return "unknown";
}

bool is_allowed_link_href(std::string_view href) {
    if (href.empty() || href.size() > MAX_LINK_BYTES) return false;
    // Browsers strip or skip whitespace, control and invisible characters when they read a URL, so
    // "java\tscript:" or a zero-width space would slip past the scheme check below: refuse them all.
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(href.data());
    const auto length = static_cast<std::int32_t>(href.size());
    for (std::int32_t i = 0; i < length;) {
        UChar32 c;
        U8_NEXT(bytes, i, length, c);
        if (c < 0 || c <= 0x20 || c == 0x7F || c == '\\') return false;
        if (c >= 0x80) {
            auto category = u_charType(c);
            if (u_isUWhiteSpace(c) || category == U_CONTROL_CHAR || category == U_FORMAT_CHAR ||
                category == U_UNASSIGNED || category == U_PRIVATE_USE_CHAR)
                return false;
        }
    }
    if (href[0] == '#') return true;
    // "//host" is protocol-relative: it leaves the site while looking like a path.
    if (href[0] == '/') return href.size() == 1 || href[1] != '/';
    auto colon = href.find(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    std::string scheme;
    for (char c : href.substr(0, colon)) {
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
        scheme += char(c | 0x20);
    }
    auto rest = href.substr(colon + 1);
    if (scheme == "http" || scheme == "https")
        return rest.size() > 2 && rest.substr(0, 2) == "//" && rest.find_first_of("/?#", 2) != 2;
    if (scheme == "mailto") return !rest.empty();
    return false;
}

namespace {

// Parses JSON text with the document's depth limit into a value living in arena.
core::Result<json::value> parse_json(std::string_view text, json::monotonic_resource& arena) {
    json::parse_options options;
    options.max_depth = MAX_DOCUMENT_JSON_DEPTH;
    json::parser parser(json::storage_ptr(), options);
    parser.reset(&arena);
    boost::system::error_code ec;
    std::size_t consumed = parser.write(text.data(), text.size(), ec);
    if (ec == json::error::too_deep)
        return core::Error{core::Errc::Unprocessable,
                           "Nội dung bài viết không hợp lệ: các nút lồng nhau quá sâu (tối đa " +
                               std::to_string(MAX_DOCUMENT_DEPTH) + " cấp)",
                           std::string(FIELD)};
    if (ec && consumed >= text.size())
        return core::Error{core::Errc::InvalidInput, "JSON không hợp lệ: dữ liệu kết thúc giữa chừng", std::string(FIELD)};
    if (ec)
        return core::Error{core::Errc::InvalidInput,
                           "JSON không hợp lệ: lỗi ở vị trí byte " + std::to_string(consumed + 1), std::string(FIELD)};
    return parser.release();
}

}  // namespace

core::Result<Document> parse_document(std::string_view text) {
    if (text.size() > MAX_DOCUMENT_BYTES) return too_large("tối đa 512 KiB");
    if (!core::is_valid_utf8(text))
        return core::Error{core::Errc::InvalidInput, "Nội dung bài viết không phải văn bản UTF-8 hợp lệ", std::string(FIELD)};
    // The parsed value only lives until it is turned into Nodes: one arena, freed at once.
    json::monotonic_resource arena;
    CONG_TRY(value, parse_json(text, arena));
    return document_from_json_value(value);
}

core::Result<Document> parse_stored_document(std::string_view text) {
    json::monotonic_resource arena;
    CONG_TRY(value, parse_json(text, arena));
    Validator validator(true);
    auto blocks = validator.document(value);
    if (!blocks) return validator.error();
    return Document(std::move(*blocks));
}

core::Result<Document> document_from_json_value(const json::value& value) {
    Validator validator;
    auto blocks = validator.document(value);
    if (!blocks) return validator.error();
    Document doc(std::move(*blocks));
    // The canonical form is what gets stored; hold it to the same limit as text sent to parse_document.
    if (doc.to_json().size() > MAX_DOCUMENT_BYTES) return too_large("tối đa 512 KiB");
    return doc;
}

json::value Document::to_json_value() const {
    json::array content;
    content.reserve(blocks_.size());
    for (const auto& block : blocks_) content.push_back(node_to_json(block));
    return json::object{{"type", "doc"}, {"content", std::move(content)}};
}

std::string Document::to_json() const { return json::serialize(to_json_value()); }

std::string Document::plain_text() const {
    std::vector<std::string> blocks;
    for (const auto& block : blocks_) collect_text(block, blocks);
    std::string out;
    for (const auto& block : blocks) {
        if (!out.empty()) out += "\n\n";
        out += block;
    }
    return out;
}

std::vector<std::int64_t> Document::media_ids() const {
    std::vector<std::int64_t> ids;
    for (const auto& block : blocks_) collect_media(block, ids);
    return ids;
}

std::vector<TargetSummaryRef> Document::target_summaries() const {
    std::vector<TargetSummaryRef> refs;
    // Only the doc and blockquotes hold blocks that may be summaries outside lists and tables; walk them all.
    std::function<void(const Node&)> walk = [&](const Node& node) {
        if (node.type == NodeType::TargetSummary) {
            TargetSummaryRef ref{node.plan, node.period};
            if (std::find(refs.begin(), refs.end(), ref) == refs.end()) refs.push_back(std::move(ref));
            return;
        }
        for (const auto& child : node.content) walk(child);
    };
    for (const auto& block : blocks_) walk(block);
    return refs;
}

namespace {

std::string_view mark_tag(MarkType type) {
    switch (type) {
        case MarkType::Link: return "a";
        case MarkType::Bold: return "strong";
        case MarkType::Italic: return "em";
        case MarkType::Underline: return "u";
    }
    return "span";
}

// Writes validated nodes as HTML. Every string from the document goes through HtmlWriter, which
// escapes it; element and attribute names are all literals here.
class Renderer {
public:
    Renderer(render::HtmlWriter& html, const FigureResolver& resolve, const TargetSummaryResolver& summaries)
        : html_(html), resolve_(resolve), summaries_(summaries) {}

    void blocks(const std::vector<Node>& nodes) {
        for (const auto& node : nodes) block(node);
    }

private:
    void block(const Node& node) {
        switch (node.type) {
            case NodeType::Paragraph: wrapped("p", node); break;
            case NodeType::Heading: wrapped(node.level == 2 ? "h2" : node.level == 3 ? "h3" : "h4", node); break;
            case NodeType::BulletList: list("ul", node); break;
            case NodeType::OrderedList: {
                auto start = std::to_string(node.start);
                auto scope = html_.scope("ol", {{"start", start, node.start != 1}});
                blocks(node.content);
                break;
            }
            case NodeType::ListItem: list_item(node); break;
            case NodeType::Blockquote: {
                auto scope = html_.scope("blockquote");
                blocks(node.content);
                break;
            }
            case NodeType::HorizontalRule: html_.void_element("hr"); break;
            case NodeType::Table: table(node); break;
            case NodeType::Figure: figure(node); break;
            case NodeType::TargetSummary:
                if (!summaries_) break;
                if (auto block = summaries_(node.plan, node.period)) html_.trusted(*block);
                break;
            default: break;  // inline and table-part nodes never stand as blocks in a valid tree
        }
    }

    void wrapped(std::string_view tag, const Node& node) {
        auto scope = html_.scope(tag);
        inlines(node.content);
    }

    void list(std::string_view tag, const Node& node) {
        auto scope = html_.scope(tag);
        blocks(node.content);
    }

    void list_item(const Node& node) {
        auto scope = html_.scope("li");
        blocks(node.content);
    }

    // Marks of neighbouring text nodes are shared where they agree, so "<a>Cổng <strong>thông
    // tin</strong></a>" stays one link; marks are sorted outermost first, which makes this a prefix match.
    // A hard break has no marks: it keeps open what the text after it shares with the text before it.
    void inlines(const std::vector<Node>& nodes) {
        std::vector<const Mark*> open;
        auto close_to = [&](const std::vector<Mark>& marks) {
            std::size_t keep = 0;
            while (keep < open.size() && keep < marks.size() && *open[keep] == marks[keep]) ++keep;
            while (open.size() > keep) {
                html_.close(mark_tag(open.back()->type));
                open.pop_back();
            }
        };
        static const std::vector<Mark> no_marks;
        for (std::size_t i = 0; i < nodes.size(); ++i) {
            const Node& node = nodes[i];
            if (node.type == NodeType::HardBreak) {
                auto next = std::find_if(nodes.begin() + std::ptrdiff_t(i), nodes.end(),
                                         [](const Node& n) { return n.type == NodeType::Text; });
                close_to(next == nodes.end() ? no_marks : next->marks);
                html_.void_element("br");
                continue;
            }
            close_to(node.marks);
            for (std::size_t k = open.size(); k < node.marks.size(); ++k) {
                open_mark(node.marks[k]);
                open.push_back(&node.marks[k]);
            }
            html_.text(node.text);
        }
        close_to(no_marks);
    }

    void open_mark(const Mark& mark) {
        if (mark.type != MarkType::Link) {
            html_.open(mark_tag(mark.type));
            return;
        }
        html_.open("a", {{"href", mark.href},
                         {"target", "_blank", mark.new_tab},
                         {"rel", "noopener noreferrer", mark.new_tab}});
    }

    void table(const Node& node) {
        auto wrap = html_.scope("div", {{"class", "table-wrap"}});
        auto table = html_.scope("table");
        const auto& rows = node.content;
        bool header = std::all_of(rows.front().content.begin(), rows.front().content.end(),
                                  [](const Node& cell) { return cell.type == NodeType::TableHeader; });
        if (header) {
            auto head = html_.scope("thead");
            row(rows.front(), true);
        }
        if (rows.size() > (header ? 1u : 0u)) {
            auto body = html_.scope("tbody");
            for (std::size_t i = header ? 1 : 0; i < rows.size(); ++i) row(rows[i], false);
        }
    }

    void row(const Node& node, bool in_head) {
        auto tr = html_.scope("tr");
        for (const auto& cell : node.content) {
            bool th = cell.type == NodeType::TableHeader;
            auto colspan = std::to_string(cell.colspan);
            auto rowspan = std::to_string(cell.rowspan);
            std::string_view tag = th ? "th" : "td";
            auto scope = html_.scope(tag, {{"scope", "col", in_head},
                                           {"colspan", colspan, cell.colspan != 1},
                                           {"rowspan", rowspan, cell.rowspan != 1}});
            blocks(cell.content);
        }
    }

    void figure(const Node& node) {
        if (!resolve_) return;
        auto view = resolve_(node.media_id);
        if (!view) return;  // the photo was deleted: leave the hole out rather than show a broken image
        auto width = std::to_string(view->width);
        auto height = std::to_string(view->height);
        auto scope = html_.scope("figure", {{"class", "figure"}});
        std::optional<render::HtmlWriter::Scope> picture;
        if (!view->webp_srcset.empty()) {
            picture.emplace(html_.scope("picture"));
            html_.void_element("source", {{"type", "image/webp"},
                                          {"srcset", view->webp_srcset},
                                          {"sizes", view->sizes, !view->sizes.empty()}});
        }
        html_.void_element("img", {{"src", view->src},
                                   {"srcset", view->srcset, !view->srcset.empty()},
                                   {"sizes", view->sizes, !view->sizes.empty()},
                                   {"width", width, view->width > 0},
                                   {"height", height, view->height > 0},
                                   {"alt", view->alt},
                                   {"loading", view->eager ? "eager" : "lazy"},
                                   {"decoding", "async"}});
        picture.reset();
        bool own_caption = !node.content.empty();
        bool has_caption = own_caption || !view->caption_default.empty();
        if (!has_caption && view->credit.empty()) return;
        auto caption = html_.scope("figcaption");
        if (own_caption)
            inlines(node.content);
        else
            html_.text(view->caption_default);
        if (!view->credit.empty()) {
            if (has_caption) html_.text(" ");
            html_.element("span", {{"class", "credit"}}, view->credit);
        }
    }

    render::HtmlWriter& html_;
    const FigureResolver& resolve_;
    const TargetSummaryResolver& summaries_;
};

json::value text_node(std::string_view text) { return json::object{{"type", "text"}, {"text", text}}; }

// Text for a paragraph: newlines become hard breaks, empty pieces are left out (a text node is never empty).
json::array inline_nodes(std::string_view text) {
    json::array out;
    while (true) {
        auto newline = text.find('\n');
        auto piece = text.substr(0, newline);
        if (!piece.empty()) out.push_back(text_node(piece));
        if (newline == std::string_view::npos) break;
        out.push_back(json::object{{"type", "hardBreak"}});
        text.remove_prefix(newline + 1);
    }
    return out;
}

json::value block_node(std::string_view type, json::array content) {
    json::object out{{"type", type}};
    if (!content.empty()) out.emplace("content", std::move(content));
    return out;
}

json::value paragraph_node(std::string_view text) { return block_node("paragraph", inline_nodes(text)); }

json::value list_node(std::string_view type, const std::vector<std::string>& items) {
    json::array content;
    for (const auto& item : items) content.push_back(block_node("listItem", json::array{paragraph_node(item)}));
    return block_node(type, std::move(content));
}

}  // namespace

void render_document(render::HtmlWriter& html, const Document& doc, const FigureResolver& resolve,
                     const TargetSummaryResolver& summaries) {
    Renderer(html, resolve, summaries).blocks(doc.blocks());
}

render::TrustedHtml render_document_html(const Document& doc, const FigureResolver& resolve,
                                         const TargetSummaryResolver& summaries) {
    render::HtmlWriter html;
    render_document(html, doc, resolve, summaries);
    return render::TrustedHtml(html.take());
}

DocumentBuilder::DocumentBuilder() = default;

DocumentBuilder& DocumentBuilder::paragraph(std::string_view text) {
    blocks_.push_back(paragraph_node(text));
    return *this;
}

DocumentBuilder& DocumentBuilder::rich_paragraph(const std::vector<Span>& spans) {
    json::array content;
    for (const auto& span : spans) {
        if (span.text_.empty()) continue;
        json::array marks;
        if (!span.href_.empty())
            marks.push_back(json::object{{"type", "link"}, {"attrs", json::object{{"href", span.href_}}}});
        if (span.bold_) marks.push_back(json::object{{"type", "bold"}});
        if (span.italic_) marks.push_back(json::object{{"type", "italic"}});
        if (span.underline_) marks.push_back(json::object{{"type", "underline"}});
        json::object node{{"type", "text"}, {"text", span.text_}};
        if (!marks.empty()) node.emplace("marks", std::move(marks));
        content.push_back(std::move(node));
    }
    blocks_.push_back(block_node("paragraph", std::move(content)));
    return *this;
}

DocumentBuilder& DocumentBuilder::heading(int level, std::string_view text) {
    json::object node{{"type", "heading"}, {"attrs", json::object{{"level", level}}}};
    auto content = inline_nodes(text);
    if (!content.empty()) node.emplace("content", std::move(content));
    blocks_.push_back(std::move(node));
    return *this;
}

DocumentBuilder& DocumentBuilder::figure(std::int64_t media_id, std::string_view caption) {
    json::object node{{"type", "figure"}, {"attrs", json::object{{"media", media_id}}}};
    if (!caption.empty()) node.emplace("content", json::array{text_node(caption)});
    blocks_.push_back(std::move(node));
    return *this;
}

DocumentBuilder& DocumentBuilder::bullet_list(const std::vector<std::string>& items) {
    blocks_.push_back(list_node("bulletList", items));
    return *this;
}

DocumentBuilder& DocumentBuilder::ordered_list(const std::vector<std::string>& items, int start) {
    auto node = list_node("orderedList", items);
    node.as_object().emplace("attrs", json::object{{"start", start}});
    blocks_.push_back(std::move(node));
    return *this;
}

DocumentBuilder& DocumentBuilder::blockquote(std::string_view text) {
    blocks_.push_back(block_node("blockquote", json::array{paragraph_node(text)}));
    return *this;
}

DocumentBuilder& DocumentBuilder::horizontal_rule() {
    blocks_.push_back(json::object{{"type", "horizontalRule"}});
    return *this;
}

DocumentBuilder& DocumentBuilder::table(const std::vector<std::vector<std::string>>& rows, bool header_row) {
    json::array row_nodes;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        json::array cells;
        for (const auto& cell : rows[r])
            cells.push_back(block_node(header_row && r == 0 ? "tableHeader" : "tableCell", json::array{paragraph_node(cell)}));
        row_nodes.push_back(block_node("tableRow", std::move(cells)));
    }
    blocks_.push_back(block_node("table", std::move(row_nodes)));
    return *this;
}

DocumentBuilder& DocumentBuilder::target_summary(std::string_view plan_slug, std::string_view period) {
    json::object attrs{{"plan", plan_slug}};
    attrs.emplace("period", period.empty() ? json::value(nullptr) : json::value(period));
    blocks_.push_back(json::object{{"type", "targetSummary"}, {"attrs", std::move(attrs)}});
    return *this;
}

core::Result<Document> DocumentBuilder::build() const {
    return document_from_json_value(json::object{{"type", "doc"}, {"content", blocks_}});
}

}  // namespace cong::content
