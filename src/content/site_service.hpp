// Sites: the portals one installation serves. Until host-based routing arrives, everything is the default site.
#pragma once

#include "core/change_listener.hpp"
#include "core/result.hpp"
#include "model/site.hpp"
#include "storage/database.hpp"

#include <cstdint>

namespace cong::content {

// The first site, created with neutral defaults when the database has none. Returns its id.
core::Result<std::int64_t> ensure_default_site(storage::Database& db);
// The id of the default site; NotFound when `cong init` has not run.
core::Result<std::int64_t> default_site_id(storage::Database& db);

// Changes a site's name, slogan and the owner details shown in the footer (checked like any editor input).
// The host must be a plain DNS name (or empty for the default site); it is stored in lower case.
// A listener, when given, is told after the commit: the site's name and footer are on every page.
core::Result<void> update_site(storage::Database& db, const model::Site& site,
                               core::ChangeListener* listener = nullptr);
core::Result<model::Site> find_site(storage::Database& db, std::int64_t site_id);

}  // namespace cong::content
