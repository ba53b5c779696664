#include "media/multipart.hpp"

#include "media/file_name.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <utility>

namespace cong::media {
namespace {

using core::Errc;
using core::Error;

constexpr std::string_view CRLF = "\r\n";

Error invalid(std::string message) { return Error{Errc::InvalidInput, std::move(message)}; }

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string to_lower(std::string_view text) {
    std::string out{text};
    std::transform(out.begin(), out.end(), out.begin(), ascii_lower);
    return out;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return ascii_lower(x) == ascii_lower(y);
           });
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// A header value of the form `main; name=value; name="quoted value"`.
struct HeaderValue {
    std::string_view main;
    std::vector<std::pair<std::string, std::string>> parameters;  // names in lower case

    const std::string* parameter(std::string_view name) const {
        for (const auto& [key, value] : parameters) {
            if (key == name) return &value;
        }
        return nullptr;
    }
};

// Reads a quoted-string starting after its opening quote; text is advanced past the closing quote.
// Browsers do not escape backslashes in file names (the HTML standard only percent-encodes `"`, CR and
// LF), so a backslash escapes only `"` and `\`; elsewhere it is kept, as in "C:\x\y.jpg".
std::optional<std::string> read_quoted(std::string_view& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '"') {
            text.remove_prefix(i + 1);
            return out;
        }
        if (c == '\\' && i + 1 < text.size() && (text[i + 1] == '"' || text[i + 1] == '\\')) {
            out.push_back(text[++i]);
            continue;
        }
        out.push_back(c);
    }
    return std::nullopt;
}

core::Result<HeaderValue> parse_header_value(std::string_view text, std::string_view header_name) {
    HeaderValue out;
    auto semicolon = text.find(';');
    out.main = trim(text.substr(0, semicolon));
    text = semicolon == std::string_view::npos ? std::string_view{} : text.substr(semicolon + 1);
    while (!trim(text).empty()) {
        text = trim(text);
        auto equals = text.find('=');
        auto next_semicolon = text.find(';');
        if (equals == std::string_view::npos || (next_semicolon != std::string_view::npos && next_semicolon < equals)) {
            // A parameter without a value: skip it, as browsers and servers do.
            text = next_semicolon == std::string_view::npos ? std::string_view{} : text.substr(next_semicolon + 1);
            continue;
        }
        std::string name = to_lower(trim(text.substr(0, equals)));
        text = trim(text.substr(equals + 1));
        std::string value;
        if (!text.empty() && text.front() == '"') {
            text.remove_prefix(1);
            auto quoted = read_quoted(text);
            if (!quoted) return invalid("Tiêu đề " + std::string{header_name} + " có chuỗi trong ngoặc kép không được đóng");
            value = std::move(*quoted);
            auto rest = text.find(';');
            text = rest == std::string_view::npos ? std::string_view{} : text.substr(rest + 1);
        } else {
            auto end = text.find(';');
            value = std::string{trim(text.substr(0, end))};
            text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
        }
        out.parameters.emplace_back(std::move(name), std::move(value));
    }
    return out;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    c = ascii_lower(c);
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

// RFC 5987 ext-value: charset'language'percent-encoded-octets. Only UTF-8 is accepted: it is what every
// current client sends, and another charset would need a conversion table for a display name.
core::Result<std::string> decode_ext_value(std::string_view value) {
    auto first_quote = value.find('\'');
    auto second_quote = first_quote == std::string_view::npos ? first_quote : value.find('\'', first_quote + 1);
    if (second_quote == std::string_view::npos || !iequals(value.substr(0, first_quote), "utf-8")) {
        return invalid("Tham số filename* phải có dạng UTF-8''tên-tệp-mã-hoá-phần-trăm");
    }
    std::string out;
    for (std::size_t i = second_quote + 1; i < value.size(); ++i) {
        if (value[i] != '%') {
            out.push_back(value[i]);
            continue;
        }
        int high = i + 2 < value.size() ? hex_value(value[i + 1]) : -1;
        int low = i + 2 < value.size() ? hex_value(value[i + 2]) : -1;
        if (high < 0 || low < 0) return invalid("Tham số filename* có mã phần trăm không hợp lệ");
        out.push_back(static_cast<char>(high * 16 + low));
        i += 2;
    }
    return out;
}

// The HTML standard writes a `"` in a file name as %22; turn it back for display.
std::string decode_quote_escapes(std::string_view name) {
    std::string out;
    for (std::size_t i = 0; i < name.size(); ++i) {
        if (name.substr(i, 3) == "%22") {
            out.push_back('"');
            i += 2;
        } else {
            out.push_back(name[i]);
        }
    }
    return out;
}

// Parses the header block of part number (1-based) into part.
core::Result<void> parse_part_headers(std::string_view block, std::size_t number, FormPart& part) {
    // Check every line first, so a malformed line (such as an obsolete folded one) is reported as such
    // rather than as whatever the header it belongs to then seems to lack.
    std::vector<std::pair<std::string_view, std::string_view>> headers;
    while (!block.empty()) {
        auto end = block.find(CRLF);
        std::string_view line = block.substr(0, end);
        block = end == std::string_view::npos ? std::string_view{} : block.substr(end + CRLF.size());
        auto colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0 || line.front() == ' ' || line.front() == '\t') {
            return invalid("Phần thứ " + std::to_string(number) + " có dòng tiêu đề không hợp lệ");
        }
        headers.emplace_back(line.substr(0, colon), trim(line.substr(colon + 1)));
    }
    bool has_disposition = false;
    for (auto [name, value] : headers) {
        if (iequals(name, "Content-Disposition")) {
            CONG_TRY(disposition, parse_header_value(value, "Content-Disposition"));
            if (!iequals(disposition.main, "form-data")) {
                return invalid("Phần thứ " + std::to_string(number) + " không phải là form-data");
            }
            const std::string* field_name = disposition.parameter("name");
            if (field_name == nullptr || field_name->empty()) {
                return invalid("Phần thứ " + std::to_string(number) + " thiếu tên trường (name)");
            }
            part.name = *field_name;
            if (const std::string* extended = disposition.parameter("filename*")) {
                CONG_TRY(decoded, decode_ext_value(*extended));
                part.filename = display_file_name(decoded);
            } else if (const std::string* filename = disposition.parameter("filename")) {
                part.filename = display_file_name(decode_quote_escapes(*filename));
            }
            has_disposition = true;
        } else if (iequals(name, "Content-Type")) {
            part.content_type = to_lower(trim(value.substr(0, value.find(';'))));
        }
    }
    if (!has_disposition) {
        return invalid("Phần thứ " + std::to_string(number) + " thiếu tiêu đề Content-Disposition");
    }
    return {};
}

