// ArticleService: creating, editing, reviewing, publishing and deleting articles — the editorial workflow
// with its rules by role, a revision for every save and an audit entry for every change, each in one
// transaction.
#pragma once

#include "audit/audit_log.hpp"
#include "content/document.hpp"
#include "content/published_content.hpp"
#include "content/text_diff.hpp"
#include "core/change_listener.hpp"
#include "core/result.hpp"
#include "model/article.hpp"
#include "model/media.hpp"
#include "model/revision.hpp"
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
constexpr int ARTICLE_LIST_PAGE_SIZE = 20;
// The scheduler publishes at most this many articles per run; the rest wait for the next second.
constexpr int MAX_SCHEDULED_PER_RUN = 100;

// What an editor sends: plain fields, already decoded from JSON or a form.
struct ArticleInput {
    std::string title;
    std::string lead;
    Document body;
    std::string category_slug;
    std::string byline;
    std::string source;
    // Editors ask for Draft or Pending; approvers and admins for any status. Published with a future
    // published_at becomes Scheduled, and Scheduled whose time has already come becomes Published.
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

// Who acts: the account (its role decides what it may do) and the address it came from, for the audit log.
struct ActingUser {
    model::User user;
    std::string ip;

    audit::Actor actor() const { return audit::Actor::user(user, ip); }
};

// A save the editor asked for, or one the editor bundle made on its own every few seconds: an autosave
// replaces the previous revision when that one was an autosave by the same account.
enum class SaveKind { Manual, Autosave };

// The back office's article list: every filter optional.
struct ArticleFilter {
    std::optional<model::ArticleStatus> status;
    std::string category_slug;  // empty: any
    bool mine = false;          // only the articles the viewer wrote
    std::string text;           // a piece of the title
    int page = 1;
};

struct ArticleListItem {
    model::Article article;  // without body_json and body_text
    std::string category_name;
};

struct ArticleList {
    std::vector<ArticleListItem> items;
    std::int64_t total = 0;
    int page = 1;
    int page_count = 1;
};

// Two revisions of one article and what changed from a to b, word by word.
struct RevisionComparison {
    model::ArticleRevision a;
    model::ArticleRevision b;
    std::vector<DiffPiece> title;
    std::vector<DiffPiece> lead;
    std::vector<DiffPiece> body;  // the body's plain text: paragraphs, headings, lists, tables, captions
};

// What a role may do (for the back office to show only the buttons that will work).
bool can_review(const model::User& user);  // publish, schedule, unpublish, return to draft, edit any article
bool can_edit(const model::User& user, const model::Article& article);

class ArticleService {
public:
    ArticleService(storage::Database& db, std::int64_t site_id) : db_(db), site_id_(site_id) {}
    // Told after each committed create, update or delete which pages changed; may be null.
    void set_change_listener(core::ChangeListener* listener) { listener_ = listener; }

    // Each save stores a revision and records an audit entry (article.create, then the transition:
    // article.submit, article.publish, article.schedule, article.unpublish, article.return_to_draft; or
    // article.update, article.autosave) in its transaction. Forbidden when the role may not do it.
    core::Result<model::Article> create_article(const ArticleInput& input, const ActingUser& author,
                                                SaveKind kind = SaveKind::Manual);
    core::Result<model::Article> update_article(std::int64_t id, const ArticleInput& input, const ActingUser& editor,
                                                SaveKind kind = SaveKind::Manual);
    // Changes some fields: change receives the article as it is, inside the same transaction as the
    // write, so two editors changing different fields at once cannot undo each other.
    core::Result<model::Article> update_article(std::int64_t id,
                                                const std::function<core::Result<void>(ArticleInput&)>& change,
                                                const ActingUser& editor, SaveKind kind = SaveKind::Manual);
    core::Result<void> delete_article(std::int64_t id, const ActingUser& editor);
    // Any status: for the API and the back office, never for the public site.
    core::Result<std::optional<ArticleRecord>> find_article(std::int64_t id);
    core::Result<ArticleList> list_articles(const ArticleFilter& filter, const model::User& viewer);
    // The categories an article may be filed under, parents before children (for the form's select).
    core::Result<std::vector<model::Category>> categories();
    // The page data of an article in any status, as the public page would show it once published: for the
    // back office's preview (article_preview.cpp). nullopt when there is no such article.
    core::Result<std::optional<ArticleContent>> preview(std::int64_t id);

    // Publishes every scheduled article whose time has come (at most MAX_SCHEDULED_PER_RUN), each with an
    // audit entry article.publish_scheduled by "system:scheduler", and tells the change listener. Returns
    // the articles published; running it again at once publishes nothing.
    core::Result<std::vector<model::Article>> publish_due(core::Timestamp now);

    // Newest first, without bodies.
    core::Result<std::vector<model::ArticleRevision>> list_revisions(std::int64_t article_id);
    core::Result<std::optional<model::ArticleRevision>> find_revision(std::int64_t article_id, int number);
    core::Result<RevisionComparison> compare_revisions(std::int64_t article_id, int a, int b);
    // Saves the content of revision number again (title, lead, body, byline, source, category, cover,
    // featured), keeping the article's status, time and address: a new revision, audit article.restore_revision.
    core::Result<model::Article> restore_revision(std::int64_t article_id, int number, const ActingUser& editor);

    // Rebuilds the search index of every article of the site in one transaction (after an upgrade that
    // changed the index, or to repair it). Returns the number of articles looked at.
    core::Result<int> reindex_search();

private:
    core::Result<model::Article> apply(storage::Tx& tx, model::Article article, const ArticleInput& input,
                                       const model::User& user);
    // The revision and the audit entry of one save; action empty: derived from the status change.
    core::Result<void> record_save(storage::Tx& tx, const model::Article& article,
                                   std::optional<model::ArticleStatus> before, const ActingUser& acting, SaveKind kind,
                                   std::string action = {});
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
