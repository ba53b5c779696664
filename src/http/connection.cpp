// Connection: one client's keep-alive loop of reading a request, routing it, running its handler on the
// handler pool and writing the answer, with the limits and timeouts of core::HttpConfig.
#include "core/log.hpp"
#include "http/error_response.hpp"
#include "http/rate_limiter.hpp"
#include "http/request_target.hpp"
#include "http/response_policy.hpp"
#include "http/server_impl.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/status.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <limits>
#include <optional>
#include <random>

namespace cong::http {
namespace {

namespace bhttp = boost::beast::http;
using boost::system::error_code;
using detail::ConnectionSlot;
using detail::Exchange;
using detail::Worker;

constexpr std::size_t FIRST_READ_BYTES = 8 * 1024;
// After an error answered before the body was read, the client may still be sending it; reading and
// discarding it for a moment lets the client see our answer instead of a connection reset.
constexpr auto LINGER_TIME = std::chrono::seconds{2};
constexpr std::size_t LINGER_MAX_BYTES = 8 * 1024 * 1024;
// Large bodies get time in proportion to their size on top of the read timeout, so a slow uplink can
// still upload a photo while a client trickling a few bytes a second is dropped.
constexpr std::size_t LARGE_BODY_BYTES = 64 * 1024;
constexpr std::size_t MIN_BODY_BYTES_PER_SECOND = 32 * 1024;
constexpr std::size_t MAX_LOGGED_PATH_BYTES = 512;

bool iequals(std::string_view a, std::string_view b) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) { return lower(x) == lower(y); });
}

// A client's own request id is kept when it is short and cannot break a log line.
bool is_safe_request_id(std::string_view id) {
    return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
               c == '.';
    });
}

std::string new_request_id() {
    thread_local std::mt19937_64 random{(static_cast<std::uint64_t>(std::random_device{}()) << 32) ^
                                        std::random_device{}()};
    static constexpr char HEX[] = "0123456789abcdef";
    std::uint64_t bits = random();
    std::string id(16, '0');
    for (char& c : id) {
        c = HEX[bits & 0xF];
        bits >>= 4;
    }
    return id;
}

// A parse failure the client should hear about, as opposed to the client going away or timing out.
bool is_protocol_error(const error_code& error) {
    if (error.category() != bhttp::make_error_code(bhttp::error::end_of_stream).category()) return false;
    return error != bhttp::error::end_of_stream && error != bhttp::error::partial_message;
}

asio::awaitable<void> linger_close(beast::tcp_stream& stream) {
    error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream.expires_after(LINGER_TIME);
    std::vector<char> sink(16 * 1024);
    std::size_t drained = 0;
    while (drained < LINGER_MAX_BYTES) {
        auto [error, bytes] = co_await stream.async_read_some(asio::buffer(sink), USE_TUPLE);
        if (error) break;
        drained += bytes;
    }
}

}  // namespace

asio::awaitable<void> Server::Impl::serve_connection(Worker& worker, tcp::socket socket, std::string remote) {
    error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    beast::tcp_stream stream(std::move(socket));
    ConnectionSlot slot{&stream, false, remote};
    ConnectionGuard guard(*this, worker, slot);
    try {
        // Bytes of a pipelined next request stay here between exchanges.
        beast::flat_buffer buffer;
        Exchange exchange;
        bool first = true;
        for (;;) {
            // The first request has read_timeout from the accept; later ones wait up to idle_timeout for
            // their first byte and then get read_timeout for the whole request.
            if (first) stream.expires_after(config.read_timeout);
            if (buffer.size() == 0) {
                if (stopping.load()) break;
                if (!first) stream.expires_after(config.idle_timeout);
                slot.waiting = true;
                auto [error, bytes] = co_await stream.async_read_some(buffer.prepare(FIRST_READ_BYTES), USE_TUPLE);
                slot.waiting = false;
                if (error) break;
                buffer.commit(bytes);
            }
            if (!first) stream.expires_after(config.read_timeout);
            first = false;
            exchange = co_await serve_exchange(stream, buffer, remote);
            if (!exchange.keep_alive) break;
        }
        if (exchange.linger) {
            co_await linger_close(stream);
        } else {
            stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
        }
        stream.close();
    } catch (const std::exception& error) {
        core::log::error("connection failed", {{"error", error.what()}, {"ip", remote}});
    }
}

Response Server::Impl::early_error(const Request& request, std::string_view path, int status) {
    auto response = error_response(path, status);
    apply_response_policy(request, response);
    return response;
}

asio::awaitable<Response> Server::Impl::call_handler(const Handler& handler, const Request& request,
                                                     std::string_view route) {
    auto fault = [&](std::string_view what) {
        core::log::error("handler failed", {{"id", request.request_id}, {"route", route}, {"error", what}});
        return early_error(request, request.path, 500);
    };
    try {
        // Taken before the handler reads anything, so a page rendered across a content change is not kept.
        std::uint64_t generation = cache ? cache->generation() : 0;
        Response response = handler(request);
        if (cache && !response.cache_tags.empty() && cache->store(request, response, generation)) {
            // The kept page answers this request too, compressed once for every later reader.
            if (auto kept = cache->lookup(request)) co_return std::move(*kept);
        }
        apply_response_policy(request, response);
        co_return response;
    } catch (const std::exception& error) {
        co_return fault(error.what());
    } catch (...) {
        co_return fault("unknown exception");
    }
}

