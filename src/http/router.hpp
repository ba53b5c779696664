// Router: a table of METHOD + path pattern → handler, with a body limit per route.
#pragma once

#include "http/message.hpp"

#include <cstddef>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cong::http {

using Handler = std::function<Response(const Request&)>;
// Looks at a request's line and headers before its body is read: a response refuses the request with
// it (an upload without valid credentials is answered before megabytes arrive); nullopt lets it in.
using Gate = std::function<std::optional<Response>(const Request&)>;

class RateLimiter;

struct RouteOptions {
    std::size_t max_body_bytes = 0;  // 0: the server's default for JSON and forms
    Gate admit;                      // empty: every request is read in full
    // Checked per client address before the gate and the body: over the limit, 429 with Retry-After.
    RateLimiter* limit = nullptr;
};

// Patterns are literal segments and "{name}" segments: "/api/v1/articles/{id}".
// A "{name}" segment matches one non-empty segment; it may sit inside a segment after a literal
// prefix ("/static/{file}") but always spans to the segment's end.
class Router {
public:
    void add(Method method, std::string pattern, Handler handler, RouteOptions options = {});
    void get(std::string pattern, Handler handler, RouteOptions options = {}) {
        add(Method::Get, std::move(pattern), std::move(handler), options);
    }
    void post(std::string pattern, Handler handler, RouteOptions options = {}) {
        add(Method::Post, std::move(pattern), std::move(handler), options);
    }
    void put(std::string pattern, Handler handler, RouteOptions options = {}) {
        add(Method::Put, std::move(pattern), std::move(handler), options);
    }
    void del(std::string pattern, Handler handler, RouteOptions options = {}) {
        add(Method::Delete, std::move(pattern), std::move(handler), options);
    }
    // Puts limiter on every route added so far with one of methods whose pattern starts with pattern_prefix,
    // so the rate of costly requests is set in one place, after the features added their routes.
    void limit(std::initializer_list<Method> methods, std::string_view pattern_prefix, RateLimiter* limiter);
    // What answers when no route matches the path (the site's Vietnamese 404 page).
    void set_not_found(Handler handler) { not_found_ = std::move(handler); }

    struct Match {
        const Handler* handler = nullptr;  // null: no route for this method (see allowed) or path
        std::string pattern;               // the matched route's pattern, the label for metrics
        std::vector<std::pair<std::string, std::string>> params;
        std::size_t max_body_bytes = 0;
        const Gate* admit = nullptr;  // the route's gate, when it has one
        RateLimiter* limit = nullptr;
        std::vector<Method> allowed;  // methods that would match this path: non-empty means 405
    };
    // HEAD matches GET routes.
    Match match(Method method, std::string_view path) const;
    const Handler* not_found() const { return not_found_ ? &not_found_ : nullptr; }

private:
    struct Route {
        Method method;
        std::string pattern;
        std::vector<std::string> segments;
        Handler handler;
        RouteOptions options;
    };
    std::vector<Route> routes_;
    Handler not_found_;
};

}  // namespace cong::http
