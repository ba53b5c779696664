// Client address: who is asking — the peer of the connection, or, behind a proxy the operator trusts, the
// address that proxy saw (X-Forwarded-For). Rate limits, the login throttle and the audit log key on it.
#pragma once

#include "core/result.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cong::http {

// Addresses and networks of proxies whose X-Forwarded-For is believed: "127.0.0.1, 10.0.0.0/8, ::1".
class TrustedProxies {
public:
    // Comma- or space-separated IPv4/IPv6 addresses, each optionally with a /prefix. Empty text: no proxy is
    // trusted, and X-Forwarded-For is ignored (anyone can send it). InvalidInput names the bad entry.
    static core::Result<TrustedProxies> parse(std::string_view text);

    bool empty() const { return networks_.empty(); }
    bool contains(std::string_view address) const;

private:
    struct Network {
        bool v6 = false;
        std::array<std::uint8_t, 16> bytes{};
        int prefix = 0;
    };
    std::vector<Network> networks_;
};

// peer, unless peer is a trusted proxy: then the right-most address of forwarded_for (the values of every
// X-Forwarded-For header, in order, joined by commas) that is not itself a trusted proxy — each proxy
// appends the address it saw, so entries left of the first untrusted one may be forged by the client. A
// malformed entry stops the walk: the last address known good is used.
std::string client_address(std::string_view peer, std::string_view forwarded_for, const TrustedProxies& trusted);

}  // namespace cong::http
