// ArticleService::preview: the public article page's data for an article that readers cannot see yet.
#include "content/article_service.hpp"

#include <algorithm>

namespace cong::content {
namespace {

constexpr int PREVIEW_RELATED = 6;

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

}  // namespace

core::Result<std::optional<ArticleContent>> ArticleService::preview(std::int64_t id) {
    auto now = core::now();
    return db_.read([&](storage::Tx& tx) -> core::Result<std::optional<ArticleContent>> {
        CONG_TRY(article, tx.articles().find_article(id));
        if (!article || article->site_id != site_id_) return std::optional<ArticleContent>{};
        CONG_TRY(site, tx.sites().find_site(site_id_));
        if (!site) return core::Error{core::Errc::NotFound, "Không tìm thấy trang thông tin"};
        CONG_TRY(categories, tx.categories().list_categories(site_id_));
        ArticleContent out;
        out.breadcrumb = breadcrumb_of(categories, article->category_id);
        std::vector<std::int64_t> ids;
        if (article->cover_media_id) ids.push_back(*article->cover_media_id);
        CONG_TRY(media_ids, tx.articles().list_article_media(article->id));
        ids.insert(ids.end(), media_ids.begin(), media_ids.end());
        CONG_TRY(media, tx.media().find_media_by_ids(ids));
        for (auto& m : media) {
            if (article->cover_media_id == m.id) out.cover = m;
            out.media.emplace(m.id, std::move(m));
        }
        // The related articles the page will show beside it: published ones, as readers see them now.
        storage::PublishedQuery query{.site_id = site_id_,
                                      .category_ids = {article->category_id},
                                      .exclude_id = article->id,
                                      .now = now,
                                      .limit = PREVIEW_RELATED};
        CONG_TRY(related, tx.articles().list_published(query));
        for (auto& r : related) {
            ArticleSummary summary{std::move(r), std::nullopt, std::nullopt};
            for (const auto& c : categories)
                if (c.id == summary.article.category_id) summary.category = c;
            out.related.push_back(std::move(summary));
        }
        out.article = std::move(*article);
        out.frame = SiteFrame{std::move(*site), std::move(categories)};
        return std::optional<ArticleContent>{std::move(out)};
    });
}

}  // namespace cong::content
