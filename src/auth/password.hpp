// Passwords: the policy they must meet and their argon2id hashes.
#pragma once

#include "core/result.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace cong::auth {

// Long passphrases are encouraged; the upper bound only keeps one login request from hashing megabytes.
constexpr std::size_t MIN_PASSWORD_BYTES = 10;
constexpr std::size_t MAX_PASSWORD_BYTES = 1024;

// InvalidInput (field "password", Vietnamese message) unless password is 10–1024 bytes.
core::Result<void> check_password_policy(std::string_view password);

// An argon2id hash in libsodium's self-describing string form ("$argon2id$v=19$m=65536,t=2,p=1$…").
// Check the policy first. Throws std::runtime_error only when the machine cannot spare the memory.
std::string hash_password(std::string_view password);

// True when password matches hash. A malformed hash never matches.
bool verify_password(std::string_view hash, std::string_view password);

}  // namespace cong::auth
