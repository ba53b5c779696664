// UserService: back-office accounts — creating them and checking their passwords.
#pragma once

#include "core/result.hpp"
#include "model/user.hpp"
#include "storage/database.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cong::auth {

constexpr std::size_t MIN_LOGIN_CHARS = 3;
constexpr std::size_t MAX_LOGIN_CHARS = 64;
constexpr std::size_t MAX_DISPLAY_NAME_CHARS = 100;

// login in lower case when it is 3–64 characters of [a-z0-9._-] (upper-case ASCII letters are folded);
// InvalidInput (field "login") otherwise.
core::Result<std::string> normalize_login(std::string_view login);

class UserService {
public:
    explicit UserService(storage::Database& database);

    // Creates an account. InvalidInput for a bad login, password or display name; Conflict
    // ("Tên đăng nhập đã tồn tại") when the login is taken. An empty display name becomes the login.
    core::Result<model::User> add_user(std::string login, model::Role role, std::string password,
                                       std::string display_name);

    // The account for login and password. Unauthorized for an unknown login, a wrong password or a disabled
    // account; an unknown login costs the same argon2id work as a known one, so timing does not reveal
    // which logins exist.
    core::Result<model::User> authenticate_password(std::string_view login, std::string_view password);

    core::Result<std::optional<model::User>> find_user(std::int64_t id);
    core::Result<std::optional<model::User>> find_user_by_login(std::string_view login);

private:
    storage::Database& database_;
};

}  // namespace cong::auth
