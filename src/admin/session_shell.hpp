// SessionShell: the real AdminShell — the signed-in account from the session cookie, the CSRF and role checks,
// and the back office's page frame.
#pragma once

#include "admin/admin_shell.hpp"
#include "auth/session_service.hpp"

#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace cong::admin {

constexpr std::string_view LOGIN_PATH = "/quan-tri/dang-nhap";
constexpr std::string_view LOGOUT_PATH = "/quan-tri/dang-xuat";
constexpr std::string_view SECOND_FACTOR_PATH = "/quan-tri/xac-thuc-hai-buoc";
constexpr std::string_view ACCOUNT_PATH = "/quan-tri/tai-khoan";

// "Quản trị viên", "Người duyệt", "Biên tập viên".
std::string_view role_label(model::Role role);

// True when the client asked for JSON (Accept: application/json): errors are then JSON, not pages.
bool wants_json(const http::Request& request);

// The CSRF token a state-changing request carries: the X-CSRF-Token header, else the form field "csrf" of an
// urlencoded or multipart body; empty when none.
std::string submitted_csrf_token(const http::Request& request);

// Only a path inside the back office is a place to go after signing in; anything else (another host,
// "//evil.example", "/\evil", a scheme) becomes the back office's start page.
std::string safe_next(std::string_view next);

// A handler that also needs the session itself (the account page: which session stays on password change).
using SessionHandler =
    std::function<http::Response(const http::Request&, const AdminContext&, const auth::ActiveSession&)>;

class SessionShell final : public AdminShell {
public:
    // site_name is asked on every page, so a renamed site shows at once.
    SessionShell(auth::SessionService& sessions, std::function<std::string()> site_name);

    http::Handler guard(AdminHandler handler, std::vector<model::Role> roles = {}) override;
    http::Response page(const AdminContext& context, AdminPage page) const override;
    void add_menu_item(MenuItem item) override;

    // guard() for handlers that need the session. allow_enrolment: still opens while the account owes a
    // TOTP enrolment an admin required (only the account page, where it is done).
    http::Handler guard_session(SessionHandler handler, std::vector<model::Role> roles, bool allow_enrolment);

    // A page outside the signed-in frame (sign-in, the TOTP code): the site name, no menu, no account.
    http::Response public_page(std::string_view title, const render::TrustedHtml& main, int status = 200) const;

    // A refusal shaped for the client: JSON {"error":{…}} when it wants JSON, else a page in the frame (when
    // context is given) or outside it.
    http::Response refusal(const http::Request& request, const AdminContext* context, int status, std::string_view code,
                           std::string_view message) const;

    // The menu entries a role sees, in the order they were added.
    std::vector<MenuItem> menu_for(model::Role role) const;

    auth::SessionService& sessions() { return sessions_; }
    std::string site_name() const { return site_name_(); }

private:
    auth::SessionService& sessions_;
    std::function<std::string()> site_name_;
    mutable std::mutex menu_mutex_;
    std::vector<MenuItem> menu_;
};

}  // namespace cong::admin
