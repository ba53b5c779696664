// Article pages of the back office: the list with its filters, the edit form with autosave and the workflow
// buttons, the preview drawn by the public page's own code, and the revisions (view, compare, restore).
#pragma once

#include "admin/admin_shell.hpp"
#include "content/article_service.hpp"
#include "http/router.hpp"

#include <functional>

namespace cong::admin {

// The form posts a whole document as text; percent-encoding can triple its size.
constexpr std::size_t MAX_ARTICLE_FORM_BYTES = 4 * 1024 * 1024;

struct ArticlePages {
    AdminShell& shell;
    content::ArticleService& articles;
    std::function<core::Timestamp()> clock = core::now;
    // The plans the editor offers for a "target summary" block (admin::summary_plans_json); none: no button.
    std::function<std::string()> summary_plans;

    // GET /quan-tri/bai-viet?trang-thai=&chuyen-muc=&cua-toi=1&q=&trang=
    http::Response show_list(const http::Request& request, const AdminContext& context);
    // GET /quan-tri/bai-viet/moi, GET /quan-tri/bai-viet/{id}
    http::Response show_form(const http::Request& request, const AdminContext& context);
    // POST /quan-tri/bai-viet/moi, POST /quan-tri/bai-viet/{id}: a button's action, or an autosave answered
    // in JSON {"id", "saved_at", "edit_url"} when the client accepts JSON.
    http::Response save(const http::Request& request, const AdminContext& context);
    // GET /quan-tri/bai-viet/{id}/xem-truoc
    http::Response show_preview(const http::Request& request, const AdminContext& context);
    // GET /quan-tri/bai-viet/{id}/phien-ban (?a=&b= compares two)
    http::Response show_revisions(const http::Request& request, const AdminContext& context);
    // GET /quan-tri/bai-viet/{id}/phien-ban/{number}
    http::Response show_revision(const http::Request& request, const AdminContext& context);
    // POST /quan-tri/bai-viet/{id}/phien-ban/{number}/khoi-phuc
    http::Response restore_revision(const http::Request& request, const AdminContext& context);

private:
    http::Response error_page(const http::Request& request, const AdminContext& context, const core::Error& error);
};

// Adds the routes above (every role) and the menu entry "Bài viết". The pages live as long as the router.
void add_article_admin_routes(http::Router& router, AdminShell& shell, content::ArticleService& articles,
                              std::function<std::string()> summary_plans = {});

}  // namespace cong::admin
