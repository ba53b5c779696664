#include "storage/sqlite/sqlite_database.hpp"
#include "storage/sqlite/sqlite_test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace cong::storage {
namespace {

using namespace test_support;
using model::ArticleStatus;

constexpr std::int64_t NOW = 1'712'100'000;  // 2024-04-02T23:20:00Z

class ArticleStoreTest : public ::testing::Test {
protected:
    ArticleStoreTest() : database_(open_database(dir_.path())), seed_(seed(*database_)) {}

    std::int64_t insert(const model::Article& article) {
        auto id = database_->write([&](Tx& tx) { return tx.articles().insert_article(article); });
        if (!id) throw std::runtime_error(id.error().detail);
        return *id;
    }
    std::int64_t publish(const std::string& slug, std::int64_t published_at, bool featured = false,
                         std::optional<std::int64_t> category_id = std::nullopt) {
        auto article = make_article(seed_, slug, ArticleStatus::Published, published_at);
        article.featured = featured;
        if (category_id) article.category_id = *category_id;
        return insert(article);
    }
    std::int64_t add_category(const std::string& slug) {
        model::Category category;
        category.site_id = seed_.site_id;
        category.name = slug;
        category.slug = slug;
        auto id = database_->write([&](Tx& tx) { return tx.categories().insert_category(category); });
        if (!id) throw std::runtime_error(id.error().detail);
        return *id;
    }
    PublishedQuery query() const {
        PublishedQuery query;
        query.site_id = seed_.site_id;
        query.now = at(NOW);
        return query;
    }
    std::vector<std::string> slugs(const PublishedQuery& q) {
        auto listed = database_->read([&](Tx& tx) { return tx.articles().list_published(q); });
        if (!listed) throw std::runtime_error(listed.error().detail);
        std::vector<std::string> out;
        for (const auto& article : *listed) out.push_back(article.slug);
        return out;
    }
    std::int64_t count(const PublishedQuery& q) {
        auto counted = database_->read([&](Tx& tx) { return tx.articles().count_published(q); });
        if (!counted) throw std::runtime_error(counted.error().detail);
        return *counted;
    }

    TempDir dir_;
    std::unique_ptr<Database> database_;
    Seed seed_;
};

using Slugs = std::vector<std::string>;

TEST_F(ArticleStoreTest, EveryFieldSurvivesTheRoundTrip) {
    auto media_id =
        database_->write([&](Tx& tx) { return tx.media().insert_media(make_media(seed_.site_id, "ab12")); });
    ASSERT_TRUE(media_id);
    auto article = make_article(seed_, "hoi-nghi-lan-thu-26", ArticleStatus::Published, NOW - 60);
    article.cover_media_id = *media_id;
    article.featured = true;
    article.created_at = at(NOW - 3600);
    article.updated_at = at(NOW - 60);
    article.id = insert(article);

    auto found = database_->read([&](Tx& tx) { return tx.articles().find_article(article.id); });
    ASSERT_TRUE(found && found->has_value());
    const auto& a = **found;
    EXPECT_EQ(a.site_id, article.site_id);
    EXPECT_EQ(a.category_id, article.category_id);
    EXPECT_EQ(a.title, article.title);
    EXPECT_EQ(a.slug, article.slug);
    EXPECT_EQ(a.lead, article.lead);
    EXPECT_EQ(a.body_json, article.body_json);
    EXPECT_EQ(a.body_text, article.body_text);
    EXPECT_EQ(a.cover_media_id, article.cover_media_id);
    EXPECT_EQ(a.byline, "Lê Thơ-Hồng Tăng");
    EXPECT_EQ(a.source, "Trung tâm VHTT, TT&DL huyện");
    EXPECT_EQ(a.status, ArticleStatus::Published);
    EXPECT_TRUE(a.featured);
    EXPECT_EQ(a.published_at, at(NOW - 60));
    EXPECT_EQ(a.author_id, seed_.user_id);
    EXPECT_EQ(a.created_at, at(NOW - 3600));
    EXPECT_EQ(a.updated_at, at(NOW - 60));

    auto by_slug = database_->read(
        [&](Tx& tx) { return tx.articles().find_article_by_slug(seed_.site_id, "hoi-nghi-lan-thu-26"); });
    ASSERT_TRUE(by_slug && by_slug->has_value());
    EXPECT_EQ((*by_slug)->id, article.id);
}

TEST_F(ArticleStoreTest, ADraftKeepsNoPublicationDate) {
    auto id = insert(make_article(seed_, "ban-nhap", ArticleStatus::Draft, std::nullopt));
    auto found = database_->read([&](Tx& tx) { return tx.articles().find_article(id); });
    ASSERT_TRUE(found && found->has_value());
    EXPECT_EQ((*found)->status, ArticleStatus::Draft);
    EXPECT_FALSE((*found)->published_at.has_value());
    EXPECT_FALSE((*found)->cover_media_id.has_value());
}

TEST_F(ArticleStoreTest, ASlugTakenInTheSameSiteIsAConflictOnTheSlugField) {
    insert(make_article(seed_, "hoi-nghi", ArticleStatus::Draft, std::nullopt));
    auto again = database_->write([&](Tx& tx) {
        return tx.articles().insert_article(make_article(seed_, "hoi-nghi", ArticleStatus::Draft, std::nullopt));
    });
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, core::Errc::Conflict);
    EXPECT_EQ(again.error().field, "slug");

