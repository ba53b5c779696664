// Test shell: a stand-in AdminShell for the back-office pages' unit tests — every handler runs as the account
// the test chose (the session, CSRF and role checks are SessionShell's, tested with it), and pages are framed
// as their bare content.
#pragma once

#include "admin/admin_shell.hpp"
#include "http/router.hpp"

#include <string>
#include <vector>

namespace cong::admin::testing {

class TestShell final : public AdminShell {
public:
    AdminContext context;
    std::vector<MenuItem> menu;

    http::Handler guard(AdminHandler handler, std::vector<model::Role> roles = {}) override;
    // <title>, the flash line, the page's markup and its scripts as <script src>.
    http::Response page(const AdminContext& context, AdminPage page) const override;
    void add_menu_item(MenuItem item) override { menu.push_back(std::move(item)); }
};

// Runs a request through router as the server would after reading it: target split into path and query, the
// route's parameters filled, a form Content-Type on a POST that names none. A target with no route fails the test.
http::Response dispatch(const http::Router& router, http::Method method, const std::string& target,
                        std::string body = {}, std::vector<http::Header> headers = {});

}  // namespace cong::admin::testing
