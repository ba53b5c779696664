// Store interfaces: the questions services ask of storage. SQLite implements them today, PostgreSQL later.
#pragma once

#include "core/result.hpp"
#include "model/article.hpp"
#include "model/category.hpp"
#include "model/media.hpp"
#include "model/site.hpp"
#include "model/user.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cong::storage {

using core::Result;

class SiteStore {
public:
    virtual ~SiteStore() = default;
    virtual Result<std::optional<model::Site>> find_site(std::int64_t id) = 0;
    virtual Result<std::optional<model::Site>> find_site_by_host(std::string_view host) = 0;
    virtual Result<std::vector<model::Site>> list_sites() = 0;
    virtual Result<std::int64_t> insert_site(const model::Site& site) = 0;
    virtual Result<void> update_site(const model::Site& site) = 0;
};

class CategoryStore {
public:
    virtual ~CategoryStore() = default;
    virtual Result<std::optional<model::Category>> find_category(std::int64_t id) = 0;
    virtual Result<std::optional<model::Category>> find_category_by_slug(std::int64_t site_id, std::string_view slug) = 0;
    // All categories of a site, parents before children, siblings by position.
    virtual Result<std::vector<model::Category>> list_categories(std::int64_t site_id) = 0;
    virtual Result<std::int64_t> insert_category(const model::Category& category) = 0;
    virtual Result<void> update_category(const model::Category& category) = 0;
};

// Which published articles to list. Only published articles whose time has come are ever returned.
struct PublishedQuery {
    std::int64_t site_id = 0;
    std::vector<std::int64_t> category_ids;  // empty: any category
    std::optional<bool> featured;
    std::optional<std::int64_t> exclude_id;
    core::Timestamp now{};
    int limit = 20;
    int offset = 0;
};

class ArticleStore {
public:
    virtual ~ArticleStore() = default;
    virtual Result<std::optional<model::Article>> find_article(std::int64_t id) = 0;
    virtual Result<std::optional<model::Article>> find_article_by_slug(std::int64_t site_id, std::string_view slug) = 0;
    virtual Result<bool> slug_exists(std::int64_t site_id, std::string_view slug) = 0;
    virtual Result<std::int64_t> insert_article(const model::Article& article) = 0;
    virtual Result<void> update_article(const model::Article& article) = 0;
    virtual Result<void> delete_article(std::int64_t id) = 0;
    // Newest first by published_at.
    virtual Result<std::vector<model::Article>> list_published(const PublishedQuery& query) = 0;
    virtual Result<std::int64_t> count_published(const PublishedQuery& query) = 0;
    // The photos an article shows (cover and figures), so media in use can be found and kept.
    virtual Result<void> set_article_media(std::int64_t article_id, const std::vector<std::int64_t>& media_ids) = 0;
    virtual Result<std::vector<std::int64_t>> list_article_media(std::int64_t article_id) = 0;
    // Every article of a site, any status, oldest first: for rebuilding derived data such as the search index.
    virtual Result<std::vector<std::int64_t>> list_article_ids(std::int64_t site_id) = 0;
    virtual Result<std::vector<model::Article>> list_all_published(std::int64_t site_id, core::Timestamp now) = 0;
};

// A page of the media library: newest first, optionally only photos whose folded caption, alt, credit or
// file name contains every word of words (already folded by the caller).
struct MediaQuery {
    std::int64_t site_id = 0;
    std::vector<std::string> words;
    int limit = 24;
    int offset = 0;
};

// An article that shows a photo (as cover or figure).
struct MediaUse {
    std::int64_t article_id = 0;
    std::string title;
    std::string slug;
    std::string status;  // "draft", "pending", "published"
};

