#include "core/config.hpp"

#include <toml.hpp>

#include <charconv>
#include <cstdlib>
#include <functional>

namespace cong::core {
namespace {

using Setter = std::function<bool(Config&, std::string_view)>;

bool parse_unsigned(std::string_view text, std::uint64_t& out) {
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc{} && ptr == text.data() + text.size();
}

template <class Member>
Setter number(Member Config::*section_ptr, auto field) {
    return [=](Config& c, std::string_view text) {
        std::uint64_t value;
        if (!parse_unsigned(text, value)) return false;
        using T = std::remove_reference_t<decltype(c.*section_ptr.*field)>;
        if constexpr (std::is_same_v<T, std::chrono::seconds> || std::is_same_v<T, std::chrono::milliseconds>)
            (c.*section_ptr).*field = T{value};
        else
            (c.*section_ptr).*field = T(value);
        return true;
    };
}

// A count, duration or rate that must be at least 1: zero minutes would end every session at once, and a rate
// of zero would refuse every request.
template <class Section>
Setter at_least_one(Section Config::*section, unsigned Section::*field) {
    return [=](Config& c, std::string_view text) {
        std::uint64_t value;
        if (!parse_unsigned(text, value) || value == 0 || value > 1'000'000) return false;
        (c.*section).*field = static_cast<unsigned>(value);
        return true;
    };
}

struct Declared {
    ConfigOption option;
    Setter set;
};

// Every option, declared once: TOML key, environment variable, default, help, and how to set it.
const std::vector<Declared>& declared() {
    static const std::vector<Declared> options = {
        {{"data", "CONG_DATA", "./data", "directory of the SQLite database and media files"},
         [](Config& c, std::string_view v) { c.storage.data_dir = v; return !v.empty(); }},
        {{"log_level", "CONG_LOG_LEVEL", "info", "debug, info, warn or error"},
         [](Config& c, std::string_view v) {
             c.log_level = v;
             return v == "debug" || v == "info" || v == "warn" || v == "error";
         }},
        {{"http.listen", "CONG_HTTP_LISTEN", "127.0.0.1:8080", "address and port to listen on"},
         [](Config& c, std::string_view v) { c.http.listen = v; return !v.empty(); }},
        {{"http.threads", "CONG_HTTP_THREADS", "0", "I/O threads; 0 means one per core"},
         number(&Config::http, &HttpConfig::threads)},
        {{"http.max_header_bytes", "CONG_HTTP_MAX_HEADER_BYTES", "16384", "largest request line plus headers"},
         number(&Config::http, &HttpConfig::max_header_bytes)},
        {{"http.max_body_bytes", "CONG_HTTP_MAX_BODY_BYTES", "1048576", "largest JSON or form body"},
         number(&Config::http, &HttpConfig::max_body_bytes)},
        {{"http.max_upload_bytes", "CONG_HTTP_MAX_UPLOAD_BYTES", "26214400", "largest media upload"},
         number(&Config::http, &HttpConfig::max_upload_bytes)},
        {{"http.max_connections", "CONG_HTTP_MAX_CONNECTIONS", "4096", "open connections at once; more are refused"},
         number(&Config::http, &HttpConfig::max_connections)},
        {{"http.max_connections_per_address", "CONG_HTTP_MAX_CONNECTIONS_PER_ADDRESS", "256",
          "open connections one client address may hold (trusted proxies are not limited)"},
         at_least_one(&Config::http, &HttpConfig::max_connections_per_address)},
        {{"http.read_timeout", "CONG_HTTP_READ_TIMEOUT", "15", "seconds to receive a whole request"},
         number(&Config::http, &HttpConfig::read_timeout)},
        {{"http.idle_timeout", "CONG_HTTP_IDLE_TIMEOUT", "60", "seconds a keep-alive connection may sit idle"},
         number(&Config::http, &HttpConfig::idle_timeout)},
        {{"http.shutdown_grace", "CONG_HTTP_SHUTDOWN_GRACE", "10", "seconds requests in flight get on shutdown"},
         number(&Config::http, &HttpConfig::shutdown_grace)},
        {{"http.https", "CONG_HTTP_HTTPS", "false", "true when served over HTTPS: cookies get Secure"},
         [](Config& c, std::string_view v) {
             c.http.https = v == "true" || v == "1";
             return v == "true" || v == "false" || v == "1" || v == "0";
         }},
        {{"admin.session_idle_minutes", "CONG_ADMIN_SESSION_IDLE_MINUTES", "60",
          "minutes of inactivity after which a back-office session ends"},
         at_least_one(&Config::admin, &AdminConfig::session_idle_minutes)},
        {{"admin.session_hours", "CONG_ADMIN_SESSION_HOURS", "12", "hours after sign-in when a session ends regardless"},
         at_least_one(&Config::admin, &AdminConfig::session_hours)},
        {{"admin.max_failed_logins", "CONG_ADMIN_MAX_FAILED_LOGINS", "5",
          "consecutive wrong passwords that lock an account for a while"},
         at_least_one(&Config::admin, &AdminConfig::max_failed_logins)},
        {{"admin.lockout_minutes", "CONG_ADMIN_LOCKOUT_MINUTES", "15", "minutes a locked account stays locked"},
         at_least_one(&Config::admin, &AdminConfig::lockout_minutes)},
        {{"storage.read_connections", "CONG_STORAGE_READ_CONNECTIONS", "4", "SQLite read connections"},
         number(&Config::storage, &StorageConfig::read_connections)},
        {{"storage.busy_timeout_ms", "CONG_STORAGE_BUSY_TIMEOUT_MS", "5000", "milliseconds to wait for a lock"},
         number(&Config::storage, &StorageConfig::busy_timeout)},
        {{"storage.mmap_mib", "CONG_STORAGE_MMAP_MIB", "0",
          "MiB of the SQLite file each connection maps instead of reading (counts as resident memory)"},
         number(&Config::storage, &StorageConfig::mmap_mib)},
        {{"storage.cache_mib", "CONG_STORAGE_CACHE_MIB", "4", "MiB of SQLite page cache per connection"},
         at_least_one(&Config::storage, &StorageConfig::cache_mib)},
        {{"storage.pg_pool_size", "CONG_STORAGE_PG_POOL_SIZE", "8",
          "PostgreSQL connections per node (keep nodes × this under the server's max_connections)"},
         at_least_one(&Config::storage, &StorageConfig::pg_pool_size)},
        {{"media.max_pixels", "CONG_MEDIA_MAX_PIXELS", "100000000", "largest image, in pixels, that is decoded"},
         number(&Config::media, &MediaConfig::max_pixels)},
        {{"cache.enabled", "CONG_CACHE_ENABLED", "true", "keep public pages rendered and precompressed in memory"},
         [](Config& c, std::string_view v) {
             c.cache.enabled = v == "true" || v == "1";
             return v == "true" || v == "false" || v == "1" || v == "0";
         }},
        {{"cache.max_bytes", "CONG_CACHE_MAX_BYTES", "67108864", "memory the page cache may use, every encoding counted"},
         number(&Config::cache, &CacheConfig::max_bytes)},
        {{"http.trusted_proxies", "CONG_HTTP_TRUSTED_PROXIES", "",
          "proxies whose X-Forwarded-For names the client, e.g. \"127.0.0.1, 10.0.0.0/8\"; empty: ignore the header"},
         [](Config& c, std::string_view v) { c.http.trusted_proxies = v; return true; }},
        {{"limits.search_per_minute", "CONG_LIMITS_SEARCH_PER_MINUTE", "60", "searches per minute from one address"},
         at_least_one(&Config::limits, &LimitsConfig::search_per_minute)},
        {{"limits.api_writes_per_minute", "CONG_LIMITS_API_WRITES_PER_MINUTE", "600",
          "API writes per minute from one address"},
         at_least_one(&Config::limits, &LimitsConfig::api_writes_per_minute)},
        {{"limits.login_per_minute", "CONG_LIMITS_LOGIN_PER_MINUTE", "20", "login attempts per minute from one address"},
         at_least_one(&Config::limits, &LimitsConfig::login_per_minute)},
    };
    return options;
}

std::string toml_value_text(const toml::value& v) {
    if (v.is_string()) return v.as_string().str;
    if (v.is_boolean()) return v.as_boolean() ? "true" : "false";
    if (v.is_integer()) return std::to_string(v.as_integer());
    return toml::format(v);
}

}  // namespace

const std::vector<ConfigOption>& config_options() {
    static const std::vector<ConfigOption> options = [] {
        std::vector<ConfigOption> out;
        for (const auto& d : declared()) out.push_back(d.option);
        return out;
    }();
    return options;
}

Result<void> set_config_option(Config& config, std::string_view toml_key, std::string_view value) {
    for (const auto& d : declared()) {
        if (d.option.toml_key != toml_key) continue;
        if (!d.set(config, value))
            return Error{Errc::InvalidInput, "invalid value for " + d.option.toml_key + ": " + std::string(value),
                         d.option.toml_key};
        return {};
    }
    return Error{Errc::InvalidInput, "unknown option " + std::string(toml_key), std::string(toml_key)};
}

Result<void> load_config(Config& config, const std::string& toml_path) {
    if (!toml_path.empty()) {
        toml::value root;
        try {
            root = toml::parse(toml_path);
        } catch (const std::exception& e) {
            return Error{Errc::InvalidInput, "cannot read config file " + toml_path + ": " + e.what()};
        }
        for (const auto& d : declared()) {
            const auto& key = d.option.toml_key;
            auto dot = key.find('.');
            const toml::value* node = &root;
            if (dot != std::string::npos) {
                if (!root.contains(key.substr(0, dot))) continue;
                node = &root.at(key.substr(0, dot));
            }
            auto leaf = dot == std::string::npos ? key : key.substr(dot + 1);
            if (!node->is_table() || !node->contains(leaf)) continue;
            CONG_TRY_VOID(set_config_option(config, key, toml_value_text(node->at(leaf))));
        }
    }
    for (const auto& d : declared()) {
        if (const char* env = std::getenv(d.option.env_var.c_str()))
            CONG_TRY_VOID(set_config_option(config, d.option.toml_key, env));
    }
    return {};
}

}  // namespace cong::core
