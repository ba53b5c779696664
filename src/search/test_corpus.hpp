// Test corpus: a real database with one site, two categories and articles written through the real store
// and index, for the search tests (SQLite, or PostgreSQL under CONG_TEST_POSTGRES_URL) and the benchmark.
#pragma once

#include "model/article.hpp"
#include "storage/database.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace cong::search::testing {

struct CorpusArticle {
    std::string title;
    std::string lead;
    std::string body;
    std::string captions;
    std::string category = "tin-tuc";  // "tin-tuc" or its child "tin-xa", or "thong-bao"
    model::ArticleStatus status = model::ArticleStatus::Published;
    std::optional<std::int64_t> published_at = 1'700'000'000;  // unix seconds
};

// Which engine holds the corpus: the tests' (storage::test_support::open_test_database: SQLite, or a fresh
// PostgreSQL database when CONG_TEST_POSTGRES_URL is set), or SQLite whatever the environment says.
enum class Engine { Tests, Sqlite };

class TestCorpus {
public:
    // directory empty: a fresh temporary directory, removed at the end.
    explicit TestCorpus(std::filesystem::path directory = {}, Engine engine = Engine::Tests);
    ~TestCorpus();
    TestCorpus(const TestCorpus&) = delete;
    TestCorpus& operator=(const TestCorpus&) = delete;

    storage::Database& database() { return *database_; }
    std::int64_t site_id() const { return site_id_; }
    const std::filesystem::path& directory() const { return directory_; }

    // Inserts and indexes one article in its own transaction; returns its id.
    std::int64_t add(const CorpusArticle& article);
    // The same inside a transaction the caller holds (the benchmark writes thousands per transaction).
    core::Result<std::int64_t> add(storage::Tx& tx, const CorpusArticle& article);

private:
    std::filesystem::path directory_;
    bool owned_ = false;
    std::unique_ptr<storage::Database> database_;
    std::int64_t site_id_ = 0;
    std::int64_t news_id_ = 0, commune_news_id_ = 0, notices_id_ = 0;
    std::int64_t next_slug_ = 1;
};

}  // namespace cong::search::testing
