// PgSearchStore: the search index on PostgreSQL — a weighted tsvector per article, built by Cổng from the
// same folded keys as the SQLite index, matched by a tsquery built from storage::SearchTerms.
#pragma once

#include "storage/postgres/pg_connection.hpp"
#include "storage/stores.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace cong::storage::postgres {

// The tsvector literal of an article (migration 0003, PostgreSQL): the folded keys of title (weight A),
// lead (B), body and captions (C), each word at its own position, a gap between fields so that no phrase
// spans two; a word typed with diacritics also holds its exact key at the same position, so an exact
// phrase may mix exact and folded keys ("thanh <-> hoa1").
std::string tsvector_literal(std::string_view title, std::string_view lead, std::string_view body,
                             std::string_view captions);

// The tsquery of a non-empty query: parts joined by &, each part its folded words (a phrase with <->, a
// prefix with :*) | its exact keys | each synonym phrase. Every lexeme is quoted: nothing typed is syntax.
std::string tsquery_text(const std::vector<SearchTerm>& terms);

class PgSearchStore final : public SearchStore {
public:
    explicit PgSearchStore(PgConnection& connection) : connection_(connection) {}
    Result<void> index_article(const model::Article& article, std::string_view captions) override;
    Result<void> remove_article(std::int64_t article_id) override;
    Result<std::vector<SearchHit>> search(const SearchQuery& query) override;
    Result<std::int64_t> count(const SearchQuery& query) override;
    Result<std::vector<SearchSynonym>> list_synonyms() override;
    Result<void> set_synonym(const SearchSynonym& synonym) override;
    Result<void> remove_synonym(std::string_view abbreviation) override;

private:
    PgConnection& connection_;
};

}  // namespace cong::storage::postgres
