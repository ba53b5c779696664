// The PostgreSQL server the cluster tests use: CONG_TEST_POSTGRES_URL. Without it the tests skip, unless
// CONG_REQUIRE_POSTGRES=1 says a missing server is a failure.
#pragma once

#include <optional>
#include <string>

namespace cong::cluster::testing {

// The server's URL, or nullopt after recording a skip (or a failure when PostgreSQL is required).
// Use as: auto url = test_postgres_url(); if (!url) return;
std::optional<std::string> test_postgres_url();
// A name no other test (or test process) uses: channels and lock keys of one test.
std::string unique_name(const std::string& prefix);
long long unique_key();
// Ends the server process pid from another connection, as a database restart or a network cut would.
void terminate_backend(const std::string& url, int pid);

}  // namespace cong::cluster::testing
