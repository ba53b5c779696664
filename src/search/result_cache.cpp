#include "search/result_cache.hpp"

#include "core/prometheus.hpp"
#include "search/search_service.hpp"

namespace cong::search {
namespace {

// Each field with its length in front: no byte of a query, not even a NUL, can make two requests one key.
void append_field(std::string& key, std::string_view field) {
    key += std::to_string(field.size());
    key += ':';
    key += field;
}

std::string time_field(const std::optional<core::Timestamp>& at) {
    return at ? std::to_string(std::chrono::duration_cast<std::chrono::seconds>(at->time_since_epoch()).count()) : "";
}

std::size_t text_bytes(const Highlighted& highlighted) {
    std::size_t bytes = 0;
    for (const auto& span : highlighted.spans) bytes += sizeof(Span) + span.text.size();
    return bytes;
}

// What an answer holds, near enough to bound the cache's memory: its strings and the objects around them.
std::size_t estimated_bytes(const std::string& key, const SearchResults& results) {
    std::size_t bytes = sizeof(SearchResults) + 2 * key.size() + 128;
    for (const auto& result : results.results) {
        const auto& a = result.article;
        bytes += sizeof(SearchResult) + a.title.size() + a.slug.size() + a.lead.size() + a.byline.size() +
                 a.source.size() + text_bytes(result.title) + text_bytes(result.snippet);
        if (result.category) bytes += result.category->name.size() + result.category->slug.size();
    }
    return bytes;
}

}  // namespace

std::string result_cache_key(const SearchRequest& request) {
    std::string key;
    key.reserve(request.query.size() + request.category_slug.size() + 48);
    append_field(key, std::to_string(request.page));
    append_field(key, request.category_slug);
    append_field(key, time_field(request.from));
    append_field(key, time_field(request.until));
    append_field(key, request.query);
    return key;
}

ResultCache::ResultCache(ResultCacheOptions options) : options_(options) {}

std::shared_ptr<const SearchResults> ResultCache::find(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto found = index_.find(key);
    if (found == index_.end()) {
        ++counters_.misses;
        return nullptr;
    }
    if (options_.now() - found->second->stored_at >= options_.max_age) {
        erase(found->second);
        ++counters_.misses;
        return nullptr;
    }
    order_.splice(order_.begin(), order_, found->second);
    ++counters_.hits;
    return found->second->results;
}

std::uint64_t ResultCache::generation() const {
    std::lock_guard lock(mutex_);
    return generation_;
}

void ResultCache::store(const std::string& key, std::shared_ptr<const SearchResults> results,
                        std::uint64_t generation) {
    if (!results || options_.max_entries == 0) return;
    std::size_t bytes = estimated_bytes(key, *results);
    if (bytes > options_.max_bytes) return;
    std::lock_guard lock(mutex_);
    if (generation != generation_) return;  // content changed while this answer was read
    if (auto found = index_.find(key); found != index_.end()) erase(found->second);
    while (!order_.empty() && (order_.size() >= options_.max_entries || bytes_ + bytes > options_.max_bytes)) {
        erase(std::prev(order_.end()));
        ++counters_.evictions;
    }
    order_.push_front(Entry{key, std::move(results), options_.now(), bytes});
    index_.emplace(key, order_.begin());
    bytes_ += bytes;
}

void ResultCache::content_changed(const std::vector<std::string>&) {
    std::lock_guard lock(mutex_);
    ++generation_;
    if (order_.empty()) return;
    index_.clear();
    order_.clear();
    bytes_ = 0;
    ++counters_.invalidations;
}

void ResultCache::erase(Order::iterator entry) {
    bytes_ -= entry->bytes;
    index_.erase(entry->key);
    order_.erase(entry);
}

ResultCacheStats ResultCache::stats() const {
    std::lock_guard lock(mutex_);
    auto stats = counters_;
    stats.entries = order_.size();
    stats.bytes = bytes_;
    return stats;
}

void ResultCache::write_metrics(std::string& out) const {
    auto s = stats();
    core::append_metric(out, "cong_search_cache_hits_total", "counter", "Searches answered from the result cache.",
                        s.hits);
    core::append_metric(out, "cong_search_cache_misses_total", "counter", "Searches run on the full-text index.",
                        s.misses);
    core::append_metric(out, "cong_search_cache_evictions_total", "counter",
                        "Answers dropped to stay within the cache's size.", s.evictions);
    core::append_metric(out, "cong_search_cache_invalidations_total", "counter",
                        "Times every answer was dropped because public content changed.", s.invalidations);
    core::append_metric(out, "cong_search_cache_entries", "gauge", "Answers kept.", s.entries);
    core::append_metric(out, "cong_search_cache_bytes", "gauge", "Estimated bytes of the answers kept.", s.bytes);
}

}  // namespace cong::search
