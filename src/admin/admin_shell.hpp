// Admin shell: what every back-office page shares — the signed-in account behind the session cookie, the
// CSRF check on every state-changing request, the role check, and the page frame with its menu.
#pragma once

#include "http/message.hpp"
#include "http/router.hpp"
#include "model/user.hpp"
#include "render/html_writer.hpp"

#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace cong::admin {

// Every back-office address starts here.
constexpr std::string_view ADMIN_PREFIX = "/quan-tri";
// The name of the form field and of the request header that carry the session's CSRF token.
constexpr std::string_view CSRF_FIELD = "csrf";
constexpr std::string_view CSRF_HEADER = "X-CSRF-Token";

// The request as the back office sees it, after the shell checked the session (and, for POST/PUT/DELETE,
// the CSRF token).
struct AdminContext {
    model::User user;
    std::string csrf_token;  // put into every form with csrf_field(), sent by admin JS as X-CSRF-Token
    std::string ip;          // the client's address, for the audit log
};

using AdminHandler = std::function<http::Response(const http::Request&, const AdminContext&)>;

// One entry of the admin menu; shown only to the roles listed (empty: every role).
struct MenuItem {
    std::string label;  // "Bài viết"
    std::string href;   // "/quan-tri/bai-viet"
    std::vector<model::Role> roles;
};

// A page's content inside the frame: the frame writes <head>, the header with the account and the menu,
// and the skip link; `main` is the page's own markup (written with HtmlWriter, so text is escaped).
struct AdminPage {
    std::string title;        // "Sửa bài viết" — also the <title>, followed by the site name
    std::string active_href;  // the menu entry to mark as current
    render::TrustedHtml main{""};
    std::vector<std::string> scripts;  // asset names from site::assets ("admin-editor.js"): deferred, same-origin
    std::string flash;                 // a one-line notice above the content ("Đã lưu."), escaped
    int status = 200;
};

// <input type="hidden" name="csrf" value="…">: every <form method="post"> of the back office has one.
render::TrustedHtml csrf_field(const AdminContext& context);

class AdminShell {
public:
    virtual ~AdminShell() = default;

    // Wraps a back-office handler:
    // - no valid session → GET: 303 to the login page with ?next=<this address>; other methods: 401;
    // - a session that still owes its second factor → 303 to the TOTP page;
    // - a role not in roles (empty: any role) → 403 page "Bạn không có quyền…";
    // - POST/PUT/PATCH/DELETE without the session's CSRF token (form field or header) → 403;
    // - otherwise calls handler. Responses are never cached (Cache-Control: no-store).
    virtual http::Handler guard(AdminHandler handler, std::vector<model::Role> roles = {}) = 0;

    // The whole HTML document of a back-office page.
    virtual http::Response page(const AdminContext& context, AdminPage page) const = 0;

    // Adds an entry to the menu (each feature adds its own when its routes are added).
    virtual void add_menu_item(MenuItem item) = 0;
};

}  // namespace cong::admin
