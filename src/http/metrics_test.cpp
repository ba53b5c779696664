#include "http/metrics.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

using namespace cong::http;
using std::chrono::microseconds;

namespace {

bool contains(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

}  // namespace

TEST(Metrics, CountsRequestsByMethodRouteAndStatus) {
    Metrics metrics;
    metrics.record_request("GET", "/bai-viet/{slug}", 200, microseconds{300});
    metrics.record_request("GET", "/bai-viet/{slug}", 200, microseconds{700});
    metrics.record_request("GET", "/bai-viet/{slug}", 404, microseconds{100});
    auto text = metrics.render();
    EXPECT_TRUE(contains(text, "# TYPE cong_http_requests_total counter\n"));
    EXPECT_TRUE(contains(text, "cong_http_requests_total{method=\"GET\",route=\"/bai-viet/{slug}\",status=\"200\"} 2\n"));
    EXPECT_TRUE(contains(text, "cong_http_requests_total{method=\"GET\",route=\"/bai-viet/{slug}\",status=\"404\"} 1\n"));
}

TEST(Metrics, HistogramBucketsAreCumulative) {
    Metrics metrics;
    metrics.record_request("GET", "/", 200, microseconds{400});      // ≤ 0.0005
    metrics.record_request("GET", "/", 200, microseconds{2000});     // ≤ 0.0025
    metrics.record_request("GET", "/", 200, microseconds{7000000});  // > 5 s
    auto text = metrics.render();
    EXPECT_TRUE(contains(text, "# TYPE cong_http_request_duration_seconds histogram\n"));
    EXPECT_TRUE(contains(text, "cong_http_request_duration_seconds_bucket{route=\"/\",le=\"0.0005\"} 1\n"));
    EXPECT_TRUE(contains(text, "cong_http_request_duration_seconds_bucket{route=\"/\",le=\"0.001\"} 1\n"));
    EXPECT_TRUE(contains(text, "cong_http_request_duration_seconds_bucket{route=\"/\",le=\"0.0025\"} 2\n"));
    EXPECT_TRUE(contains(text, "cong_http_request_duration_seconds_bucket{route=\"/\",le=\"5\"} 2\n"));
    EXPECT_TRUE(contains(text, "cong_http_request_duration_seconds_bucket{route=\"/\",le=\"+Inf\"} 3\n"));
    EXPECT_TRUE(contains(text, "cong_http_request_duration_seconds_count{route=\"/\"} 3\n"));
    std::string sum_label = "cong_http_request_duration_seconds_sum{route=\"/\"} ";
    auto sum_at = text.find(sum_label);
    ASSERT_NE(sum_at, std::string::npos);
    EXPECT_NEAR(std::stod(text.substr(sum_at + sum_label.size())), 7.0024, 1e-9);
}

TEST(Metrics, ConnectionGaugeFollowsOpenAndClose) {
    Metrics metrics;
    metrics.connection_opened();
    metrics.connection_opened();
    metrics.connection_closed();
    EXPECT_TRUE(contains(metrics.render(), "cong_http_connections_open 1\n"));
}

TEST(Metrics, ProcessMemoryAndDescriptorsAreReported) {
    Metrics metrics;
    auto text = metrics.render();
    EXPECT_TRUE(contains(text, "\nprocess_resident_memory_bytes "));
    EXPECT_TRUE(contains(text, "\nprocess_open_fds "));
    EXPECT_FALSE(contains(text, "process_resident_memory_bytes 0\n"));
}

TEST(Metrics, LabelValuesAreEscaped) {
    Metrics metrics;
    metrics.record_request("GET", "/a\"b\\c", 200, microseconds{1});
    EXPECT_TRUE(contains(metrics.render(), "route=\"/a\\\"b\\\\c\""));
}

TEST(Metrics, CollectorsAppendTheirOwnLines) {
    Metrics metrics;
    metrics.add_collector([](std::string& out) { out += "cong_page_cache_entries 12\n"; });
    EXPECT_TRUE(contains(metrics.render(), "cong_page_cache_entries 12\n"));
}

TEST(Metrics, ConcurrentRecordingLosesNothing) {
    Metrics metrics;
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&metrics] {
            for (int i = 0; i < 5000; ++i) metrics.record_request("POST", "/api/v1/articles", 201, microseconds{50});
        });
    }
    for (auto& thread : threads) thread.join();
    auto text = metrics.render();
    EXPECT_TRUE(contains(text, "cong_http_requests_total{method=\"POST\",route=\"/api/v1/articles\",status=\"201\"} 40000\n"));
    EXPECT_TRUE(contains(text, "cong_http_request_duration_seconds_count{route=\"/api/v1/articles\"} 40000\n"));
}
