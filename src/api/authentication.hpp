// Bearer authentication for the JSON API: one reading of the Authorization header for every handler.
#pragma once

#include "auth/token_service.hpp"
#include "core/result.hpp"
#include "http/message.hpp"
#include "model/user.hpp"

#include <optional>

namespace cong::api {

// The account behind "Authorization: Bearer TOKEN"; Unauthorized when the header is missing or wrong.
core::Result<model::User> authenticate(auth::TokenService& tokens, const http::Request& request);

// A route gate (http::Gate): the 401 answer for a request without a valid token, before its body is read.
std::optional<http::Response> refuse_unauthenticated(auth::TokenService& tokens, const http::Request& request);

}  // namespace cong::api
