// Request and Response: what handlers see of HTTP. Plain structs, so no handler includes Beast.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cong::http {

enum class Method { Get, Head, Post, Put, Delete, Patch, Options, Other };

std::string_view to_string(Method method);
// The Method of a request line's method token ("GET"); tokens are case-sensitive (RFC 9110 §9.1), and
// anything Cổng does not route is Other. The server and the HTTP fuzz target share this mapping.
Method method_from_string(std::string_view token);

struct Header {
    std::string name;
    std::string value;
};

struct Request {
    Method method = Method::Get;
    std::string target;  // as received: "/tim-kiem?q=n%C3%B4ng"
    std::string path;    // percent-decoded, checked: valid UTF-8, no NUL, no "." or ".." segments
    std::string query;   // raw, after '?'
    std::vector<Header> headers;
    std::string body;
    std::string remote_address;
    std::string request_id;
    std::vector<std::pair<std::string, std::string>> path_params;  // filled by the router

    // Case-insensitive header lookup; the first one when repeated.
    std::optional<std::string_view> header(std::string_view name) const;
    // Every value of a header that may repeat, joined by commas as RFC 9110 §5.3 combines them ("" if absent).
    std::string header_list(std::string_view name) const;
    // Percent-decoded query parameter ('+' is a space); nullopt when absent or not valid UTF-8.
    std::optional<std::string> query_param(std::string_view name) const;
    // A path parameter of the matched route ("{slug}"); empty when the route has none by that name.
    std::string_view param(std::string_view name) const;
    // The value of one cookie.
    std::optional<std::string> cookie(std::string_view name) const;
};

struct Response {
    int status = 200;
    std::string content_type = "text/html; charset=utf-8";
    std::vector<Header> headers;
    std::string body;
    // Empty: the server picks "no-store" for non-GET and errors, "no-cache" otherwise.
    std::string cache_control;
    // Non-empty: the page is the same for every reader and may be kept by the page cache until content
    // with one of these dependency tags ("article:42", "category:7", "site:1") changes.
    std::vector<std::string> cache_tags;
    // When set, the bytes sent instead of body: a cached page shared by every answer that serves it.
    std::shared_ptr<const std::string> shared_body;

    std::size_t body_size() const { return shared_body ? shared_body->size() : body.size(); }

    Response& header(std::string name, std::string value) {
        headers.push_back({std::move(name), std::move(value)});
        return *this;
    }

    static Response html(std::string body, int status = 200);
    static Response text(std::string body, int status = 200);
    static Response json(std::string body, int status = 200);
    static Response redirect(std::string location, int status = 303);
};

// Percent-decodes text; '+' becomes a space when plus_is_space. nullopt on a malformed escape.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);
// Encodes everything but unreserved characters, for building query strings.
std::string percent_encode(std::string_view text);

// One value of an application/x-www-form-urlencoded text (a query string or a form body):
// the first pair named name, decoded with '+' as a space; nullopt when absent, malformed or not UTF-8.
std::optional<std::string> urlencoded_value(std::string_view encoded, std::string_view name);
// Every decoded pair in order; pairs with a malformed escape or invalid UTF-8 are left out.
std::vector<std::pair<std::string, std::string>> parse_urlencoded(std::string_view encoded);

}  // namespace cong::http
