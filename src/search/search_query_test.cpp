#include "search/search_query.hpp"
#include "storage/sqlite/sqlite_search_store.hpp"

#include <gtest/gtest.h>

namespace cong::search {
namespace {

SynonymIndex synonyms() {
    return SynonymIndex::from({{"NTM", "nông thôn mới"}, {"HĐND", "hội đồng nhân dân"}, {"KT-XH", "kinh tế xã hội"}});
}

std::string match(std::string_view text) {
    auto parsed = parse_query(text, synonyms());
    EXPECT_TRUE(parsed) << text;
    return parsed ? storage::sqlite::fts5_match(search_terms(*parsed)) : "";
}

TEST(SearchQuery, WordsAreQuotedAndTheLastOneIsAPrefix) {
    EXPECT_EQ(match("nong thon"),
              "{title lead body captions} : \"nong\" AND {title lead body captions} : \"thon\" *");
    EXPECT_EQ(match("nong thon "),
              "{title lead body captions} : \"nong\" AND {title lead body captions} : \"thon\"");
    // One or two letters are too little to expand.
    EXPECT_EQ(match("nong x"), "{title lead body captions} : \"nong\" AND {title lead body captions} : \"x\"");
    EXPECT_EQ(match("nong th"), "{title lead body captions} : \"nong\" AND {title lead body captions} : \"th\"");
    EXPECT_EQ(match("nong tho"), "{title lead body captions} : \"nong\" AND {title lead body captions} : \"tho\" *");
}

TEST(SearchQuery, WordsWithDiacriticsAlsoMatchTheirExactKey) {
    EXPECT_EQ(match("mới "), "({title lead body captions} : \"moi\" OR exact : \"mơi1\")");
    EXPECT_EQ(match("mới"), "({title lead body captions} : \"moi\" * OR exact : \"mơi1\")");
    EXPECT_EQ(match("Thanh Hoá "), match("Thanh Hóa "));
}

TEST(SearchQuery, QuotedWordsFormAPhraseAndAnUnbalancedQuoteRunsToTheEnd) {
    EXPECT_EQ(match("\"le hoi\" lam"),
              "{title lead body captions} : \"le hoi\" AND {title lead body captions} : \"lam\" *");
    EXPECT_EQ(match("\"le hoi"), "{title lead body captions} : \"le hoi\"");
    EXPECT_EQ(match("\"\""), "");
}

TEST(SearchQuery, AbbreviationsMatchTheirFullFormBothWays) {
    EXPECT_EQ(match("NTM"), "({title lead body captions} : \"ntm\" OR {title lead body captions} : \"nong thon moi\")");
    auto full = match("nong thon moi");
    EXPECT_EQ(full, "({title lead body captions} : \"nong thon moi\" OR {title lead body captions} : \"ntm\")");
    EXPECT_EQ(match("HDND"), match("HĐND").substr(0, 0) + match("HDND"));
    EXPECT_NE(match("HĐND").find("\"hoi dong nhan dan\""), std::string::npos);
    // A multi-word abbreviation cannot be matched as one word and is left out of the list.
    EXPECT_EQ(synonyms().entries.size(), 2u);
}

TEST(SearchQuery, SyntaxCharactersAndInjectionAreOrdinarySeparators) {
    for (const char* text : {"*", "\"", ":", "NEAR(a b)", "title: x", "'; DROP TABLE articles; --", "a OR b", "(((", "^x"}) {
        auto parsed = parse_query(text, synonyms());
        ASSERT_TRUE(parsed) << text;
        auto expression = storage::sqlite::fts5_match(search_terms(*parsed));
        // Every word is inside quotes: outside them only our own operators and column filters remain.
        std::string outside;
        bool in = false;
        for (char c : expression) {
            if (c == '"') in = !in;
            else if (!in) outside += c;
        }
        for (const char* allowed : {"{title lead body captions} : ", " AND ", " OR ", "exact : ", " *", "(", ")"}) {
            for (auto at = outside.find(allowed); at != std::string::npos; at = outside.find(allowed))
                outside.erase(at, std::string_view(allowed).size());
        }
        EXPECT_EQ(outside, "") << text << " → " << expression;
    }
}

TEST(SearchQuery, TermsCarryFoldedWordsExactKeysPrefixAndSynonymsForEveryEngine) {
    auto parsed = parse_query("\"Lễ hội\" NTM thuo", synonyms());
    ASSERT_TRUE(parsed);
    auto terms = search_terms(*parsed);
    ASSERT_EQ(terms.size(), 3u);
    EXPECT_EQ(terms[0].words, (std::vector<std::string>{"le", "hoi"}));
    EXPECT_EQ(terms[0].exact, (std::vector<std::string>{"lê4", "hôi5"}));
    EXPECT_FALSE(terms[0].prefix);
    EXPECT_EQ(terms[1].words, (std::vector<std::string>{"ntm"}));
    EXPECT_TRUE(terms[1].exact.empty());  // typed without diacritics: nothing beyond the folded word
    ASSERT_EQ(terms[1].synonyms.size(), 1u);
    EXPECT_EQ(terms[1].synonyms[0], (std::vector<std::string>{"nong", "thon", "moi"}));
    EXPECT_TRUE(terms[2].prefix);
    auto full = parse_query("nông thôn mới ", synonyms());
    ASSERT_TRUE(full);
    auto joined = search_terms(*full);
    ASSERT_EQ(joined.size(), 1u);
    EXPECT_EQ(joined[0].words, (std::vector<std::string>{"nong", "thon", "moi"}));
    EXPECT_EQ(joined[0].synonyms, (std::vector<std::vector<std::string>>{{"ntm"}}));
}

TEST(SearchQuery, BadInputIsRefusedWithAClearMessage) {
    auto too_long = parse_query(std::string(10 * 1024, 'a'), synonyms());
    ASSERT_FALSE(too_long);
    EXPECT_EQ(too_long.error().code, core::Errc::InvalidInput);
    EXPECT_NE(too_long.error().detail.find("quá dài"), std::string::npos);
    auto invalid = parse_query("nong \xff\xfe", synonyms());
    ASSERT_FALSE(invalid);
    EXPECT_EQ(invalid.error().field, "q");
    std::string many;
    for (int i = 0; i < 30; ++i) many += "a ";
    EXPECT_FALSE(parse_query(many, synonyms()));
    auto empty = parse_query("   ", synonyms());
    ASSERT_TRUE(empty);
    EXPECT_TRUE(empty->empty());
}

TEST(SearchQuery, HighlightTermsCoverWordsPrefixesAndSynonyms) {
    auto parsed = parse_query("NTM thuy", synonyms());
    ASSERT_TRUE(parsed);
    auto terms = highlight_terms(*parsed);
    EXPECT_TRUE(terms.matches("ntm"));
    EXPECT_TRUE(terms.matches("thon"));
    EXPECT_TRUE(terms.matches("thuyen"));
    EXPECT_FALSE(terms.matches("thu"));
}

}  // namespace
}  // namespace cong::search
