#include "http/router.hpp"

#include "http/rate_limiter.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

using namespace cong::http;

namespace {

Handler answering(std::string text) {
    return [text](const Request&) { return Response::text(text); };
}

std::string call(const Router::Match& match) {
    if (!match.handler) return "<none>";
    return (*match.handler)(Request{}).body;
}

}  // namespace

TEST(Router, MatchesLiteralAndParameterSegments) {
    Router router;
    router.get("/", answering("home"));
    router.get("/bai-viet/{slug}", answering("article"));
    router.get("/api/v1/articles/{id}", answering("api article"));

    EXPECT_EQ(call(router.match(Method::Get, "/")), "home");
    auto match = router.match(Method::Get, "/bai-viet/hoi-nghi-lan-thu-26");
    EXPECT_EQ(call(match), "article");
    EXPECT_EQ(match.pattern, "/bai-viet/{slug}");
    ASSERT_EQ(match.params.size(), 1u);
    EXPECT_EQ(match.params[0].first, "slug");
    EXPECT_EQ(match.params[0].second, "hoi-nghi-lan-thu-26");
    EXPECT_EQ(router.match(Method::Get, "/api/v1/articles/42").params[0].second, "42");
}

TEST(Router, ParameterNeverSpansSegmentsOrMatchesEmpty) {
    Router router;
    router.get("/bai-viet/{slug}", answering("article"));
    EXPECT_EQ(router.match(Method::Get, "/bai-viet/a/b").handler, nullptr);
    EXPECT_EQ(router.match(Method::Get, "/bai-viet/").handler, nullptr);
    EXPECT_EQ(router.match(Method::Get, "/bai-viet").handler, nullptr);
}

TEST(Router, ParameterAfterLiteralPrefixInsideASegment) {
    Router router;
    router.get("/static/{file}", answering("static"));
    router.get("/anh/goc-{name}", answering("original"));
    EXPECT_EQ(call(router.match(Method::Get, "/static/site.css")), "static");
    auto match = router.match(Method::Get, "/anh/goc-22 (3).jpg");
    EXPECT_EQ(call(match), "original");
    EXPECT_EQ(match.params[0].second, "22 (3).jpg");
    EXPECT_EQ(router.match(Method::Get, "/anh/goc-").handler, nullptr);
    EXPECT_EQ(router.match(Method::Get, "/anh/nho-1.jpg").handler, nullptr);
}

TEST(Router, LiteralRouteWinsOverParameterWhateverTheOrder) {
    Router router;
    router.get("/api/v1/articles/{id}", answering("by id"));
    router.get("/api/v1/articles/new", answering("new"));
    EXPECT_EQ(call(router.match(Method::Get, "/api/v1/articles/new")), "new");
    EXPECT_EQ(call(router.match(Method::Get, "/api/v1/articles/7")), "by id");
}

TEST(Router, HeadIsAnsweredByGetRoutes) {
    Router router;
    router.get("/rss.xml", answering("feed"));
    auto match = router.match(Method::Head, "/rss.xml");
    EXPECT_EQ(call(match), "feed");
    EXPECT_TRUE(match.allowed.empty());
}

TEST(Router, WrongMethodListsTheAllowedOnes) {
    Router router;
    router.get("/api/v1/articles/{id}", answering("get"));
    router.put("/api/v1/articles/{id}", answering("put"));
    router.del("/api/v1/articles/{id}", answering("delete"));
    auto match = router.match(Method::Post, "/api/v1/articles/3");
    EXPECT_EQ(match.handler, nullptr);
    EXPECT_EQ(match.allowed, (std::vector<Method>{Method::Get, Method::Put, Method::Delete, Method::Head}));
}

TEST(Router, UnknownPathIsNeitherMatchNorMethodError) {
    Router router;
    router.get("/", answering("home"));
    auto match = router.match(Method::Get, "/khong-co");
    EXPECT_EQ(match.handler, nullptr);
    EXPECT_TRUE(match.allowed.empty());
    EXPECT_EQ(router.not_found(), nullptr);
    router.set_not_found(answering("404 page"));
    ASSERT_NE(router.not_found(), nullptr);
    EXPECT_EQ((*router.not_found())(Request{}).body, "404 page");
}

TEST(Router, RouteBodyLimitIsReported) {
    Router router;
    router.post("/api/v1/media", answering("upload"), {.max_body_bytes = 25 * 1024 * 1024});
    router.post("/api/v1/articles", answering("article"));
    EXPECT_EQ(router.match(Method::Post, "/api/v1/media").max_body_bytes, 25u * 1024 * 1024);
    EXPECT_EQ(router.match(Method::Post, "/api/v1/articles").max_body_bytes, 0u);
}

TEST(Router, MalformedPatternsAreRefusedAtStartup) {
    Router router;
    EXPECT_THROW(router.get("no-slash", answering("x")), std::invalid_argument);
    EXPECT_THROW(router.get("/a/{}", answering("x")), std::invalid_argument);
    EXPECT_THROW(router.get("/a/{id}.html", answering("x")), std::invalid_argument);
    EXPECT_THROW(router.get("/a/{id", answering("x")), std::invalid_argument);
}

TEST(Router, ALimitIsPutOnTheRoutesItNamesAndNoOthers) {
    Router router;
    router.get("/tim-kiem", answering("search"));
    router.get("/api/v1/search", answering("api search"));
    router.post("/api/v1/articles", answering("create"));
    router.get("/api/v1/articles/{id}", answering("read"));
    RateLimiter writes("api_writes", {.per_second = 1, .burst = 1});
    router.limit({Method::Post, Method::Put, Method::Delete}, "/api/v1/", &writes);
    EXPECT_EQ(router.match(Method::Post, "/api/v1/articles").limit, &writes);
    EXPECT_EQ(router.match(Method::Get, "/api/v1/articles/7").limit, nullptr);
    EXPECT_EQ(router.match(Method::Get, "/tim-kiem").limit, nullptr);
}
