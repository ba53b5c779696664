// Server internals shared by server.cpp (listening, shutdown) and connection.cpp (one connection's
// requests). It includes Asio and Beast, so only those two files include it.
#pragma once

#include "http/client_address.hpp"
#include "http/response_cache.hpp"
#include "http/server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace cong::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

// Expected I/O failures (client gone, timeout, shutdown) come back as values, not exceptions.
inline constexpr auto USE_TUPLE = asio::as_tuple(asio::use_awaitable);

namespace detail {

// What one request/response exchange leaves behind for the connection.
struct Exchange {
    bool keep_alive = false;
    bool linger = false;  // answered before reading the whole request: drain before closing
};

// The part of a connection that shutdown needs to reach.
struct ConnectionSlot {
    beast::tcp_stream* stream = nullptr;
    bool waiting = false;  // between requests, nothing in flight: safe to close at shutdown or when full
    std::string remote;    // the peer's address, counted in Impl::per_address
};

// One I/O thread: its io_context, its acceptor and the connections it serves. Only this thread touches
// the connection set, so it needs no lock; other threads post to the context instead.
struct Worker {
    // Declared before the context so that it outlives the coroutine frames the context destroys.
    std::unordered_set<ConnectionSlot*> connections;
    asio::io_context context{1};
    tcp::acceptor acceptor{context};
    std::thread thread;
};

}  // namespace detail

struct Server::Impl {
    core::HttpConfig config;
    TrustedProxies trusted_proxies;  // parsed from config.trusted_proxies by bind()
    const Router& router;
    Metrics& metrics;
    Handler metrics_handler;
    ResponseCache* cache = nullptr;
    std::vector<std::unique_ptr<detail::Worker>> workers;
    // Handlers block (SQLite, libvips), so they run here and the I/O threads only wait for them.
    asio::thread_pool handler_pool;
    std::optional<asio::signal_set> signals;
    std::optional<asio::steady_timer> memory_timer;
    std::atomic<bool> stopping{false};
    std::atomic<unsigned> open_connections{0};
    // Open connections per peer address, so one address cannot hold every slot (max_connections_per_address;
    // trusted proxies, which carry many clients, are not capped).
    std::mutex per_address_mutex;
    std::unordered_map<std::string, unsigned> per_address;
    std::mutex mutex;
    std::condition_variable changed;
    bool stop_requested = false;
    unsigned short port = 0;

    Impl(const core::HttpConfig& config, const Router& router, Metrics& metrics);
    ~Impl();

    // Registers a connection with its worker for as long as its coroutine frame lives.
    class ConnectionGuard {
    public:
        ConnectionGuard(Impl& server, detail::Worker& worker, detail::ConnectionSlot& slot)
            : server_(server), worker_(worker), slot_(slot) {
            worker_.connections.insert(&slot_);
            server_.metrics.connection_opened();
        }
        ~ConnectionGuard() {
            server_.release_address(slot_.remote);
            worker_.connections.erase(&slot_);
            server_.metrics.connection_closed();
            server_.connection_finished();
        }
        ConnectionGuard(const ConnectionGuard&) = delete;
        ConnectionGuard& operator=(const ConnectionGuard&) = delete;

    private:
        Impl& server_;
        detail::Worker& worker_;
        detail::ConnectionSlot& slot_;
    };

    core::Result<void> bind();
    void run();
    void request_stop();
    void shut_down();
    void connection_finished();
    asio::awaitable<void> accept_loop(detail::Worker& worker);
    asio::awaitable<void> return_free_memory();
    asio::awaitable<void> serve_connection(detail::Worker& worker, tcp::socket socket, std::string remote);
    // Counts a new connection from remote; false when that address already holds its share.
    bool claim_address(const std::string& remote);
    void release_address(const std::string& remote);
    // At max_connections: closes one connection of this worker that is waiting for a request (idle
    // keep-alive, or opened and silent), so a flood of idle connections cannot lock new readers out.
    // False when every connection is busy.
    bool evict_waiting(detail::Worker& worker);
    asio::awaitable<detail::Exchange> serve_exchange(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                                     const std::string& remote);
    asio::awaitable<Response> call_handler(const Handler& handler, const Request& request, std::string_view route);
    // A GET or HEAD without a body answered from the cache, before routing: nullopt on a miss.
    std::optional<Response> cached_answer(Request& request);
    asio::awaitable<std::optional<Response>> call_gate(const Gate& gate, const Request& request, std::string_view route);
    asio::awaitable<bool> send(beast::tcp_stream& stream, const Request& request, Response& response,
                               unsigned version, bool keep_alive, std::string_view route, Clock::time_point started);
    Response early_error(const Request& request, std::string_view path, int status);

    // What routing decided for one request: a handler to run, or the answer itself.
    struct Routing {
        const Handler* handler = nullptr;
        std::string route = "unmatched";  // the metrics label
        std::size_t body_limit = 0;
        const Gate* admit = nullptr;
        std::optional<Response> answer;
    };
    // Checks the target (filling path and query) and finds the handler; the path params go into request.
    Routing route_request(Request& request);
};

}  // namespace cong::http
