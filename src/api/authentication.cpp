#include "api/authentication.hpp"

#include "api/json_io.hpp"

#include <atomic>

namespace cong::api {
namespace {

// Set once at start-up, read by every I/O thread.
std::atomic<auth::SessionService*> session_cookies{nullptr};

core::Result<model::User> authenticate_session(auth::SessionService& sessions, const http::Request& request,
                                               const std::string& token) {
    auto active = sessions.authenticate(token);
    if (!active) return active.error();
    auto csrf = request.header("X-CSRF-Token");
    if (!csrf || !auth::tokens_equal(*csrf, active->session.csrf_token))
        return core::Error{core::Errc::Unauthorized,
                           "Cần mã truy cập: Authorization: Bearer <token>, hoặc phiên đăng nhập kèm X-CSRF-Token"};
    if (active->session.second_factor_pending)
        return core::Error{core::Errc::Unauthorized, "Cần nhập mã xác thực hai bước trước"};
    if (active->must_enrol_totp())
        return core::Error{core::Errc::Forbidden, "Tài khoản này phải bật xác thực hai bước trước"};
    return std::move(active->user);
}

}  // namespace

void accept_session_cookies(auth::SessionService* sessions) {
    session_cookies.store(sessions);
}

core::Result<model::User> authenticate(auth::TokenService& tokens, const http::Request& request) {
    if (auto header = request.header("Authorization")) return tokens.authenticate_bearer(*header);
    if (auto* sessions = session_cookies.load()) {
        if (auto cookie = request.cookie(sessions->session_cookie_name()); cookie && !cookie->empty())
            return authenticate_session(*sessions, request, *cookie);
    }
    return core::Error{core::Errc::Unauthorized, "Cần mã truy cập: Authorization: Bearer <token>"};
}

std::optional<http::Response> refuse_unauthenticated(auth::TokenService& tokens, const http::Request& request) {
    auto user = authenticate(tokens, request);
    if (!user) return error_response(request, user.error());
    return std::nullopt;
}

}  // namespace cong::api
