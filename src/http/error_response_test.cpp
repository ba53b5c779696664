#include "http/error_response.hpp"

#include <gtest/gtest.h>

using namespace cong::http;

TEST(ErrorResponse, ApiPathsGetJsonErrors) {
    auto response = error_response("/api/v1/articles", 413);
    EXPECT_EQ(response.status, 413);
    EXPECT_EQ(response.content_type, "application/json; charset=utf-8");
    EXPECT_EQ(response.body,
              "{\"error\":{\"code\":\"payload_too_large\",\"message\":\"Nội dung gửi lên quá lớn.\"}}");
    EXPECT_EQ(response.cache_control, "no-store");
}

TEST(ErrorResponse, PagesGetVietnameseText) {
    auto response = error_response("/bai-viet/x", 404);
    EXPECT_EQ(response.content_type, "text/plain; charset=utf-8");
    EXPECT_EQ(response.body, "Không tìm thấy trang.\n");
}

TEST(ErrorResponse, ServiceErrorsKeepTheirDetailAndField) {
    Request request;
    request.path = "/api/v1/articles";
    request.request_id = "abc";
    auto response = respond_error(request, {cong::core::Errc::Conflict, "Đường dẫn \"tin-moi\" đã được dùng.", "slug"});
    EXPECT_EQ(response.status, 409);
    EXPECT_EQ(response.body,
              "{\"error\":{\"code\":\"conflict\",\"message\":\"Đường dẫn \\\"tin-moi\\\" đã được dùng.\","
              "\"field\":\"slug\"}}");
}

TEST(ErrorResponse, FaultsNeverShowTheirDetail) {
    Request request;
    request.path = "/";
    auto response = respond_error(request, {cong::core::Errc::Internal, "sqlite: disk I/O error at /var/lib/x"});
    EXPECT_EQ(response.status, 500);
    EXPECT_EQ(response.body.find("sqlite"), std::string::npos);
}

TEST(ErrorResponse, JsonQuoteEscapesControlCharacters) {
    EXPECT_EQ(json_quote("a\"b\\c\n\x01"), "\"a\\\"b\\\\c\\n\\u0001\"");
}