    auto exists = database_->read([&](Tx& tx) { return tx.articles().slug_exists(seed_.site_id, "hoi-nghi"); });
    ASSERT_TRUE(exists);
    EXPECT_TRUE(*exists);
    auto free = database_->read([&](Tx& tx) { return tx.articles().slug_exists(seed_.site_id, "khac"); });
    ASSERT_TRUE(free);
    EXPECT_FALSE(*free);

    // Another site may use the same slug.
    auto other = seed(*database_, "xuanlap.thoxuan.gov.vn");
    auto elsewhere = database_->write([&](Tx& tx) {
        return tx.articles().insert_article(make_article(other, "hoi-nghi", ArticleStatus::Draft, std::nullopt));
    });
    EXPECT_TRUE(elsewhere);
}

TEST_F(ArticleStoreTest, ACategoryOfAnotherSiteCannotHoldTheArticle) {
    auto other = seed(*database_, "xuanlap.thoxuan.gov.vn");
    auto article = make_article(seed_, "lac-cong", ArticleStatus::Draft, std::nullopt);
    article.category_id = other.category_id;
    auto inserted = database_->write([&](Tx& tx) { return tx.articles().insert_article(article); });
    ASSERT_FALSE(inserted);
    EXPECT_EQ(inserted.error().code, core::Errc::Conflict);
}

TEST_F(ArticleStoreTest, PublishedListingHidesDraftsPendingAndFutureArticles) {
    insert(make_article(seed_, "ban-nhap", ArticleStatus::Draft, std::nullopt));
    insert(make_article(seed_, "cho-duyet", ArticleStatus::Pending, std::nullopt));
    // A draft that once had a date (unpublished again) stays hidden.
    insert(make_article(seed_, "da-go", ArticleStatus::Draft, NOW - 100));
    publish("hen-gio", NOW + 1);
    publish("vua-dang", NOW);
    publish("hom-qua", NOW - 86400);

    EXPECT_EQ(slugs(query()), (Slugs{"vua-dang", "hom-qua"}));
    EXPECT_EQ(count(query()), 2);

    // When its time comes, the scheduled article appears.
    auto later = query();
    later.now = at(NOW + 1);
    EXPECT_EQ(slugs(later), (Slugs{"hen-gio", "vua-dang", "hom-qua"}));
}

TEST_F(ArticleStoreTest, PublishedListingIsNewestFirstAndPaginates) {
    publish("a", NOW - 500);
    publish("b", NOW - 100);
    publish("c", NOW - 300);
    publish("d", NOW - 100);  // same time as b, written later: a higher id comes first
    publish("e", NOW - 400);

    auto page = query();
    page.limit = 2;
    EXPECT_EQ(slugs(page), (Slugs{"d", "b"}));
    page.offset = 2;
    EXPECT_EQ(slugs(page), (Slugs{"c", "e"}));
    page.offset = 4;
    EXPECT_EQ(slugs(page), (Slugs{"a"}));
    page.offset = 6;
    EXPECT_EQ(slugs(page), Slugs{});
    EXPECT_EQ(count(page), 5);  // the count ignores the page
}

TEST_F(ArticleStoreTest, PublishedListingFiltersByCategoriesFeaturedAndExcludedArticle) {
    auto news = add_category("tin-tuc");
    auto culture = add_category("van-hoa");
    auto sport = add_category("the-thao");
    publish("tin-1", NOW - 10, false, news);
    auto featured_id = publish("tin-2", NOW - 20, true, news);
    publish("van-hoa-1", NOW - 30, true, culture);
    publish("the-thao-1", NOW - 40, false, sport);

    auto q = query();
    q.category_ids = {news};
    EXPECT_EQ(slugs(q), (Slugs{"tin-1", "tin-2"}));
    q.category_ids = {news, culture};
    EXPECT_EQ(slugs(q), (Slugs{"tin-1", "tin-2", "van-hoa-1"}));
    EXPECT_EQ(count(q), 3);

    q.featured = true;
    EXPECT_EQ(slugs(q), (Slugs{"tin-2", "van-hoa-1"}));
    q.featured = false;
    EXPECT_EQ(slugs(q), (Slugs{"tin-1"}));

    auto related = query();
    related.category_ids = {news};
    related.exclude_id = featured_id;
    EXPECT_EQ(slugs(related), (Slugs{"tin-1"}));
    EXPECT_EQ(count(related), 1);

    auto everything = query();
    everything.category_ids = {news, culture, sport};  // three ids, padded to four placeholders
    EXPECT_EQ(count(everything), 4);
}