class MediaStore {
public:
    virtual ~MediaStore() = default;
    virtual Result<std::optional<model::Media>> find_media(std::int64_t id) = 0;
    virtual Result<std::optional<model::Media>> find_media_by_hash(std::int64_t site_id, std::string_view sha256) = 0;
    virtual Result<std::vector<model::Media>> find_media_by_ids(const std::vector<std::int64_t>& ids) = 0;
    virtual Result<std::int64_t> insert_media(const model::Media& media) = 0;
    virtual Result<void> update_media(const model::Media& media) = 0;
    // The lowest-id photo of any site with these bytes: a served file's hash names its upload.
    virtual Result<std::optional<model::Media>> find_media_by_any_site_hash(std::string_view sha256) = 0;
    virtual Result<std::vector<model::Media>> list_media(const MediaQuery& query) = 0;
    virtual Result<std::int64_t> count_media(const MediaQuery& query) = 0;
    // Replaces the recorded variants and sets the oriented size and pipeline version of the photo.
    virtual Result<void> set_media_variants(std::int64_t media_id, int width, int height, int pipeline_version,
                                            const std::vector<model::MediaVariant>& variants) = 0;
    // Widest first, JPEG before WebP at equal width.
    virtual Result<std::vector<model::MediaVariant>> list_media_variants(std::int64_t media_id) = 0;
    // Ids of photos derived with an older pipeline than version (0: never), lowest first, after after_id.
    virtual Result<std::vector<std::int64_t>> list_media_before_pipeline(int version, std::int64_t after_id,
                                                                        int limit) = 0;
    // Articles (any status) that show the photo, newest first.
    virtual Result<std::vector<MediaUse>> list_media_uses(std::int64_t media_id) = 0;
};

class UserStore {
public:
    virtual ~UserStore() = default;
    virtual Result<std::optional<model::User>> find_user(std::int64_t id) = 0;
    virtual Result<std::optional<model::User>> find_user_by_login(std::string_view login) = 0;
    virtual Result<std::int64_t> insert_user(const model::User& user) = 0;
    virtual Result<void> update_user(const model::User& user) = 0;
    // Every account, in login order.
    virtual Result<std::vector<model::User>> list_users() = 0;
};

class TokenStore {
public:
    virtual ~TokenStore() = default;
    virtual Result<std::int64_t> insert_token(const model::ApiToken& token) = 0;
    virtual Result<std::optional<model::ApiToken>> find_token_by_hash(std::string_view token_hash) = 0;
    virtual Result<void> touch_token(std::int64_t id, core::Timestamp used_at) = 0;
};

// One part of a search query, already parsed and folded by search:: (core::tokenize_for_search); an
// article matches the query when it matches every part. Each engine turns the parts into its own
// expression (FTS5, tsquery), so nothing the user typed is ever read as syntax.
struct SearchTerm {
    std::vector<std::string> words;  // folded keys; several words are a phrase: adjacent, in this order
    bool prefix = false;             // one word still being typed: "thuo" also finds "thuong"
    // The exact keys (core::SearchToken::exact) of words when the user typed diacritics: an article
    // spelling them so ranks above one that only matches folded. Empty: the query said no more than words.
    std::vector<std::string> exact;
    // Other folded phrases the part also matches: an abbreviation for its full form and the other way.
    std::vector<std::vector<std::string>> synonyms;
};

// One search over the full-text index.
struct SearchQuery {
    std::int64_t site_id = 0;
    std::vector<SearchTerm> terms;           // every part must match; empty is refused
    std::vector<std::int64_t> category_ids;  // empty: any category
    std::optional<core::Timestamp> from;     // published at or after
    std::optional<core::Timestamp> until;    // published before
    core::Timestamp now{};                   // only published articles whose time has come are found
    // When more articles match, only the newest rank_window matches (by id) are ranked; 0: all. Ranking
    // costs per match, so this bounds the latency of words found in most articles.
    int rank_window = 0;
    // count() stops counting here; 0: an exact count however many match.
    std::int64_t count_limit = 0;
    int limit = 10;
    int offset = 0;
};

struct SearchHit {
    std::int64_t article_id = 0;
    double score = 0;  // lower is better
};

// An abbreviation and the words it stands for ("HĐND" → "hội đồng nhân dân").
struct SearchSynonym {
    std::string abbreviation;
    std::string expansion;
};

class SearchStore {
public:
    virtual ~SearchStore() = default;
    // Replaces the index entry of an article with its current text; captions are the photos' own
    // captions (the body's text already holds the captions written in the article).
    virtual Result<void> index_article(const model::Article& article, std::string_view captions) = 0;
    virtual Result<void> remove_article(std::int64_t article_id) = 0;
    // Best first: BM25 (title > lead > body), exact keys above folded ones, a mild recency boost.
    virtual Result<std::vector<SearchHit>> search(const SearchQuery& query) = 0;
    // The number of matches, or count_limit + 1 when there are more than count_limit.
    virtual Result<std::int64_t> count(const SearchQuery& query) = 0;
    virtual Result<std::vector<SearchSynonym>> list_synonyms() = 0;
    virtual Result<void> set_synonym(const SearchSynonym& synonym) = 0;
    virtual Result<void> remove_synonym(std::string_view abbreviation) = 0;
};

}  // namespace cong::storage
