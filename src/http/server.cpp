// Server lifecycle: binding the acceptors, running the I/O threads, accepting, and graceful shutdown.
#include "http/server.hpp"

#include "core/log.hpp"
#include "http/error_response.hpp"
#include "http/server_impl.hpp"

#include <malloc.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <sys/socket.h>

#include <algorithm>
#include <charconv>
#include <csignal>

namespace cong::http {
namespace {

using boost::system::error_code;
using detail::ConnectionSlot;
using detail::Worker;

constexpr auto ACCEPT_RETRY_DELAY = std::chrono::milliseconds{100};
// How often memory freed by the handlers is handed back to the system.
constexpr auto FREE_MEMORY_INTERVAL = std::chrono::seconds{2};
constexpr auto FORCED_CLOSE_WAIT = std::chrono::seconds{1};

// SO_REUSEPORT lets every I/O thread own an acceptor on the same port; the kernel spreads connections.
struct ReusePort {
    int value = 1;
    template <class Protocol> int level(const Protocol&) const { return SOL_SOCKET; }
    template <class Protocol> int name(const Protocol&) const { return SO_REUSEPORT; }
    template <class Protocol> const void* data(const Protocol&) const { return &value; }
    template <class Protocol> std::size_t size(const Protocol&) const { return sizeof value; }
};

core::Result<tcp::endpoint> parse_listen(std::string_view listen) {
    core::Error invalid{core::Errc::InvalidInput, "Địa chỉ lắng nghe phải có dạng HOST:PORT: " + std::string(listen),
                        "http.listen"};
    std::string_view host;
    std::string_view port_text;
    if (!listen.empty() && listen.front() == '[') {
        auto close = listen.find(']');
        if (close == std::string_view::npos || close + 1 >= listen.size() || listen[close + 1] != ':') return invalid;
        host = listen.substr(1, close - 1);
        port_text = listen.substr(close + 2);
    } else {
        auto colon = listen.rfind(':');
        if (colon == std::string_view::npos) return invalid;
        host = listen.substr(0, colon);
        port_text = listen.substr(colon + 1);
    }
    unsigned port = 0;
    auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc{} || end != port_text.data() + port_text.size() || port > 65535) return invalid;
    if (host.empty()) host = "0.0.0.0";
    if (host == "localhost") host = "127.0.0.1";
    error_code error;
    auto address = asio::ip::make_address(std::string(host), error);
    if (error) return invalid;
    return tcp::endpoint(address, static_cast<unsigned short>(port));
}

std::string format_endpoint(const tcp::endpoint& endpoint) {
    auto address = endpoint.address().to_string();
    if (endpoint.address().is_v6()) address = "[" + address + "]";
    return address + ":" + std::to_string(endpoint.port());
}

// Sent without waiting when the connection limit is reached: the socket's send buffer is empty.
void refuse_busy(tcp::socket& socket) {
    static const std::string RESPONSE = [] {
        std::string body = std::string(status_message(503)) + "\n";
        return "HTTP/1.1 503 Service Unavailable\r\nServer: cong\r\nContent-Type: text/plain; charset=utf-8\r\n"
               "Content-Length: " +
               std::to_string(body.size()) + "\r\nRetry-After: 1\r\nConnection: close\r\n\r\n" + body;
    }();
    error_code ignored;
    socket.non_blocking(true, ignored);
    socket.write_some(asio::buffer(RESPONSE), ignored);
    socket.shutdown(tcp::socket::shutdown_send, ignored);
    socket.close(ignored);
}

}  // namespace

Server::Impl::Impl(const core::HttpConfig& http_config, const Router& route_table, Metrics& metric_sink)
    : config(http_config),
      router(route_table),
      metrics(metric_sink),
      handler_pool(std::max(4u, 2 * std::max(1u, std::thread::hardware_concurrency()))) {
    metrics_handler = [this](const Request&) {
        auto response = Response::text(metrics.render());
        response.content_type = "text/plain; version=0.0.4; charset=utf-8";
        response.cache_control = "no-store";
        return response;
    };
}

