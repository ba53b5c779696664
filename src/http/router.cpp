#include "http/router.hpp"

#include <algorithm>
#include <stdexcept>

namespace cong::http {
namespace {

// How specific a pattern segment is: a literal beats a prefixed parameter beats a bare one,
// so "/api/v1/articles/new" wins over "/api/v1/articles/{id}" whatever the order of registration.
enum SegmentKind { BARE_PARAMETER = 0, PREFIXED_PARAMETER = 1, LITERAL = 2 };

SegmentKind kind_of(std::string_view segment) {
    auto brace = segment.find('{');
    if (brace == std::string_view::npos) return LITERAL;
    return brace == 0 ? BARE_PARAMETER : PREFIXED_PARAMETER;
}

std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> segments;
    if (!path.empty() && path.front() == '/') path.remove_prefix(1);
    for (;;) {
        auto slash = path.find('/');
        segments.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash + 1);
    }
    return segments;
}

// Matches one path segment against one pattern segment; appends the parameter it binds.
bool match_segment(std::string_view pattern, std::string_view segment,
                   std::vector<std::pair<std::string, std::string>>& params) {
    auto brace = pattern.find('{');
    if (brace == std::string_view::npos) return pattern == segment;
    auto prefix = pattern.substr(0, brace);
    if (segment.size() <= prefix.size() || segment.substr(0, prefix.size()) != prefix) return false;
    auto name = pattern.substr(brace + 1, pattern.size() - brace - 2);
    params.emplace_back(std::string(name), std::string(segment.substr(prefix.size())));
    return true;
}

}  // namespace

void Router::add(Method method, std::string pattern, Handler handler, RouteOptions options) {
    // A malformed pattern is a programming error in a route table, found at startup.
    if (pattern.empty() || pattern.front() != '/') throw std::invalid_argument("route pattern must start with '/': " + pattern);
    std::vector<std::string> segments;
    for (auto segment : split_path(pattern)) {
        auto brace = segment.find('{');
        if (brace != std::string_view::npos) {
            bool well_formed = segment.back() == '}' && segment.size() > brace + 2 &&
                               segment.find_first_of("{}", brace + 1) == segment.size() - 1;
            if (!well_formed) throw std::invalid_argument("bad parameter segment in route pattern: " + pattern);
        } else if (segment.find('}') != std::string_view::npos) {
            throw std::invalid_argument("bad parameter segment in route pattern: " + pattern);
        }
        segments.emplace_back(segment);
    }
    routes_.push_back(Route{method, std::move(pattern), std::move(segments), std::move(handler), options});
}

Router::Match Router::match(Method method, std::string_view path) const {
    Match result;
    auto segments = split_path(path);
    const Route* best = nullptr;
    std::vector<std::pair<std::string, std::string>> best_params;
    std::vector<std::pair<std::string, std::string>> params;
    std::vector<Method> path_methods;

    // Returns true when candidate should replace best: more specific at the first differing
    // segment, or equally specific and an exact method match where best answers HEAD through GET.
    auto better = [&](const Route& candidate) {
        if (!best) return true;
        for (std::size_t i = 0; i < segments.size(); ++i) {
            auto a = kind_of(candidate.segments[i]);
            auto b = kind_of(best->segments[i]);
            if (a != b) return a > b;
        }
        return candidate.method == method && best->method != method;
    };

    for (const auto& route : routes_) {
        if (route.segments.size() != segments.size()) continue;
        params.clear();
        bool matched = true;
        for (std::size_t i = 0; i < segments.size() && matched; ++i) {
            matched = match_segment(route.segments[i], segments[i], params);
        }
        if (!matched) continue;
        if (std::find(path_methods.begin(), path_methods.end(), route.method) == path_methods.end()) {
            path_methods.push_back(route.method);
        }
        bool method_fits = route.method == method || (method == Method::Head && route.method == Method::Get);
        if (method_fits && better(route)) {
            best = &route;
            best_params = params;
        }
    }

    if (best) {
        result.handler = &best->handler;
        result.pattern = best->pattern;
        result.params = std::move(best_params);
        result.max_body_bytes = best->options.max_body_bytes;
        if (best->options.admit) result.admit = &best->options.admit;
        result.limit = best->options.limit;
        return result;
    }
    bool has_get = std::find(path_methods.begin(), path_methods.end(), Method::Get) != path_methods.end();
    bool has_head = std::find(path_methods.begin(), path_methods.end(), Method::Head) != path_methods.end();
    if (has_get && !has_head) path_methods.push_back(Method::Head);
    result.allowed = std::move(path_methods);
    return result;
}

void Router::limit(std::initializer_list<Method> methods, std::string_view pattern_prefix, RateLimiter* limiter) {
    for (auto& route : routes_) {
        if (!route.pattern.starts_with(pattern_prefix)) continue;
        if (std::find(methods.begin(), methods.end(), route.method) == methods.end()) continue;
        route.options.limit = limiter;
    }
}

}  // namespace cong::http
