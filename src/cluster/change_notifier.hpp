// ChangeNotifier: carries the dependency tags of committed changes to every node through PostgreSQL
// LISTEN/NOTIFY, and applies the tags any node sends to this node's page cache.
#pragma once

#include "core/change_listener.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace cong::storage::postgres {
class PgConnection;
}

namespace cong::cluster {

constexpr std::string_view DEFAULT_CHANNEL = "cong_changes";
// A payload that says "drop every page": sent when a tag cannot travel as it is.
constexpr std::string_view ALL_TAGS = "*";
// PostgreSQL refuses payloads of 8000 bytes or more; longer tag lists are split over several NOTIFYs.
constexpr std::size_t MAX_PAYLOAD_BYTES = 7999;

struct ChangeNotifierOptions {
    std::string url;                                   // postgresql://… of the shared database
    std::string channel = std::string(DEFAULT_CHANNEL);
    std::chrono::milliseconds min_backoff{100};        // first wait after a lost connection, doubled each failure
    std::chrono::milliseconds max_backoff{5000};
    // Silence after which the listener checks its connection with a query: a server that vanished without
    // closing the socket (a cable, a firewall) is noticed within this time.
    std::chrono::milliseconds health_check{5000};
};

struct ChangeNotifierStats {
    std::uint64_t sent = 0;           // NOTIFY payloads sent after local changes
    std::uint64_t send_failures = 0;  // changes other nodes could not be told of (the database was away)
    std::uint64_t received = 0;       // notifications received, this node's own included
    std::uint64_t reconnects = 0;     // LISTEN connections re-established after a loss
    std::uint64_t full_drops = 0;     // whole-cache drops (after a reconnect, or a "*" payload)
    bool listening = false;
    int backend_pid = 0;              // the server process of the LISTEN connection (0: none)
};

// The tags of one change as NOTIFY payloads: tags separated by one space, each payload at most max_bytes.
// A tag that is empty, contains whitespace or is longer than max_bytes makes the whole change ALL_TAGS.
std::vector<std::string> encode_payloads(const std::vector<std::string>& tags,
                                         std::size_t max_bytes = MAX_PAYLOAD_BYTES);
// The tags of one payload; std::nullopt for ALL_TAGS (drop everything).
std::optional<std::vector<std::string>> decode_payload(std::string_view payload);

class ChangeNotifier final : public core::ChangeListener {
public:
    // local: this node's page cache. drop_all: forgets every page of this node (after a reconnect, when
    // notifications may have been missed).
    ChangeNotifier(ChangeNotifierOptions options, core::ChangeListener& local, std::function<void()> drop_all);
    ~ChangeNotifier() override;
    ChangeNotifier(const ChangeNotifier&) = delete;
    ChangeNotifier& operator=(const ChangeNotifier&) = delete;

    // Drops the tags here at once, then tells every node (this one too: dropping twice is harmless). A
    // lost sending connection is reopened once; if the database stays away the failure is counted and
    // logged: other nodes then lose their LISTEN connection too and drop everything when it returns.
    void content_changed(const std::vector<std::string>& tags) override;

    // Starts the LISTEN thread; it reconnects with backoff until stop().
    void start();
    void stop();
    // Waits until the LISTEN connection is up (start-up and tests); false after timeout.
    bool wait_until_listening(std::chrono::milliseconds timeout) const;

    ChangeNotifierStats stats() const;
    // Prometheus text for Metrics::add_collector.
    void write_metrics(std::string& out) const;

private:
    void listen_loop();
    // Waits up to timeout or until stop(); true when stopping.
    bool pause(std::chrono::milliseconds timeout);
    void apply(std::string_view payload);
    bool send(const std::string& payload);

    ChangeNotifierOptions options_;
    core::ChangeListener& local_;
    std::function<void()> drop_all_;

    std::mutex send_mutex_;
    std::unique_ptr<storage::postgres::PgConnection> sender_;

    mutable std::mutex state_mutex_;
    mutable std::condition_variable state_changed_;
    bool stopping_ = false;
    bool listening_ = false;
    int backend_pid_ = 0;
    int wake_fd_ = -1;  // eventfd: stop() wakes the listener out of poll()
    std::thread thread_;

    std::atomic<std::uint64_t> sent_{0};
    std::atomic<std::uint64_t> send_failures_{0};
    std::atomic<std::uint64_t> received_{0};
    std::atomic<std::uint64_t> reconnects_{0};
    std::atomic<std::uint64_t> full_drops_{0};
};

}  // namespace cong::cluster
