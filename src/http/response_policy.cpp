#include "http/response_policy.hpp"

#include "core/clock.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <ctime>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

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

namespace {

// A 64-bit hash of a page for its ETag, eight bytes per step (FNV-1a takes one byte per multiply, which was
// a sixth of an uncached article render's CPU): each word is mixed in by multiply and rotate, and the
// length and a final avalanche (MurmurHash3's fmix64) make every input bit reach every output bit.
std::uint64_t page_hash_64(std::string_view data) {
    constexpr std::uint64_t K1 = 0x9E3779B97F4A7C15ULL;
    constexpr std::uint64_t K2 = 0xC2B2AE3D27D4EB4FULL;
    std::uint64_t hash = 0xcbf29ce484222325ULL ^ (data.size() * K1);
    std::size_t i = 0;
    for (; i + 8 <= data.size(); i += 8) {
        std::uint64_t word;
        std::memcpy(&word, data.data() + i, 8);
        hash ^= word * K2;
        hash = std::rotl(hash, 31) * K1;
    }
    std::uint64_t tail = 0;
    if (i < data.size()) std::memcpy(&tail, data.data() + i, data.size() - i);
    hash ^= tail * K2;
    hash ^= hash >> 33;
    hash *= 0xff51afd7ed558ccdULL;
    hash ^= hash >> 33;
    hash *= 0xc4ceb9fe1a85ec53ULL;
    hash ^= hash >> 33;
    return hash;
}

}  // namespace

std::string strong_etag(std::string_view body) {
    static constexpr char HEX[] = "0123456789abcdef";
    std::uint64_t hash = page_hash_64(body);
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

namespace {

// Calls add(name, value) for each standard header, in the order they are sent; the one list both for
// adding them to a response and for writing them on the wire.
template <class Add>
void for_each_standard_header(const Response& response, std::string_view request_id, bool https, Add&& add) {
    add("Server", "cong");
    add("Date", http_date_now());
    add("X-Content-Type-Options", "nosniff");
    if (!find_header(response, "Referrer-Policy")) add("Referrer-Policy", "strict-origin-when-cross-origin");
    if (!find_header(response, "X-Frame-Options")) add("X-Frame-Options", "SAMEORIGIN");
    if (!find_header(response, "Content-Security-Policy")) {
        // upgrade-insecure-requests only means something, and only does no harm, on an HTTPS portal.
        std::string_view policy = CONTENT_SECURITY_POLICY;
        constexpr std::string_view UPGRADE = "; upgrade-insecure-requests";
        static_assert(CONTENT_SECURITY_POLICY.ends_with(UPGRADE));
        if (!https) policy.remove_suffix(UPGRADE.size());
        add("Content-Security-Policy", policy);
    }
    add("Permissions-Policy", PERMISSIONS_POLICY);
    // The old XSS auditors are gone from browsers, and where one survives it can be abused to blank out parts
    // of a page; "0" switches it off, as OWASP advises. The CSP above is the defence.
    add("X-XSS-Protection", "0");
    add("Cross-Origin-Opener-Policy", "same-origin");
    if (https) add("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
    add("X-Request-Id", request_id);
}

void append_header(std::string& out, std::string_view name, std::string_view value) {
    out.append(name).append(": ").append(value).append("\r\n");
}

}  // namespace

void add_standard_headers(Response& response, std::string_view request_id, bool https) {
    std::vector<Header> standard;
    for_each_standard_header(response, request_id, https, [&](std::string_view name, std::string_view value) {
        standard.push_back({std::string(name), std::string(value)});
    });
    response.headers.insert(response.headers.end(), std::make_move_iterator(standard.begin()),
                            std::make_move_iterator(standard.end()));
}

void write_head(std::string& out, const Response& response, std::string_view reason, unsigned version,
                bool keep_alive, std::optional<std::size_t> content_length, std::string_view request_id,
                bool https) {
    out.append(version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ").append(std::to_string(response.status));
    out.append(" ").append(reason).append("\r\n");
    for_each_standard_header(response, request_id, https, [&](std::string_view name, std::string_view value) {
        append_header(out, name, value);
    });
    if (content_length) append_header(out, "Content-Type", response.content_type);
    if (!response.cache_control.empty()) append_header(out, "Cache-Control", response.cache_control);
    for (const auto& header : response.headers) append_header(out, header.name, header.value);
    if (content_length) append_header(out, "Content-Length", std::to_string(*content_length));
    // HTTP/1.1 keeps a connection unless told to close; HTTP/1.0 closes unless told to keep it.
    if (version == 10 && keep_alive) append_header(out, "Connection", "keep-alive");
    if (version != 10 && !keep_alive) append_header(out, "Connection", "close");
    out.append("\r\n");
}

}  // namespace cong::http
