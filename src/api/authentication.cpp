#include "api/authentication.hpp"

#include "api/json_io.hpp"

namespace cong::api {

core::Result<model::User> authenticate(auth::TokenService& tokens, const http::Request& request) {
    auto header = request.header("Authorization");
    if (!header) return core::Error{core::Errc::Unauthorized, "Cần mã truy cập: Authorization: Bearer <token>"};
    return tokens.authenticate_bearer(*header);
}

std::optional<http::Response> refuse_unauthenticated(auth::TokenService& tokens, const http::Request& request) {
    auto user = authenticate(tokens, request);
    if (!user) return error_response(request, user.error());
    return std::nullopt;
}

}  // namespace cong::api
