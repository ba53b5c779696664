# Sourced by the benchmarks before they start `cong serve`: every request of a benchmark comes from one
# address (127.0.0.1), far faster than a reader, so the per-address rate limits (http::RateLimiter) would
# measure 429 answers instead of the portal. A real deployment keeps them.
export CONG_LIMITS_SEARCH_PER_MINUTE=1000000
export CONG_LIMITS_API_WRITES_PER_MINUTE=1000000
export CONG_LIMITS_LOGIN_PER_MINUTE=1000000
