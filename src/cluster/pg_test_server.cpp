#include "cluster/pg_test_server.hpp"

#include "storage/postgres/pg_connection.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>

namespace cong::cluster::testing {
namespace {

// GTEST_SKIP returns from the function it is in: here, a void one; the skip is recorded for the test.
void skip(const std::string& reason) { GTEST_SKIP() << reason; }

}  // namespace

std::optional<std::string> test_postgres_url() {
    const char* url = std::getenv("CONG_TEST_POSTGRES_URL");
    const char* required = std::getenv("CONG_REQUIRE_POSTGRES");
    bool must = required != nullptr && std::string(required) == "1";
    std::string reason;
    if (url == nullptr || *url == '\0') {
        reason = "CONG_TEST_POSTGRES_URL is not set";
    } else if (auto probe = storage::postgres::PgConnection::open(url); !probe) {
        reason = "PostgreSQL at CONG_TEST_POSTGRES_URL is unavailable: " + probe.error().detail;
    } else {
        return std::string(url);
    }
    if (must) {
        ADD_FAILURE() << reason << " (CONG_REQUIRE_POSTGRES=1)";
    } else {
        skip(reason);
    }
    return std::nullopt;
}

std::string unique_name(const std::string& prefix) {
    static std::atomic<int> counter{0};
    auto now = std::chrono::steady_clock::now().time_since_epoch().count();
    return prefix + "_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" + std::to_string(now % 1000000);
}

long long unique_key() {
    static std::atomic<int> counter{0};
    return (static_cast<long long>(::getpid()) << 20) + counter++ + 0x10000000000LL;
}

void terminate_backend(const std::string& url, int pid) {
    auto admin = storage::postgres::PgConnection::open(url);
    ASSERT_TRUE(admin) << admin.error().detail;
    auto done = (*admin)->query_int64("SELECT pg_terminate_backend($1)::int", {pid});
    ASSERT_TRUE(done) << done.error().detail;
    ASSERT_EQ(*done, 1) << "no server process " << pid;
}

}  // namespace cong::cluster::testing
