#include "admin/session_shell.hpp"

#include "http/error_response.hpp"
#include "media/multipart.hpp"
#include "site/assets.hpp"

#include <algorithm>

namespace cong::admin {
namespace {

bool changes_state(http::Method method) {
    return method == http::Method::Post || method == http::Method::Put || method == http::Method::Patch ||
           method == http::Method::Delete;
}

bool is_page_request(const http::Request& request) {
    return request.method == http::Method::Get || request.method == http::Method::Head;
}

std::string_view content_type_of(const http::Request& request) {
    return request.header("Content-Type").value_or("");
}

bool starts_with_ci(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        auto a = text[i] >= 'A' && text[i] <= 'Z' ? static_cast<char>(text[i] - 'A' + 'a') : text[i];
        if (a != prefix[i]) return false;
    }
    return true;
}

void write_head(render::HtmlWriter& html, std::string_view title, std::string_view site_name,
                const std::vector<std::string>& scripts) {
    html.doctype();
    html.open("html", {{"lang", "vi"}});
    html.open("head");
    html.void_element("meta", {{"charset", "utf-8"}});
    html.void_element("meta", {{"name", "viewport"}, {"content", "width=device-width, initial-scale=1"}});
    html.void_element("meta", {{"name", "robots"}, {"content", "noindex, nofollow"}});
    std::string full_title = std::string(title) + " — Quản trị " + std::string(site_name);
    html.element("title", full_title);
    html.void_element("link", {{"rel", "stylesheet"}, {"href", site::asset_url("admin.css")}});
    html.void_element("link", {{"rel", "icon"}, {"href", site::asset_url("favicon.svg")}, {"type", "image/svg+xml"}});
    for (const auto& script : scripts) {
        auto url = site::asset_url(script);
        if (url.empty()) continue;
        html.open("script", {{"defer", ""}, {"src", url}});
        html.close("script");
    }
    html.close("head");
}

http::Response finish(std::string body, int status) {
    auto response = http::Response::html(std::move(body), status);
    response.cache_control = "no-store";
    return response;
}

}  // namespace

std::string_view role_label(model::Role role) {
    switch (role) {
        case model::Role::Admin:
            return "Quản trị viên";
        case model::Role::Approver:
            return "Người duyệt";
        case model::Role::Editor:
            return "Biên tập viên";
    }
    return "";
}

bool wants_json(const http::Request& request) {
    auto accept = request.header("Accept").value_or("");
    return accept.find("application/json") != std::string_view::npos;
}

std::string submitted_csrf_token(const http::Request& request) {
    if (auto header = request.header(CSRF_HEADER)) return std::string(*header);
    auto type = content_type_of(request);
    if (starts_with_ci(type, "application/x-www-form-urlencoded"))
        return http::urlencoded_value(request.body, CSRF_FIELD).value_or("");
    if (starts_with_ci(type, "multipart/form-data")) {
        auto parts = media::parse_multipart(type, request.body);
        if (!parts) return "";
        if (const auto* part = media::find_form_part(*parts, CSRF_FIELD)) return std::string(part->data);
    }
    return "";
}

std::string safe_next(std::string_view next) {
    const std::string fallback(ADMIN_PREFIX);
    // "/quan-tri" itself, or "/quan-tri/…" / "/quan-tri?…": a path of this host, never "//host" or "/\host".
    if (!next.starts_with(ADMIN_PREFIX)) return fallback;
    auto rest = next.substr(ADMIN_PREFIX.size());
    if (!rest.empty() && rest.front() != '/' && rest.front() != '?') return fallback;
    for (char c : next) {
        auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7F || c == '\\') return fallback;
    }
    if (next.find("//") != std::string_view::npos) return fallback;
    return std::string(next);
}

SessionShell::SessionShell(auth::SessionService& sessions, std::function<std::string()> site_name)
    : sessions_(sessions), site_name_(std::move(site_name)) {}

