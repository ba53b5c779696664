// Article: a news story or announcement, with its body as a validated ProseMirror document.
#pragma once

#include "core/clock.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cong::model {

// The editorial workflow: draft → pending (submitted for review) → published, or scheduled (published by
// the scheduler when published_at comes) → unpublished (taken down; may go back to draft).
enum class ArticleStatus { Draft, Pending, Scheduled, Published, Unpublished };

// "draft", "pending", "scheduled", "published", "unpublished"
std::string_view to_string(ArticleStatus status);
std::optional<ArticleStatus> parse_article_status(std::string_view text);

struct Article {
    std::int64_t id = 0;
    std::int64_t site_id = 0;
    std::int64_t category_id = 0;  // primary category: breadcrumb and URL context
    std::string title;
    std::string slug;       // unique within a site
    std::string lead;       // sapo: the paragraph under the title, plain text
    std::string body_json;  // ProseMirror document, validated by content::Document before storing
    std::string body_text;  // plain text of the body and captions, for search and feeds
    std::optional<std::int64_t> cover_media_id;
    std::string byline;  // "Lê Thơ-Hồng Tăng"
    std::string source;  // "Trung tâm VHTT, TT&DL huyện"
    ArticleStatus status = ArticleStatus::Draft;
    bool featured = false;
    std::optional<core::Timestamp> published_at;  // UTC
    std::optional<std::int64_t> author_id;
    core::Timestamp created_at{};
    core::Timestamp updated_at{};
};

}  // namespace cong::model