Server::Impl::~Impl() {
    // A handler still running would post its result to a context; it must finish before they go.
    handler_pool.join();
    // The timers belong to the first worker's context: they go before it does.
    signals.reset();
    memory_timer.reset();
    workers.clear();
}

core::Result<void> Server::Impl::bind() {
    if (!workers.empty()) return {};
    auto proxies = TrustedProxies::parse(config.trusted_proxies);
    if (!proxies) return proxies.error();
    trusted_proxies = std::move(*proxies);
    auto parsed = parse_listen(config.listen);
    if (!parsed) return parsed.error();
    tcp::endpoint endpoint = *parsed;
    unsigned count = config.threads ? config.threads : std::max(1u, std::thread::hardware_concurrency());
    for (unsigned i = 0; i < count; ++i) {
        auto worker = std::make_unique<Worker>();
        auto& acceptor = worker->acceptor;
        error_code error;
        acceptor.open(endpoint.protocol(), error);
        if (!error) acceptor.set_option(asio::socket_base::reuse_address(true), error);
        if (!error) acceptor.set_option(ReusePort{}, error);
        if (!error) acceptor.bind(endpoint, error);
        if (!error) acceptor.listen(asio::socket_base::max_listen_connections, error);
        if (error) {
            workers.clear();
            auto code = error == asio::error::address_in_use ? core::Errc::Conflict
                        : error == asio::error::access_denied ? core::Errc::Forbidden
                                                              : core::Errc::Internal;
            return core::Error{code, "Không mở được địa chỉ " + config.listen + ": " + error.message(), "http.listen"};
        }
        // With port 0 the first acceptor gets a free port; the others join it there.
        if (i == 0) endpoint.port(acceptor.local_endpoint().port());
        workers.push_back(std::move(worker));
    }
    port = endpoint.port();
    core::log::info("listening", {{"address", format_endpoint(endpoint)}, {"threads", count}});
    return {};
}

void Server::Impl::run() {
    if (workers.empty()) {
        auto bound = bind();
        if (!bound) {
            core::log::error("cannot listen", {{"error", bound.error().detail}});
            return;
        }
    }
    signals.emplace(workers.front()->context, SIGINT, SIGTERM);
    signals->async_wait([this](const error_code& error, int signal) {
        if (error) return;
        core::log::info("signal received, stopping", {{"signal", signal}});
        request_stop();
    });
    memory_timer.emplace(workers.front()->context);
    asio::co_spawn(workers.front()->context, return_free_memory(), asio::detached);
    for (auto& worker : workers) {
        asio::co_spawn(worker->context, accept_loop(*worker), [](std::exception_ptr failure) {
            if (!failure) return;
            try {
                std::rethrow_exception(failure);
            } catch (const std::exception& error) {
                core::log::error("accept loop failed", {{"error", error.what()}});
            }
        });
        worker->thread = std::thread([&context = worker->context] {
            for (;;) {
                try {
                    context.run();
                    return;
                } catch (const std::exception& error) {
                    core::log::error("I/O thread failed", {{"error", error.what()}});
                }
            }
        });
    }
    {
        std::unique_lock lock(mutex);
        changed.wait(lock, [this] { return stop_requested; });
    }
    shut_down();
}

void Server::Impl::request_stop() {
    {
        std::lock_guard lock(mutex);
        stop_requested = true;
    }
    changed.notify_all();
}

void Server::Impl::shut_down() {
    stopping = true;
    for (auto& worker : workers) {
        asio::post(worker->context, [&worker = *worker] {
            error_code ignored;
            worker.acceptor.close(ignored);
            for (ConnectionSlot* slot : worker.connections) {
                if (slot->waiting) slot->stream->cancel();
            }
        });
    }
    asio::post(workers.front()->context, [this] {
        signals->cancel();
        memory_timer->cancel();
    });

    std::unique_lock lock(mutex);
    auto drained = [this] { return open_connections.load() == 0; };
    if (!changed.wait_for(lock, config.shutdown_grace, drained)) {
        core::log::warn("closing connections still busy after the grace period",
                        {{"connections", open_connections.load()}});
        for (auto& worker : workers) {
            asio::post(worker->context, [&worker = *worker] {
                for (ConnectionSlot* slot : worker.connections) slot->stream->close();
            });
        }
        changed.wait_for(lock, FORCED_CLOSE_WAIT, drained);
    }
    lock.unlock();
    for (auto& worker : workers) worker->context.stop();
    for (auto& worker : workers) {
        if (worker->thread.joinable()) worker->thread.join();
        // The posted close may not have run when nothing was left to wait for; the port must not stay open.
        error_code ignored;
        worker->acceptor.close(ignored);
    }
    signals.reset();
    core::log::info("server stopped");
}

