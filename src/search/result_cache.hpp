// ResultCache: the answers of recent searches, kept until public content changes or they are a minute old,
// so a query many people send (a campaign's name, the next page of results) costs a lookup, not a search.
#pragma once

#include "core/change_listener.hpp"
#include "core/clock.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace cong::search {

struct SearchRequest;
struct SearchResults;

struct ResultCacheOptions {
    std::size_t max_entries = 1024;
    // Every kept answer's text, estimated; a page of 10 results is 5–10 kB.
    std::size_t max_bytes = 8 * 1024 * 1024;
    // Results depend on the time: a scheduled article becomes findable when it comes. As with the page
    // cache, no answer is kept longer, so it appears within a minute without any change event.
    std::chrono::seconds max_age{60};
    core::Timestamp (*now)() = core::now;
};

struct ResultCacheStats {
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;
    std::uint64_t evictions = 0;      // dropped to stay within max_entries or max_bytes
    std::uint64_t invalidations = 0;  // times everything was dropped because content changed
    std::uint64_t entries = 0;
    std::uint64_t bytes = 0;
};

// The cache's key of a request: every field the answer depends on besides the time.
std::string result_cache_key(const SearchRequest& request);

class ResultCache final : public core::ChangeListener {
public:
    explicit ResultCache(ResultCacheOptions options = {});

    // The answer kept for key, if any and young enough.
    std::shared_ptr<const SearchResults> find(const std::string& key);
    // Take before reading the database, give to store(): an answer read while content changed is not kept.
    std::uint64_t generation() const;
    void store(const std::string& key, std::shared_ptr<const SearchResults> results, std::uint64_t generation);
    // Any change of public content (an article, a category, a caption, the synonym list) can change any
    // answer: everything is dropped.
    void content_changed(const std::vector<std::string>& tags) override;

    ResultCacheStats stats() const;
    // Prometheus text for Metrics::add_collector.
    void write_metrics(std::string& out) const;

private:
    struct Entry {
        std::string key;
        std::shared_ptr<const SearchResults> results;
        core::Timestamp stored_at;
        std::size_t bytes = 0;
    };
    using Order = std::list<Entry>;  // most recently used first

    ResultCacheOptions options_;
    mutable std::mutex mutex_;
    Order order_;
    std::unordered_map<std::string, Order::iterator> index_;
    std::uint64_t generation_ = 0;
    std::size_t bytes_ = 0;
    ResultCacheStats counters_;

    void erase(Order::iterator entry);
};

}  // namespace cong::search
