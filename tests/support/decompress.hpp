// Test support: decoding gzip and brotli bodies, so tests check that what was sent decodes to the page.
#pragma once

#include <string>

namespace cong::testing {

// The decoded bytes; empty when data is not a complete gzip (or brotli) stream of at most 16 MiB.
std::string gunzip(const std::string& data);
std::string unbrotli(const std::string& data);

}  // namespace cong::testing
