// Config: every setting of Cổng in one struct, read from defaults, a TOML file and CONG_* variables.
#pragma once

#include "core/result.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace cong::core {

struct HttpConfig {
    std::string listen = "127.0.0.1:8080";
    unsigned threads = 0;  // 0: one I/O thread per core
    std::size_t max_header_bytes = 16 * 1024;
    std::size_t max_body_bytes = 1024 * 1024;  // JSON and forms; uploads have their own limit
    std::size_t max_upload_bytes = 25 * 1024 * 1024;
    unsigned max_connections = 4096;
    // Connections one address may hold at once; an office behind one NAT address opens a few per reader.
    unsigned max_connections_per_address = 256;
    std::chrono::seconds read_timeout{15};  // whole request, headers and body: drops slowloris clients
    std::chrono::seconds idle_timeout{60};  // keep-alive wait between requests
    std::chrono::seconds shutdown_grace{10};
    bool https = false;  // set behind a TLS proxy: cookies get Secure
    // Proxies whose X-Forwarded-For names the client (http::TrustedProxies): "127.0.0.1, 10.0.0.0/8".
    // Empty: the header is ignored, since any client can send it.
    std::string trusted_proxies;
};

// Per-address rates of costly requests (http::RateLimiter); beyond them the answer is 429 with Retry-After.
struct LimitsConfig {
    unsigned search_per_minute = 60;      // searches, from the page and the API
    unsigned api_writes_per_minute = 600; // POST/PUT/DELETE under /api/v1 (imports by script stay possible)
    unsigned login_per_minute = 20;       // login attempts, right or wrong
};

struct StorageConfig {
    std::string data_dir = "./data";
    unsigned read_connections = 4;
    std::chrono::milliseconds busy_timeout{5000};
    // SQLite maps this much of the database file into each connection instead of copying pages through
    // read(); 0 reads everything through read(). Mapped pages count in the process's resident memory.
    std::uint64_t mmap_mib = 0;
    // SQLite's own page cache, per connection.
    unsigned cache_mib = 4;
    // Connections each node keeps to PostgreSQL (when data_dir is a postgresql:// URL).
    unsigned pg_pool_size = 8;
};

struct MediaConfig {
    std::uint64_t max_pixels = 100'000'000;  // refuse decompression bombs before decoding
};

struct CacheConfig {
    bool enabled = true;                       // the page cache of public pages
    std::size_t max_bytes = 64 * 1024 * 1024;  // every kept page in every encoding
};

// Back-office sign-in. Cookies get Secure (and the __Host- prefix) from http.https.
struct AdminConfig {
    unsigned session_idle_minutes = 60;  // a session unused this long ends
    unsigned session_hours = 12;         // and every session ends this long after sign-in
    unsigned max_failed_logins = 5;      // consecutive wrong passwords that lock an account
    unsigned lockout_minutes = 15;       // how long it stays locked
};

struct Config {
    HttpConfig http;
    AdminConfig admin;
    StorageConfig storage;
    MediaConfig media;
    CacheConfig cache;
    LimitsConfig limits;
    std::string log_level = "info";
};

// One declared option, for --help text and documentation.
struct ConfigOption {
    std::string toml_key;  // "http.listen"
    std::string env_var;   // "CONG_HTTP_LISTEN"
    std::string default_value;
    std::string help;
};

const std::vector<ConfigOption>& config_options();

// Applies a TOML file (when path is not empty) and then CONG_* environment variables over config.
Result<void> load_config(Config& config, const std::string& toml_path);
// Sets one option by its TOML key from text; InvalidInput names the key when the text does not fit.
Result<void> set_config_option(Config& config, std::string_view toml_key, std::string_view value);

}  // namespace cong::core
