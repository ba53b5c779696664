#include "http/response_policy.hpp"

#include "core/clock.hpp"

#include <algorithm>
#include <ctime>
#include <stdexcept>

namespace cong::http {
namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

bool icontains(std::string_view text, std::string_view needle) {
    if (needle.size() > text.size()) return false;
    for (std::size_t i = 0; i + needle.size() <= text.size(); ++i) {
        if (iequals(text.substr(i, needle.size()), needle)) return true;
    }
    return false;
}

// Headers that describe the connection or the framing, which only the server may set.
bool is_framing_header(std::string_view name) {
    for (std::string_view framing : {"content-length", "transfer-encoding", "connection", "keep-alive", "upgrade",
                                     "content-type", "date", "server"}) {
        if (iequals(name, framing)) return true;
    }
    return false;
}

bool is_token_char(char c) {
    auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte >= 0x7F) return false;
    return std::string_view("\"(),/:;<=>?@[\\]{}").find(c) == std::string_view::npos;
}

void check_header(std::string_view name, std::string_view value) {
    if (name.empty() || !std::all_of(name.begin(), name.end(), is_token_char)) {
        throw std::logic_error("handler set a malformed header name");
    }
    if (value.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos) {
        throw std::logic_error("handler set a header value with CR, LF or NUL: " + std::string(name));
    }
}

std::string_view strip_weak(std::string_view tag) {
    if (tag.size() >= 2 && tag[0] == 'W' && tag[1] == '/') tag.remove_prefix(2);
    return tag;
}

std::string http_date_now() {
    // Formatting the date once a second per thread keeps it off the per-request cost.
    thread_local std::time_t cached_second = 0;
    thread_local std::string cached_value;
    std::time_t second = std::time(nullptr);
    if (second != cached_second) {
        cached_second = second;
        cached_value = core::format_http_date(core::Timestamp{std::chrono::seconds{second}});
    }
    return cached_value;
}

}  // namespace

std::uint64_t fnv1a_64(std::string_view data) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (char c : data) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

std::string strong_etag(std::string_view body) {
    static constexpr char HEX[] = "0123456789abcdef";
    std::uint64_t hash = fnv1a_64(body);
    std::string tag(18, '"');
    for (int i = 0; i < 16; ++i) tag[static_cast<std::size_t>(16 - i)] = HEX[(hash >> (4 * i)) & 0xF];
    return tag;
}

std::string etag_for_encoding(std::string_view etag, ContentEncoding encoding) {
    auto suffix = etag_suffix(encoding);
    if (suffix.empty() || etag.size() < 2 || etag.back() != '"') return std::string(etag);
    std::string tagged(etag.substr(0, etag.size() - 1));
    tagged += suffix;
    tagged += '"';
    return tagged;
}

bool if_none_match_matches(std::string_view if_none_match, std::string_view etag) {
    auto opaque = strip_weak(etag);
    std::size_t i = 0;
    while (i < if_none_match.size()) {
        char c = if_none_match[i];
        if (c == ' ' || c == '\t' || c == ',') {
            ++i;
            continue;
        }
        if (c == '*') return true;
        std::size_t start = i;
        if (if_none_match.compare(i, 2, "W/") == 0) i += 2;
        if (i >= if_none_match.size() || if_none_match[i] != '"') return false;  // malformed: no match
        auto close = if_none_match.find('"', i + 1);
        if (close == std::string_view::npos) return false;
        if (strip_weak(if_none_match.substr(start, close + 1 - start)) == opaque) return true;
        i = close + 1;
    }
    return false;
}

const std::string* find_header(const Response& response, std::string_view name) {
    for (const auto& header : response.headers) {
        if (iequals(header.name, name)) return &header.value;
    }
    return nullptr;
}

void apply_response_policy(const Request& request, Response& response) {
    if (const std::string* type = find_header(response, "Content-Type")) response.content_type = *type;
    std::erase_if(response.headers, [](const Header& header) { return is_framing_header(header.name); });
    for (const auto& header : response.headers) check_header(header.name, header.value);
    check_header("Content-Type", response.content_type);
    check_header("Cache-Control", response.cache_control);

    bool get_like = request.method == Method::Get || request.method == Method::Head;
    if (const std::string* own = find_header(response, "Cache-Control")) {
        // A handler that set the header directly meant it; keep one source of truth.
        if (response.cache_control.empty()) response.cache_control = *own;
        std::erase_if(response.headers, [](const Header& header) { return iequals(header.name, "Cache-Control"); });
    }
    if (response.cache_control.empty()) response.cache_control = response.status == 200 && get_like ? "no-cache" : "no-store";
    if (response.status != 200) return;

    bool compressible = find_header(response, "Content-Encoding") == nullptr && is_compressible(response.content_type) &&
                        response.body.size() >= MIN_COMPRESS_BYTES;
    ContentEncoding encoding = ContentEncoding::Identity;
    if (compressible) {
        encoding = choose_encoding(request.header("Accept-Encoding").value_or(""));
        response.header("Vary", "Accept-Encoding");
    }

    if (get_like && !icontains(response.cache_control, "no-store")) {
        std::string etag;
        for (auto it = response.headers.begin(); it != response.headers.end(); ++it) {
            if (iequals(it->name, "ETag")) {
                etag = std::move(it->value);
                response.headers.erase(it);
                break;
            }
        }
        if (etag.empty()) etag = strong_etag(response.body);
        etag = etag_for_encoding(etag, encoding);
        response.header("ETag", etag);
        if (auto condition = request.header("If-None-Match"); condition && if_none_match_matches(*condition, etag)) {
            response.status = 304;
            response.body.clear();
            return;
        }
    }

    if (encoding != ContentEncoding::Identity) {
        response.body = encode(response.body, encoding);
        response.header("Content-Encoding", std::string(content_encoding_token(encoding)));
    }
}

void add_standard_headers(Response& response, std::string_view request_id, bool https) {
    response.header("Server", "cong");
    response.header("Date", http_date_now());
    response.header("X-Content-Type-Options", "nosniff");
    if (!find_header(response, "Referrer-Policy")) response.header("Referrer-Policy", "strict-origin-when-cross-origin");
    if (!find_header(response, "X-Frame-Options")) response.header("X-Frame-Options", "SAMEORIGIN");
    if (!find_header(response, "Content-Security-Policy")) {
        // upgrade-insecure-requests only means something, and only does no harm, on an HTTPS portal.
        std::string_view policy = CONTENT_SECURITY_POLICY;
        constexpr std::string_view UPGRADE = "; upgrade-insecure-requests";
        static_assert(CONTENT_SECURITY_POLICY.ends_with(UPGRADE));
        if (!https) policy.remove_suffix(UPGRADE.size());
        response.header("Content-Security-Policy", std::string(policy));
    }
    response.header("Permissions-Policy", std::string(PERMISSIONS_POLICY));
    // The old XSS auditors are gone from browsers, and where one survives it can be abused to blank out parts
    // of a page; "0" switches it off, as OWASP advises. The CSP above is the defence.
    response.header("X-XSS-Protection", "0");
    response.header("Cross-Origin-Opener-Policy", "same-origin");
    if (https) response.header("Strict-Transport-Security", std::string(STRICT_TRANSPORT_SECURITY));
    response.header("X-Request-Id", std::string(request_id));
}

}  // namespace cong::http
