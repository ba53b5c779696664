// Metrics: request counts by route and status and a latency histogram, in Prometheus text format.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace cong::http {

class Metrics {
public:
    Metrics();
    ~Metrics();
    Metrics(const Metrics&) = delete;
    Metrics& operator=(const Metrics&) = delete;

    // route: the matched pattern ("/bai-viet/{slug}"), or "unmatched", so labels stay bounded.
    void record_request(std::string_view method, std::string_view route, int status, std::chrono::microseconds latency);
    void connection_opened();
    void connection_closed();
    // Extra gauges or counters from other parts (e.g. the page cache) appended to the output.
    void add_collector(std::function<void(std::string&)> collector);

    std::string render() const;  // Prometheus text exposition format 0.0.4

private:
    struct Impl;
    Impl* impl_;
};

}  // namespace cong::http
