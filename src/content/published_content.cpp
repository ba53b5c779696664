#include "content/published_content.hpp"

#include "core/clock.hpp"

#include <algorithm>
#include <set>

namespace cong::content {
namespace {

using core::Errc;
using core::Error;
using core::Result;

constexpr int HOME_FEATURED = 5;
constexpr int HOME_LATEST = 8;
constexpr int HOME_SECTION = 4;
constexpr int RELATED = 6;

Result<SiteFrame> load_frame(storage::Tx& tx, std::int64_t site_id) {
    CONG_TRY(site, tx.sites().find_site(site_id));
    if (!site) return Error{Errc::NotFound, "Không tìm thấy trang thông tin"};
    CONG_TRY(categories, tx.categories().list_categories(site_id));
    SiteFrame frame{std::move(*site), std::move(categories)};
    if (frame.site.logo_media_id) {
        CONG_TRY(logo, tx.media().find_media(*frame.site.logo_media_id));
        if (logo && logo->site_id == site_id) frame.logo = std::move(*logo);
    }
    return frame;
}

// The category and all its descendants, so a parent's listing shows its children's articles too.
std::vector<std::int64_t> subtree_ids(const std::vector<model::Category>& all, std::int64_t root) {
    std::vector<std::int64_t> ids{root};
    for (std::size_t i = 0; i < ids.size(); ++i) {
        for (const auto& c : all)
            if (c.parent_id == ids[i]) ids.push_back(c.id);
    }
    return ids;
}

std::vector<model::Category> breadcrumb_of(const std::vector<model::Category>& all, std::int64_t id) {
    std::vector<model::Category> chain;
    std::optional<std::int64_t> current = id;
    while (current && chain.size() < 16) {
        auto it = std::find_if(all.begin(), all.end(), [&](const model::Category& c) { return c.id == *current; });
        if (it == all.end()) break;
        chain.insert(chain.begin(), *it);
        current = it->parent_id;
    }
    return chain;
}

// Attaches covers and categories to a list of articles with one media query.
Result<std::vector<ArticleSummary>> summarise(storage::Tx& tx, const std::vector<model::Category>& categories,
                                              std::vector<model::Article> articles) {
    std::vector<std::int64_t> cover_ids;
    for (const auto& a : articles)
        if (a.cover_media_id) cover_ids.push_back(*a.cover_media_id);
    CONG_TRY(covers, tx.media().find_media_by_ids(cover_ids));
    std::vector<ArticleSummary> out;
    out.reserve(articles.size());
    for (auto& a : articles) {
        ArticleSummary summary{std::move(a), std::nullopt, std::nullopt};
        for (const auto& m : covers)
            if (summary.article.cover_media_id == m.id) summary.cover = m;
        for (const auto& c : categories)
            if (c.id == summary.article.category_id) summary.category = c;
        out.push_back(std::move(summary));
    }
    return out;
}

}  // namespace

Result<SiteFrame> PublishedContent::frame() {
    return db_.read([&](storage::Tx& tx) { return load_frame(tx, site_id_); });
}

Result<HomeContent> PublishedContent::home() {
    auto now = core::now();
    return db_.read([&](storage::Tx& tx) -> Result<HomeContent> {
        CONG_TRY(frame, load_frame(tx, site_id_));
        HomeContent home;
        storage::PublishedQuery query{.site_id = site_id_, .now = now, .limit = HOME_FEATURED};
        query.featured = true;
        CONG_TRY(featured, tx.articles().list_published(query));
        CONG_TRY(featured_summaries, summarise(tx, frame.categories, std::move(featured)));
        home.featured = std::move(featured_summaries);

        query.featured.reset();
        query.limit = HOME_LATEST;
        CONG_TRY(latest, tx.articles().list_published(query));
        CONG_TRY(latest_summaries, summarise(tx, frame.categories, std::move(latest)));
        home.latest = std::move(latest_summaries);

        for (const auto& category : frame.categories) {
            if (category.parent_id || !category.in_menu) continue;
            query.category_ids = subtree_ids(frame.categories, category.id);
            query.limit = HOME_SECTION;
            CONG_TRY(articles, tx.articles().list_published(query));
            if (articles.empty()) continue;
            CONG_TRY(summaries, summarise(tx, frame.categories, std::move(articles)));
            home.sections.push_back({category, std::move(summaries)});
        }
        home.frame = std::move(frame);
        return home;
    });
}

Result<CategoryContent> PublishedContent::category(std::string_view slug, int page) {
    if (page < 1 || page > MAX_PAGE_NUMBER) return Error{Errc::NotFound, "Không có trang này"};
    auto now = core::now();
    return db_.read([&](storage::Tx& tx) -> Result<CategoryContent> {
        CONG_TRY(frame, load_frame(tx, site_id_));
        auto it = std::find_if(frame.categories.begin(), frame.categories.end(),
                               [&](const model::Category& c) { return c.slug == slug; });
        if (it == frame.categories.end()) return Error{Errc::NotFound, "Không tìm thấy chuyên mục"};
        CategoryContent out;
        out.category = *it;
        out.breadcrumb = breadcrumb_of(frame.categories, it->id);
        for (const auto& c : frame.categories)
            if (c.parent_id == it->id) out.children.push_back(c);
        storage::PublishedQuery query{.site_id = site_id_,
                                      .category_ids = subtree_ids(frame.categories, it->id),
                                      .now = now,
                                      .limit = CATEGORY_PAGE_SIZE,
                                      .offset = (page - 1) * CATEGORY_PAGE_SIZE};
        CONG_TRY(total, tx.articles().count_published(query));
        out.total = total;
        out.page = page;
        out.page_count = std::max<int>(1, int((total + CATEGORY_PAGE_SIZE - 1) / CATEGORY_PAGE_SIZE));
        if (page > out.page_count) return Error{Errc::NotFound, "Không có trang này"};
        CONG_TRY(articles, tx.articles().list_published(query));
        CONG_TRY(summaries, summarise(tx, frame.categories, std::move(articles)));
        out.articles = std::move(summaries);
        out.frame = std::move(frame);
        return out;
    });
}

Result<ArticleContent> load_article_content(storage::Tx& tx, std::int64_t site_id, model::Article article,
                                            core::Timestamp now) {
    CONG_TRY(frame, load_frame(tx, site_id));
    ArticleContent out;
    out.breadcrumb = breadcrumb_of(frame.categories, article.category_id);
    std::vector<std::int64_t> ids;
    if (article.cover_media_id) ids.push_back(*article.cover_media_id);
    // The figures are listed in article_media when the article is saved; asking the document
    // again here would parse the body twice per view.
    CONG_TRY(media_ids, tx.articles().list_article_media(article.id));
    ids.insert(ids.end(), media_ids.begin(), media_ids.end());
    CONG_TRY(media, tx.media().find_media_by_ids(ids));
    for (auto& m : media) {
        if (article.cover_media_id == m.id) out.cover = m;
        out.media.emplace(m.id, std::move(m));
    }
    storage::PublishedQuery query{.site_id = site_id,
                                  .category_ids = {article.category_id},
                                  .exclude_id = article.id,
                                  .now = now,
                                  .limit = RELATED};
    CONG_TRY(related, tx.articles().list_published(query));
    CONG_TRY(related_summaries, summarise(tx, frame.categories, std::move(related)));
    out.related = std::move(related_summaries);
    out.article = std::move(article);
    out.frame = std::move(frame);
    return out;
}

Result<std::optional<ArticleContent>> PublishedContent::article(std::string_view slug) {
    auto now = core::now();
    return db_.read([&](storage::Tx& tx) -> Result<std::optional<ArticleContent>> {
        CONG_TRY(article, tx.articles().find_article_by_slug(site_id_, slug));
        // Visibility is decided here, once: drafts, pending and future articles do not exist for readers.
        if (!article || article->status != model::ArticleStatus::Published || !article->published_at ||
            *article->published_at > now)
            return std::optional<ArticleContent>{};
        CONG_TRY(content, load_article_content(tx, site_id_, std::move(*article), now));
        return std::optional<ArticleContent>{std::move(content)};
    });
}

Result<std::vector<model::Article>> PublishedContent::all_articles() {
    auto now = core::now();
    return db_.read([&](storage::Tx& tx) { return tx.articles().list_all_published(site_id_, now); });
}

Result<std::vector<ArticleSummary>> PublishedContent::latest(int limit) {
    auto now = core::now();
    return db_.read([&](storage::Tx& tx) -> Result<std::vector<ArticleSummary>> {
        CONG_TRY(categories, tx.categories().list_categories(site_id_));
        storage::PublishedQuery query{.site_id = site_id_, .now = now, .limit = std::clamp(limit, 1, 100)};
        CONG_TRY(articles, tx.articles().list_published(query));
        return summarise(tx, categories, std::move(articles));
    });
}

}  // namespace cong::content