bool Server::Impl::claim_address(const std::string& remote) {
    bool capped = !trusted_proxies.contains(remote);
    std::lock_guard lock(per_address_mutex);
    unsigned& count = per_address[remote];
    if (capped && count >= config.max_connections_per_address) {
        if (count == 0) per_address.erase(remote);
        return false;
    }
    ++count;
    return true;
}

void Server::Impl::release_address(const std::string& remote) {
    std::lock_guard lock(per_address_mutex);
    auto found = per_address.find(remote);
    if (found == per_address.end()) return;
    if (--found->second == 0) per_address.erase(found);
}

bool Server::Impl::evict_waiting(Worker& worker) {
    for (ConnectionSlot* slot : worker.connections) {
        if (!slot->waiting) continue;
        slot->waiting = false;  // closed once: its read ends with an error and the guard releases the slot
        slot->stream->socket().close();
        return true;
    }
    return false;
}

void Server::Impl::connection_finished() {
    open_connections.fetch_sub(1);
    if (stopping.load()) {
        std::lock_guard lock(mutex);
        changed.notify_all();
    }
}

// glibc keeps what a thread frees in that thread's arena, in the middle of the heap as much as at its top, and
// gives back only the top, and only when a free crosses the trim threshold: after a burst of renders a
// server held a third more memory than it used. Trimming on every free was tried: it faulted the same pages
// back in for the next request (a cache miss cost 3.6 ms instead of 1). Every two seconds costs a few
// milliseconds of one thread.
asio::awaitable<void> Server::Impl::return_free_memory() {
    while (!stopping.load()) {
        memory_timer->expires_after(FREE_MEMORY_INTERVAL);
        auto [error] = co_await memory_timer->async_wait(USE_TUPLE);
        if (error || stopping.load()) co_return;
        malloc_trim(0);
    }
}

asio::awaitable<void> Server::Impl::accept_loop(Worker& worker) {
    for (;;) {
        auto [error, socket] = co_await worker.acceptor.async_accept(USE_TUPLE);
        if (stopping.load()) co_return;
        if (error) {
            if (error == asio::error::operation_aborted || !worker.acceptor.is_open()) co_return;
            // Out of descriptors or memory: pause rather than spin on the same failure.
            core::log::warn("accept failed", {{"error", error.message()}});
            asio::steady_timer pause(worker.context, ACCEPT_RETRY_DELAY);
            co_await pause.async_wait(USE_TUPLE);
            continue;
        }
        error_code ignored;
        auto peer = socket.remote_endpoint(ignored);
        std::string remote = ignored ? std::string() : peer.address().to_string();
        if (open_connections.fetch_add(1) >= config.max_connections && !evict_waiting(worker)) {
            connection_finished();
            refuse_busy(socket);
            continue;
        }
        if (!claim_address(remote)) {
            connection_finished();
            refuse_busy(socket);
            continue;
        }
        asio::co_spawn(worker.context, serve_connection(worker, std::move(socket), std::move(remote)),
                       [](std::exception_ptr) {});
    }
}

Server::Server(const core::HttpConfig& config, const Router& router, Metrics& metrics)
    : impl_(std::make_unique<Impl>(config, router, metrics)) {}

Server::~Server() = default;

core::Result<void> Server::bind() { return impl_->bind(); }

unsigned short Server::port() const { return impl_->port; }

void Server::run() { impl_->run(); }

void Server::stop() { impl_->request_stop(); }
void Server::set_response_cache(ResponseCache* cache) { impl_->cache = cache; }

}  // namespace cong::http

