// Server: the HTTP/1.1 listener. Beast and Asio stay inside server.cpp; nothing else includes them.
// Handlers run concurrently on a pool of threads separate from the I/O threads, so they may block
// (SQLite, libvips) but must be safe to call from several threads at once.
#pragma once

#include "core/config.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"

#include <functional>
#include <memory>

namespace cong::http {

class ResponseCache;

class Server {
public:
    Server(const core::HttpConfig& config, const Router& router, Metrics& metrics);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds the listening socket; the port is known after this (useful with port 0).
    core::Result<void> bind();
    unsigned short port() const;
    // Serves until SIGTERM or SIGINT (or stop()), then lets requests in flight finish
    // within the grace period and returns.
    void run();
    // Asks a running server to shut down gracefully; safe from any thread.
    void stop();
    // Public GETs are answered from cache when it has them, and cacheable answers are kept there.
    // Set before run(); the cache must outlive the server.
    void set_response_cache(ResponseCache* cache);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace cong::http
