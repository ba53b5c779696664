// ArticleService: creating, editing and deleting articles, with every rule checked in one transaction.
#pragma once

#include "content/document.hpp"
#include "core/change_listener.hpp"
#include "core/result.hpp"
#include "model/article.hpp"
#include "model/media.hpp"
#include "model/user.hpp"
#include "storage/database.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace cong::content {

constexpr std::size_t MAX_TITLE_CHARS = 300;
constexpr std::size_t MAX_LEAD_CHARS = 2000;
constexpr std::size_t MAX_BYLINE_CHARS = 200;
constexpr std::size_t MAX_SLUG_BYTES = 80;

// What an editor sends: plain fields, already decoded from JSON or a form.
struct ArticleInput {
    std::string title;
    std::string lead;
    Document body;
    std::string category_slug;
    std::string byline;
    std::string source;
    model::ArticleStatus status = model::ArticleStatus::Draft;
    std::optional<core::Timestamp> published_at;  // empty: now, when published
    std::optional<std::int64_t> cover_media_id;
    bool featured = false;
    std::string slug;  // empty: derived from the title
};

// An article as the back office and API see it: with its category's slug.
struct ArticleRecord {
    model::Article article;
    std::string category_slug;

    // The fields of this article as an input, so a partial update can start from them.
    core::Result<ArticleInput> to_input() const;
};

class ArticleService {
public:
    ArticleService(storage::Database& db, std::int64_t site_id) : db_(db), site_id_(site_id) {}
    // Told after each committed create, update or delete which pages changed; may be null.
    void set_change_listener(core::ChangeListener* listener) { listener_ = listener; }

    core::Result<model::Article> create_article(const ArticleInput& input, const model::User& author);
    core::Result<model::Article> update_article(std::int64_t id, const ArticleInput& input, const model::User& editor);
    // Changes some fields: change receives the article as it is, inside the same transaction as the
    // write, so two editors changing different fields at once cannot undo each other.
    core::Result<model::Article> update_article(std::int64_t id,
                                                const std::function<core::Result<void>(ArticleInput&)>& change,
                                                const model::User& editor);
    core::Result<void> delete_article(std::int64_t id, const model::User& editor);
    // Any status: for the API and the back office, never for the public site.
    core::Result<std::optional<ArticleRecord>> find_article(std::int64_t id);

    // Rebuilds the search index of every article of the site in one transaction (after an upgrade that
    // changed the index, or to repair it). Returns the number of articles looked at.
    core::Result<int> reindex_search();

private:
    core::Result<void> index_for_search(storage::Tx& tx, const model::Article& article,
                                        const std::vector<model::Media>& media);
    core::Result<model::Article> apply(storage::Tx& tx, model::Article article, const ArticleInput& input,
                                       const model::User& user);
    // The article's own page, the listings it was and is in (its categories, home, feeds, sitemap).
    void changed(std::int64_t article_id, std::int64_t category_id, std::int64_t old_category_id) const;

    storage::Database& db_;
    std::int64_t site_id_;
    core::ChangeListener* listener_ = nullptr;
};

// The public address of an article: "/bai-viet/<slug>".
std::string article_path(const model::Article& article);
// The public address of a category listing: "/chuyen-muc/<slug>".
std::string category_path(const model::Category& category);

}  // namespace cong::content
