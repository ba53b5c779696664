#include "core/crypto.hpp"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace cong::core {

void ensure_sodium_started() {
    // A function-local static runs sodium_init exactly once even with concurrent first calls.
    static const bool started = sodium_init() >= 0;
    if (!started) throw std::runtime_error("libsodium failed to start");
}

std::string sha256_hex(std::string_view data) {
    ensure_sodium_started();
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return std::string{hex, crypto_hash_sha256_BYTES * 2};
}

std::string random_base64url(std::size_t byte_count) {
    ensure_sodium_started();
    std::vector<unsigned char> bytes(byte_count);
    randombytes_buf(bytes.data(), bytes.size());
    constexpr int VARIANT = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    std::string text(sodium_base64_ENCODED_LEN(byte_count, VARIANT), '\0');
    sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(), VARIANT);
    sodium_memzero(bytes.data(), bytes.size());
    text.resize(text.size() - 1);  // the encoder writes a terminating NUL inside the buffer
    return text;
}

}  // namespace cong::core
