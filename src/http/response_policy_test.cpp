#include "http/response_policy.hpp"

#include <gtest/gtest.h>

#include <set>

#include <stdexcept>

using namespace cong::http;

namespace {

Request get(std::vector<Header> headers = {}, Method method = Method::Get) {
    Request request;
    request.method = method;
    request.path = "/";
    request.headers = std::move(headers);
    return request;
}

std::string long_page() { return std::string(2000, 'x') + "<p>Thọ Xuân</p>"; }

std::string header_of(const Response& response, std::string_view name) {
    const std::string* value = find_header(response, name);
    return value ? *value : "<absent>";
}

}  // namespace

TEST(ResponsePolicy, DefaultCacheControlDependsOnMethodAndStatus) {
    auto ok = Response::html("hi");
    apply_response_policy(get(), ok);
    EXPECT_EQ(ok.cache_control, "no-cache");

    auto created = Response::json("{}", 201);
    apply_response_policy(get({}, Method::Post), created);
    EXPECT_EQ(created.cache_control, "no-store");

    auto posted = Response::json("{}");
    apply_response_policy(get({}, Method::Post), posted);
    EXPECT_EQ(posted.cache_control, "no-store");

    auto own = Response::html("hi");
    own.cache_control = "public, max-age=300";
    apply_response_policy(get(), own);
    EXPECT_EQ(own.cache_control, "public, max-age=300");
}

TEST(ResponsePolicy, EtagIsStrongAndStableForTheSameBody) {
    auto first = Response::html("hello");
    auto second = Response::html("hello");
    apply_response_policy(get(), first);
    apply_response_policy(get(), second);
    auto tag = header_of(first, "ETag");
    EXPECT_EQ(tag.size(), 18u);
    EXPECT_EQ(tag.front(), '"');
    EXPECT_EQ(tag, header_of(second, "ETag"));
    EXPECT_EQ(tag, strong_etag("hello"));
}

TEST(ResponsePolicy, MatchingIfNoneMatchGivesEmpty304) {
    auto response = Response::html("hello");
    apply_response_policy(get({{"If-None-Match", "\"other\", W/" + strong_etag("hello")}}), response);
    EXPECT_EQ(response.status, 304);
    EXPECT_TRUE(response.body.empty());
    EXPECT_EQ(header_of(response, "ETag"), strong_etag("hello"));

    auto star = Response::html("hello");
    apply_response_policy(get({{"If-None-Match", "*"}}), star);
    EXPECT_EQ(star.status, 304);

    auto changed = Response::html("hello again");
    apply_response_policy(get({{"If-None-Match", strong_etag("hello")}}), changed);
    EXPECT_EQ(changed.status, 200);
}

TEST(ResponsePolicy, CompressesWithTheClientsPreferenceAndTagsTheVariant) {
    auto response = Response::html(long_page());
    apply_response_policy(get({{"Accept-Encoding", "gzip, br"}}), response);
    EXPECT_EQ(header_of(response, "Content-Encoding"), "br");
    EXPECT_EQ(header_of(response, "Vary"), "Accept-Encoding");
    auto tag = header_of(response, "ETag");
    EXPECT_EQ(tag, strong_etag(long_page()).insert(17, "-br"));
    EXPECT_LT(response.body.size(), long_page().size());

    auto again = Response::html(long_page());
    apply_response_policy(get({{"Accept-Encoding", "gzip, br"}, {"If-None-Match", tag}}), again);
    EXPECT_EQ(again.status, 304);
}

TEST(ResponsePolicy, SmallOrBinaryOrErrorBodiesStayIdentity) {
    auto small = Response::html("<p>ngắn</p>");
    apply_response_policy(get({{"Accept-Encoding", "br"}}), small);
    EXPECT_EQ(header_of(small, "Content-Encoding"), "<absent>");
    EXPECT_EQ(header_of(small, "Vary"), "<absent>");

    Response image;
    image.content_type = "image/jpeg";
    image.body = long_page();
    apply_response_policy(get({{"Accept-Encoding", "br"}}), image);
    EXPECT_EQ(header_of(image, "Content-Encoding"), "<absent>");

    auto missing = Response::html(long_page(), 404);
    apply_response_policy(get({{"Accept-Encoding", "br"}}), missing);
    EXPECT_EQ(header_of(missing, "Content-Encoding"), "<absent>");
    EXPECT_EQ(header_of(missing, "ETag"), "<absent>");
}

