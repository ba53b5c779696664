// PageCache: public pages rendered once and kept precompressed (identity, gzip, brotli) in bounded memory,
// answered without the router or the database, and dropped by dependency tag when content changes.
#pragma once

#include "core/change_listener.hpp"
#include "core/clock.hpp"
#include "http/response_cache.hpp"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace cong::cache {

constexpr std::size_t DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
constexpr unsigned DEFAULT_SHARDS = 16;
// A page may show articles scheduled for a later time; no page is kept longer than this, so a
// scheduled article appears within a minute of its time without any change event.
constexpr std::chrono::seconds DEFAULT_MAX_AGE{60};
// Brotli quality for stored pages. Measured on the demo home page (26.5 kB): q5 6.4 kB in 1.3 ms, q7 6.2 kB
// in 2.2 ms, q9 6.2 kB in 34 ms, q11 5.8 kB in 65 ms. After a publish the first readers of the home page
// wait for this, so q7: within 8% of q11's size at a thirtieth of its time.
constexpr int PRECOMPRESS_BROTLI_QUALITY = 7;
constexpr int PRECOMPRESS_GZIP_LEVEL = 9;

struct PageCacheOptions {
    std::size_t max_bytes = DEFAULT_MAX_BYTES;  // every kept byte, all encodings, spread over the shards
    unsigned shards = DEFAULT_SHARDS;           // independent locks; a hot page only touches its own
    std::chrono::seconds max_age = DEFAULT_MAX_AGE;
    core::Timestamp (*now)() = core::now;       // tests move time
    // The public hosts of the installation's sites. When given, a Host that names none of them is keyed as
    // a request without Host: pages for an unknown host are the default site's, and a client cycling
    // through made-up Host headers cannot turn every request into a miss that renders and compresses a
    // page. Empty: every host is its own site.
    std::vector<std::string> site_hosts;
};

struct PageCacheStats {
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;
    std::uint64_t stores = 0;
    std::uint64_t evictions = 0;     // dropped to stay within max_bytes
    std::uint64_t invalidations = 0; // dropped because content they show changed
    std::uint64_t bytes = 0;
    std::uint64_t entries = 0;
};

class PageCache final : public http::ResponseCache, public core::ChangeListener {
public:
    explicit PageCache(PageCacheOptions options = {});
    ~PageCache() override;
    PageCache(const PageCache&) = delete;
    PageCache& operator=(const PageCache&) = delete;

    std::optional<http::Response> lookup(const http::Request& request) override;
    std::uint64_t generation() const override;
    // Keeps a GET/HEAD 200 with cache_tags and no Set-Cookie, not no-store or private, not under /api/,
    // no larger than one shard's share of max_bytes.
    bool store(const http::Request& request, const http::Response& response, std::uint64_t generation) override;
    // Drops every page that carries one of tags.
    void content_changed(const std::vector<std::string>& tags) override;

    PageCacheStats stats() const;
    // Prometheus text for Metrics::add_collector.
    void write_metrics(std::string& out) const;

private:
    struct Shard;
    PageCacheOptions options_;
    std::size_t shard_budget_;
    std::atomic<std::uint64_t> generation_{0};
    std::unique_ptr<Shard[]> shards_;
    std::vector<std::string> site_hosts_;  // cache_host form, sorted

    Shard& shard_for(std::string_view key) const;
    std::string key_for(const http::Request& request) const;
};

// The key of a request: its site's host (from Host, see cache_host), its path, and its raw query when it
// has one.
std::string cache_key(const http::Request& request);
// The same with the host given (already in cache_host form).
std::string cache_key(std::string_view host, const http::Request& request);
// A Host header as the cache tells sites apart: lower case, without the port or a final dot.
std::string cache_host(std::string_view host);
// The first midnight in Vietnam (UTC+7) after t: the header's date line changes then.
core::Timestamp next_vietnam_midnight(core::Timestamp t);

}  // namespace cong::cache
