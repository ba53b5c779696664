#include "cluster/change_notifier.hpp"

#include "cluster/pg_session.hpp"
#include "core/log.hpp"
#include "core/prometheus.hpp"
#include "storage/postgres/pg_connection.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>

namespace cong::cluster {
namespace {

using storage::postgres::PgConnection;

bool travels(std::string_view tag, std::size_t max_bytes) {
    if (tag.empty() || tag.size() > max_bytes || tag == ALL_TAGS) return false;
    return std::none_of(tag.begin(), tag.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
}

}  // namespace

std::vector<std::string> encode_payloads(const std::vector<std::string>& tags, std::size_t max_bytes) {
    if (tags.empty()) return {};
    if (!std::all_of(tags.begin(), tags.end(), [&](const std::string& tag) { return travels(tag, max_bytes); }))
        return {std::string(ALL_TAGS)};
    std::vector<std::string> payloads;
    std::string current;
    for (const auto& tag : tags) {
        if (!current.empty() && current.size() + 1 + tag.size() > max_bytes) {
            payloads.push_back(std::move(current));
            current.clear();
        }
        if (!current.empty()) current += ' ';
        current += tag;
    }
    if (!current.empty()) payloads.push_back(std::move(current));
    return payloads;
}

std::optional<std::vector<std::string>> decode_payload(std::string_view payload) {
    std::vector<std::string> tags;
    std::size_t pos = 0;
    while (pos < payload.size()) {
        auto end = payload.find(' ', pos);
        if (end == std::string_view::npos) end = payload.size();
        auto tag = payload.substr(pos, end - pos);
        if (tag == ALL_TAGS) return std::nullopt;
        if (!tag.empty()) tags.emplace_back(tag);
        pos = end + 1;
    }
    return tags;
}

ChangeNotifier::ChangeNotifier(ChangeNotifierOptions options, core::ChangeListener& local,
                               std::function<void()> drop_all)
    : options_(std::move(options)), local_(local), drop_all_(std::move(drop_all)) {
    wake_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
}

ChangeNotifier::~ChangeNotifier() {
    stop();
    if (wake_fd_ >= 0) ::close(wake_fd_);
}

void ChangeNotifier::content_changed(const std::vector<std::string>& tags) {
    local_.content_changed(tags);
    for (const auto& payload : encode_payloads(tags)) {
        if (send(payload)) {
            sent_.fetch_add(1, std::memory_order_relaxed);
        } else {
            send_failures_.fetch_add(1, std::memory_order_relaxed);
        }
    }
}

bool ChangeNotifier::send(const std::string& payload) {
    std::lock_guard lock(send_mutex_);
    // The connection may have been lost since the last change (a database restart): one fresh attempt.
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (!sender_ || !sender_->ok()) {
            auto opened = open_session(options_.url, "cong-notify");
            if (!opened) {
                core::log::warn("cannot tell other nodes of a change", {{"error", opened.error().detail}});
                return false;
            }
            sender_ = std::move(*opened);
        }
        auto sent = sender_->exec("SELECT pg_notify($1, $2)", {options_.channel, payload});
        if (sent) return true;
        if (sender_->ok()) {
            core::log::warn("cannot tell other nodes of a change", {{"error", sent.error().detail}});
            return false;
        }
        sender_.reset();
    }
    core::log::warn("cannot tell other nodes of a change: the database connection was lost");
    return false;
}

void ChangeNotifier::start() {
    stop();
    {
        std::lock_guard lock(state_mutex_);
        stopping_ = false;
    }
    std::uint64_t drain = 0;
    if (wake_fd_ >= 0 && ::read(wake_fd_, &drain, sizeof drain) < 0) drain = 0;  // nothing to drain
    thread_ = std::thread([this] { listen_loop(); });
}

void ChangeNotifier::stop() {
    {
        std::lock_guard lock(state_mutex_);
        stopping_ = true;
    }
    state_changed_.notify_all();
    std::uint64_t one = 1;
    if (wake_fd_ >= 0 && ::write(wake_fd_, &one, sizeof one) < 0) one = 0;  // a counter already at its maximum wakes too
    if (thread_.joinable()) thread_.join();
}

bool ChangeNotifier::wait_until_listening(std::chrono::milliseconds timeout) const {
    std::unique_lock lock(state_mutex_);
    return state_changed_.wait_for(lock, timeout, [this] { return listening_ || stopping_; }) && listening_;
}

bool ChangeNotifier::pause(std::chrono::milliseconds timeout) {
    pollfd wake{wake_fd_, POLLIN, 0};
    ::poll(&wake, 1, static_cast<int>(timeout.count()));
    std::lock_guard lock(state_mutex_);
    return stopping_;
}

void ChangeNotifier::apply(std::string_view payload) {
    received_.fetch_add(1, std::memory_order_relaxed);
    auto tags = decode_payload(payload);
    if (!tags) {
        full_drops_.fetch_add(1, std::memory_order_relaxed);
        drop_all_();
    } else if (!tags->empty()) {
        local_.content_changed(*tags);
    }
}

void ChangeNotifier::listen_loop() {
    auto backoff = options_.min_backoff;
    // A first connection finds an empty cache. Any later one may have missed notifications while away,
    // including a first connection that came only after failed attempts while pages were being served.
    bool may_have_missed = false;
    for (;;) {
        {
            std::lock_guard lock(state_mutex_);
            if (stopping_) break;
        }
        auto opened = open_session(options_.url, "cong-listen");
        std::unique_ptr<PgConnection> connection;
        if (opened) {
            connection = std::move(*opened);
            auto listening = connection->exec_script("LISTEN " + connection->quote_identifier(options_.channel));
            if (!listening) {
                core::log::warn("cannot listen for changes of other nodes", {{"error", listening.error().detail}});
                connection.reset();
            }
        } else {
            core::log::warn("cannot listen for changes of other nodes", {{"error", opened.error().detail}});
        }
        if (!connection) {
            may_have_missed = true;
            if (pause(backoff)) break;
            backoff = std::min(backoff * 2, options_.max_backoff);
            continue;
        }
        backoff = options_.min_backoff;
        if (may_have_missed) {
            // Notifications sent while this node was not listening are gone: every page may be stale.
            reconnects_.fetch_add(1, std::memory_order_relaxed);
            full_drops_.fetch_add(1, std::memory_order_relaxed);
            drop_all_();
            core::log::info("listening for changes of other nodes again; page cache dropped");
        }
        may_have_missed = true;
        {
            std::lock_guard lock(state_mutex_);
            listening_ = true;
            backend_pid_ = backend_pid(*connection);
        }
        state_changed_.notify_all();

        bool stopping = false;
        for (;;) {
            pollfd fds[2] = {{connection->socket(), POLLIN, 0}, {wake_fd_, POLLIN, 0}};
            int ready = ::poll(fds, 2, static_cast<int>(options_.health_check.count()));
            if (ready < 0 && errno != EINTR) break;
            if (fds[1].revents != 0) {
                std::lock_guard lock(state_mutex_);
                if (stopping_) {
                    stopping = true;
                    break;
                }
            }
            bool alive = true;
            if (ready == 0) {
                // Silence: make sure the server is still there.
                alive = static_cast<bool>(connection->exec_script("SELECT 1"));
            } else if (fds[0].revents != 0) {
                alive = static_cast<bool>(connection->consume_input());
            }
            for (const auto& notification : connection->notifies()) apply(notification.payload);
            if (!alive || !connection->ok()) break;
        }
        {
            std::lock_guard lock(state_mutex_);
            listening_ = false;
            backend_pid_ = 0;
        }
        state_changed_.notify_all();
        if (stopping) break;
        core::log::warn("lost the connection that listens for changes of other nodes; reconnecting");
    }
    std::lock_guard lock(state_mutex_);
    listening_ = false;
    backend_pid_ = 0;
}

ChangeNotifierStats ChangeNotifier::stats() const {
    ChangeNotifierStats out;
    out.sent = sent_.load(std::memory_order_relaxed);
    out.send_failures = send_failures_.load(std::memory_order_relaxed);
    out.received = received_.load(std::memory_order_relaxed);
    out.reconnects = reconnects_.load(std::memory_order_relaxed);
    out.full_drops = full_drops_.load(std::memory_order_relaxed);
    std::lock_guard lock(state_mutex_);
    out.listening = listening_;
    out.backend_pid = backend_pid_;
    return out;
}

void ChangeNotifier::write_metrics(std::string& out) const {
    auto s = stats();
    auto metric = [&](std::string_view name, std::string_view type, std::string_view help, std::uint64_t value) {
        core::append_metric(out, name, type, help, value);
    };
    metric("cong_cluster_notifications_sent_total", "counter",
           "Change notifications sent to the other nodes (NOTIFY payloads).", s.sent);
    metric("cong_cluster_notification_send_failures_total", "counter",
           "Changes the other nodes could not be told of because the database was unreachable.", s.send_failures);
    metric("cong_cluster_notifications_received_total", "counter",
           "Change notifications received from the nodes, this one included.", s.received);
    metric("cong_cluster_listen_reconnects_total", "counter",
           "Times the LISTEN connection was re-established after a loss.", s.reconnects);
    metric("cong_cluster_cache_full_drops_total", "counter",
           "Times the whole page cache was dropped because notifications may have been missed.", s.full_drops);
    metric("cong_cluster_listening", "gauge", "1 while the LISTEN connection is up.", s.listening ? 1 : 0);
}

}  // namespace cong::cluster