void SessionShell::add_menu_item(MenuItem item) {
    std::lock_guard lock(menu_mutex_);
    menu_.push_back(std::move(item));
}

std::vector<MenuItem> SessionShell::menu_for(model::Role role) const {
    std::lock_guard lock(menu_mutex_);
    std::vector<MenuItem> out;
    for (const auto& item : menu_)
        if (item.roles.empty() || std::find(item.roles.begin(), item.roles.end(), role) != item.roles.end())
            out.push_back(item);
    return out;
}

http::Handler SessionShell::guard(AdminHandler handler, std::vector<model::Role> roles) {
    return guard_session(
        [handler = std::move(handler)](const http::Request& request, const AdminContext& context,
                                       const auth::ActiveSession&) { return handler(request, context); },
        std::move(roles), false);
}

http::Handler SessionShell::guard_session(SessionHandler handler, std::vector<model::Role> roles,
                                          bool allow_enrolment) {
    return [this, handler = std::move(handler), roles = std::move(roles),
            allow_enrolment](const http::Request& request) -> http::Response {
        auto token = request.cookie(sessions_.session_cookie_name()).value_or("");
        auto active = sessions_.authenticate(token);
        if (!active) {
            if (active.error().code != core::Errc::Unauthorized) return http::respond_error(request, active.error());
            if (is_page_request(request) && !wants_json(request)) {
                auto response =
                    http::Response::redirect(std::string(LOGIN_PATH) + "?next=" + http::percent_encode(request.target));
                response.cache_control = "no-store";
                // A cookie that named an ended session is dropped, so the browser stops sending it.
                if (!token.empty()) response.header("Set-Cookie", sessions_.clear_session_cookie());
                return response;
            }
            return refusal(request, nullptr, 401, "unauthorized", active.error().detail);
        }
        if (active->session.second_factor_pending) {
            if (is_page_request(request) && !wants_json(request)) {
                auto response = http::Response::redirect(std::string(SECOND_FACTOR_PATH));
                response.cache_control = "no-store";
                return response;
            }
            return refusal(request, nullptr, 401, "unauthorized", "Cần nhập mã xác thực hai bước trước.");
        }
        AdminContext context{active->user, active->session.csrf_token, request.remote_address};
        if (active->must_enrol_totp() && !allow_enrolment) {
            if (is_page_request(request) && !wants_json(request)) {
                auto response = http::Response::redirect(std::string(ACCOUNT_PATH) + "#hai-buoc");
                response.cache_control = "no-store";
                return response;
            }
            return refusal(request, &context, 403, "forbidden",
                           "Tài khoản này phải bật xác thực hai bước trước khi làm việc khác.");
        }
        if (!roles.empty() && std::find(roles.begin(), roles.end(), active->user.role) == roles.end())
            return refusal(request, &context, 403, "forbidden", "Bạn không có quyền mở trang này.");
        if (changes_state(request.method) &&
            !auth::tokens_equal(submitted_csrf_token(request), active->session.csrf_token))
            return refusal(request, &context, 403, "csrf",
                           "Yêu cầu không hợp lệ (thiếu hoặc sai mã bảo vệ biểu mẫu). Hãy tải lại trang và thử lại.");
        auto response = handler(request, context, *active);
        response.cache_control = "no-store";
        return response;
    };
}

