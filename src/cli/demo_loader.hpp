// Demo content: a plausible district portal (categories, articles, generated photos) for trying Cổng out.
#pragma once

#include "core/config.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

#include <cstdint>
#include <string>

namespace cong::cli {

struct DemoSummary {
    int categories = 0;
    int articles = 0;
    int photos = 0;
    std::string admin_login;
    std::string admin_password;  // generated; shown once
    // The other demo accounts, to try the editorial workflow: an approver ("duyet") and an editor ("bientap").
    std::string approver_login;
    std::string approver_password;
    std::string editor_login;
    std::string editor_password;
};

// Loads src/cli/demo/demo_content.json (embedded in the binary) into an empty site.
// Conflict when the site already has categories, so a second `init --demo` changes nothing.
core::Result<DemoSummary> load_demo_content(storage::Database& db, const core::Config& config, std::int64_t site_id);

}  // namespace cong::cli