asio::awaitable<std::optional<Response>> Server::Impl::call_gate(const Gate& gate, const Request& request,
                                                               std::string_view route) {
    try {
        co_return gate(request);
    } catch (const std::exception& error) {
        core::log::error("gate failed", {{"id", request.request_id}, {"route", route}, {"error", error.what()}});
    } catch (...) {
        core::log::error("gate failed", {{"id", request.request_id}, {"route", route}, {"error", "unknown exception"}});
    }
    co_return early_error(request, request.path, 500);
}

std::optional<Response> Server::Impl::cached_answer(Request& request) {
    if (!cache || (request.method != Method::Get && request.method != Method::Head)) return std::nullopt;
    auto target = parse_target(request.target);
    if (!target) return std::nullopt;
    request.path = std::move(target->path);
    request.query = std::move(target->query);
    return cache->lookup(request);
}

Server::Impl::Routing Server::Impl::route_request(Request& request) {
    Routing routing;
    routing.body_limit = config.max_body_bytes;
    auto target = parse_target(request.target);
    if (!target) {
        auto raw_path = std::string_view(request.target).substr(0, request.target.find('?'));
        routing.answer = early_error(request, raw_path, 400);
        return routing;
    }
    request.path = std::move(target->path);
    request.query = std::move(target->query);

    // The server's own endpoints come before the router, so no route table can hide them.
    bool get_like = request.method == Method::Get || request.method == Method::Head;
    if (get_like && request.path == "/healthz") {
        routing.route = "/healthz";
        auto ok = Response::text("ok");
        ok.cache_control = "no-store";
        apply_response_policy(request, ok);
        routing.answer = std::move(ok);
        return routing;
    }
    if (get_like && request.path == "/metrics") {
        routing.route = "/metrics";
        routing.handler = &metrics_handler;
        return routing;
    }

    auto match = router.match(request.method, request.path);
    if (match.handler) {
        routing.handler = match.handler;
        routing.route = std::move(match.pattern);
        request.path_params = std::move(match.params);
        if (match.max_body_bytes) routing.body_limit = match.max_body_bytes;
        routing.admit = match.admit;
        if (match.limit) {
            if (auto wait = match.limit->take(request.remote_address)) {
                routing.answer = early_error(request, request.path, 429);
                routing.answer->header("Retry-After", std::to_string(wait->count()));
            }
        }
    } else if (!match.allowed.empty()) {
        std::string allow;
        for (Method method : match.allowed) {
            if (!allow.empty()) allow += ", ";
            allow += to_string(method);
        }
        routing.answer = early_error(request, request.path, 405);
        routing.answer->header("Allow", std::move(allow));
    } else if (router.not_found()) {
        routing.handler = router.not_found();
    } else {
        routing.answer = early_error(request, request.path, 404);
    }
    return routing;
}

