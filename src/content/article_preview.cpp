// ArticleService::preview: the public article page's data for an article that readers cannot see yet.
#include "content/article_service.hpp"
#include "content/published_content.hpp"

namespace cong::content {

core::Result<std::optional<ArticleContent>> ArticleService::preview(std::int64_t id) {
    auto now = core::now();
    return db_.read([&](storage::Tx& tx) -> core::Result<std::optional<ArticleContent>> {
        CONG_TRY(article, tx.articles().find_article(id));
        if (!article || article->site_id != site_id_) return std::optional<ArticleContent>{};
        CONG_TRY(content, load_article_content(tx, site_id_, std::move(*article), now));
        return std::optional<ArticleContent>{std::move(content)};
    });
}

}  // namespace cong::content
