// Response policy: what the server adds to every answer — compression, ETag and 304, caching defaults,
// security headers — as plain functions, so the page cache can apply the same rules to stored pages.
#pragma once

#include "http/compression.hpp"
#include "http/message.hpp"

#include <cstdint>
#include <string>
#include <optional>
#include <string_view>

namespace cong::http {

// 64-bit FNV-1a: fast, stable across runs and builds, good enough to tell two page versions apart.
std::uint64_t fnv1a_64(std::string_view data);
// A strong entity tag for a body: "\"0123456789abcdef\"".
std::string strong_etag(std::string_view body);
// The tag of an encoded variant of a representation: "\"abc\"" → "\"abc-br\"" (W/ kept).
std::string etag_for_encoding(std::string_view etag, ContentEncoding encoding);
// If-None-Match evaluation (RFC 9110 §13.1.2): a list of tags compared weakly, or "*".
bool if_none_match_matches(std::string_view if_none_match, std::string_view etag);

// Applies, in place, to a handler's response for request:
// - drops hop-by-hop headers (the server frames the message itself) and throws std::logic_error for a
//   header name or value that could split the response (CR, LF, NUL) — a handler bug, answered with 500;
// - the default Cache-Control: "no-cache" for 200 to GET/HEAD, "no-store" otherwise;
// - for 200 to GET/HEAD without no-store: an ETag (the handler's or one computed from the body) and 304
//   with an empty body when If-None-Match matches;
// - for 200 with a compressible type and a body of MIN_COMPRESS_BYTES or more: Vary: Accept-Encoding and
//   the body compressed with the client's preferred encoding (Content-Encoding, "-br"/"-gz" ETag suffix).
void apply_response_policy(const Request& request, Response& response);

// The Content-Security-Policy of every page: scripts, styles, fonts and frames only from the portal itself,
// no inline script or style, no plugins, forms only back to the portal, no framing by other sites. Photos may
// also be data: URIs (the editor's previews before an upload completes).
constexpr std::string_view CONTENT_SECURITY_POLICY =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; "
    "connect-src 'self'; media-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'self'; upgrade-insecure-requests";
// Browser features a portal page never needs, switched off so an injected script could not use them either.
constexpr std::string_view PERMISSIONS_POLICY =
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), "
    "interest-cohort=(), browsing-topics=()";
// Sent only when the portal is configured for HTTPS (http.https): a year, subdomains included.
constexpr std::string_view STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

// Server, Date, X-Request-Id and the security headers every answer carries: X-Content-Type-Options,
// Referrer-Policy, X-Frame-Options, Content-Security-Policy, Permissions-Policy, Cross-Origin-Opener-Policy,
// X-XSS-Protection: 0, and Strict-Transport-Security when https. A handler's own X-Frame-Options, Referrer-Policy or
// Content-Security-Policy is kept.
void add_standard_headers(Response& response, std::string_view request_id, bool https = false);

// Appends to out the response's status line and header block as sent on the wire: the standard headers
// above (without adding them to response.headers), Content-Type, Cache-Control, the response's headers,
// Content-Length when given, and Connection as HTTP/1.0 or 1.1 needs it for keep_alive. Writing it here,
// once, costs a cached page a fraction of what building a header container does.
void write_head(std::string& out, const Response& response, std::string_view reason, unsigned version,
                bool keep_alive, std::optional<std::size_t> content_length, std::string_view request_id,
                bool https);

// The value of a response header by case-insensitive name, or nullptr.
const std::string* find_header(const Response& response, std::string_view name);

}  // namespace cong::http
