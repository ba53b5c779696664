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
    std::chrono::seconds read_timeout{15};  // whole request, headers and body: drops slowloris clients
    std::chrono::seconds idle_timeout{60};  // keep-alive wait between requests
    std::chrono::seconds shutdown_grace{10};
    bool https = false;  // set behind a TLS proxy: cookies get Secure
};

struct StorageConfig {
    std::string data_dir = "./data";
    unsigned read_connections = 4;
    std::chrono::milliseconds busy_timeout{5000};
};

struct MediaConfig {
    std::uint64_t max_pixels = 100'000'000;  // refuse decompression bombs before decoding
};

struct CacheConfig {
    bool enabled = true;                       // the page cache of public pages
    std::size_t max_bytes = 64 * 1024 * 1024;  // every kept page in every encoding
};

struct Config {
    HttpConfig http;
    StorageConfig storage;
    MediaConfig media;
    CacheConfig cache;
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
