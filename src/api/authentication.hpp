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

// The credentials the API accepts: a bearer token, and — when sessions is given — the session cookie of a
// signed-in back-office user together with the session's token in X-CSRF-Token (a cookie alone is sent by any
// page the browser visits, so it proves nothing).
class Credentials {
public:
    explicit Credentials(auth::TokenService& tokens, auth::SessionService* sessions = nullptr)
        : tokens_(tokens), sessions_(sessions) {}

    // The account behind "Authorization: Bearer TOKEN" or behind the session cookie plus X-CSRF-Token.
    // Unauthorized when neither is there or valid; a request with an Authorization header is judged by it alone.
    core::Result<model::User> authenticate(const http::Request& request) const;

    // A route gate (http::Gate): the 401 answer for a request without valid credentials, before its body is read.
    std::optional<http::Response> refuse_unauthenticated(const http::Request& request) const;

private:
    auth::TokenService& tokens_;
    auth::SessionService* sessions_;
};

}  // namespace cong::api
