// ResponseCache: what the server asks before routing a public GET, and tells after a handler answered one
// it marked cacheable — an interface, so the server knows nothing of how pages are kept (cache::PageCache).
#pragma once

#include "http/message.hpp"

#include <cstdint>
#include <optional>

namespace cong::http {

class ResponseCache {
public:
    virtual ~ResponseCache() = default;

    // The complete answer to a GET or HEAD with path and query filled (the ETag, 304, Vary and the
    // encoding already applied, the body shared, not copied); nullopt when the page is not kept.
    virtual std::optional<Response> lookup(const Request& request) = 0;
    // Taken before a handler runs and handed back to store(): a page rendered while content changed
    // may show the old content, and is then not kept.
    virtual std::uint64_t generation() const = 0;
    // Keeps a handler's response (before the response policy) when it is a cacheable 200 with
    // cache_tags; returns whether it was kept.
    virtual bool store(const Request& request, const Response& response, std::uint64_t generation) = 0;
};

}  // namespace cong::http
