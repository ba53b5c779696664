// libFuzzer target for the HTTP request path: raw bytes go through Boost.Beast's request parser, compiled
// as the server's is (http/asio_impl.cpp, linked in by run.sh) and with the server's limits
// (http/connection.cpp), then the checked target (http/request_target), the router with
// the portal's real route shapes, and the query, cookie, form and percent-decoding helpers
// (http/message). No crash, no sanitizer report, and every accepted path is one routing may trust.
#include "core/vietnamese.hpp"
#include "http/client_address.hpp"
#include "http/message.hpp"
#include "http/request_target.hpp"
#include "http/router.hpp"

#include <boost/beast/core/buffers_prefix.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <arpa/inet.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>

namespace {

namespace bhttp = boost::beast::http;
using namespace cong;

// core::HttpConfig's defaults, as the server runs them.
constexpr std::size_t MAX_HEADER_BYTES = 16 * 1024;
constexpr std::size_t MAX_BODY_BYTES = 1024 * 1024;
constexpr std::size_t MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

void check(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "property broken: %s\n", what);
        std::abort();
    }
}

// The shapes of site/routes.cpp and api/routes.cpp; the handlers are never called.
const http::Router& portal_router() {
    static const http::Router router = [] {
        http::Router r;
        auto none = [](const http::Request&) { return http::Response::text("ok"); };
        http::RouteOptions upload{.max_body_bytes = MAX_UPLOAD_BYTES, .admit = {}};
        for (const char* pattern :
             {"/", "/bai-viet/{slug}", "/chuyen-muc/{slug}", "/chuyen-muc/{slug}/rss.xml", "/tim-kiem", "/rss.xml",
              "/robots.txt", "/sitemap.xml", "/sitemap-{page}", "/static/{file}", "/media/{file}", "/chi-tieu",
              "/chi-tieu/{slug}", "/tieu-chi-nong-thon-moi", "/tieu-chi-nong-thon-moi/{slug}", "/api/v1/articles/{id}",
              "/api/v1/categories", "/api/v1/search", "/api/v1/plans", "/api/v1/plans/{id}",
              "/api/v1/plans/{id}/summary", "/api/v1/ntm/sets", "/api/v1/ntm/sets/{id}/standing",
              "/api/v1/targets/{id}/reports"}) {
            r.get(pattern, none);
        }
        for (const char* pattern : {"/api/v1/articles", "/api/v1/categories", "/api/v1/plans", "/api/v1/plans/{id}/targets",
                                    "/api/v1/ntm/sets", "/api/v1/ntm/sets/{id}/assessments", "/api/v1/ntm/communes",
                                    "/api/v1/targets/{id}/reports", "/dang-nhap"}) {
            r.post(pattern, none);
        }
        r.post("/api/v1/media", none, upload);
        r.put("/api/v1/articles/{id}", none);
        r.del("/api/v1/articles/{id}", none);
        r.get("/api/v1/articles/new", none);  // a literal beside a parameter: specificity ordering
        return r;
    }();
    return router;
}

std::size_t count_params(std::string_view pattern) { return static_cast<std::size_t>(std::count(pattern.begin(), pattern.end(), '{')); }

void check_path(std::string_view path) {
    check(!path.empty() && path.front() == '/', "an accepted path starts with '/'");
    check(core::is_valid_utf8(path), "an accepted path is valid UTF-8");
    for (char c : path) {
        auto byte = static_cast<unsigned char>(c);
        check(byte >= 0x20 && byte != 0x7F, "an accepted path has no control bytes");
        check(c != '\\', "an accepted path has no backslash");
    }
    std::string_view rest = path.substr(1);
    for (;;) {
        auto slash = rest.find('/');
        auto segment = rest.substr(0, slash);
        check(segment != "." && segment != "..", "an accepted path has no '.' or '..' segment");
        if (slash == std::string_view::npos) break;
        rest.remove_prefix(slash + 1);
    }
}

// Form and query text: every decoded pair is UTF-8, and the single-value lookup agrees with the list.
void check_urlencoded(std::string_view encoded) {
    auto pairs = http::parse_urlencoded(encoded);
    for (const auto& [name, value] : pairs) {
        check(core::is_valid_utf8(name) && core::is_valid_utf8(value), "decoded form pairs are UTF-8");
    }
    for (std::string_view name : {"q", "page", "trang", "token", "title", ""}) {
        auto value = http::urlencoded_value(encoded, name);
        if (!value) continue;
        check(core::is_valid_utf8(*value), "a form value is UTF-8");
        auto first = std::find_if(pairs.begin(), pairs.end(), [&](const auto& p) { return p.first == name; });
        check(first != pairs.end() && first->second == *value, "urlencoded_value is the first pair of that name");
    }
    // The converse does not hold: "a=%zz&a=1" lists ("a", "1") but urlencoded_value("a") is nullopt, since
    // the first pair named "a" is malformed (as documented).
}

void check_percent(std::string_view text) {
    for (bool plus : {false, true}) {
        auto decoded = http::percent_decode(text, plus);
        if (!decoded) continue;
        check(decoded->size() <= text.size(), "decoding never grows the text");
        auto again = http::percent_decode(http::percent_encode(*decoded), false);
        check(again && *again == *decoded, "percent_encode is undone by percent_decode");
    }
}

