// PublishedContent: the one narrow entry point through which the public site reads content.
// Only published articles whose publication time has come ever leave it.
#pragma once

#include "core/result.hpp"
#include "model/article.hpp"
#include "model/category.hpp"
#include "model/media.hpp"
#include "model/site.hpp"
#include "storage/database.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

namespace cong::content {

constexpr int CATEGORY_PAGE_SIZE = 12;
constexpr int MAX_PAGE_NUMBER = 10000;

// A site with its menu: categories in tree order (parents first, siblings by position).
struct SiteFrame {
    model::Site site;
    std::vector<model::Category> categories;
    std::optional<model::Media> logo;  // the photo the site settings chose for the header
};

struct ArticleSummary {
    model::Article article;
    std::optional<model::Media> cover;
    std::optional<model::Category> category;
};

struct HomeContent {
    SiteFrame frame;
    std::vector<ArticleSummary> featured;  // newest featured first
    std::vector<ArticleSummary> latest;
    struct Section {
        model::Category category;
        std::vector<ArticleSummary> articles;
    };
    std::vector<Section> sections;  // one per top-level category with articles, in menu order
};

struct CategoryContent {
    SiteFrame frame;
    model::Category category;
    std::vector<model::Category> breadcrumb;  // root first, ending with category
    std::vector<model::Category> children;
    std::vector<ArticleSummary> articles;
    int page = 1;
    int page_count = 1;
    std::int64_t total = 0;
};

struct ArticleContent {
    SiteFrame frame;
    model::Article article;
    std::vector<model::Category> breadcrumb;
    std::optional<model::Media> cover;
    std::map<std::int64_t, model::Media> media;  // the figures' photos by id
    std::vector<ArticleSummary> related;         // newest others of the same category
};

// Everything the article page shows around one article, whatever its status: the site frame, breadcrumb,
// photos, and the published related articles as readers see them at now. PublishedContent::article calls it
// for readers, after deciding the article is visible; the back office's preview calls it for any article.
core::Result<ArticleContent> load_article_content(storage::Tx& tx, std::int64_t site_id, model::Article article,
                                                  core::Timestamp now);

class PublishedContent {
public:
    PublishedContent(storage::Database& db, std::int64_t site_id) : db_(db), site_id_(site_id) {}

    core::Result<SiteFrame> frame();
    core::Result<HomeContent> home();
    // NotFound when no such category; page past the end is NotFound too.
    core::Result<CategoryContent> category(std::string_view slug, int page);
    core::Result<std::optional<ArticleContent>> article(std::string_view slug);
    // Every published article, newest first, for the sitemap and feeds.
    core::Result<std::vector<model::Article>> all_articles();
    core::Result<std::vector<ArticleSummary>> latest(int limit);

private:
    storage::Database& db_;
    std::int64_t site_id_;
};

}  // namespace cong::content
