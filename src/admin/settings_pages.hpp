// Settings pages: the site's name, slogan, logo, colours and footer, and the category tree that is the public
// menu — edited by admins, effective at once (the services tell the page cache).
#pragma once

#include "admin/admin_shell.hpp"
#include "content/category_service.hpp"
#include "core/change_listener.hpp"
#include "http/router.hpp"
#include "storage/database.hpp"

#include <cstdint>

namespace cong::admin {

constexpr std::string_view SETTINGS_PATH = "/quan-tri/cai-dat";
constexpr std::string_view CATEGORIES_PATH = "/quan-tri/chuyen-muc";

// GET/POST /quan-tri/cai-dat; GET/POST /quan-tri/chuyen-muc (list, create); GET/POST /quan-tri/chuyen-muc/{id}
// (edit); POST /quan-tri/chuyen-muc/{id}/len and /xuong (menu order). Admins only. Adds the menu entries
// "Cài đặt" and "Chuyên mục". listener (may be null) is told when the site changes; categories has its own.
void add_settings_admin_routes(http::Router& router, AdminShell& shell, storage::Database& db,
                               content::CategoryService& categories, std::int64_t site_id,
                               core::ChangeListener* listener);

}  // namespace cong::admin
