#include "http/request_target.hpp"

#include <gtest/gtest.h>

using namespace cong::http;

TEST(RequestTarget, SplitsAndDecodesPathKeepingQueryRaw) {
    auto target = parse_target("/tim-ki%E1%BA%BFm?q=n%C3%B4ng+th%C3%B4n&page=2");
    ASSERT_TRUE(target);
    EXPECT_EQ(target->path, "/tim-kiếm");
    EXPECT_EQ(target->query, "q=n%C3%B4ng+th%C3%B4n&page=2");
}

TEST(RequestTarget, PlusInPathStaysAPlus) {
    auto target = parse_target("/anh/22+(3).jpg");
    ASSERT_TRUE(target);
    EXPECT_EQ(target->path, "/anh/22+(3).jpg");
}

TEST(RequestTarget, AbsoluteFormIsReducedToItsPath) {
    auto target = parse_target("http://example.vn/bai-viet/x?y=1");
    ASSERT_TRUE(target);
    EXPECT_EQ(target->path, "/bai-viet/x");
    EXPECT_EQ(target->query, "y=1");
    EXPECT_EQ(parse_target("HTTPS://example.vn")->path, "/");
}

TEST(RequestTarget, TraversalIsRefusedHoweverItIsSpelled) {
    for (std::string_view bad : {"/a/../b", "/..", "/./x", "/static/..%2f..%2fetc/passwd", "/static/%2e%2e/secret",
                                 "/static/%2E%2E%2Fsecret", "/x/.%2e/y", "/static/..", "/a/%2e/b"}) {
        auto target = parse_target(bad);
        ASSERT_FALSE(target) << bad;
        EXPECT_EQ(target.error().code, cong::core::Errc::InvalidInput) << bad;
    }
}

TEST(RequestTarget, BackslashesNulControlBytesAndBadEscapesAreRefused) {
    for (std::string_view bad : {"/static/..\\..\\etc", "/static/%5c..%5cetc", "/a%00b", "/a%0d%0aSet-Cookie:x",
                                 "/a%zz", "/a%4", "/%C3%28", "/%FF"}) {
        EXPECT_FALSE(parse_target(bad)) << bad;
    }
}

TEST(RequestTarget, DotsInsideNamesAreFine) {
    EXPECT_TRUE(parse_target("/static/site.min.css"));
    EXPECT_TRUE(parse_target("/a/...b/c"));
    EXPECT_TRUE(parse_target("/.well-known/security.txt"));
}

TEST(RequestTarget, AnythingButAnAbsolutePathIsRefused) {
    EXPECT_FALSE(parse_target(""));
    EXPECT_FALSE(parse_target("*"));
    EXPECT_FALSE(parse_target("bai-viet"));
    EXPECT_FALSE(parse_target("http://example.vn?x=1"));
}
