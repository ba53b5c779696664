// Crypto primitives from libsodium: start-up, SHA-256 digests (content addresses, token hashes), random tokens.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace cong::core {

// Starts libsodium once per process (thread-safe). Throws std::runtime_error when it cannot start:
// without a working CSPRNG no account can be handled safely.
void ensure_sodium_started();

// Lower-case hex SHA-256 of data.
std::string sha256_hex(std::string_view data);

// byte_count bytes from the system CSPRNG, in unpadded base64url (RFC 4648 §5).
std::string random_base64url(std::size_t byte_count);

}  // namespace cong::core