TEST_F(ArticleStoreTest, PublishedListingOfOneSiteNeverShowsAnothersArticles) {
    auto other = seed(*database_, "xuanlap.thoxuan.gov.vn");
    publish("cua-huyen", NOW - 10);
    insert(make_article(other, "cua-xa", ArticleStatus::Published, NOW - 5));
    EXPECT_EQ(slugs(query()), (Slugs{"cua-huyen"}));
}

TEST_F(ArticleStoreTest, ListingRefusesLimitsOutsideTheAllowedRange) {
    auto q = query();
    q.limit = -1;  // SQLite would read this as "no limit"
    auto listed = database_->read([&](Tx& tx) { return tx.articles().list_published(q); });
    ASSERT_FALSE(listed);
    EXPECT_EQ(listed.error().code, core::Errc::InvalidInput);
    EXPECT_EQ(listed.error().field, "limit");
    q.limit = 100000;
    EXPECT_FALSE(database_->read([&](Tx& tx) { return tx.articles().list_published(q); }));
    q.limit = 10;
    q.offset = -5;
    EXPECT_FALSE(database_->read([&](Tx& tx) { return tx.articles().list_published(q); }));
    q.offset = 0;
    q.category_ids.assign(5000, seed_.category_id);
    EXPECT_FALSE(database_->read([&](Tx& tx) { return tx.articles().list_published(q); }));
}

TEST_F(ArticleStoreTest, UpdateChangesTheArticleAndUnknownIdsAreNotFound) {
    auto article = make_article(seed_, "ban-nhap", ArticleStatus::Draft, std::nullopt);
    article.id = insert(article);
    article.status = ArticleStatus::Published;
    article.published_at = at(NOW - 5);
    article.title = "Đã duyệt";
    article.updated_at = at(NOW);
    ASSERT_TRUE(database_->write([&](Tx& tx) { return tx.articles().update_article(article); }));
    EXPECT_EQ(slugs(query()), (Slugs{"ban-nhap"}));

    article.id = 424242;
    auto missing = database_->write([&](Tx& tx) { return tx.articles().update_article(article); });
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, core::Errc::NotFound);
    auto missing_delete = database_->write([&](Tx& tx) { return tx.articles().delete_article(424242); });
    ASSERT_FALSE(missing_delete);
    EXPECT_EQ(missing_delete.error().code, core::Errc::NotFound);
}

TEST_F(ArticleStoreTest, PublishedArticleWithoutADateIsRefused) {
    auto written = database_->write([&](Tx& tx) {
        return tx.articles().insert_article(make_article(seed_, "khong-ngay", ArticleStatus::Published, std::nullopt));
    });
    EXPECT_FALSE(written);
}

TEST_F(ArticleStoreTest, ArticleMediaIsReplacedAsAWholeAndGoesWithTheArticle) {
    std::vector<std::int64_t> media;
    for (auto hash : {"aa", "bb", "cc"}) {
        auto id = database_->write([&](Tx& tx) { return tx.media().insert_media(make_media(seed_.site_id, hash)); });
        ASSERT_TRUE(id);
        media.push_back(*id);
    }
    auto article_id = publish("co-anh", NOW - 10);
    auto list = [&] {
        auto ids = database_->read([&](Tx& tx) { return tx.articles().list_article_media(article_id); });
        if (!ids) throw std::runtime_error(ids.error().detail);
        return *ids;
    };
    ASSERT_TRUE(database_->write([&](Tx& tx) {
        return tx.articles().set_article_media(article_id, {media[2], media[0], media[2]});
    }));
    EXPECT_EQ(list(), (std::vector<std::int64_t>{media[0], media[2]}));
    ASSERT_TRUE(database_->write([&](Tx& tx) { return tx.articles().set_article_media(article_id, {media[1]}); }));
    EXPECT_EQ(list(), (std::vector<std::int64_t>{media[1]}));

    ASSERT_TRUE(database_->write([&](Tx& tx) { return tx.articles().delete_article(article_id); }));
    EXPECT_EQ(list(), std::vector<std::int64_t>{});
    auto gone = database_->read([&](Tx& tx) { return tx.articles().find_article(article_id); });
    ASSERT_TRUE(gone);
    EXPECT_FALSE(gone->has_value());
}

TEST_F(ArticleStoreTest, ListAllPublishedGivesEveryVisibleArticleWithoutBodies) {
    for (int i = 0; i < 30; ++i) publish("bai-" + std::to_string(i), NOW - 1000 + i);
    insert(make_article(seed_, "ban-nhap", ArticleStatus::Draft, std::nullopt));
    publish("hen-gio", NOW + 100);

    auto all = database_->read([&](Tx& tx) { return tx.articles().list_all_published(seed_.site_id, at(NOW)); });
    ASSERT_TRUE(all);
    ASSERT_EQ(all->size(), 30U);
    EXPECT_EQ(all->front().slug, "bai-29");
    EXPECT_EQ(all->back().slug, "bai-0");
    EXPECT_FALSE(all->front().title.empty());
    EXPECT_EQ(all->front().published_at, at(NOW - 971));
    EXPECT_TRUE(all->front().body_json.empty());
    EXPECT_TRUE(all->front().body_text.empty());
}

}  // namespace
}  // namespace cong::storage
