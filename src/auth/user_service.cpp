#include "auth/user_service.hpp"

#include "core/crypto.hpp"
#include "core/text_field.hpp"
#include "auth/password.hpp"
#include "core/clock.hpp"
#include "core/vietnamese.hpp"

#include <algorithm>
#include <utility>

namespace cong::auth {
namespace {

using core::Errc;
using core::Error;

Error wrong_credentials() { return Error{Errc::Unauthorized, "Tên đăng nhập hoặc mật khẩu không đúng"}; }

Error login_taken() { return Error{Errc::Conflict, "Tên đăng nhập đã tồn tại", "login"}; }

// A hash of a random password, made once: verifying against it costs what a real check costs.
const std::string& dummy_hash() {
    static const std::string hash = hash_password(core::random_base64url(32));
    return hash;
}

core::Result<std::string> clean_display_name(std::string_view name, const std::string& login) {
    CONG_TRY(clean, core::clean_text_field(name, MAX_DISPLAY_NAME_CHARS, core::Required::No, core::LineBreaks::Refused,
                                           "display_name", "Tên hiển thị"));
    return clean.empty() ? login : clean;
}

}  // namespace

core::Result<std::string> normalize_login(std::string_view login) {
    if (login.size() < MIN_LOGIN_CHARS || login.size() > MAX_LOGIN_CHARS) {
        return Error{Errc::InvalidInput, "Tên đăng nhập phải dài từ 3 đến 64 ký tự", "login"};
    }
    std::string lower;
    lower.reserve(login.size());
    for (char c : login) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        if (!allowed) {
            return Error{Errc::InvalidInput,
                         "Tên đăng nhập chỉ được gồm chữ cái không dấu, chữ số và các ký tự . _ -", "login"};
        }
        lower.push_back(c);
    }
    return lower;
}

UserService::UserService(storage::Database& database) : database_(database) {}

core::Result<model::User> UserService::add_user(std::string login, model::Role role, std::string password,
                                                std::string display_name) {
    CONG_TRY(normalized_login, normalize_login(login));
    CONG_TRY_VOID(check_password_policy(password));
    CONG_TRY(name, clean_display_name(display_name, normalized_login));

    model::User user;
    user.login = normalized_login;
    user.display_name = std::move(name);
    user.role = role;
    user.created_at = core::now();
    // Hashing takes a tenth of a second: do it before the write transaction, which blocks other writers.
    user.password_hash = hash_password(password);

    return database_.write([&](storage::Tx& tx) -> core::Result<model::User> {
        CONG_TRY(existing, tx.users().find_user_by_login(user.login));
        if (existing) return login_taken();
        auto id = tx.users().insert_user(user);
        if (!id) return id.error().code == Errc::Conflict ? login_taken() : id.error();
        user.id = *id;
        return user;
    });
}

core::Result<model::User> UserService::authenticate_password(std::string_view login, std::string_view password) {
    auto normalized_login = normalize_login(login);
    std::optional<model::User> user;
    if (normalized_login) {
        CONG_TRY(found, database_.read([&](storage::Tx& tx) { return tx.users().find_user_by_login(*normalized_login); }));
        user = std::move(found);
    }
    // No stored password is longer than the policy allows. Over-long input still does the dummy work,
    // cut to the limit, so every failed attempt costs the same.
    if (!user || password.size() > MAX_PASSWORD_BYTES) {
        verify_password(dummy_hash(), password.substr(0, MAX_PASSWORD_BYTES));
        return wrong_credentials();
    }
    if (!verify_password(user->password_hash, password)) return wrong_credentials();
    // Said only to someone who knows the password, so it reveals nothing to a guesser.
    if (user->disabled) return Error{Errc::Unauthorized, "Tài khoản này đã bị khoá"};
    return std::move(*user);
}

core::Result<std::optional<model::User>> UserService::find_user(std::int64_t id) {
    return database_.read([&](storage::Tx& tx) { return tx.users().find_user(id); });
}

core::Result<std::optional<model::User>> UserService::find_user_by_login(std::string_view login) {
    auto normalized_login = normalize_login(login);
    if (!normalized_login) return std::optional<model::User>{};
    return database_.read([&](storage::Tx& tx) { return tx.users().find_user_by_login(*normalized_login); });
}

}  // namespace cong::auth
