#include "admin/account_form.hpp"
#include "admin/account_routes.hpp"

#include "core/crypto.hpp"
#include "http/error_response.hpp"

namespace cong::admin {
namespace {

// Sign-in forms are small; anything bigger is not one.
constexpr std::size_t MAX_LOGIN_BODY_BYTES = 8 * 1024;
// The pre-session CSRF value is core::random_base64url(32): 43 characters.
constexpr std::size_t LOGIN_CSRF_CHARS = 43;

std::string form_value(const http::Request& request, std::string_view name) {
    return http::urlencoded_value(request.body, name).value_or("");
}

struct LoginForm {
    std::string login;
    std::string next;
    std::string csrf;
    const core::Error* error = nullptr;
};

render::TrustedHtml login_form(const LoginForm& form) {
    render::HtmlWriter html;
    html.element("h1", "Đăng nhập");
    write_form_error(html, form.error, false);
    html.open("form", {{"method", "post"}, {"action", LOGIN_PATH}, {"novalidate", ""}});
    html.void_element("input", {{"type", "hidden"}, {"name", CSRF_FIELD}, {"value", form.csrf}});
    html.void_element("input", {{"type", "hidden"}, {"name", "next"}, {"value", form.next}});
    write_field(html, {.name = "login",
                       .label = "Tên đăng nhập",
                       .value = form.login,
                       .autocomplete = "username",
                       .required = true,
                       .autofocus = form.login.empty(),
                       .maxlength = 64});
    write_field(html, {.name = "password",
                       .label = "Mật khẩu",
                       .type = "password",
                       .autocomplete = "current-password",
                       .required = true,
                       .autofocus = !form.login.empty(),
                       .maxlength = 1024});
    html.open("div", {{"class", "form-actions"}});
    html.element("button", {{"type", "submit"}}, "Đăng nhập");
    html.close("div");
    html.close("form");
    return render::TrustedHtml(html.take());
}

// The login form's CSRF value: the browser's cookie when it holds one of ours, else a new one.
std::string login_csrf_value(const http::Request& request, const auth::SessionService& sessions) {
    auto cookie = request.cookie(sessions.login_csrf_cookie_name());
    if (cookie && cookie->size() == LOGIN_CSRF_CHARS) return *cookie;
    return core::random_base64url(32);
}

http::Response show_login_form(SessionShell& shell, const http::Request& request, LoginForm form, int status) {
    auto& sessions = shell.sessions();
    form.csrf = login_csrf_value(request, sessions);
    auto response = shell.public_page("Đăng nhập", login_form(form), status);
    response.header("Set-Cookie", sessions.login_csrf_cookie(form.csrf));
    return response;
}

render::TrustedHtml second_factor_form(const core::Error* error, std::string_view csrf, std::string_view next) {
    render::HtmlWriter html;
    html.element("h1", "Xác thực hai bước");
    html.element("p", "Mở ứng dụng xác thực trên điện thoại và nhập mã 6 chữ số đang hiển thị cho tài khoản này.");
    write_form_error(html, error, true);
    html.open("form", {{"method", "post"}, {"action", SECOND_FACTOR_PATH}});
    html.void_element("input", {{"type", "hidden"}, {"name", CSRF_FIELD}, {"value", csrf}});
    html.void_element("input", {{"type", "hidden"}, {"name", "next"}, {"value", next}});
    write_field(html, {.name = "code",
                       .label = "Mã xác thực",
                       .autocomplete = "one-time-code",
                       .error = field_error(error, "code"),
                       .required = true,
                       .autofocus = true,
                       .inputmode = "numeric",
                       .pattern = "[0-9 ]{6,7}",
                       .maxlength = 7});
    html.open("div", {{"class", "form-actions"}});
    html.element("button", {{"type", "submit"}}, "Xác nhận");
    html.close("div");
    html.close("form");
    html.open("form", {{"method", "post"}, {"action", LOGOUT_PATH}});
    html.void_element("input", {{"type", "hidden"}, {"name", CSRF_FIELD}, {"value", csrf}});
    html.element("button", {{"type", "submit"}, {"class", "button button-quiet"}}, "Huỷ và đăng xuất");
    html.close("form");
    return render::TrustedHtml(html.take());
}

http::Response see_other(std::string location) {
    auto response = http::Response::redirect(std::move(location));
    response.cache_control = "no-store";
    return response;
}

}  // namespace

void add_login_routes(http::Router& router, SessionShell& shell) {
    http::RouteOptions small_form{.max_body_bytes = MAX_LOGIN_BODY_BYTES};

    router.get(std::string(LOGIN_PATH), [&shell](const http::Request& request) {
        auto& sessions = shell.sessions();
        auto next = safe_next(request.query_param("next").value_or(""));
        auto token = request.cookie(sessions.session_cookie_name()).value_or("");
        if (!token.empty()) {
            if (auto active = sessions.authenticate(token); active && !active->session.second_factor_pending)
                return see_other(next);
        }
        return show_login_form(shell, request, LoginForm{.next = next}, 200);
    });

    router.post(
        std::string(LOGIN_PATH),
        [&shell](const http::Request& request) {
            auto& sessions = shell.sessions();
            LoginForm form{.login = form_value(request, "login"), .next = safe_next(form_value(request, "next"))};
            auto cookie = request.cookie(sessions.login_csrf_cookie_name()).value_or("");
            if (!auth::tokens_equal(cookie, form_value(request, CSRF_FIELD))) {
                core::Error expired{core::Errc::Forbidden,
                                    "Biểu mẫu đăng nhập đã hết hạn hoặc không hợp lệ. Vui lòng đăng nhập lại."};
                form.error = &expired;
                return show_login_form(shell, request, form, 403);
            }
            auth::LoginAttempt attempt{form.login, form_value(request, "password"), request.remote_address,
                                       std::string(request.header("User-Agent").value_or("")),
                                       request.cookie(sessions.session_cookie_name()).value_or("")};
            auto created = sessions.login(attempt);
            if (!created) {
                auto code = created.error().code;
                if (code != core::Errc::Unauthorized && code != core::Errc::TooManyRequests &&
                    code != core::Errc::InvalidInput)
                    return http::respond_error(request, created.error());
                auto error = created.error();
                form.error = &error;
                if (code != core::Errc::TooManyRequests) return show_login_form(shell, request, form, 401);
                auto refused = show_login_form(shell, request, form, 429);
                // Scripts and proxies learn when to try again: at most when the lockout ends.
                refused.header(
                    "Retry-After",
                    std::to_string(
                        std::chrono::duration_cast<std::chrono::seconds>(sessions.limits().lockout).count()));
                return refused;
            }
            auto response = see_other(created->session.second_factor_pending
                                          ? std::string(SECOND_FACTOR_PATH) + "?next=" + http::percent_encode(form.next)
                                          : form.next);
            response.header("Set-Cookie", sessions.session_cookie(created->token));
            // The pre-session value has done its work; the session has its own token from now on.
            response.header("Set-Cookie", sessions.login_csrf_cookie_name() +
                                              "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" +
                                              (sessions.limits().secure_cookies ? "; Secure" : ""));
            return response;
        },
        small_form);

    router.post(
        std::string(LOGOUT_PATH),
        [&shell](const http::Request& request) {
            auto& sessions = shell.sessions();
            auto token = request.cookie(sessions.session_cookie_name()).value_or("");
            auto active = sessions.authenticate(token);
            if (active) {
                // Signing out is a change too: a page elsewhere must not be able to sign someone out.
                if (!auth::tokens_equal(submitted_csrf_token(request), active->session.csrf_token))
                    return shell.refusal(request, nullptr, 403, "csrf",
                                         "Yêu cầu không hợp lệ (thiếu hoặc sai mã bảo vệ biểu mẫu).");
                if (auto ended = sessions.logout(token, request.remote_address); !ended)
                    return http::respond_error(request, ended.error());
            }
            auto response = see_other(std::string(LOGIN_PATH));
            response.header("Set-Cookie", sessions.clear_session_cookie());
            return response;
        },
        small_form);

    router.get(std::string(SECOND_FACTOR_PATH), [&shell](const http::Request& request) {
        auto& sessions = shell.sessions();
        auto active = sessions.authenticate(request.cookie(sessions.session_cookie_name()).value_or(""));
        if (!active) return see_other(std::string(LOGIN_PATH));
        if (!active->session.second_factor_pending) return see_other(std::string(ADMIN_PREFIX));
        auto next = safe_next(request.query_param("next").value_or(""));
        return shell.public_page("Xác thực hai bước", second_factor_form(nullptr, active->session.csrf_token, next));
    });

    router.post(
        std::string(SECOND_FACTOR_PATH),
        [&shell](const http::Request& request) {
            auto& sessions = shell.sessions();
            auto token = request.cookie(sessions.session_cookie_name()).value_or("");
            auto active = sessions.authenticate(token);
            if (!active) return see_other(std::string(LOGIN_PATH));
            if (!auth::tokens_equal(submitted_csrf_token(request), active->session.csrf_token))
                return shell.refusal(request, nullptr, 403, "csrf",
                                     "Yêu cầu không hợp lệ (thiếu hoặc sai mã bảo vệ biểu mẫu).");
            auto verified = sessions.verify_second_factor(token, form_value(request, "code"), request.remote_address);
            if (!verified) {
                auto code = verified.error().code;
                if (code == core::Errc::TooManyRequests) {
                    auto error = verified.error();
                    LoginForm form;
                    form.error = &error;
                    auto response = show_login_form(shell, request, form, 429);
                    response.header("Set-Cookie", sessions.clear_session_cookie());
                    return response;
                }
                if (code != core::Errc::Unauthorized) return http::respond_error(request, verified.error());
                auto error = verified.error();
                return shell.public_page(
                    "Xác thực hai bước",
                    second_factor_form(&error, active->session.csrf_token, safe_next(form_value(request, "next"))),
                    401);
            }
            return see_other(safe_next(form_value(request, "next")));
        },
        small_form);
}

}  // namespace cong::admin
