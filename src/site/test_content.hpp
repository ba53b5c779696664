// Test content: hand-built published content shaped like the seed page of Thọ Xuân, for view tests (no database).
#pragma once

#include "content/published_content.hpp"
#include "core/clock.hpp"

#include <string>

namespace cong::site::fixtures {

// Thursday 26/11/2026, 10:00 in Vietnam: the fixed "now" of every view test, so output is stable.
core::Timestamp fixed_now();

// The Thọ Xuân portal with a menu: "Tin tức" (with two children) and "Chiến lược - Định Hướng - Quy hoạch".
content::SiteFrame seed_frame();

// The seed article: title, lead, eight photos with their captions, the 38-target summary, byline and source.
content::ArticleContent seed_article();

// An article summary for lists; id also picks its slug and date.
content::ArticleSummary summary(std::int64_t id, const std::string& title, bool with_cover);

// A photo as the media library keeps it; the hash is derived from id.
model::Media photo(std::int64_t id, const std::string& original_name, const std::string& caption);

// The text of a file under the source tree (CONG_SOURCE_DIR, or the path compiled in).
std::string source_path(const std::string& relative);

}  // namespace cong::site::fixtures
