#include "http/metrics.hpp"

#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace cong::http {
namespace {

// Upper bounds of the latency histogram, in seconds; the last bucket (+Inf) is implicit.
constexpr std::array<double, 13> BUCKET_BOUNDS{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                               0.1,    0.25,  0.5,    1.0,   2.5,   5.0};
constexpr std::array<std::string_view, 13> BUCKET_LABELS{"0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05",
                                                         "0.1",    "0.25",  "0.5",    "1",     "2.5",   "5"};
constexpr std::size_t BUCKET_COUNT = BUCKET_BOUNDS.size() + 1;
// Every I/O thread records every request; shards keep them from queueing on one mutex.
constexpr std::size_t SHARD_COUNT = 16;

struct StatusCount {
    std::string method;
    int status = 0;
    std::uint64_t count = 0;
};

struct RouteStats {
    std::array<std::uint64_t, BUCKET_COUNT> buckets{};  // per bucket, not yet cumulative
    double sum_seconds = 0;
    std::uint64_t count = 0;
    std::vector<StatusCount> statuses;  // a handful per route, so a linear scan beats a map
};

struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

struct alignas(64) Shard {
    std::mutex mutex;
    std::unordered_map<std::string, RouteStats, StringHash, std::equal_to<>> routes;
};

std::size_t this_thread_shard() {
    static std::atomic<std::size_t> next{0};
    thread_local std::size_t index = next.fetch_add(1, std::memory_order_relaxed) % SHARD_COUNT;
    return index;
}

// Prometheus label values escape backslash, double quote and newline.
void append_label_value(std::string& out, std::string_view value) {
    for (char c : value) {
        if (c == '\\') out += "\\\\";
        else if (c == '"') out += "\\\"";
        else if (c == '\n') out += "\\n";
        else out += c;
    }
}

void append_number(std::string& out, double value) {
    char buffer[32];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, ec == std::errc{} ? end : buffer);
}

void append_number(std::string& out, std::uint64_t value) {
    char buffer[24];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, ec == std::errc{} ? end : buffer);
}

void append_process_metrics(std::string& out) {
    long page_size = sysconf(_SC_PAGESIZE);
    std::ifstream statm("/proc/self/statm");
    std::uint64_t total_pages = 0;
    std::uint64_t resident_pages = 0;
    if (statm >> total_pages >> resident_pages) {
        out += "# HELP process_resident_memory_bytes Resident memory size in bytes.\n"
               "# TYPE process_resident_memory_bytes gauge\nprocess_resident_memory_bytes ";
        append_number(out, resident_pages * static_cast<std::uint64_t>(page_size));
        out += "\n# HELP process_virtual_memory_bytes Virtual memory size in bytes.\n"
               "# TYPE process_virtual_memory_bytes gauge\nprocess_virtual_memory_bytes ";
        append_number(out, total_pages * static_cast<std::uint64_t>(page_size));
        out += '\n';
    }

    // /proc/self/stat: fields 14 and 15 (utime, stime) come after the parenthesised command name.
    std::ifstream stat_file("/proc/self/stat");
    std::string stat((std::istreambuf_iterator<char>(stat_file)), std::istreambuf_iterator<char>());
    auto close_paren = stat.rfind(')');
    if (close_paren != std::string::npos) {
        unsigned long utime = 0;
        unsigned long stime = 0;
        if (std::sscanf(stat.c_str() + close_paren + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime,
                        &stime) == 2) {
            out += "# HELP process_cpu_seconds_total User and system CPU time spent in seconds.\n"
                   "# TYPE process_cpu_seconds_total counter\nprocess_cpu_seconds_total ";
            append_number(out, static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK)));
            out += '\n';
        }
    }

    if (DIR* dir = opendir("/proc/self/fd")) {
        std::uint64_t count = 0;
        while (dirent* entry = readdir(dir)) {
            if (entry->d_name[0] != '.') ++count;
        }
        closedir(dir);
        out += "# HELP process_open_fds Number of open file descriptors.\n"
               "# TYPE process_open_fds gauge\nprocess_open_fds ";
        append_number(out, count > 0 ? count - 1 : 0);  // less the one this listing held open
        out += '\n';
    }
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0) {
        out += "# HELP process_max_fds Maximum number of open file descriptors.\n"
               "# TYPE process_max_fds gauge\nprocess_max_fds ";
        append_number(out, static_cast<std::uint64_t>(limit.rlim_cur));
        out += '\n';
    }
}

}  // namespace

struct Metrics::Impl {
    std::array<Shard, SHARD_COUNT> shards;
    std::atomic<std::int64_t> connections_open{0};
    std::atomic<std::uint64_t> connections_total{0};
    mutable std::mutex collectors_mutex;
    std::vector<std::function<void(std::string&)>> collectors;
};

