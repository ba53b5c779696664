// Session and AccountSecurity: a signed-in browser, and the sign-in state of an account (lockout, TOTP).
#pragma once

#include "core/clock.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace cong::model {

struct Session {
    std::int64_t id = 0;
    std::int64_t user_id = 0;
    std::string token_hash;  // hex SHA-256 of the cookie token; the token itself is never stored
    std::string csrf_token;  // sent back with every state-changing request of this session
    core::Timestamp created_at{};
    core::Timestamp last_seen_at{};
    core::Timestamp expires_at{};  // absolute end, whatever the activity
    std::string ip;
    std::string user_agent;
    bool second_factor_pending = false;
};

// The parts of an account that only sign-in reads and writes.
struct AccountSecurity {
    std::int64_t user_id = 0;
    int failed_logins = 0;
    std::optional<core::Timestamp> locked_until;
    std::string totp_secret;          // base32; empty: no second factor
    std::string totp_pending_secret;  // base32, shown during enrolment, until confirmed with a code
    std::optional<std::int64_t> totp_last_step;
    bool totp_required = false;
    std::optional<core::Timestamp> password_changed_at;

    bool totp_enabled() const { return !totp_secret.empty(); }
};

}  // namespace cong::model