bool is_boundary_char(char c) {
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
    return std::string_view{"'()+_,-./:=? "}.find(c) != std::string_view::npos;
}

}  // namespace

core::Result<std::string> multipart_boundary(std::string_view content_type) {
    CONG_TRY(header, parse_header_value(content_type, "Content-Type"));
    if (!iequals(header.main, "multipart/form-data")) {
        return invalid("Nội dung phải có kiểu multipart/form-data");
    }
    const std::string* boundary = header.parameter("boundary");
    if (boundary == nullptr || boundary->empty()) {
        return invalid("Tiêu đề Content-Type thiếu tham số boundary");
    }
    if (boundary->size() > MAX_BOUNDARY_LENGTH) {
        return invalid("Tham số boundary dài quá 70 ký tự");
    }
    if (!std::all_of(boundary->begin(), boundary->end(), is_boundary_char) || boundary->back() == ' ') {
        return invalid("Tham số boundary chứa ký tự không được phép");
    }
    return *boundary;
}

core::Result<std::vector<FormPart>> parse_multipart(std::string_view content_type, std::string_view body) {
    CONG_TRY(boundary, multipart_boundary(content_type));
    const std::string delimiter = "\r\n--" + boundary;
    // Boyer-Moore-Horspool skips ahead by up to the delimiter's length, so a 25 MB photo is scanned quickly.
    const std::boyer_moore_horspool_searcher searcher{delimiter.begin(), delimiter.end()};
    auto find_delimiter = [&](std::size_t from) -> std::size_t {
        auto found = std::search(body.begin() + static_cast<std::ptrdiff_t>(from), body.end(), searcher);
        return found == body.end() ? std::string_view::npos : static_cast<std::size_t>(found - body.begin());
    };

    // The first delimiter may open the body directly, without the CRLF that precedes all others;
    // anything before it is a preamble, which RFC 2046 says to ignore.
    std::size_t pos = 0;
    std::string_view dash_boundary = std::string_view{delimiter}.substr(CRLF.size());
    if (body.substr(0, dash_boundary.size()) == dash_boundary) {
        pos = dash_boundary.size();
    } else {
        auto first = find_delimiter(0);
        if (first == std::string_view::npos) return invalid("Không tìm thấy boundary trong nội dung multipart");
        pos = first + delimiter.size();
    }

    std::vector<FormPart> parts;
    while (true) {
        std::string_view rest = body.substr(pos);
        if (rest.substr(0, 2) == "--") {
            if (parts.empty()) return invalid("Nội dung multipart không có phần nào");
            return parts;  // the close delimiter; what follows is an epilogue, ignored like the preamble
        }
        // Transport padding: whitespace that a sender may leave between the boundary and its CRLF.
        while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
        if (rest.empty() || rest == CRLF) return invalid("Nội dung multipart thiếu boundary kết thúc");
        if (rest.substr(0, CRLF.size()) != CRLF) {
            return invalid("Boundary trong nội dung multipart không được theo sau bởi CRLF");
        }
        rest.remove_prefix(CRLF.size());
        if (parts.size() == MAX_FORM_PARTS) {
            return invalid("Biểu mẫu có quá " + std::to_string(MAX_FORM_PARTS) + " phần");
        }

        // Headers end at an empty line; a part may have none at all, and then starts with that empty line.
        std::size_t header_end = rest.substr(0, 2) == CRLF ? 0 : rest.find("\r\n\r\n");
        if (header_end == std::string_view::npos || header_end > MAX_PART_HEADER_BYTES) {
            if (header_end != std::string_view::npos || rest.size() > MAX_PART_HEADER_BYTES) {
                return invalid("Tiêu đề của phần thứ " + std::to_string(parts.size() + 1) + " dài quá 8 KiB");
            }
            return invalid("Nội dung multipart bị cắt cụt: phần thứ " + std::to_string(parts.size() + 1) +
                           " không có đủ tiêu đề");
        }
        FormPart part;
        CONG_TRY_VOID(parse_part_headers(rest.substr(0, header_end), parts.size() + 1, part));

        std::size_t data_start = body.size() - rest.size() + header_end + (header_end == 0 ? 2 : 4);
        auto next = find_delimiter(data_start);
        if (next == std::string_view::npos) {
            return invalid("Nội dung multipart bị cắt cụt: phần \"" + part.name + "\" không có boundary kết thúc");
        }
        part.data = body.substr(data_start, next - data_start);
        parts.push_back(std::move(part));
        pos = next + delimiter.size();
    }
}

const FormPart* find_form_part(const std::vector<FormPart>& parts, std::string_view name) {
    for (const auto& part : parts) {
        if (part.name == name) return &part;
    }
    return nullptr;
}

}  // namespace cong::media