asio::awaitable<Exchange> Server::Impl::serve_exchange(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                                       const std::string& remote) {
    auto started = Clock::now();
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(
        std::min<std::size_t>(config.max_header_bytes, std::numeric_limits<std::uint32_t>::max())));
    // The body limit depends on the route, known only after the header; it is checked then.
    parser.body_limit(boost::none);

    Request request;
    request.remote_address = remote;
    Exchange exchange;
    Response response;
    std::string route = "unmatched";

    auto [header_error, header_bytes] = co_await bhttp::async_read_header(stream, buffer, parser, USE_TUPLE);
    if (header_error) {
        if (!is_protocol_error(header_error)) co_return exchange;  // gone or too slow: no one to answer
        request.request_id = new_request_id();
        request.method = Method::Other;
        bool too_large = header_error == bhttp::error::header_limit || header_error == bhttp::error::buffer_overflow;
        // An API client expects JSON. The target is in the parser once the request line was parsed,
        // else still in the buffer.
        std::string_view target = parser.get().target();
        if (target.empty()) {
            std::string_view pending(static_cast<const char*>(buffer.data().data()), buffer.size());
            auto space = pending.find(' ');
            if (space != std::string_view::npos) target = pending.substr(space + 1);
        }
        bool api = target.substr(0, 5) == "/api/";
        response = early_error(request, api ? "/api/" : "/", too_large ? 431 : 400);
        exchange.linger = true;
        co_await send(stream, request, response, 11, false, route, started);
        co_return exchange;
    }

    auto& header = parser.get();
    unsigned version = header.version() == 10 ? 10 : 11;
    request.method = method_from_string(header.method_string());
    request.target = std::string(header.target());
    for (const auto& field : header) {
        request.headers.push_back({std::string(field.name_string()), std::string(field.value())});
    }
    if (!trusted_proxies.empty()) {
        request.remote_address = client_address(remote, request.header_list("X-Forwarded-For"), trusted_proxies);
    }
    auto client_id = request.header("X-Request-Id");
    request.request_id = client_id && is_safe_request_id(*client_id) ? std::string(*client_id) : new_request_id();
    exchange.keep_alive = header.keep_alive();
    bool body_pending = !parser.is_done();

    // Answers without reading a body that may follow: the connection cannot be reused after it.
    auto answer_early = [&](Response early) -> asio::awaitable<Exchange> {
        if (body_pending) {
            exchange.keep_alive = false;
            exchange.linger = true;
        }
        response = std::move(early);
        bool keep_alive = exchange.keep_alive && !stopping.load();
        if (!co_await send(stream, request, response, version, keep_alive, route, started)) exchange.keep_alive = false;
        co_return exchange;
    };

    // The hot path: a kept public page is written without the router, the handler pool or the database.
    if (!body_pending) {
        if (auto hit = cached_answer(request)) {
            route = "cached";
            co_return co_await answer_early(std::move(*hit));
        }
    }

    auto routing = route_request(request);
    route = std::move(routing.route);
    if (routing.answer) co_return co_await answer_early(std::move(*routing.answer));
    const std::size_t body_limit = routing.body_limit;
    // The gate may block (it can ask the database), so it runs on the handler pool, like handlers.
    if (routing.admit) {
        auto refused = co_await asio::co_spawn(handler_pool, call_gate(*routing.admit, request, route),
                                               asio::use_awaitable);
        if (refused) co_return co_await answer_early(std::move(*refused));
    }

    if (body_pending) {
        auto length = parser.content_length();
        if (length && *length > body_limit) co_return co_await answer_early(early_error(request, request.path, 413));
        parser.body_limit(body_limit);
        auto expect = request.header("Expect");
        if (expect && iequals(*expect, "100-continue") && version == 11) {
            bhttp::response<bhttp::empty_body> proceed{bhttp::status::continue_, version};
            auto [continue_error, continue_bytes] = co_await bhttp::async_write(stream, proceed, USE_TUPLE);
            if (continue_error) co_return Exchange{};
        }
        if (length && *length > LARGE_BODY_BYTES) {
            stream.expires_after(config.read_timeout + std::chrono::seconds(*length / MIN_BODY_BYTES_PER_SECOND));
        }
        auto [body_error, body_bytes] = co_await bhttp::async_read(stream, buffer, parser, USE_TUPLE);
        if (body_error == bhttp::error::body_limit) {
            co_return co_await answer_early(early_error(request, request.path, 413));
        }
        if (is_protocol_error(body_error)) co_return co_await answer_early(early_error(request, request.path, 400));
        if (body_error) co_return Exchange{};
        request.body = std::move(parser.get().body());
    }

    response = co_await asio::co_spawn(handler_pool, call_handler(*routing.handler, request, route), asio::use_awaitable);
    bool keep_alive = exchange.keep_alive && !stopping.load();
    if (!co_await send(stream, request, response, version, keep_alive, route, started)) keep_alive = false;
    exchange.keep_alive = keep_alive;
    co_return exchange;
}

asio::awaitable<bool> Server::Impl::send(beast::tcp_stream& stream, const Request& request, Response& response,
                                         unsigned version, bool keep_alive, std::string_view route,
                                         Clock::time_point started) {
    bool bodyless = response.status == 304 || response.status == 204 || response.status < 200;
    std::optional<std::size_t> content_length;
    std::string_view body;
    if (!bodyless) {
        // HEAD tells the length the GET would have had, and sends nothing after the header.
        content_length = response.body_size();
        if (request.method != Method::Head) {
            // A cached page is sent from the shared bytes in place: nothing is copied.
            body = response.shared_body ? std::string_view(*response.shared_body) : std::string_view(response.body);
        }
    }
    // The header is written by hand, in one string, rather than through a Beast message: a cached page's
    // answer is then one allocation and one gathered write.
    std::string head;
    head.reserve(1536);
    write_head(head, response, bhttp::obsolete_reason(static_cast<bhttp::status>(response.status)), version,
               keep_alive, content_length, request.request_id, config.https);
    // A client that reads nothing for as long as an idle connection may stay open is gone.
    stream.expires_after(config.idle_timeout);
    std::array<asio::const_buffer, 2> buffers{asio::buffer(head), asio::buffer(body.data(), body.size())};
    auto [error, written] = co_await asio::async_write(stream, buffers, USE_TUPLE);
    std::size_t body_bytes = body.size();

    auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started);
    metrics.record_request(to_string(request.method), route, response.status, elapsed);
    char milliseconds[32];
    std::snprintf(milliseconds, sizeof milliseconds, "%.2f", static_cast<double>(elapsed.count()) / 1000.0);
    std::string_view path = request.target.empty() ? std::string_view("-") : std::string_view(request.target);
    path = path.substr(0, std::min(path.find('?'), MAX_LOGGED_PATH_BYTES));
    core::log::info("request", {{"id", request.request_id},
                                {"method", to_string(request.method)},
                                {"path", path},
                                {"status", response.status},
                                {"bytes", body_bytes},
                                {"ms", std::string_view(milliseconds)},
                                {"ip", request.remote_address}});
    co_return !error;
}

}  // namespace cong::http
