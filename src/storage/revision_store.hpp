// RevisionStore: the saved versions of each article, and the back office's questions about articles in
// any status (the article list with its filters, the scheduled articles whose time has come).
#pragma once

#include "core/result.hpp"
#include "model/article.hpp"
#include "model/revision.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cong::storage {

class RevisionStore {
public:
    virtual ~RevisionStore() = default;
    // Stores revision as the next number of its article (revision.number is ignored) and returns that number.
    virtual core::Result<int> insert_revision(const model::ArticleRevision& revision) = 0;
    // Overwrites the content, time and status of an existing revision (article_id, number).
    virtual core::Result<void> update_revision(const model::ArticleRevision& revision) = 0;
    virtual core::Result<std::optional<model::ArticleRevision>> find_revision(std::int64_t article_id, int number) = 0;
    virtual core::Result<std::optional<model::ArticleRevision>> latest_revision(std::int64_t article_id) = 0;
    // Newest first, body_json left empty: a list shows who saved what when.
    virtual core::Result<std::vector<model::ArticleRevision>> list_revisions(std::int64_t article_id) = 0;
};

// The back office's list of articles: every filter optional.
struct ArticleListQuery {
    std::int64_t site_id = 0;
    std::optional<model::ArticleStatus> status;
    std::optional<std::int64_t> category_id;
    std::optional<std::int64_t> author_id;
    std::string text;  // a piece of the title, matched without regard to ASCII case
    int limit = 20;
    int offset = 0;
};

class EditorialStore {
public:
    virtual ~EditorialStore() = default;
    // Most recently changed first, body_json and body_text left empty.
    virtual core::Result<std::vector<model::Article>> list_articles(const ArticleListQuery& query) = 0;
    virtual core::Result<std::int64_t> count_articles(const ArticleListQuery& query) = 0;
    // Scheduled articles of the site whose published_at is at or before now, oldest first, at most limit.
    virtual core::Result<std::vector<std::int64_t>> list_due_scheduled(std::int64_t site_id, core::Timestamp now,
                                                                       int limit) = 0;
};

}  // namespace cong::storage
