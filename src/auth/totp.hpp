// TOTP: time-based one-time codes (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps) for the second factor.
#pragma once

#include "core/clock.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cong::auth {

constexpr std::int64_t TOTP_STEP_SECONDS = 30;
constexpr int TOTP_DIGITS = 6;
// RFC 4226 recommends 160-bit keys, the size of an HMAC-SHA-1 block's natural key.
constexpr std::size_t TOTP_SECRET_BYTES = 20;

// Base32 (RFC 4648, upper case, no padding): how authenticator apps take a secret.
std::string base32_encode(std::string_view bytes);
// Ignores spaces and case, accepts optional '=' padding; nullopt for any other character.
std::optional<std::string> base32_decode(std::string_view text);

// A new random secret (TOTP_SECRET_BYTES from the system CSPRNG), in base32.
std::string new_totp_secret();

// The step a time falls in: floor(unix seconds / 30).
std::int64_t totp_step(core::Timestamp t);

// The code of key (raw bytes) for one step, zero-padded to digits (RFC 4226 dynamic truncation).
std::string totp_code(std::string_view key, std::int64_t step, int digits = TOTP_DIGITS);

// The step whose code equals code, looking at the step of now and one step either side (clocks drift and
// people type slowly); a step at or before last_accepted_step is never accepted again, so a code seen over
// someone's shoulder cannot be replayed. nullopt when nothing matches or the code is not 6 digits.
std::optional<std::int64_t> verify_totp(std::string_view secret_base32, std::string_view code, core::Timestamp now,
                                        std::optional<std::int64_t> last_accepted_step);

// otpauth://totp/Issuer:account?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30, for apps and QR codes.
std::string totp_uri(std::string_view issuer, std::string_view account, std::string_view secret_base32);

}  // namespace cong::auth
