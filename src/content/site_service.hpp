// Sites: the portals one installation serves. Until host-based routing arrives, everything is the default site.
#pragma once

#include "audit/audit_log.hpp"
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
// Colours are "#rrggbb" (any case, stored lower case) or empty for the built-in ones; the logo, when set,
// must be a photo of this site's media library.
// A listener, when given, is told after the commit: the site's name and footer are on every page.
core::Result<void> update_site(storage::Database& db, const model::Site& site,
                               core::ChangeListener* listener = nullptr);
// The same change made by a person in the back office: recorded as "site.update" in the same transaction.
core::Result<void> update_site(storage::Database& db, const model::Site& site, const audit::Actor& actor,
                               core::ChangeListener* listener = nullptr);

// "#1A5C9E" → "#1a5c9e"; "" stays ""; anything else is InvalidInput naming field.
core::Result<std::string> normalise_colour(std::string_view input, const char* field, const char* label);

// The built-in colours of assets/site.css (--red, --gold), used where a site sets none.
constexpr std::string_view DEFAULT_PRIMARY_COLOUR = "#9b111e";
constexpr std::string_view DEFAULT_ACCENT_COLOUR = "#ffd966";
// White text sits on the primary colour (banner, menu, footer) and primary-coloured text on white (links,
// headings); the accent colour is text on the primary one (slogan, current menu entry). WCAG AA asks 4.5:1.
constexpr double MIN_TEXT_CONTRAST = 4.5;

// The WCAG 2.1 contrast ratio of two "#rrggbb" colours, from 1 (same) to 21 (black on white).
double contrast_ratio(std::string_view colour_a, std::string_view colour_b);
core::Result<model::Site> find_site(storage::Database& db, std::int64_t site_id);

}  // namespace cong::content