Metrics::Metrics() : impl_(new Impl) {}
Metrics::~Metrics() { delete impl_; }

void Metrics::record_request(std::string_view method, std::string_view route, int status,
                             std::chrono::microseconds latency) {
    double seconds = static_cast<double>(latency.count()) / 1e6;
    std::size_t bucket = 0;
    while (bucket < BUCKET_BOUNDS.size() && seconds > BUCKET_BOUNDS[bucket]) ++bucket;

    Shard& shard = impl_->shards[this_thread_shard()];
    std::lock_guard lock(shard.mutex);
    auto it = shard.routes.find(route);
    if (it == shard.routes.end()) it = shard.routes.emplace(std::string(route), RouteStats{}).first;
    RouteStats& stats = it->second;
    ++stats.buckets[bucket];
    stats.sum_seconds += seconds;
    ++stats.count;
    for (auto& entry : stats.statuses) {
        if (entry.status == status && entry.method == method) {
            ++entry.count;
            return;
        }
    }
    stats.statuses.push_back({std::string(method), status, 1});
}

void Metrics::connection_opened() {
    impl_->connections_open.fetch_add(1, std::memory_order_relaxed);
    impl_->connections_total.fetch_add(1, std::memory_order_relaxed);
}

void Metrics::connection_closed() { impl_->connections_open.fetch_sub(1, std::memory_order_relaxed); }

void Metrics::add_collector(std::function<void(std::string&)> collector) {
    std::lock_guard lock(impl_->collectors_mutex);
    impl_->collectors.push_back(std::move(collector));
}

std::string Metrics::render() const {
    // Merge the shards into sorted maps so the output is stable from one scrape to the next.
    std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests;  // route, method, status
    std::map<std::string, RouteStats> durations;
    for (auto& shard : impl_->shards) {
        std::lock_guard lock(shard.mutex);
        for (const auto& [route, stats] : shard.routes) {
            auto& merged = durations[route];
            for (std::size_t i = 0; i < BUCKET_COUNT; ++i) merged.buckets[i] += stats.buckets[i];
            merged.sum_seconds += stats.sum_seconds;
            merged.count += stats.count;
            for (const auto& entry : stats.statuses) requests[{route, entry.method, entry.status}] += entry.count;
        }
    }

    std::string out;
    out.reserve(4096 + requests.size() * 96 + durations.size() * 1200);
    out += "# HELP cong_http_requests_total HTTP requests answered, by method, route pattern and status.\n"
           "# TYPE cong_http_requests_total counter\n";
    for (const auto& [key, count] : requests) {
        const auto& [route, method, status] = key;
        out += "cong_http_requests_total{method=\"";
        append_label_value(out, method);
        out += "\",route=\"";
        append_label_value(out, route);
        out += "\",status=\"";
        out += std::to_string(status);
        out += "\"} ";
        append_number(out, count);
        out += '\n';
    }

    out += "# HELP cong_http_request_duration_seconds Time from reading a request to writing its response.\n"
           "# TYPE cong_http_request_duration_seconds histogram\n";
    for (const auto& [route, stats] : durations) {
        std::string label = "route=\"";
        append_label_value(label, route);
        label += '"';
        std::uint64_t cumulative = 0;
        for (std::size_t i = 0; i < BUCKET_COUNT; ++i) {
            cumulative += stats.buckets[i];
            out += "cong_http_request_duration_seconds_bucket{";
            out += label;
            out += ",le=\"";
            out += i < BUCKET_LABELS.size() ? BUCKET_LABELS[i] : std::string_view("+Inf");
            out += "\"} ";
            append_number(out, cumulative);
            out += '\n';
        }
        out += "cong_http_request_duration_seconds_sum{" + label + "} ";
        append_number(out, stats.sum_seconds);
        out += "\ncong_http_request_duration_seconds_count{" + label + "} ";
        append_number(out, stats.count);
        out += '\n';
    }

    out += "# HELP cong_http_connections_open Client connections open now.\n"
           "# TYPE cong_http_connections_open gauge\ncong_http_connections_open ";
    out += std::to_string(impl_->connections_open.load(std::memory_order_relaxed));
    out += "\n# HELP cong_http_connections_total Client connections accepted.\n"
           "# TYPE cong_http_connections_total counter\ncong_http_connections_total ";
    append_number(out, impl_->connections_total.load(std::memory_order_relaxed));
    out += '\n';

    append_process_metrics(out);

    std::lock_guard lock(impl_->collectors_mutex);
    for (const auto& collector : impl_->collectors) collector(out);
    return out;
}

}  // namespace cong::http
