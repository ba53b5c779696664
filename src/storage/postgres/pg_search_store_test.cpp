#include "storage/postgres/pg_search_store.hpp"

#include "storage/sqlite/sqlite_test_support.hpp"

#include <gtest/gtest.h>

namespace cong::storage::postgres {
namespace {

SearchTerm word(std::string folded, std::vector<std::string> exact = {}) {
    SearchTerm term;
    term.words = {std::move(folded)};
    term.exact = std::move(exact);
    return term;
}

TEST(PgSearchDocument, FieldsCarryTheirWeightAndWordsWithDiacriticsAlsoTheirExactKey) {
    // A gap before each field: title at 2–3 (A), lead at 5 (B), body at 7–8 (C); "Thọ" also holds "tho5" at 2.
    EXPECT_EQ(tsvector_literal("Thọ Xuân", "Lúa", "Lúa xuân", ""),
              "'tho':2A 'tho5':2A 'xuan':3A,8C 'xuân':3A,8C 'lua':5B,7C 'lua1':5B,7C");
    // A word without diacritics is its own exact key: it is written once.
    EXPECT_EQ(tsvector_literal("Thanh Hóa", "", "", ""), "'thanh':2A 'hoa':3A 'hoa1':3A");
    EXPECT_EQ(tsvector_literal("", "", "", ""), "");
}

TEST(PgSearchDocument, ALexemeKeepsAtMost256PositionsAndPositionsStopAtTheLimit) {
    std::string body;
    for (int i = 0; i < 20000; ++i) body += "lua ";
    auto literal = tsvector_literal("", "", body, "");
    // 256 positions of one lexeme, comma-separated, the last no higher than PostgreSQL's 16383.
    EXPECT_EQ(std::count(literal.begin(), literal.end(), ','), 255);
    EXPECT_EQ(literal.rfind("'lua':", 0), 0u);
}

TEST(PgSearchQuery, PartsAreJoinedByAndWithPhrasesPrefixesExactKeysAndSynonyms) {
    SearchTerm phrase;
    phrase.words = {"nong", "thon", "moi"};
    phrase.exact = {"nông", "thôn", "mơi1"};
    phrase.synonyms = {{"ntm"}};
    auto prefix = word("thuo");
    prefix.prefix = true;
    EXPECT_EQ(tsquery_text({phrase, prefix}),
              "(('nong' <-> 'thon' <-> 'moi') | ('nông' <-> 'thôn' <-> 'mơi1') | 'ntm') & ('thuo':*)");
    // Quotes and backslashes stay inside the lexeme: nothing typed becomes tsquery syntax.
    EXPECT_EQ(tsquery_text({word("a'b\\c")}), "('a''b\\\\c')");
}

// Against a real server: the literals the store writes and the queries it runs are what PostgreSQL
// reads, and an exact phrase matches across exact and folded keys at the same positions.
TEST(PgSearchQuery, TheServerReadsTheLiteralsAndMatchesExactPhrasesOverFoldedWords) {
    if (!test_support::testing_postgres()) GTEST_SKIP() << "needs CONG_TEST_POSTGRES_URL";
    auto connection = PgConnection::open(test_support::postgres_test_url());
    ASSERT_TRUE(connection) << connection.error().detail;
    auto matches = [&](const std::string& document, const std::vector<SearchTerm>& terms) {
        auto found = (*connection)->query_int64("SELECT CASE WHEN $1::tsvector @@ $2::tsquery THEN 1 ELSE 0 END",
                                                {PgParam(document), PgParam(tsquery_text(terms))});
        EXPECT_TRUE(found) << found.error().detail;
        return found && *found == 1;
    };
    auto document = tsvector_literal("Tỉnh Thanh Hóa", "", "Nông thôn mới", "");
    SearchTerm thanh_hoa;
    thanh_hoa.words = {"thanh", "hoa"};
    thanh_hoa.exact = {"thanh", "hoa1"};
    EXPECT_TRUE(matches(document, {thanh_hoa}));
    SearchTerm exact_only;
    exact_only.words = {"xxx"};  // no folded match: only the exact phrase can match
    exact_only.exact = {"thanh", "hoa1"};
    EXPECT_TRUE(matches(document, {exact_only}));
    exact_only.exact = {"thanh", "hoa2"};
    EXPECT_FALSE(matches(document, {exact_only}));
    // No phrase spans two fields: the title's last word and the body's first are not adjacent.
    SearchTerm across;
    across.words = {"hoa", "nong"};
    EXPECT_FALSE(matches(document, {across}));
    auto prefix = word("tho");
    prefix.prefix = true;
    EXPECT_TRUE(matches(document, {prefix}));
}

}  // namespace
}  // namespace cong::storage::postgres
