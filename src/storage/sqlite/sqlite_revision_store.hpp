// SQLite revision and editorial stores: the saved versions of articles and the back office's article queries.
#pragma once

#include "storage/revision_store.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

namespace cong::storage::sqlite {

class SqliteRevisionStore final : public RevisionStore {
public:
    explicit SqliteRevisionStore(Connection& connection) : connection_(connection) {}
    Result<int> insert_revision(const model::ArticleRevision& revision) override;
    Result<void> update_revision(const model::ArticleRevision& revision) override;
    Result<std::optional<model::ArticleRevision>> find_revision(std::int64_t article_id, int number) override;
    Result<std::optional<model::ArticleRevision>> latest_revision(std::int64_t article_id) override;
    Result<std::vector<model::ArticleRevision>> list_revisions(std::int64_t article_id) override;

private:
    Connection& connection_;
};

class SqliteEditorialStore final : public EditorialStore {
public:
    explicit SqliteEditorialStore(Connection& connection) : connection_(connection) {}
    Result<std::vector<model::Article>> list_articles(const ArticleListQuery& query) override;
    Result<std::int64_t> count_articles(const ArticleListQuery& query) override;
    Result<std::vector<std::int64_t>> list_due_scheduled(std::int64_t site_id, core::Timestamp now, int limit) override;

private:
    Connection& connection_;
};

}  // namespace cong::storage::sqlite
