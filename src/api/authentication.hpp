// API authentication: one reading of the credentials for every handler — a bearer token, or the back office's
// session cookie together with its X-CSRF-Token header (the admin pages' scripts call the API that way).
#pragma once

#include "auth/session_service.hpp"
#include "auth/token_service.hpp"
#include "core/result.hpp"
#include "http/message.hpp"
#include "model/user.hpp"

#include <optional>

namespace cong::api {

// Lets the API accept the session cookie of signed-in back-office users, when the request also carries the
// session's token in X-CSRF-Token (a cookie alone is sent by any page the browser visits, so it proves
// nothing). The composition root calls it once before serving; nullptr (the default) accepts bearer tokens only.
void accept_session_cookies(auth::SessionService* sessions);

// The account behind "Authorization: Bearer TOKEN" or behind the session cookie plus X-CSRF-Token.
// Unauthorized when neither is there or valid; a request with an Authorization header is judged by it alone.
core::Result<model::User> authenticate(auth::TokenService& tokens, const http::Request& request);

// A route gate (http::Gate): the 401 answer for a request without valid credentials, before its body is read.
std::optional<http::Response> refuse_unauthenticated(auth::TokenService& tokens, const http::Request& request);

}  // namespace cong::api
