// Article indexing: what the search index holds for an article, gathered inside the caller's transaction.
// Header-only on purpose: content:: and media:: both change what an article's entry holds (its text, a
// photo's caption) and do not link search::, yet must index it the same way.
#pragma once

#include "core/result.hpp"
#include "model/article.hpp"
#include "model/media.hpp"
#include "storage/database.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace cong::search {

// The photos' own captions an article's entry holds besides its text, one per line. The body's text
// already holds the captions written in the article; the cover's caption is not part of the article.
inline std::string photo_captions(const model::Article& article, const std::vector<model::Media>& media) {
    std::string captions;
    for (const auto& photo : media) {
        if (photo.caption.empty() || article.cover_media_id == photo.id) continue;
        if (!captions.empty()) captions += "\n";
        captions += photo.caption;
    }
    return captions;
}

// Replaces the index entry of one article with its current text and its photos' current captions.
inline core::Result<void> reindex_article(storage::Tx& tx, const model::Article& article) {
    CONG_TRY(media_ids, tx.articles().list_article_media(article.id));
    CONG_TRY(media, tx.media().find_media_by_ids(media_ids));
    return tx.search().index_article(article, photo_captions(article, media));
}

// After a photo's caption changed: reindexes every article that shows it (any status: the index
// decides what it keeps), so "kênh mương" in the new caption finds them at once. Returns how many.
inline core::Result<int> reindex_articles_showing(storage::Tx& tx, std::int64_t media_id) {
    CONG_TRY(uses, tx.media().list_media_uses(media_id));
    int reindexed = 0;
    for (const auto& use : uses) {
        CONG_TRY(article, tx.articles().find_article(use.article_id));
        if (!article) continue;
        CONG_TRY_VOID(reindex_article(tx, *article));
        ++reindexed;
    }
    return reindexed;
}

}  // namespace cong::search
