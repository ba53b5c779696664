#include "storage/sqlite/sqlite_database.hpp"
#include "storage/sqlite/sqlite_test_support.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

namespace cong::storage {
namespace {

using namespace test_support;
using model::ArticleStatus;

constexpr std::int64_t NOW = 1'712'100'000;

// An article and its cover photo, written in one transaction: a consistent copy has both or neither.
Result<void> write_article_with_photo(Tx& tx, const Seed& seed, int n) {
    auto media = make_media(seed.site_id, "hash-" + std::to_string(n));
    CONG_TRY(media_id, tx.media().insert_media(media));
    auto article = make_article(seed, "bai-" + std::to_string(n), ArticleStatus::Published, NOW - n);
    article.cover_media_id = media_id;
    // Some weight, so the copy takes many backup steps while the writer runs.
    article.body_text = std::string(2000, 'x');
    CONG_TRY(article_id, tx.articles().insert_article(article));
    return tx.articles().set_article_media(article_id, {media_id});
}

void write_text_file(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

TEST(Backup, CopyWhileAnotherThreadWritesHoldsEveryRowCommittedBeforeItAndIsConsistent) {
    TempDir dir;
    auto database = open_sqlite_database(dir.path());
    auto seed_rows = seed(*database);
    ASSERT_TRUE(database->write([&](Tx& tx) -> Result<void> {
        for (int n = 0; n < 3000; ++n) CONG_TRY_VOID(write_article_with_photo(tx, seed_rows, n));
        return {};
    }));

    std::atomic<int> committed = 3000;
    std::atomic<bool> stop = false;
    std::atomic<int> write_failures = 0;
    std::thread writer([&] {
        for (int n = 3000; !stop; ++n) {
            if (database->write([&](Tx& tx) { return write_article_with_photo(tx, seed_rows, n); })) {
                committed = n + 1;
            } else {
                ++write_failures;
            }
        }
    });
    // Let the writer get going, then copy.
    while (committed < 3010) std::this_thread::yield();
    int committed_before = committed;
    auto copy_dir = dir.file("copy");
    std::filesystem::create_directories(copy_dir);
    auto backed_up = database->backup_to(sqlite_path(copy_dir));
    int committed_after = committed;
    stop = true;
    writer.join();

    ASSERT_TRUE(backed_up) << backed_up.error().detail;
    EXPECT_EQ(write_failures, 0);
    EXPECT_TRUE(check_cong_database(sqlite_path(copy_dir)));
    EXPECT_FALSE(std::filesystem::exists(sqlite_path(copy_dir) + "-wal")) << "a backup is one self-contained file";

    auto copy = open_sqlite(test_config(copy_dir), false);
    ASSERT_TRUE(copy) << copy.error().detail;
    std::int64_t articles = 0;
    std::int64_t linked = 0;
    ASSERT_TRUE((*copy)->read([&](Tx& tx) -> Result<void> {
        PublishedQuery query;
        query.site_id = seed_rows.site_id;
        query.now = at(NOW);
        CONG_TRY(count, tx.articles().count_published(query));
        articles = count;
        auto all = tx.articles().list_all_published(seed_rows.site_id, at(NOW));
        if (!all) return all.error();
        for (const auto& article : *all) {
            CONG_TRY(media, tx.articles().list_article_media(article.id));
            if (media.size() == 1 && article.cover_media_id == media.front()) ++linked;
        }
        return {};
    }));
    EXPECT_GE(articles, committed_before);
    EXPECT_LE(articles, committed_after);
    EXPECT_EQ(linked, articles) << "every copied article has its photo: the copy is one snapshot";
}

TEST(Backup, RefusesToOverwriteAnExistingFile) {
    TempDir dir;
    auto database = open_sqlite_database(dir.path());
    auto target = dir.file("existing.db");
    write_text_file(target, "keep me");
    auto backed_up = database->backup_to(target);
    ASSERT_FALSE(backed_up);
    EXPECT_EQ(backed_up.error().code, core::Errc::Conflict);
    std::ifstream in(target);
    std::string content;
    std::getline(in, content);
    EXPECT_EQ(content, "keep me");
}

TEST(Backup, IntoAMissingDirectoryFailsAndLeavesNothing) {
    TempDir dir;
    auto database = open_sqlite_database(dir.path());
    auto target = dir.file("no/such/dir/backup.db");
    auto backed_up = database->backup_to(target);
    ASSERT_FALSE(backed_up);
    EXPECT_EQ(backed_up.error().code, core::Errc::InvalidInput);
    EXPECT_FALSE(std::filesystem::exists(target));
}

TEST(CheckCongDatabase, AcceptsALiveCongDatabase) {
    TempDir dir;
    auto database = open_sqlite_database(dir.path());
    auto checked = check_cong_database(sqlite_path(dir.path()));
    EXPECT_TRUE(checked) << checked.error().detail;
}

TEST(CheckCongDatabase, RefusesATextFile) {
    TempDir dir;
    auto path = dir.file("notes.txt");
    write_text_file(path, "Đây là một tệp văn bản, không phải cơ sở dữ liệu.\n");
    auto checked = check_cong_database(path);
    ASSERT_FALSE(checked);
    EXPECT_EQ(checked.error().code, core::Errc::InvalidInput);
    EXPECT_NE(checked.error().detail.find("SQLite"), std::string::npos) << checked.error().detail;
}

TEST(CheckCongDatabase, RefusesAnEmptyFile) {
    TempDir dir;
    auto path = dir.file("empty.db");
    write_text_file(path, "");
    auto checked = check_cong_database(path);
    ASSERT_FALSE(checked);
    EXPECT_EQ(checked.error().code, core::Errc::InvalidInput);
}

TEST(CheckCongDatabase, RefusesAMissingFileAndADirectory) {
    TempDir dir;
    auto missing = check_cong_database(dir.file("missing.db"));
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, core::Errc::InvalidInput);
    auto directory = check_cong_database(dir.path());
    ASSERT_FALSE(directory);
    EXPECT_EQ(directory.error().code, core::Errc::InvalidInput);
}

TEST(CheckCongDatabase, RefusesAnotherApplicationsSqliteDatabase) {
    TempDir dir;
    auto path = dir.file("other.db");
    make_foreign_database(path);
    auto checked = check_cong_database(path);
    ASSERT_FALSE(checked);
    EXPECT_EQ(checked.error().code, core::Errc::InvalidInput);
    EXPECT_NE(checked.error().detail.find("không phải của Cổng"), std::string::npos) << checked.error().detail;
}

TEST(CheckCongDatabase, RefusesADamagedCopy) {
    TempDir dir;
    auto database = open_sqlite_database(dir.path());
    auto seed_rows = seed(*database);
    ASSERT_TRUE(database->write([&](Tx& tx) -> Result<void> {
        for (int n = 0; n < 200; ++n) CONG_TRY_VOID(write_article_with_photo(tx, seed_rows, n));
        return {};
    }));
    auto copy = dir.file("copy.db");
    ASSERT_TRUE(database->backup_to(copy));
    ASSERT_TRUE(check_cong_database(copy));

    // Scribble over the middle of the file, where the article pages are.
    auto size = std::filesystem::file_size(copy);
    {
        std::fstream file(copy, std::ios::in | std::ios::out | std::ios::binary);
        file.seekp(static_cast<std::streamoff>(size / 2));
        std::string garbage(16384, '\xA5');
        file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
    }
    auto checked = check_cong_database(copy);
    ASSERT_FALSE(checked);
    EXPECT_EQ(checked.error().code, core::Errc::InvalidInput);
}

}  // namespace
}  // namespace cong::storage
