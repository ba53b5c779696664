#include "auth/totp.hpp"

#include "core/crypto.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <array>
#include <stdexcept>

namespace cong::auth {
namespace {

constexpr std::string_view BASE32_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

// Percent-encodes for a URI component; otpauth labels may hold any UTF-8.
std::string uri_component(std::string_view text) {
    static constexpr char HEX[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                     c == '.' || c == '_' || c == '~';
        if (plain) {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(HEX[c >> 4]);
            out.push_back(HEX[c & 0xF]);
        }
    }
    return out;
}

}  // namespace

std::string base32_encode(std::string_view bytes) {
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (unsigned char byte : bytes) {
        buffer = (buffer << 8) | byte;
        bits += 8;
        while (bits >= 5) {
            out.push_back(BASE32_ALPHABET[(buffer >> (bits - 5)) & 0x1F]);
            bits -= 5;
        }
    }
    if (bits > 0) out.push_back(BASE32_ALPHABET[(buffer << (5 - bits)) & 0x1F]);
    return out;
}

std::optional<std::string> base32_decode(std::string_view text) {
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    bool padding = false;
    for (char c : text) {
        if (c == ' ') continue;
        if (c == '=') {
            padding = true;
            continue;
        }
        if (padding) return std::nullopt;  // data after padding
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        auto index = BASE32_ALPHABET.find(c);
        if (index == std::string_view::npos) return std::nullopt;
        buffer = (buffer << 5) | static_cast<std::uint32_t>(index);
        bits += 5;
        if (bits >= 8) {
            out.push_back(static_cast<char>((buffer >> (bits - 8)) & 0xFF));
            bits -= 8;
        }
    }
    return out;
}

std::string new_totp_secret() {
    core::ensure_sodium_started();
    std::array<unsigned char, TOTP_SECRET_BYTES> key{};
    randombytes_buf(key.data(), key.size());
    auto encoded = base32_encode(std::string_view(reinterpret_cast<const char*>(key.data()), key.size()));
    sodium_memzero(key.data(), key.size());
    return encoded;
}

std::int64_t totp_step(core::Timestamp t) {
    auto seconds = t.time_since_epoch().count();
    // Floor division, so instants before 1970 (never in practice) still fall in the right step.
    return seconds >= 0 ? seconds / TOTP_STEP_SECONDS : -((-seconds + TOTP_STEP_SECONDS - 1) / TOTP_STEP_SECONDS);
}

std::string totp_code(std::string_view key, std::int64_t step, int digits) {
    std::array<unsigned char, 8> counter{};
    auto value = static_cast<std::uint64_t>(step);
    for (int i = 7; i >= 0; --i) {
        counter[static_cast<std::size_t>(i)] = static_cast<unsigned char>(value & 0xFF);
        value >>= 8;
    }
    std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
    unsigned int mac_size = 0;
    if (HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), counter.data(), counter.size(), mac.data(),
             &mac_size) == nullptr ||
        mac_size != 20)
        throw std::runtime_error("HMAC-SHA-1 failed");
    // RFC 4226 §5.3: the low nibble of the last byte picks four bytes; their low 31 bits are the number.
    unsigned offset = mac[19] & 0x0F;
    std::uint32_t number = (static_cast<std::uint32_t>(mac[offset] & 0x7F) << 24) |
                           (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                           (static_cast<std::uint32_t>(mac[offset + 2]) << 8) | mac[offset + 3];
    std::uint32_t modulus = 1;
    for (int i = 0; i < digits; ++i) modulus *= 10;
    auto text = std::to_string(number % modulus);
    return std::string(static_cast<std::size_t>(digits) - text.size(), '0') + text;
}

std::optional<std::int64_t> verify_totp(std::string_view secret_base32, std::string_view code, core::Timestamp now,
                                        std::optional<std::int64_t> last_accepted_step) {
    if (code.size() != static_cast<std::size_t>(TOTP_DIGITS)) return std::nullopt;
    for (char c : code)
        if (c < '0' || c > '9') return std::nullopt;
    auto key = base32_decode(secret_base32);
    if (!key || key->empty()) return std::nullopt;
    auto current = totp_step(now);
    std::optional<std::int64_t> matched;
    // Every candidate is computed and compared in constant time, so timing tells nothing about which one matched.
    for (std::int64_t step = current - 1; step <= current + 1; ++step) {
        auto expected = totp_code(*key, step);
        bool equal = sodium_memcmp(expected.data(), code.data(), expected.size()) == 0;
        bool fresh = !last_accepted_step || step > *last_accepted_step;
        if (equal && fresh && !matched) matched = step;
    }
    sodium_memzero(key->data(), key->size());
    return matched;
}

std::string totp_uri(std::string_view issuer, std::string_view account, std::string_view secret_base32) {
    return "otpauth://totp/" + uri_component(issuer) + ":" + uri_component(account) +
           "?secret=" + std::string(secret_base32) + "&issuer=" + uri_component(issuer) +
           "&algorithm=SHA1&digits=6&period=30";
}

}  // namespace cong::auth
