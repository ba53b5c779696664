// ArticleRevision: the content of an article as one save left it, numbered 1, 2, 3 … per article.
#pragma once

#include "core/clock.hpp"
#include "model/article.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace cong::model {

struct ArticleRevision {
    std::int64_t id = 0;
    std::int64_t article_id = 0;
    int number = 0;  // 1 for the first save of the article
    std::optional<std::int64_t> user_id;
    std::string login;  // kept as it was, like the audit log, so the list outlives a renamed account
    core::Timestamp created_at{};
    bool autosave = false;  // a draft saved by the editor on its own; the next autosave replaces it
    ArticleStatus status = ArticleStatus::Draft;
    std::string title;
    std::string lead;
    std::string body_json;
    std::string byline;
    std::string source;
    std::int64_t category_id = 0;
    std::optional<std::int64_t> cover_media_id;
    bool featured = false;
    std::optional<core::Timestamp> published_at;
};

}  // namespace cong::model
