#include "cache/page_cache.hpp"

#include "core/prometheus.hpp"
#include "http/compression.hpp"
#include "http/response_policy.hpp"

#include <algorithm>
#include <list>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>
#include <unordered_set>

namespace cong::cache {
namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

bool icontains(std::string_view text, std::string_view needle) {
    for (std::size_t i = 0; i + needle.size() <= text.size(); ++i) {
        if (iequals(text.substr(i, needle.size()), needle)) return true;
    }
    return false;
}

// One kept page: what every answer to it shares. Immutable once stored, but for the reference bit.
struct Entry {
    std::string key;
    std::shared_ptr<const std::string> identity;
    std::shared_ptr<const std::string> gzip;    // null when the type or size is not worth compressing
    std::shared_ptr<const std::string> brotli;
    std::string content_type;
    std::string cache_control;
    std::string etag;  // of the identity body; the encoded variants get a suffix
    std::vector<http::Header> headers;
    std::vector<std::string> tags;
    core::Timestamp expires;
    std::size_t bytes = 0;
    // Set by hits, cleared by the eviction hand: a page read since the hand last passed gets another round.
    std::atomic<bool> referenced{false};
};

using EntryPtr = std::shared_ptr<Entry>;

// The compressors allocate for the worst case (about the input's size) and keep that capacity: a stored
// gzip body of 5 kB held 17 kB, and the budget, counting sizes, was exceeded about twice over. Bodies are
// kept at their exact size, and the cache counts what they hold.
std::shared_ptr<const std::string> exact_body(std::string text) {
    text.shrink_to_fit();
    return std::make_shared<const std::string>(std::move(text));
}

std::size_t held_bytes(const std::shared_ptr<const std::string>& body) { return body ? body->capacity() : 0; }

}  // namespace

// Eviction is CLOCK, an approximation of LRU that lets hits take only a shared lock: the queue is in
// order of storing, and the hand gives a page that was read since it last passed a second chance.
struct PageCache::Shard {
    mutable std::shared_mutex mutex;
    std::list<EntryPtr> queue;
    std::unordered_map<std::string_view, std::list<EntryPtr>::iterator> index;  // views into Entry::key
    std::size_t bytes = 0;
    // Counters live with their shard, so threads reading different pages write different cache lines.
    alignas(64) std::atomic<std::uint64_t> hits{0};
    std::atomic<std::uint64_t> misses{0};
    std::atomic<std::uint64_t> stores{0};
    std::atomic<std::uint64_t> evictions{0};
    std::atomic<std::uint64_t> invalidations{0};

    void erase(std::list<EntryPtr>::iterator it) {
        bytes -= (*it)->bytes;
        index.erase((*it)->key);
        queue.erase(it);
    }
};

std::string cache_host(std::string_view host) {
    // "[::1]:8080" keeps its brackets and drops the port; "Example.VN:80" → "example.vn".
    if (host.starts_with('[')) {
        if (auto close = host.find(']'); close != std::string_view::npos) host = host.substr(0, close + 1);
    } else if (auto colon = host.rfind(':'); colon != std::string_view::npos) {
        host = host.substr(0, colon);
    }
    // "example.vn." names the same site as "example.vn".
    while (host.ends_with('.')) host.remove_suffix(1);
    std::string out(host);
    for (char& c : out) c = lower(c);
    return out;
}

std::string cache_key(const http::Request& request) {
    return cache_key(cache_host(request.header("Host").value_or("")), request);
}

std::string cache_key(std::string_view host, const http::Request& request) {
    // Sites are told apart by Host, and pages that carry absolute links follow it: two hosts never share
    // an entry. The host comes first, ended by a character no host or path contains unescaped.
    std::string key(host);
    key.reserve(key.size() + 1 + request.path.size() + (request.query.empty() ? 0 : 1 + request.query.size()));
    key += ' ';
    key += request.path;
    if (!request.query.empty()) {
        key += '?';
        key += request.query;
    }
    return key;
}

core::Timestamp next_vietnam_midnight(core::Timestamp t) {
    auto local = t + core::VIETNAM_OFFSET;
    auto day = std::chrono::floor<std::chrono::days>(local);
    return core::Timestamp{day + std::chrono::days{1} - core::VIETNAM_OFFSET};
}

