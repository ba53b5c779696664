// OCOP pages of the back office: the product catalogue, and the form that creates or edits a product (its
// stars, producer, commune, group, year, description and photos from the library). Approvers and admins only.
#pragma once

#include "admin/admin_shell.hpp"
#include "http/router.hpp"
#include "targets/ntm_service.hpp"
#include "targets/ocop_service.hpp"

#include <cstddef>
#include <string_view>

namespace cong::admin {

constexpr std::string_view OCOP_PATH = "/quan-tri/ocop";
constexpr std::string_view OCOP_NEW_PATH = "/quan-tri/ocop/moi";
// The product form: short texts, a description of a few thousand characters and a token, percent-encoded.
constexpr std::size_t MAX_OCOP_FORM_BYTES = 64 * 1024;

struct OcopPages {
    AdminShell& shell;
    targets::OcopService& ocop;
    targets::NtmService& ntm;  // the communes a product may belong to

    // GET /quan-tri/ocop — every product, most stars first, with a link to edit it.
    http::Response show_list(const http::Request& request, const AdminContext& context);
    // GET /quan-tri/ocop/moi — the empty form.
    http::Response show_new(const http::Request& request, const AdminContext& context);
    // POST /quan-tri/ocop/moi — 303 to the new product's form, or the form again with the error (400/409).
    http::Response create(const http::Request& request, const AdminContext& context);
    // GET /quan-tri/ocop/{id}
    http::Response show_edit(const http::Request& request, const AdminContext& context);
    // POST /quan-tri/ocop/{id} — 303 back to the form ("Đã lưu."), or the form with the error.
    http::Response save(const http::Request& request, const AdminContext& context);
};

// Registers the pages above, guarded for approvers and administrators, and their menu entry.
void add_ocop_admin_routes(http::Router& router, AdminShell& shell, targets::OcopService& ocop,
                           targets::NtmService& ntm);

}  // namespace cong::admin