// What connection.cpp does once a header has arrived: copy it into a Request, check the target, route.
// Returns the body limit of the matched route, or 0 when the server answers without reading a body.
std::size_t route(const bhttp::request_parser<bhttp::string_body>& parser, http::Request& request) {
    const auto& header = parser.get();
    request.method = http::method_from_string(header.method_string());
    request.target = std::string(header.target());
    for (const auto& field : header) {
        request.headers.push_back({std::string(field.name_string()), std::string(field.value())});
    }
    auto target = http::parse_target(request.target);
    if (!target) {
        check(target.error().code == core::Errc::InvalidInput, "a bad target is InvalidInput");
        check(core::is_valid_utf8(target.error().detail), "the error message is UTF-8");
        return 0;
    }
    request.path = std::move(target->path);
    request.query = std::move(target->query);
    check_path(request.path);

    auto match = portal_router().match(request.method, request.path);
    if (!match.handler) {
        for (auto method : match.allowed) check(method != request.method, "405 lists only other methods");
        return 0;
    }
    check(match.params.size() == count_params(match.pattern), "every {param} of the route is bound");
    for (const auto& [name, value] : match.params) {
        check(!name.empty() && !value.empty(), "a bound parameter is non-empty");
        check(value.find('/') == std::string::npos, "a parameter spans one segment");
    }
    request.path_params = match.params;
    return match.max_body_bytes ? match.max_body_bytes : MAX_BODY_BYTES;
}

// The client address as connection.cpp finds it when the peer is a trusted proxy: the X-Forwarded-For
// values joined by commas. Whatever a client forges, the answer is one well-formed address.
void check_client_address(const http::Request& request) {
    static const auto trusted = http::TrustedProxies::parse("127.0.0.1, 10.0.0.0/8, ::1, fd00::/8");
    check(trusted.has_value(), "the trusted proxies parse");
    std::string forwarded_for = request.header_list("X-Forwarded-For");
    for (std::string_view peer : {"127.0.0.1", "203.0.113.9"}) {
        auto address = http::client_address(peer, forwarded_for, *trusted);
        if (address == peer) continue;
        unsigned char bytes[16];
        check(inet_pton(AF_INET, address.c_str(), bytes) == 1 || inet_pton(AF_INET6, address.c_str(), bytes) == 1,
              "a forwarded client address is an IP address");
        check(peer == "127.0.0.1", "an untrusted peer's X-Forwarded-For is ignored");
    }
}

void inspect(const http::Request& request) {
    check_client_address(request);
    for (std::string_view name : {"q", "page", "trang"}) {
        if (auto value = request.query_param(name)) check(core::is_valid_utf8(*value), "a query parameter is UTF-8");
    }
    for (std::string_view name : {"cong_session", "cong_csrf", ""}) {
        if (auto value = request.cookie(name)) check(value->find(';') == std::string::npos, "a cookie value has no ';'");
    }
    for (std::string_view name : {"Host", "content-type", "X-Request-Id", "Cookie"}) {
        if (auto value = request.header(name)) check(value->size() <= MAX_HEADER_BYTES, "a header fits the limit");
    }
    check_urlencoded(request.query);
    check_urlencoded(request.body);
    check_percent(request.query);
    check_percent(request.body.substr(0, 4096));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // The first byte picks how the bytes arrive (1..64 bytes or all at once), so Beast's incremental
    // parsing of a request split across reads is exercised too.
    if (size == 0) return 0;
    std::size_t chunk = data[0] % 65 == 0 ? std::numeric_limits<std::size_t>::max() : data[0] % 65;
    std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);

    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(MAX_HEADER_BYTES));
    parser.body_limit(boost::none);  // as the server does until the route is known

    http::Request request;
    bool routed = false;
    std::size_t consumed = 0;
    std::size_t available = std::min(bytes.size(), chunk);
    boost::system::error_code error;
    while (!parser.is_done()) {
        boost::asio::const_buffer buffer(bytes.data() + consumed, available - consumed);
        std::size_t used = parser.put(buffer, error);
        check(used <= available - consumed, "the parser uses only what it was given");
        consumed += used;
        // An empty buffer may be answered with neither progress nor need_more: more bytes are needed too.
        if (error == bhttp::error::need_more || (!error && used == 0 && !parser.is_done())) {
            error = {};
            if (available == bytes.size()) {
                // The client closed the connection; as in Beast's read, only a started message hears of it.
                if (!parser.got_some()) return 0;
                parser.put_eof(error);
                break;
            }
            available = std::min(bytes.size(), available + std::min(chunk, bytes.size()));
            continue;
        }
        if (error) break;
        if (parser.is_header_done() && !routed) {
            routed = true;
            std::size_t limit = route(parser, request);
            if (limit == 0) return 0;  // answered before the body: 400, 404 or 405
            auto length = parser.content_length();
            if (length && *length > limit) return 0;  // 413 before reading
            parser.body_limit(limit);
        }
    }
    if (error) {
        // The server reads the target of a failed request to pick a JSON or an HTML error page.
        std::string_view target = parser.get().target();
        (void)target.substr(0, 5);
        return 0;
    }
    if (!parser.is_done()) return 0;
    if (!routed) {
        if (route(parser, request) == 0) return 0;
    }
    request.body = parser.get().body();
    check(request.body.size() <= MAX_UPLOAD_BYTES, "the body fits the route's limit");
    inspect(request);
    return 0;
}
