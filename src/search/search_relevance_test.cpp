// The relevance suite: tests/fixtures/search_relevance.json — documents, queries and the results
// expected for every case of issue 4 — run against the real store, index and SearchService.
#include "search/search_service.hpp"
#include "search/test_corpus.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

namespace cong::search {
namespace {

namespace json = boost::json;

json::value load_fixture() {
    const char* source = std::getenv("CONG_SOURCE_DIR");
    std::string root = source ? source : CONG_SOURCE_DIR_FALLBACK;
    std::ifstream in(root + "/tests/fixtures/search_relevance.json");
    if (!in) throw std::runtime_error("cannot read tests/fixtures/search_relevance.json under " + root);
    std::stringstream text;
    text << in.rdbuf();
    return json::parse(text.str());
}

std::string str(const json::object& o, const char* key, const char* fallback = "") {
    auto* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : fallback;
}

std::vector<std::string> keys(const json::object& o, const char* key) {
    std::vector<std::string> out;
    if (auto* v = o.if_contains(key))
        for (auto& k : v->as_array()) out.push_back(std::string(k.as_string()));
    return out;
}

model::ArticleStatus status_of(const std::string& s) {
    return s == "draft" ? model::ArticleStatus::Draft
           : s == "pending" ? model::ArticleStatus::Pending
                            : model::ArticleStatus::Published;
}

core::Timestamp seconds(std::int64_t s) { return core::Timestamp{std::chrono::seconds{s}}; }

TEST(SearchRelevance, EveryCaseOfTheSuiteFindsWhatItShould) {
    auto fixture = load_fixture().as_object();
    testing::TestCorpus corpus;
    std::map<std::int64_t, std::string> key_of;
    for (auto& d : fixture.at("documents").as_array()) {
        auto& o = d.as_object();
        testing::CorpusArticle article;
        article.title = str(o, "title");
        article.lead = str(o, "lead");
        article.body = str(o, "body");
        article.captions = str(o, "captions");
        article.category = str(o, "category", "tin-tuc");
        article.status = status_of(str(o, "status", "published"));
        auto& at = o.at("published_at");
        article.published_at = at.is_null() ? std::nullopt : std::optional<std::int64_t>(at.to_number<std::int64_t>());
        key_of[corpus.add(article)] = str(o, "key");
    }
    SearchService service(corpus.database(), corpus.site_id());
    auto now = seconds(fixture.at("now").to_number<std::int64_t>());

    int cases = 0;
    for (auto& c : fixture.at("cases").as_array()) {
        auto& o = c.as_object();
        std::string name = str(o, "name");
        SCOPED_TRACE(name + " — query: " + str(o, "query"));
        SearchRequest request;
        request.query = str(o, "query");
        request.category_slug = str(o, "category");
        if (auto* f = o.if_contains("from")) request.from = seconds(f->to_number<std::int64_t>());
        if (auto* u = o.if_contains("until")) request.until = seconds(u->to_number<std::int64_t>());
        auto results = service.search(request, now);
        ASSERT_TRUE(results) << results.error().detail;
        std::vector<std::string> found;
        for (auto& r : results->results) found.push_back(key_of[r.article.id]);
        std::string listed;
        for (auto& k : found) listed += k + " ";
        SCOPED_TRACE("found: " + listed);

        auto first = keys(o, "first");
        ASSERT_GE(found.size(), first.size());
        for (std::size_t i = 0; i < first.size(); ++i) EXPECT_EQ(found[i], first[i]) << "position " << i;
        for (auto& k : keys(o, "contains"))
            EXPECT_NE(std::find(found.begin(), found.end(), k), found.end()) << "missing " << k;
        for (auto& k : keys(o, "absent"))
            EXPECT_EQ(std::find(found.begin(), found.end(), k), found.end()) << "unexpected " << k;
        if (auto* before = o.if_contains("before")) {
            for (auto& pair : before->as_array()) {
                auto a = std::find(found.begin(), found.end(), std::string(pair.as_array()[0].as_string()));
                auto b = std::find(found.begin(), found.end(), std::string(pair.as_array()[1].as_string()));
                EXPECT_TRUE(a != found.end() && a < b) << pair.as_array()[0].as_string() << " should come before "
                                                        << pair.as_array()[1].as_string();
            }
        }
        if (auto* total = o.if_contains("total")) {
            EXPECT_EQ(results->total, total->to_number<std::int64_t>());
        }
        ++cases;
    }
    EXPECT_GE(cases, 30);
}

}  // namespace
}  // namespace cong::search