TEST(ResponsePolicy, HandlersOwnEtagIsKeptAndSuffixed) {
    auto response = Response::html(long_page());
    response.header("ETag", "\"article-42-v7\"");
    apply_response_policy(get({{"Accept-Encoding", "gzip"}}), response);
    EXPECT_EQ(header_of(response, "ETag"), "\"article-42-v7-gz\"");
    EXPECT_EQ(header_of(response, "Content-Encoding"), "gzip");
}

TEST(ResponsePolicy, NoStoreResponsesGetNoEtag) {
    auto response = Response::text("ok");
    response.cache_control = "no-store";
    apply_response_policy(get(), response);
    EXPECT_EQ(header_of(response, "ETag"), "<absent>");
}

TEST(ResponsePolicy, HeaderInjectionFromAHandlerIsAFault) {
    auto response = Response::redirect("/x\r\nSet-Cookie: stolen=1");
    EXPECT_THROW(apply_response_policy(get(), response), std::logic_error);
    auto bad_name = Response::html("x");
    bad_name.header("X Bad", "1");
    EXPECT_THROW(apply_response_policy(get(), bad_name), std::logic_error);
}

TEST(ResponsePolicy, FramingHeadersFromHandlersAreDropped) {
    auto response = Response::html("x");
    response.header("Content-Length", "999").header("Connection", "close").header("Content-Type", "text/css");
    apply_response_policy(get(), response);
    EXPECT_EQ(header_of(response, "Content-Length"), "<absent>");
    EXPECT_EQ(header_of(response, "Connection"), "<absent>");
    EXPECT_EQ(response.content_type, "text/css");
}