PageCache::PageCache(PageCacheOptions options)
    : options_(options),
      shard_budget_(options.max_bytes / std::max(1u, options.shards)),
      shards_(std::make_unique<Shard[]>(std::max(1u, options.shards))) {
    options_.shards = std::max(1u, options_.shards);
    for (const auto& host : options_.site_hosts) site_hosts_.push_back(cache_host(host));
    std::sort(site_hosts_.begin(), site_hosts_.end());
}

PageCache::~PageCache() = default;

PageCache::Shard& PageCache::shard_for(std::string_view key) const {
    return shards_[std::hash<std::string_view>{}(key) % options_.shards];
}

std::string PageCache::key_for(const http::Request& request) const {
    auto host = cache_host(request.header("Host").value_or(""));
    if (!site_hosts_.empty() && !std::binary_search(site_hosts_.begin(), site_hosts_.end(), host)) host.clear();
    return cache_key(host, request);
}

std::uint64_t PageCache::generation() const { return generation_.load(std::memory_order_acquire); }

std::optional<http::Response> PageCache::lookup(const http::Request& request) {
    if (request.method != http::Method::Get && request.method != http::Method::Head) return std::nullopt;
    std::string key = key_for(request);
    Shard& shard = shard_for(key);
    EntryPtr entry;
    {
        std::shared_lock lock(shard.mutex);
        auto found = shard.index.find(key);
        if (found != shard.index.end()) entry = *found->second;
    }
    if (!entry || options_.now() >= entry->expires) {
        shard.misses.fetch_add(1, std::memory_order_relaxed);
        return std::nullopt;
    }
    if (!entry->referenced.load(std::memory_order_relaxed)) entry->referenced.store(true, std::memory_order_relaxed);
    shard.hits.fetch_add(1, std::memory_order_relaxed);

    http::Response response;
    response.content_type = entry->content_type;
    response.cache_control = entry->cache_control;
    response.headers.reserve(entry->headers.size() + 3);
    response.headers = entry->headers;
    auto encoding = http::ContentEncoding::Identity;
    if (entry->gzip) {
        encoding = http::choose_encoding(request.header("Accept-Encoding").value_or(""));
        response.header("Vary", "Accept-Encoding");
    }
    auto etag = http::etag_for_encoding(entry->etag, encoding);
    auto condition = request.header("If-None-Match");
    bool not_modified = condition && http::if_none_match_matches(*condition, etag);
    response.header("ETag", std::move(etag));
    if (not_modified) {
        response.status = 304;
        return response;
    }
    switch (encoding) {
        case http::ContentEncoding::Identity: response.shared_body = entry->identity; break;
        case http::ContentEncoding::Gzip: response.shared_body = entry->gzip; break;
        case http::ContentEncoding::Brotli: response.shared_body = entry->brotli; break;
    }
    if (encoding != http::ContentEncoding::Identity)
        response.header("Content-Encoding", std::string(http::content_encoding_token(encoding)));
    return response;
}

