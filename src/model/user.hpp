// User and ApiToken: back-office accounts, their roles, and bearer tokens for the JSON API.
#pragma once

#include "core/clock.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cong::model {

// admin: users and settings; approver: reviews and publishes; editor: writes and submits own articles.
enum class Role { Admin, Approver, Editor };

std::string_view to_string(Role role);  // "admin", "approver", "editor"
std::optional<Role> parse_role(std::string_view text);

struct User {
    std::int64_t id = 0;
    std::string login;
    std::string display_name;
    std::string password_hash;  // argon2id, libsodium's encoded form
    Role role = Role::Editor;
    bool disabled = false;
    core::Timestamp created_at{};
};

struct ApiToken {
    std::int64_t id = 0;
    std::int64_t user_id = 0;
    std::string token_hash;  // hex SHA-256 of the token; the token itself is never stored
    std::string label;
    core::Timestamp created_at{};
    std::optional<core::Timestamp> last_used_at;
};

}  // namespace cong::model
