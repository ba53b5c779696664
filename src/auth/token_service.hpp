// TokenService: API bearer tokens — issued once to a user, afterwards known only by their hash.
#pragma once

#include "core/result.hpp"
#include "model/user.hpp"
#include "storage/database.hpp"

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace cong::auth {

// "cong_" then 32 random bytes in base64url: 256 bits no one can guess, and a prefix that secret scanners
// and people can recognise in a leaked config file.
constexpr std::string_view TOKEN_PREFIX = "cong_";
constexpr std::size_t TOKEN_RANDOM_BYTES = 32;
constexpr std::size_t TOKEN_LENGTH = 5 + 43;
constexpr std::size_t MAX_TOKEN_LABEL_CHARS = 100;
// last_used_at is for people ("used today?"); writing it on every request would serialise all API calls.
constexpr std::chrono::seconds TOKEN_TOUCH_INTERVAL{60};

class TokenService {
public:
    explicit TokenService(storage::Database& database);

    // Issues a token for the user with login and returns it; this is the only time it is ever visible.
    // NotFound for an unknown login, Unprocessable for a disabled account, InvalidInput for a bad label.
    core::Result<std::string> create_token(std::string_view login, std::string label);

    // The user behind an `Authorization` header value "Bearer <token>" (scheme in any case). Unauthorized
    // for a missing, malformed, unknown or revoked token and for a disabled account; the token's shape is
    // checked before the database is asked anything.
    core::Result<model::User> authenticate_bearer(std::string_view authorization_header_value);

private:
    storage::Database& database_;
};

}  // namespace cong::auth
