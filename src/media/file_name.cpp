#include "media/file_name.hpp"

#include "core/vietnamese.hpp"

#include <algorithm>

namespace cong::media {
namespace {

bool is_ascii_space(char c) { return c == ' ' || c == '\t'; }

// Length of the longest prefix of text, at most max_bytes, that ends on a UTF-8 sequence boundary.
std::size_t utf8_prefix_length(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return text.size();
    std::size_t length = max_bytes;
    // Continuation bytes look like 10xxxxxx; step back to the lead byte of the cut sequence.
    while (length > 0 && (static_cast<unsigned char>(text[length]) & 0xC0) == 0x80) --length;
    return length;
}

}  // namespace

std::string display_file_name(std::string_view name) {
    // Windows clients (and old browsers) send full paths with backslashes; others may send slashes.
    if (auto slash = name.find_last_of("/\\"); slash != std::string_view::npos) name.remove_prefix(slash + 1);
    // A drive-relative Windows name such as "C:photo.jpg".
    if (name.size() >= 2 && name[1] == ':' && ((name[0] >= 'A' && name[0] <= 'Z') || (name[0] >= 'a' && name[0] <= 'z'))) {
        name.remove_prefix(2);
    }
    std::string out;
    out.reserve(name.size());
    for (char c : name) {
        auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7F) continue;
        out.push_back(c);
    }
    auto first = std::find_if_not(out.begin(), out.end(), is_ascii_space);
    out.erase(out.begin(), first);
    while (!out.empty() && is_ascii_space(out.back())) out.pop_back();
    if (out == "." || out == "..") out.clear();
    return out;
}

std::string truncate_file_name(std::string_view name, std::size_t max_bytes) {
    if (name.size() <= max_bytes) return std::string{name};
    constexpr std::size_t MAX_KEPT_EXTENSION = 10;  // ".jpeg", ".webp": room for any image extension
    std::string_view extension;
    if (auto dot = name.rfind('.'); dot != std::string_view::npos && dot > 0 && name.size() - dot <= MAX_KEPT_EXTENSION &&
                                    name.size() - dot < max_bytes) {
        extension = name.substr(dot);
    }
    std::string_view stem = name.substr(0, name.size() - extension.size());
    std::string out{stem.substr(0, utf8_prefix_length(stem, max_bytes - extension.size()))};
    out.append(extension);
    return out;
}

std::string content_disposition_inline(std::string_view name) {
    // The fallback: Vietnamese letters folded to ASCII ("Lúa" → "Lua"), anything still outside printable
    // ASCII — and the characters that would end or escape the quoted string — replaced by "_".
    std::string ascii;
    std::string folded = core::is_valid_utf8(name) ? core::fold(name) : std::string{name};
    for (char c : folded) {
        auto byte = static_cast<unsigned char>(c);
        bool safe = byte >= 0x20 && byte < 0x7F && c != '"' && c != '\\' && c != '%';
        if (!safe && (byte & 0xC0) == 0x80) continue;  // one "_" per multi-byte character
        ascii += safe ? c : '_';
    }
    if (ascii.empty()) ascii = "anh";
    static constexpr char HEX[] = "0123456789ABCDEF";
    std::string encoded;
    for (char c : name) {
        auto byte = static_cast<unsigned char>(c);
        // RFC 8187 attr-char: ALPHA / DIGIT / "!#$&+-.^_`|~"; everything else is %XX.
        bool attr_char = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                         std::string_view{"!#$&+-.^_`|~"}.find(c) != std::string_view::npos;
        if (attr_char) {
            encoded += c;
        } else {
            encoded += '%';
            encoded += HEX[byte >> 4];
            encoded += HEX[byte & 0x0F];
        }
    }
    return "inline; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

}  // namespace cong::media
