#include "search/test_corpus.hpp"

#include "storage/sqlite/sqlite_database.hpp"
#include "storage/sqlite/sqlite_test_support.hpp"

#include <stdexcept>
#include <stdlib.h>

namespace cong::search::testing {

TestCorpus::TestCorpus(std::filesystem::path directory, Engine engine) : directory_(std::move(directory)) {
    if (directory_.empty()) {
        std::string pattern = (std::filesystem::temp_directory_path() / "cong-search-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
        directory_ = pattern;
        owned_ = true;
    }
    core::StorageConfig config;
    config.data_dir = directory_.string();
    auto opened = engine == Engine::Sqlite ? storage::open_sqlite(config, true)
                                           : storage::test_support::open_test_database(config);
    if (!opened) throw std::runtime_error("opening the corpus database failed: " + opened.error().detail);
    database_ = std::move(*opened);
    auto ids = database_->write([&](storage::Tx& tx) -> core::Result<void> {
        model::Site site;
        site.name = "Cổng thông tin điện tử huyện Thọ Xuân";
        site.host = "";
        CONG_TRY(site_id, tx.sites().insert_site(site));
        site_id_ = site_id;
        auto category = [&](const char* name, const char* slug, std::optional<std::int64_t> parent) {
            model::Category c;
            c.site_id = site_id_;
            c.name = name;
            c.slug = slug;
            c.parent_id = parent;
            return tx.categories().insert_category(c);
        };
        CONG_TRY(news, category("Tin tức", "tin-tuc", std::nullopt));
        CONG_TRY(commune, category("Tin xã", "tin-xa", news));
        CONG_TRY(notices, category("Thông báo", "thong-bao", std::nullopt));
        news_id_ = news;
        commune_news_id_ = commune;
        notices_id_ = notices;
        return {};
    });
    if (!ids) throw std::runtime_error("seeding the corpus failed: " + ids.error().detail);
}

TestCorpus::~TestCorpus() {
    database_.reset();
    if (owned_) {
        std::error_code ignored;
        std::filesystem::remove_all(directory_, ignored);
    }
}

core::Result<std::int64_t> TestCorpus::add(storage::Tx& tx, const CorpusArticle& input) {
    model::Article article;
    article.site_id = site_id_;
    article.category_id = input.category == "tin-xa"      ? commune_news_id_
                          : input.category == "thong-bao" ? notices_id_
                                                          : news_id_;
    article.title = input.title;
    article.slug = "bai-" + std::to_string(next_slug_++);
    article.lead = input.lead;
    article.body_json = R"({"type":"doc","content":[]})";
    article.body_text = input.body;
    article.status = input.status;
    article.published_at = input.published_at ? std::optional<core::Timestamp>(core::Timestamp{
                                                    std::chrono::seconds{*input.published_at}})
                                              : std::nullopt;
    article.created_at = article.updated_at = core::Timestamp{std::chrono::seconds{1'600'000'000}};
    CONG_TRY(id, tx.articles().insert_article(article));
    article.id = id;
    CONG_TRY_VOID(tx.search().index_article(article, input.captions));
    return id;
}

std::int64_t TestCorpus::add(const CorpusArticle& article) {
    auto id = database_->write([&](storage::Tx& tx) { return add(tx, article); });
    if (!id) throw std::runtime_error("adding an article failed: " + id.error().detail);
    return *id;
}

}  // namespace cong::search::testing