http::Response SessionShell::refusal(const http::Request& request, const AdminContext* context, int status,
                                     std::string_view code, std::string_view message) const {
    if (wants_json(request) || request.path.ends_with(".json")) {
        auto body = std::string("{\"error\":{\"code\":") + http::json_quote(code) +
                    ",\"message\":" + http::json_quote(message) + "}}";
        auto response = http::Response::json(std::move(body), status);
        response.cache_control = "no-store";
        return response;
    }
    render::HtmlWriter html;
    {
        auto section = html.scope("div", {{"class", "notice notice-error"}, {"role", "alert"}});
        html.element("h1", status == 403 ? "Không có quyền truy cập" : "Cần đăng nhập");
        html.element("p", message);
        html.open("p");
        if (context) {
            html.element("a", {{"href", ADMIN_PREFIX}}, "Về trang quản trị");
        } else {
            html.element("a", {{"href", LOGIN_PATH}}, "Đăng nhập");
        }
        html.close("p");
    }
    render::TrustedHtml main(html.take());
    auto title = status == 403 ? "Không có quyền truy cập" : "Cần đăng nhập";
    if (context) {
        AdminPage error_page;
        error_page.title = title;
        error_page.main = std::move(main);
        error_page.status = status;
        return page(*context, std::move(error_page));
    }
    return public_page(title, main, status);
}

http::Response SessionShell::page(const AdminContext& context, AdminPage admin_page) const {
    auto site_name = site_name_();
    render::HtmlWriter html;
    write_head(html, admin_page.title, site_name, admin_page.scripts);
    html.open("body", {{"class", "admin"}});
    html.element("a", {{"class", "skip-link"}, {"href", "#noi-dung"}}, "Bỏ qua, đến nội dung chính");
    {
        auto header = html.scope("header", {{"class", "admin-header"}});
        {
            auto brand = html.scope("p", {{"class", "admin-brand"}});
            html.element("a", {{"href", ADMIN_PREFIX}}, site_name);
            html.element("span", {{"class", "admin-brand-note"}}, "Quản trị");
        }
        auto account = html.scope("div", {{"class", "admin-account"}});
        html.open("p", {{"class", "admin-user"}});
        html.element("a", {{"href", ACCOUNT_PATH}},
                     context.user.display_name.empty() ? context.user.login : context.user.display_name);
        html.text(" ");
        html.element("span", {{"class", "admin-role"}}, role_label(context.user.role));
        html.close("p");
        html.open("form", {{"method", "post"}, {"action", LOGOUT_PATH}, {"class", "admin-logout"}});
        html.trusted(csrf_field(context));
        html.element("button", {{"type", "submit"}, {"class", "button button-quiet"}}, "Đăng xuất");
        html.close("form");
    }
    {
        auto menu = menu_for(context.user.role);
        auto nav = html.scope("nav", {{"class", "admin-menu"}, {"aria-label", "Trình đơn quản trị"}});
        auto list = html.scope("ul");
        for (const auto& item : menu) {
            auto entry = html.scope("li");
            bool current = item.href == admin_page.active_href;
            html.element("a", {{"href", item.href}, {"aria-current", "page", current}}, item.label);
        }
    }
    html.open("main", {{"id", "noi-dung"}, {"class", "admin-main"}, {"tabindex", "-1"}});
    if (!admin_page.flash.empty()) html.element("p", {{"class", "flash"}, {"role", "status"}}, admin_page.flash);
    html.trusted(admin_page.main);
    html.close("main");
    html.close("body");
    html.close("html");
    return finish(html.take(), admin_page.status);
}

http::Response SessionShell::public_page(std::string_view title, const render::TrustedHtml& main, int status) const {
    auto site_name = site_name_();
    render::HtmlWriter html;
    write_head(html, title, site_name, {});
    html.open("body", {{"class", "admin admin-public"}});
    html.element("a", {{"class", "skip-link"}, {"href", "#noi-dung"}}, "Bỏ qua, đến nội dung chính");
    {
        auto header = html.scope("header", {{"class", "admin-header"}});
        auto brand = html.scope("p", {{"class", "admin-brand"}});
        html.element("a", {{"href", "/"}}, site_name);
        html.element("span", {{"class", "admin-brand-note"}}, "Quản trị");
    }
    html.open("main", {{"id", "noi-dung"}, {"class", "admin-main admin-narrow"}, {"tabindex", "-1"}});
    html.trusted(main);
    html.close("main");
    html.close("body");
    html.close("html");
    return finish(html.take(), status);
}

}  // namespace cong::admin
