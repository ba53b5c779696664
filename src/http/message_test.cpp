#include "http/message.hpp"

#include <gtest/gtest.h>

using namespace cong::http;

namespace {

Request request_with(std::string query, std::vector<Header> headers = {}) {
    Request request;
    request.query = std::move(query);
    request.headers = std::move(headers);
    return request;
}

}  // namespace

TEST(Request, QueryParameterDecodesVietnameseAndPlusAsSpace) {
    auto request = request_with("q=n%C3%B4ng+th%C3%B4n+m%E1%BB%9Bi&page=2");
    EXPECT_EQ(request.query_param("q"), "nông thôn mới");
    EXPECT_EQ(request.query_param("page"), "2");
    EXPECT_EQ(request.query_param("missing"), std::nullopt);
}

TEST(Request, QueryParameterNamesAreDecodedToo) {
    auto request = request_with("ch%E1%BB%A7+%C4%91%E1%BB%81=Th%E1%BB%8D%20Xu%C3%A2n");
    EXPECT_EQ(request.query_param("chủ đề"), "Thọ Xuân");
}

TEST(Request, FirstRepeatedQueryParameterWinsAndEmptyValuesCount) {
    auto request = request_with("a=1&a=2&flag&b=");
    EXPECT_EQ(request.query_param("a"), "1");
    EXPECT_EQ(request.query_param("flag"), "");
    EXPECT_EQ(request.query_param("b"), "");
}

TEST(Request, MalformedOrNonUtf8QueryValueIsAbsent) {
    auto request = request_with("bad=%E1%BB&broken=%zz&ok=1");
    EXPECT_EQ(request.query_param("bad"), std::nullopt);
    EXPECT_EQ(request.query_param("broken"), std::nullopt);
    EXPECT_EQ(request.query_param("ok"), "1");
}

TEST(Request, HeaderLookupIgnoresCaseAndReturnsTheFirst) {
    auto request = request_with("", {{"Accept-Encoding", "br"}, {"accept-encoding", "gzip"}});
    EXPECT_EQ(request.header("ACCEPT-ENCODING"), "br");
    EXPECT_EQ(request.header("Cookie"), std::nullopt);
}

TEST(Request, CookiesAreFoundAcrossHeadersAndUnquoted) {
    auto request = request_with("", {{"Cookie", "theme=dark; session=abc123"}, {"cookie", "csrf=\"x y\""}});
    EXPECT_EQ(request.cookie("session"), "abc123");
    EXPECT_EQ(request.cookie("theme"), "dark");
    EXPECT_EQ(request.cookie("csrf"), "x y");
    EXPECT_EQ(request.cookie("sess"), std::nullopt);
}

TEST(Request, PathParameterIsEmptyWhenTheRouteHasNone) {
    Request request;
    request.path_params = {{"slug", "tin-moi"}};
    EXPECT_EQ(request.param("slug"), "tin-moi");
    EXPECT_EQ(request.param("id"), "");
}

TEST(PercentDecode, RejectsTruncatedAndNonHexEscapes) {
    EXPECT_EQ(percent_decode("%", false), std::nullopt);
    EXPECT_EQ(percent_decode("abc%4", false), std::nullopt);
    EXPECT_EQ(percent_decode("%g1", false), std::nullopt);
    EXPECT_EQ(percent_decode("%C3%B4", false), "ô");
    EXPECT_EQ(percent_decode("a+b", false), "a+b");
    EXPECT_EQ(percent_decode("a+b", true), "a b");
    EXPECT_EQ(percent_decode("%00", false), std::string(1, '\0'));
}

TEST(PercentEncode, KeepsUnreservedAndRoundTripsVietnamese) {
    EXPECT_EQ(percent_encode("a-b_c.d~"), "a-b_c.d~");
    EXPECT_EQ(percent_encode("nông thôn/?&"), "n%C3%B4ng%20th%C3%B4n%2F%3F%26");
    EXPECT_EQ(percent_decode(percent_encode("Chiến lược - Định Hướng"), false), "Chiến lược - Định Hướng");
}

TEST(Urlencoded, ParsesFormBodiesInOrder) {
    auto pairs = parse_urlencoded("title=Tin+m%E1%BB%9Bi&bad=%ZZ&tag=a&tag=b");
    ASSERT_EQ(pairs.size(), 3u);
    EXPECT_EQ(pairs[0], (std::pair<std::string, std::string>{"title", "Tin mới"}));
    EXPECT_EQ(pairs[2].second, "b");
}

TEST(Response, FactoriesSetStatusTypeAndLocation) {
    EXPECT_EQ(Response::json("{}").content_type, "application/json; charset=utf-8");
    EXPECT_EQ(Response::text("ok", 201).status, 201);
    EXPECT_EQ(Response::html("<p>").content_type, "text/html; charset=utf-8");
    auto redirect = Response::redirect("/dang-nhap");
    EXPECT_EQ(redirect.status, 303);
    ASSERT_EQ(redirect.headers.size(), 1u);
    EXPECT_EQ(redirect.headers[0].name, "Location");
    EXPECT_EQ(redirect.headers[0].value, "/dang-nhap");
}

TEST(Method, NamesAreTheWireTokens) {
    EXPECT_EQ(to_string(Method::Get), "GET");
    EXPECT_EQ(to_string(Method::Delete), "DELETE");
    EXPECT_EQ(to_string(Method::Other), "OTHER");
}

TEST(Method, WireTokensMapBackAndUnknownOrLowerCaseOnesAreOther) {
    for (Method method : {Method::Get, Method::Head, Method::Post, Method::Put, Method::Delete, Method::Patch,
                          Method::Options}) {
        EXPECT_EQ(method_from_string(to_string(method)), method);
    }
    EXPECT_EQ(method_from_string("get"), Method::Other);
    EXPECT_EQ(method_from_string("PROPFIND"), Method::Other);
    EXPECT_EQ(method_from_string(""), Method::Other);
}

TEST(Request, RepeatedHeadersAreJoinedAsOneList) {
    Request request;
    request.headers = {{"X-Forwarded-For", "6.6.6.6"}, {"Host", "a"}, {"x-forwarded-for", "198.51.100.2, 10.0.0.1"}};
    EXPECT_EQ(request.header_list("X-Forwarded-For"), "6.6.6.6,198.51.100.2, 10.0.0.1");
    EXPECT_EQ(request.header_list("Cookie"), "");
}