bool PageCache::store(const http::Request& request, const http::Response& response, std::uint64_t generation) {
    if (request.method != http::Method::Get && request.method != http::Method::Head) return false;
    if (response.status != 200 || response.cache_tags.empty() || response.shared_body) return false;
    if (request.path.starts_with("/api/") || request.path == "/api") return false;
    if (icontains(response.cache_control, "no-store") || icontains(response.cache_control, "private")) return false;
    for (const auto& header : response.headers) {
        if (iequals(header.name, "Set-Cookie") || iequals(header.name, "Content-Encoding")) return false;
        if (iequals(header.name, "Cache-Control") &&
            (icontains(header.value, "no-store") || icontains(header.value, "private")))
            return false;
    }
    // A page over half a shard's share would empty the shard for itself; checked before compressing too.
    if (response.body.size() * 2 > shard_budget_) return false;

    // The same rules as any answer (checked headers, default Cache-Control, ETag), for a client that
    // asked for no encoding and has no copy: the identity page with its tag.
    http::Request plain;
    plain.method = http::Method::Get;
    http::Response kept = response;
    kept.cache_tags.clear();
    http::apply_response_policy(plain, kept);
    if (kept.status != 200) return false;

    auto entry = std::make_shared<Entry>();
    entry->key = key_for(request);
    entry->content_type = kept.content_type;
    entry->cache_control = kept.cache_control;
    for (auto& header : kept.headers) {
        if (iequals(header.name, "ETag")) entry->etag = std::move(header.value);
        else if (!iequals(header.name, "Vary")) entry->headers.push_back(std::move(header));
    }
    bool compressible = http::is_compressible(kept.content_type) && kept.body.size() >= http::MIN_COMPRESS_BYTES;
    if (compressible) {
        entry->gzip = exact_body(http::gzip(kept.body, PRECOMPRESS_GZIP_LEVEL));
        entry->brotli = exact_body(http::brotli(kept.body, PRECOMPRESS_BROTLI_QUALITY));
    }
    entry->identity = exact_body(std::move(kept.body));
    entry->tags = response.cache_tags;
    auto now = options_.now();
    entry->expires = std::min(next_vietnam_midnight(now), now + options_.max_age);
    entry->bytes = entry->key.capacity() + held_bytes(entry->identity) + held_bytes(entry->gzip) +
                   held_bytes(entry->brotli) + sizeof(Entry);
    for (const auto& tag : entry->tags) entry->bytes += tag.size();
    for (const auto& header : entry->headers) entry->bytes += header.name.size() + header.value.size();
    if (entry->bytes * 2 > shard_budget_) return false;

    Shard& shard = shard_for(entry->key);
    std::unique_lock lock(shard.mutex);
    // Content changed while this page was rendered: it may show the old content.
    if (generation_.load(std::memory_order_acquire) != generation) return false;
    if (auto old = shard.index.find(entry->key); old != shard.index.end()) shard.erase(old->second);
    shard.queue.push_back(entry);
    shard.index.emplace(entry->key, std::prev(shard.queue.end()));
    shard.bytes += entry->bytes;
    while (shard.bytes > shard_budget_ && !shard.queue.empty()) {
        auto oldest = shard.queue.begin();
        if ((*oldest)->referenced.exchange(false, std::memory_order_relaxed) && *oldest != entry) {
            shard.queue.splice(shard.queue.end(), shard.queue, oldest);
            continue;
        }
        shard.erase(oldest);
        shard.evictions.fetch_add(1, std::memory_order_relaxed);
    }
    shard.stores.fetch_add(1, std::memory_order_relaxed);
    return shard.index.contains(entry->key);
}

void PageCache::content_changed(const std::vector<std::string>& tags) {
    // First the generation, so a page being rendered now is not stored; then the pages already kept.
    generation_.fetch_add(1, std::memory_order_acq_rel);
    std::unordered_set<std::string_view> changed(tags.begin(), tags.end());
    for (unsigned i = 0; i < options_.shards; ++i) {
        Shard& shard = shards_[i];
        std::unique_lock lock(shard.mutex);
        for (auto it = shard.queue.begin(); it != shard.queue.end();) {
            auto next = std::next(it);
            const auto& entry_tags = (*it)->tags;
            if (std::any_of(entry_tags.begin(), entry_tags.end(), [&](const std::string& t) { return changed.contains(t); })) {
                shard.erase(it);
                shard.invalidations.fetch_add(1, std::memory_order_relaxed);
            }
            it = next;
        }
    }
}

PageCacheStats PageCache::stats() const {
    PageCacheStats total;
    for (unsigned i = 0; i < options_.shards; ++i) {
        const Shard& shard = shards_[i];
        total.hits += shard.hits.load(std::memory_order_relaxed);
        total.misses += shard.misses.load(std::memory_order_relaxed);
        total.stores += shard.stores.load(std::memory_order_relaxed);
        total.evictions += shard.evictions.load(std::memory_order_relaxed);
        total.invalidations += shard.invalidations.load(std::memory_order_relaxed);
        std::shared_lock lock(shard.mutex);
        total.bytes += shard.bytes;
        total.entries += shard.queue.size();
    }
    return total;
}

void PageCache::write_metrics(std::string& out) const {
    auto s = stats();
    auto metric = [&](std::string_view name, std::string_view type, std::string_view help, std::uint64_t value) {
        core::append_metric(out, name, type, help, value);
    };
    metric("cong_page_cache_hits_total", "counter", "Requests answered from the page cache.", s.hits);
    metric("cong_page_cache_misses_total", "counter", "GET and HEAD requests the page cache did not have.", s.misses);
    metric("cong_page_cache_stores_total", "counter", "Pages rendered and kept.", s.stores);
    metric("cong_page_cache_evictions_total", "counter", "Pages dropped to stay within cache.max_bytes.", s.evictions);
    metric("cong_page_cache_invalidations_total", "counter", "Pages dropped because their content changed.",
           s.invalidations);
    metric("cong_page_cache_bytes", "gauge", "Bytes kept, every encoding counted.", s.bytes);
    metric("cong_page_cache_entries", "gauge", "Pages kept.", s.entries);
}

}  // namespace cong::cache
