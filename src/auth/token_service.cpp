#include "auth/token_service.hpp"

#include "core/crypto.hpp"
#include "core/text_field.hpp"
#include "auth/user_service.hpp"
#include "core/clock.hpp"
#include "core/log.hpp"
#include "core/vietnamese.hpp"

#include <algorithm>
#include <optional>

namespace cong::auth {
namespace {

using core::Errc;
using core::Error;

// Room for "Bearer ", a token and stray spaces; anything longer is refused unread.
constexpr std::size_t MAX_AUTHORIZATION_BYTES = 256;

Error invalid_token() { return Error{Errc::Unauthorized, "Mã truy cập API không hợp lệ"}; }

bool is_base64url_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

bool has_token_shape(std::string_view token) {
    return token.size() == TOKEN_LENGTH && token.substr(0, TOKEN_PREFIX.size()) == TOKEN_PREFIX &&
           std::all_of(token.begin() + static_cast<std::ptrdiff_t>(TOKEN_PREFIX.size()), token.end(), is_base64url_char);
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
               return lower(x) == lower(y);
           });
}


core::Result<std::string> clean_label(std::string_view label) {
    return core::clean_text_field(label, MAX_TOKEN_LABEL_CHARS, core::Required::No, core::LineBreaks::Refused, "label",
                                  "Nhãn của mã truy cập");
}

// The token of an Authorization header value, or an error saying what is wrong with the header.
core::Result<std::string_view> bearer_token(std::string_view header) {
    if (header.size() > MAX_AUTHORIZATION_BYTES) return invalid_token();
    header = core::trim(header);
    if (header.empty()) return Error{Errc::Unauthorized, "Thiếu mã truy cập API (Authorization: Bearer …)"};
    auto space = header.find_first_of(" \t");
    std::string_view scheme = header.substr(0, space);
    if (!iequals(scheme, "Bearer")) return Error{Errc::Unauthorized, "Chỉ chấp nhận mã truy cập dạng Bearer"};
    std::string_view token = space == std::string_view::npos ? std::string_view{} : core::trim(header.substr(space));
    if (token.empty()) return Error{Errc::Unauthorized, "Thiếu mã truy cập API (Authorization: Bearer …)"};
    if (!has_token_shape(token)) return invalid_token();
    return token;
}

}  // namespace

TokenService::TokenService(storage::Database& database) : database_(database) {}

core::Result<std::string> TokenService::create_token(std::string_view login, std::string label) {
    CONG_TRY(cleaned_label, clean_label(label));
    auto normalized_login = normalize_login(login);
    if (!normalized_login) return Error{Errc::NotFound, "Không tìm thấy người dùng", "login"};

    std::string token = std::string{TOKEN_PREFIX} + core::random_base64url(TOKEN_RANDOM_BYTES);
    model::ApiToken record;
    record.token_hash = core::sha256_hex(token);
    record.label = std::move(cleaned_label);
    record.created_at = core::now();

    CONG_TRY_VOID(database_.write([&](storage::Tx& tx) -> core::Result<void> {
        CONG_TRY(user, tx.users().find_user_by_login(*normalized_login));
        if (!user) return Error{Errc::NotFound, "Không tìm thấy người dùng", "login"};
        if (user->disabled) return Error{Errc::Unprocessable, "Tài khoản này đã bị khoá", "login"};
        record.user_id = user->id;
        CONG_TRY_VOID(tx.tokens().insert_token(record));
        return {};
    }));
    return token;
}

core::Result<model::User> TokenService::authenticate_bearer(std::string_view authorization_header_value) {
    CONG_TRY(token, bearer_token(authorization_header_value));
    // Tokens are found by their SHA-256: the database never holds a usable token, and an index lookup on
    // a hash reveals nothing through its timing about any stored token.
    std::string token_hash = core::sha256_hex(token);

    struct Found {
        model::ApiToken token;
        model::User user;
    };
    CONG_TRY(found, database_.read([&](storage::Tx& tx) -> core::Result<std::optional<Found>> {
        CONG_TRY(stored, tx.tokens().find_token_by_hash(token_hash));
        if (!stored) return std::optional<Found>{};
        CONG_TRY(user, tx.users().find_user(stored->user_id));
        if (!user) return std::optional<Found>{};
        return std::optional<Found>{Found{std::move(*stored), std::move(*user)}};
    }));
    if (!found) return invalid_token();
    if (found->user.disabled) return Error{Errc::Unauthorized, "Tài khoản này đã bị khoá"};

    auto now = core::now();
    if (!found->token.last_used_at || now - *found->token.last_used_at >= TOKEN_TOUCH_INTERVAL) {
        auto touched = database_.write([&](storage::Tx& tx) { return tx.tokens().touch_token(found->token.id, now); });
        // The request is authentic either way; a busy database must not turn it away for bookkeeping.
        if (!touched) {
            core::log::warn("api token last use not recorded",
                            {{"token_id", found->token.id}, {"error", touched.error().detail}});
        }
    }
    return std::move(found->user);
}

}  // namespace cong::auth
