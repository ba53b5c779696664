// Account routes: signing in and out, the TOTP step, the start page, the account page, the users admin and
// the audit log — the back office's accounts slice.
#pragma once

#include "admin/session_shell.hpp"
#include "auth/session_service.hpp"
#include "auth/user_service.hpp"
#include "http/router.hpp"
#include "storage/database.hpp"

namespace cong::admin {

// GET/POST /quan-tri/dang-nhap, POST /quan-tri/dang-xuat, GET/POST /quan-tri/xac-thuc-hai-buoc: the pages before
// a session exists or is complete (part of add_account_admin_routes).
void add_login_routes(http::Router& router, SessionShell& shell);

// GET/POST /quan-tri/dang-nhap, POST /quan-tri/dang-xuat, GET/POST /quan-tri/xac-thuc-hai-buoc, GET /quan-tri,
// GET /quan-tri/tai-khoan and its POSTs (mat-khau, dang-xuat-tat-ca, hai-buoc/bat-dau, hai-buoc/xac-nhan,
// hai-buoc/tat). Adds the "Tổng quan" and "Tài khoản" menu entries.
void add_account_admin_routes(http::Router& router, SessionShell& shell);

// GET /quan-tri/nguoi-dung and its POSTs (them, {id}/vai-tro, {id}/trang-thai, {id}/mat-khau, {id}/hai-buoc):
// admins only. Adds the "Người dùng" menu entry.
void add_user_admin_routes(http::Router& router, SessionShell& shell, auth::UserService& users,
                           storage::Database& database);

// GET /quan-tri/nhat-ky?tai-khoan=&hanh-dong=&doi-tuong=&ma=&tu=&den=&trang=: admins only. Adds "Nhật ký".
void add_audit_admin_routes(http::Router& router, SessionShell& shell, storage::Database& database);

}  // namespace cong::admin
