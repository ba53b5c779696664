#include "admin/test_shell.hpp"

#include <gtest/gtest.h>

namespace cong::admin::testing {

http::Handler TestShell::guard(AdminHandler handler, std::vector<model::Role>) {
    return [this, handler](const http::Request& request) { return handler(request, context); };
}

http::Response TestShell::page(const AdminContext&, AdminPage page) const {
    std::string body = "<title>" + page.title + "</title><div class=flash>" + page.flash + "</div>" + page.main.markup();
    for (const auto& script : page.scripts) body += "<script src=\"" + script + "\"></script>";
    return http::Response::html(std::move(body), page.status);
}

http::Response dispatch(const http::Router& router, http::Method method, const std::string& target, std::string body,
                        std::vector<http::Header> headers) {
    http::Request request;
    request.method = method;
    request.target = target;
    auto query = target.find('?');
    request.path = target.substr(0, query);
    if (query != std::string::npos) request.query = target.substr(query + 1);
    request.body = std::move(body);
    request.headers = std::move(headers);
    if (method == http::Method::Post && request.header("Content-Type") == std::nullopt)
        request.headers.push_back({"Content-Type", "application/x-www-form-urlencoded"});
    auto match = router.match(method, request.path);
    EXPECT_NE(match.handler, nullptr) << target;
    if (!match.handler) return http::Response::text("no route", 404);
    request.path_params = match.params;
    return (*match.handler)(request);
}

}  // namespace cong::admin::testing