TEST(ResponsePolicy, StandardHeadersKeepAHandlersFramePolicy) {
    auto response = Response::html("x");
    response.header("X-Frame-Options", "DENY");
    add_standard_headers(response, "0123456789abcdef");
    EXPECT_EQ(header_of(response, "X-Frame-Options"), "DENY");
    EXPECT_EQ(header_of(response, "X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(header_of(response, "Referrer-Policy"), "strict-origin-when-cross-origin");
    EXPECT_EQ(header_of(response, "Server"), "cong");
    EXPECT_EQ(header_of(response, "X-Request-Id"), "0123456789abcdef");
    EXPECT_EQ(header_of(response, "Date").substr(header_of(response, "Date").size() - 4), " GMT");
}

TEST(ResponsePolicy, EveryAnswerForbidsInlineScriptFramingByOthersAndUnusedFeatures) {
    auto response = Response::html("x");
    add_standard_headers(response, "r");
    std::string csp = header_of(response, "Content-Security-Policy");
    EXPECT_NE(csp.find("script-src 'self';"), std::string::npos);
    EXPECT_NE(csp.find("style-src 'self';"), std::string::npos);
    EXPECT_NE(csp.find("frame-ancestors 'self'"), std::string::npos);
    EXPECT_NE(csp.find("object-src 'none'"), std::string::npos);
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
    EXPECT_EQ(csp.find("upgrade-insecure-requests"), std::string::npos);  // plain HTTP: nothing to upgrade to
    EXPECT_NE(header_of(response, "Permissions-Policy").find("geolocation=()"), std::string::npos);
    EXPECT_EQ(header_of(response, "Strict-Transport-Security"), "<absent>");
    EXPECT_EQ(header_of(response, "X-XSS-Protection"), "0");
}

TEST(ResponsePolicy, HttpsPortalsAskBrowsersToStayOnHttps) {
    auto response = Response::html("x");
    add_standard_headers(response, "r", true);
    EXPECT_EQ(header_of(response, "Strict-Transport-Security"), "max-age=31536000; includeSubDomains");
    EXPECT_NE(header_of(response, "Content-Security-Policy").find("upgrade-insecure-requests"), std::string::npos);
}

TEST(ResponsePolicy, TheHeadOnTheWireCarriesEachStandardHeaderOnceAndTheFraming) {
    auto response = Response::html("<p>x</p>");
    response.header("X-Frame-Options", "DENY");
    std::string head;
    write_head(head, response, "OK", 11, true, response.body_size(), "abc", false);
    EXPECT_TRUE(head.starts_with("HTTP/1.1 200 OK\r\n"));
    EXPECT_TRUE(head.ends_with("\r\n\r\n"));
    EXPECT_NE(head.find("\r\nContent-Length: 8\r\n"), std::string::npos);
    EXPECT_NE(head.find("\r\nContent-Type: text/html; charset=utf-8\r\n"), std::string::npos);
    EXPECT_NE(head.find("\r\nX-Request-Id: abc\r\n"), std::string::npos);
    EXPECT_NE(head.find("\r\nX-Frame-Options: DENY\r\n"), std::string::npos);
    EXPECT_EQ(head.find("SAMEORIGIN"), std::string::npos);  // the handler's own policy, not a second one
    EXPECT_EQ(head.find("Connection:"), std::string::npos);  // HTTP/1.1 keeps the connection by default
    EXPECT_EQ(head.find("Strict-Transport-Security"), std::string::npos);
}

TEST(ResponsePolicy, TheHeadOnTheWireSaysWhenTheConnectionEnds) {
    auto response = Response::html("x");
    std::string closing;
    write_head(closing, response, "OK", 11, false, 1, "r", true);
    EXPECT_NE(closing.find("\r\nConnection: close\r\n"), std::string::npos);
    EXPECT_NE(closing.find("\r\nStrict-Transport-Security: "), std::string::npos);
    std::string old_client;
    write_head(old_client, response, "OK", 10, true, 1, "r", false);
    EXPECT_TRUE(old_client.starts_with("HTTP/1.0 200 OK\r\n"));
    EXPECT_NE(old_client.find("\r\nConnection: keep-alive\r\n"), std::string::npos);
    // A 304 has neither a body nor its length or type.
    Response not_modified;
    not_modified.status = 304;
    std::string bodyless;
    write_head(bodyless, not_modified, "Not Modified", 11, true, std::nullopt, "r", false);
    EXPECT_EQ(bodyless.find("\r\nContent-Length:"), std::string::npos);
    EXPECT_EQ(bodyless.find("\r\nContent-Type:"), std::string::npos);
}

TEST(ResponsePolicy, AnyChangedByteOfAPageGivesItANewEtag) {
    std::string page(18'000, 'a');
    for (std::size_t i = 0; i < page.size(); ++i) page[i] = static_cast<char>('a' + i % 23);
    std::set<std::string> tags{strong_etag(page)};
    for (std::size_t position : {std::size_t{0}, std::size_t{7}, std::size_t{8}, std::size_t{9000}, page.size() - 1}) {
        std::string changed = page;
        changed[position] = '#';
        tags.insert(strong_etag(changed));
    }
    tags.insert(strong_etag(page + "a"));
    tags.insert(strong_etag(page.substr(0, page.size() - 1)));
    EXPECT_EQ(tags.size(), 8u);
    EXPECT_EQ(strong_etag(page), strong_etag(std::string(page)));  // the same bytes, the same tag
}

TEST(ResponsePolicy, IfNoneMatchParsingIsStrictAboutQuotes) {
    EXPECT_TRUE(if_none_match_matches("\"a,b\", \"c\"", "\"c\""));
    EXPECT_TRUE(if_none_match_matches("\"a,b\"", "W/\"a,b\""));
    EXPECT_FALSE(if_none_match_matches("c", "\"c\""));
    EXPECT_FALSE(if_none_match_matches("\"c", "\"c\""));
    EXPECT_FALSE(if_none_match_matches("", "\"c\""));
}
