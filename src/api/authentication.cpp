#include "api/authentication.hpp"

#include "api/json_io.hpp"

namespace cong::api {
namespace {

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

core::Result<model::User> Credentials::authenticate(const http::Request& request) const {
    if (auto header = request.header("Authorization")) return tokens_.authenticate_bearer(*header);
    if (sessions_) {
        if (auto cookie = request.cookie(sessions_->session_cookie_name()); cookie && !cookie->empty())
            return authenticate_session(*sessions_, request, *cookie);
    }
    return core::Error{core::Errc::Unauthorized, "Cần mã truy cập: Authorization: Bearer <token>"};
}

std::optional<http::Response> Credentials::refuse_unauthenticated(const http::Request& request) const {
    auto user = authenticate(request);
    if (!user) return error_response(request, user.error());
    return std::nullopt;
}

}  // namespace cong::api
