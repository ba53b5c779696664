#include "http/client_address.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <optional>

namespace cong::http {
namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

struct Parsed {
    bool v6 = false;
    std::array<std::uint8_t, 16> bytes{};
};

// An IPv4 or IPv6 address in text; an IPv4-mapped IPv6 address ("::ffff:10.0.0.1", what a dual-stack
// socket reports) counts as the IPv4 address.
std::optional<Parsed> parse_address(std::string_view text) {
    if (text.empty() || text.size() > 45) return std::nullopt;
    std::string zero_terminated(text);
    Parsed parsed;
    if (::inet_pton(AF_INET, zero_terminated.c_str(), parsed.bytes.data()) == 1) return parsed;
    if (::inet_pton(AF_INET6, zero_terminated.c_str(), parsed.bytes.data()) != 1) return std::nullopt;
    constexpr std::array<std::uint8_t, 12> MAPPED{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::equal(MAPPED.begin(), MAPPED.end(), parsed.bytes.begin())) {
        std::array<std::uint8_t, 16> v4{};
        std::copy(parsed.bytes.begin() + 12, parsed.bytes.end(), v4.begin());
        parsed.bytes = v4;
        return parsed;
    }
    parsed.v6 = true;
    return parsed;
}

}  // namespace

core::Result<TrustedProxies> TrustedProxies::parse(std::string_view text) {
    TrustedProxies proxies;
    while (!text.empty()) {
        auto end = text.find_first_of(", ");
        std::string_view entry = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
        if (entry.empty()) continue;
        auto bad = [&] {
            return core::Error{core::Errc::InvalidInput,
                               "\"" + std::string(entry) + "\" không phải địa chỉ IP hay mạng (vd. 10.0.0.0/8)",
                               "http.trusted_proxies"};
        };
        auto slash = entry.find('/');
        auto address = parse_address(entry.substr(0, slash));
        if (!address) return bad();
        Network network{address->v6, address->bytes, address->v6 ? 128 : 32};
        if (slash != std::string_view::npos) {
            auto digits = entry.substr(slash + 1);
            int prefix = -1;
            auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
            if (ec != std::errc{} || ptr != digits.data() + digits.size() || prefix < 0 || prefix > network.prefix)
                return bad();
            network.prefix = prefix;
        }
        proxies.networks_.push_back(network);
    }
    return proxies;
}

bool TrustedProxies::contains(std::string_view text) const {
    auto address = parse_address(trim(text));
    if (!address) return false;
    for (const auto& network : networks_) {
        if (network.v6 != address->v6) continue;
        int full = network.prefix / 8, rest = network.prefix % 8;
        if (!std::equal(network.bytes.begin(), network.bytes.begin() + full, address->bytes.begin())) continue;
        if (rest != 0) {
            auto mask = static_cast<std::uint8_t>(0xff << (8 - rest));
            if ((network.bytes[full] & mask) != (address->bytes[full] & mask)) continue;
        }
        return true;
    }
    return false;
}

std::string client_address(std::string_view peer, std::string_view forwarded_for, const TrustedProxies& trusted) {
    if (trusted.empty() || !trusted.contains(peer)) return std::string(peer);
    std::string_view known = peer;
    while (!forwarded_for.empty()) {
        auto comma = forwarded_for.rfind(',');
        std::string_view entry = trim(comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1));
        forwarded_for = comma == std::string_view::npos ? std::string_view{} : forwarded_for.substr(0, comma);
        if (!parse_address(entry)) break;
        known = entry;
        if (!trusted.contains(entry)) break;
    }
    return std::string(known);
}

}  // namespace cong::http
